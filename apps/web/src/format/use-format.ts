import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

/** Persian users get Persian digits and the Solar Hijri calendar; everyone gets their own locale's shapes. */
const intlLocale = (language: string): string => (language === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB');

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

export type Formatters = ReturnType<typeof createFormatters>;

const createFormatters = (language: string) => {
  const locale = intlLocale(language);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const unit = (name: 'minute' | 'hour' | 'day') =>
    new Intl.NumberFormat(locale, {
      style: 'unit',
      unit: name,
      // Persian has no narrow hour symbol (it prints "۲۱h"), so it gets the short words.
      unitDisplay: language === 'fa' ? 'short' : 'narrow',
      maximumFractionDigits: 0,
    });
  const minutes = unit('minute');
  const hours = unit('hour');
  const days = unit('day');
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' });

  const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(iso)),
    time: (iso: string) => time.format(new Date(iso)),
    /** Today's entries show only the time; older ones the date and time. */
    smart: (iso: string, now = Date.now()) => {
      const value = new Date(iso);
      return sameDay(value, new Date(now)) ? time.format(value) : dateTime.format(value);
    },
    number: (value: number) => integer.format(value),
    /** A compact elapsed time like "12m", "3h", "2d" for the desk's waiting column. */
    elapsed: (iso: string, now: number) => {
      const ms = Math.max(0, now - new Date(iso).getTime());
      if (ms < hour) return minutes.format(Math.floor(ms / minute));
      if (ms < day) return hours.format(Math.floor(ms / hour));
      return days.format(Math.floor(ms / day));
    },
    /** "5 minutes ago"-style, for last activity. */
    ago: (iso: string, now: number) => {
      const ms = new Date(iso).getTime() - now;
      if (Math.abs(ms) < hour) return relative.format(Math.round(ms / minute), 'minute');
      if (Math.abs(ms) < day) return relative.format(Math.round(ms / hour), 'hour');
      if (Math.abs(ms) < 30 * day) return relative.format(Math.round(ms / day), 'day');
      return date.format(new Date(iso));
    },
  };
};

export const useFormat = (): Formatters => {
  const { i18n } = useTranslation();
  return useMemo(() => createFormatters(i18n.language), [i18n.language]);
};
