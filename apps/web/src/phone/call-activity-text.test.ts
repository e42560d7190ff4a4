import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { activityText } from '../desk/activity-text';
import en from '../i18n/en.json';
import fa from '../i18n/fa.json';
import phoneEn from '../i18n/phone.en.json';
import phoneFa from '../i18n/phone.fa.json';

const line = (activity: Record<string, unknown>, bodyText = 'server text') => ({
  activity,
  bodyText,
  author: { type: 'system' as const, id: null, name: 'Switchboard' },
});

/** The phone's timeline lines read in the reader's language, with their own digits. */
describe('call activity lines', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({
      resources: { en: { translation: en, phone: phoneEn }, fa: { translation: fa, phone: phoneFa } },
      lng: 'en',
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    });
  });
  const text = async (lng: 'en' | 'fa', activity: Record<string, unknown>) => {
    await i18n.changeLanguage(lng);
    return activityText(line(activity) as Parameters<typeof activityText>[0], i18n.t);
  };

  it('an answered call, with its duration', async () => {
    const ended = { action: 'call.ended', state: 'completed', durationSeconds: 65 };
    expect(await text('en', ended)).toBe('Call ended (1m 05s)');
    expect(await text('fa', ended)).toBe('تماس پایان یافت (۱ دقیقه و ۵ ثانیه)');
  });

  it('a missed call and its callback task', async () => {
    expect(await text('en', { action: 'call.ended', state: 'abandoned', durationSeconds: null })).toBe(
      'Caller hung up before an agent answered',
    );
    expect(await text('fa', { action: 'call.ended', state: 'voicemail', durationSeconds: null })).toBe(
      'تماس‌گیرنده پیام صوتی گذاشت',
    );
    expect(await text('en', { action: 'call.callback', missedCalls: 1 })).toBe('Callback task opened for this caller.');
    expect(await text('fa', { action: 'call.callback', missedCalls: 3 })).toBe(
      'کار تماس برگشتی: ۳ تماس از دست رفته از این تماس‌گیرنده.',
    );
  });

  it('a filed call result with notes and the next action', async () => {
    const result = {
      action: 'call.result',
      result: 'order_taken',
      notes: 'Two tents.',
      nextAction: 'Send the invoice',
    };
    expect(await text('en', result)).toBe('Call result: Order taken.\nTwo tents.\nNext: Send the invoice');
    expect(await text('fa', result)).toContain('اقدام بعدی: Send the invoice');
  });
});
