import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import {
  kbItems,
  phoneCallbackTasks,
  phoneCallEvents,
  phoneCalls,
  phoneClientSettings,
  phoneLines,
  phoneQueues,
} from '../db/schema.js';
import { createKbItem } from '../kb/index.js';
import type { DemoClient } from './demo-people.js';

/**
 * The demo's phone credentials. They only work against this installation: Acme's line is a Twilio
 * line whose webhooks you can sign with this token (curl or the browser tests play Twilio), Golestan's
 * a PBX reporting through the generic CTI URL `/api/v1/phone/cti/<token>`.
 */
export const demoPhone = {
  acme: {
    accountSid: `AC${createHash('sha256').update('acme').digest('hex').slice(0, 32)}`,
    authToken: 'demo-acme-twilio-auth-token',
  },
  golestan: { ctiToken: 'demo-golestan-pbx-token-0123456789' },
} as const;

const settings = {
  acme: {
    consentNotice: 'This call may be recorded for quality and training.',
    greeting: 'Thanks for calling Acme Outdoor. An outfitter will be with you shortly.',
    callbackDueMinutes: 30,
  },
  golestan: {
    consentNotice: 'این تماس برای بهبود کیفیت خدمات ضبط می‌شود.',
    greeting: 'با فروشگاه گل گلستان تماس گرفته‌اید. لطفاً چند لحظه منتظر بمانید.',
    callbackDueMinutes: 60,
  },
};

const golestanScript = `<p>سلام، فروشگاه گل گلستان، [نام شما] هستم. چطور می‌توانم کمکتان کنم؟</p>
<ol><li>شماره‌ی سفارش یا شماره‌ی موبایل مشتری را بپرسید.</li><li>نشانی و ساعت تحویل را تأیید کنید.</li><li>پیش از پایان تماس، خلاصه‌ی درخواست را تکرار کنید.</li></ol>`;

type PhoneDemoInput = {
  client: DemoClient;
  clientId: string;
  inboxId: string;
  agentIds: string[];
  /** The knowledge base seed's items, by key: Acme's call script is one of them. */
  knowledge: Map<string, Partial<Record<'en' | 'fa', string>>>;
  now: Date;
};

/** A line and queue per client, its call script, and calls on the demo's phone conversations. */
export async function seedPhoneDemo(tx: DbOrTx, input: PhoneDemoInput): Promise<{ calls: number; callbacks: number }> {
  const { client, clientId, now } = input;
  const slug = client.slug;
  await tx.insert(phoneClientSettings).values({
    clientId,
    consentNotice: settings[slug].consentNotice,
    retentionDays: 365,
    callbackDueMinutes: settings[slug].callbackDueMinutes,
  });
  const [queue] = await tx
    .insert(phoneQueues)
    .values({ clientId, name: client.inboxNames.phone, maxWaitSeconds: 180 })
    .returning();
  const scriptGroupId = await scriptFor(tx, input);
  const [line] = await tx
    .insert(phoneLines)
    .values({
      clientId,
      inboxId: input.inboxId,
      number: client.phoneNumber,
      name: client.inboxNames.phone,
      provider: slug === 'acme' ? 'twilio' : 'cti',
      accountSid: slug === 'acme' ? demoPhone.acme.accountSid : null,
      authToken: slug === 'acme' ? demoPhone.acme.authToken : null,
      ctiTokenHash: slug === 'golestan' ? createHash('sha256').update(demoPhone.golestan.ctiToken).digest('hex') : null,
      greeting: settings[slug].greeting,
      queueId: queue!.id,
      scriptGroupId,
      language: client.locale,
    })
    .returning();

  // The demo's phone conversations get their calls: an open one tagged "callback" was missed.
  const threads = await queryRows<{
    id: string;
    contact_id: string;
    phone: string;
    created_at: Date | string;
    status: string;
    tags: string[];
    assignee_id: string | null;
  }>(
    tx,
    sql`SELECT c.id, c.contact_id, ct.phone, c.created_at, c.status, c.tags, c.assignee_id
        FROM conversations c JOIN contacts ct ON ct.client_id = c.client_id AND ct.id = c.contact_id
        WHERE c.client_id = ${clientId} AND c.channel = 'phone' AND ct.phone IS NOT NULL
        ORDER BY c.created_at DESC LIMIT 24`,
  );
  let callbacks = 0;
  const results = ['information_given', 'order_taken', 'resolved', 'appointment_booked'] as const;
  for (const [index, thread] of threads.entries()) {
    const startedAt = new Date(thread.created_at);
    const missed = thread.status !== 'resolved' && thread.tags.includes('callback');
    const agentId = thread.assignee_id ?? input.agentIds[index % input.agentIds.length] ?? null;
    const duration = 60 + ((index * 37) % 420);
    const [call] = await tx
      .insert(phoneCalls)
      .values({
        clientId,
        lineId: line!.id,
        queueId: queue!.id,
        conversationId: thread.id,
        contactId: thread.contact_id,
        direction: 'inbound',
        provider: line!.provider,
        providerCallId: `demo-${clientId.slice(0, 8)}-${index}`,
        fromNumber: thread.phone,
        toNumber: client.phoneNumber,
        state: missed ? (index % 2 ? 'voicemail' : 'abandoned') : 'completed',
        agentId: missed ? null : agentId,
        startedAt,
        queuedAt: startedAt,
        answeredAt: missed ? null : new Date(startedAt.getTime() + 20_000),
        endedAt: new Date(startedAt.getTime() + (missed ? 45_000 : 20_000 + duration * 1000)),
        durationSeconds: missed ? 0 : duration,
        resultCode: missed ? null : results[index % results.length],
        resultNotes: missed
          ? null
          : client.locale === 'fa'
            ? 'پاسخ داده شد؛ جزئیات در گفتگو.'
            : 'Answered; details in the conversation.',
        resultAt: missed ? null : new Date(startedAt.getTime() + 30_000 + duration * 1000),
        lastEventAt: startedAt,
      })
      .returning();
    await tx.insert(phoneCallEvents).values([
      {
        clientId,
        callId: call!.id,
        providerEventId: `demo:${call!.id}:inbound`,
        type: 'inbound',
        state: 'ringing',
        applied: true,
        at: startedAt,
      },
      {
        clientId,
        callId: call!.id,
        providerEventId: `demo:${call!.id}:end`,
        type: 'status',
        state: call!.state,
        applied: true,
        at: call!.endedAt!,
      },
    ]);
    if (missed) {
      const [task] = await tx
        .insert(phoneCallbackTasks)
        .values({
          clientId,
          contactId: thread.contact_id,
          conversationId: thread.id,
          lineId: line!.id,
          callerNumber: thread.phone,
          lastMissedAt: call!.endedAt!,
          dueAt: new Date(
            Math.max(now.getTime() - 3_600_000, call!.endedAt!.getTime() + settings[slug].callbackDueMinutes * 60_000),
          ),
        })
        .onConflictDoNothing()
        .returning();
      if (task) {
        callbacks += 1;
        await tx
          .update(phoneCalls)
          .set({ callbackTaskId: task.id })
          .where(and(eq(phoneCalls.clientId, clientId), eq(phoneCalls.id, call!.id)));
      }
    }
  }
  return { calls: threads.length, callbacks };
}

async function scriptFor(tx: DbOrTx, input: PhoneDemoInput): Promise<string | null> {
  const acmeScript = input.knowledge.get('acme.script-greeting')?.en;
  const itemId =
    acmeScript ??
    (input.client.slug === 'golestan'
      ? (
          await createKbItem(tx, {
            clientId: input.clientId,
            editor: { scope: 'system', name: 'Switchboard' },
            input: { kind: 'script', language: 'fa', title: 'متن پاسخگویی تلفن فروشگاه', body: golestanScript },
          })
        ).id
      : null);
  if (!itemId) return null;
  const [item] = await tx
    .select({ groupId: kbItems.groupId })
    .from(kbItems)
    .where(and(eq(kbItems.clientId, input.clientId), eq(kbItems.id, itemId)));
  return item?.groupId ?? null;
}
