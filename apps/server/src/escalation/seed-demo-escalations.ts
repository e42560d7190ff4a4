import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { appendTimelineEntries, setDeskFlag, type TimelineEntry } from '../conversations/index.js';
import { type DbOrTx, queryRows } from '../db/index.js';
import { escalations } from '../db/schema.js';

type DemoEscalation = { question: string; answer?: string };
type DemoSet = { open: DemoEscalation; answered: Required<DemoEscalation>; overdue: DemoEscalation };

const demoSets: Record<string, DemoSet> = {
  acme: {
    open: {
      question:
        'The customer wants to exchange a Trailhead 2 tent for the 3-person model 45 days after purchase. Our policy says 30 days — may we make an exception?',
    },
    answered: {
      question: 'Do you ship replacement tent poles to Canada, and who pays the customs fees?',
      answer:
        'Yes, we ship poles to Canada with Canada Post. We cover customs on warranty replacements; for paid orders the customer pays them.',
    },
    overdue: {
      question:
        'Is the restock date of the Summit rain jacket (size M, blue) confirmed? The customer needs it before a trip.',
    },
  },
  golestan: {
    open: { question: 'مشتری می‌پرسد آیا ارسال دسته‌گل به شیراز در روز جمعه ممکن است؟ هزینهٔ ارسال چقدر است؟' },
    answered: {
      question: 'برای سفارش عمدهٔ ۵۰ سبد گل برای یک همایش، تخفیف می‌دهید؟',
      answer: 'بله، برای سفارش‌های بالای ۳۰ سبد ۱۰٪ تخفیف می‌دهیم و ارسال در تهران رایگان است.',
    },
    overdue: { question: 'گلدان ارکیدهٔ مشتری شکسته رسیده است. بازپرداخت کامل کنیم یا گلدان تازه بفرستیم؟' },
  },
};

const activityText = {
  en: { reminded: 'Reminded the client', overdue: 'The client has not answered within the escalation time' },
  fa: { reminded: 'یادآوری برای مشتری سازمانی فرستاده شد', overdue: 'پاسخ مشتری سازمانی از مهلت گذشت' },
};

const hour = 3600_000;

/**
 * Demo: three escalations per client — one open, one answered and waiting for an agent to relay it,
 * one overdue with its reminders — on e-mail conversations whose own messages are older, so every
 * timeline stays in order. Timers are marked queued and fired already: nothing is sent on start-up.
 */
export async function seedDemoEscalations(
  tx: DbOrTx,
  options: { clientId: string; slug: string; locale: string; now: Date; agent: { id: string; name: string } },
): Promise<number> {
  const set = demoSets[options.slug];
  if (!set) return 0;
  const language = options.locale === 'fa' ? 'fa' : 'en';
  const now = options.now.getTime();
  const candidates = await queryRows<{ id: string; last: Date | string }>(
    tx,
    sql`SELECT id, last_message_at AS last FROM conversations WHERE client_id = ${options.clientId} AND channel = 'email'
      AND status IN ('open', 'pending') AND last_message_at < ${new Date(now - 30 * hour)}
      ORDER BY last_message_at DESC LIMIT 3`,
  );
  const [clientUser] = await queryRows<{ id: string; name: string }>(
    tx,
    sql`SELECT id, name FROM client_users WHERE client_id = ${options.clientId} ORDER BY email LIMIT 1`,
  );
  if (candidates.length < 3 || !clientUser) return 0;
  const plan = [
    { kind: 'open' as const, asked: now - 3 * hour, conversationId: candidates[0]!.id },
    { kind: 'answered' as const, asked: now - 20 * hour, conversationId: candidates[1]!.id },
    { kind: 'overdue' as const, asked: now - 27 * hour, conversationId: candidates[2]!.id },
  ];
  for (const { kind, asked, conversationId } of plan) {
    const demo = set[kind];
    const at = (offset: number) => new Date(asked + offset);
    const [row] = await tx
      .insert(escalations)
      .values({
        clientId: options.clientId,
        conversationId,
        ref: `ESC-${randomBytes(5).toString('hex').toUpperCase()}`,
        status: kind === 'answered' ? 'answered' : 'open',
        question: demo.question,
        askedById: options.agent.id,
        askedByName: options.agent.name,
        dueAt: at(24 * hour),
        timersQueuedAt: at(1000),
        ...(kind === 'overdue'
          ? { firstReminderAt: at(12 * hour), secondReminderAt: at(23 * hour), overdueAt: at(24 * hour) }
          : {}),
        ...(kind === 'answered' && 'answer' in demo
          ? {
              answer: demo.answer,
              answeredAt: at(5 * hour),
              answeredById: clientUser.id,
              answeredByName: clientUser.name,
              answeredVia: 'portal',
            }
          : {}),
        createdAt: at(0),
        updatedAt: at(0),
      })
      .returning({ id: escalations.id });
    const escalationId = row!.id;
    const entry = (
      offset: number,
      values: { action: string; text: string; kind?: 'note'; author?: TimelineEntry['author'] },
    ): TimelineEntry => ({
      clientId: options.clientId,
      conversationId,
      kind: values.kind ?? 'activity',
      author: values.author ?? { type: 'system', name: 'Switchboard' },
      text: values.text,
      activity: { action: values.action, escalationId },
      at: at(offset),
    });
    const timeline = [
      entry(0, {
        action: 'escalation.requested',
        kind: 'note',
        author: { type: 'agent', id: options.agent.id, name: options.agent.name },
        text: demo.question,
      }),
    ];
    if (kind === 'answered' && demo.answer) {
      timeline.push(
        entry(5 * hour, {
          action: 'escalation.answered',
          kind: 'note',
          author: { type: 'client_user', id: clientUser.id, name: clientUser.name },
          text: demo.answer,
        }),
      );
    }
    if (kind === 'overdue') {
      timeline.push(
        entry(12 * hour, { action: 'escalation.reminded', text: activityText[language].reminded }),
        entry(23 * hour, { action: 'escalation.reminded', text: activityText[language].reminded }),
        entry(24 * hour, { action: 'escalation.overdue', text: activityText[language].overdue }),
      );
    }
    await appendTimelineEntries(tx, timeline);
    await setDeskFlag(
      tx,
      options.clientId,
      conversationId,
      kind === 'answered' ? 'client-answered' : 'awaiting-client',
      true,
    );
  }
  return plan.length;
}
