import type { DeskEvent, SlaEventKind, SlaMetric } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import type { ConversationEvent, Reactions } from '../conversations/index.js';
import { appendTimelineEntries } from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { findClientLocale, insertSlaEventOnce } from './sla-repository.js';

export type SlaEventInput = {
  clientId: string;
  conversationId: string;
  metric: SlaMetric;
  kind: SlaEventKind;
  /** Identifies the target's run: one warning and one breach per run, however often timers fire. */
  cycleStartedAt: Date;
  dueAt: Date;
  assigneeId: string | null;
  at: Date;
};

export type RecordedSlaEvent = SlaEventInput & { id: number };

const metricWords: Record<'en' | 'fa', Record<SlaMetric, string>> = {
  en: { first_response: 'first response', next_response: 'next response', resolution: 'resolution' },
  fa: { first_response: 'اولین پاسخ', next_response: 'پاسخ بعدی', resolution: 'حل درخواست' },
};

/** The timeline's text in the client's language (the desk translates the structured activity; this is what is searched). */
export function slaActivityText(kind: SlaEventKind, metric: SlaMetric, dueAt: Date, language: string): string {
  const due = dueAt.toISOString().slice(0, 16).replace('T', ' ');
  if (language === 'fa') {
    const what = metricWords.fa[metric];
    return kind === 'warning' ? `هشدار SLA: مهلت ${what} ${due} UTC` : `نقض SLA: مهلت ${what} ${due} UTC بود`;
  }
  const what = metricWords.en[metric];
  return kind === 'warning' ? `SLA warning: ${what} due ${due} UTC` : `SLA breached: ${what} was due ${due} UTC`;
}

/**
 * THE place an SLA warning or breach happens: recorded once per target run (`sla_events`), written to
 * the conversation's timeline and the audit log in the caller's transaction. Null when this run already
 * had one (a re-delivered or superseded timer). The caller raises the returned record for the subscribers
 * (`raiseSlaEvents`: the client's `sla.warning` / `sla.breached` rules) and the desk's live event hangs off it.
 */
export async function recordSlaEvent(tx: Tx, input: SlaEventInput): Promise<RecordedSlaEvent | null> {
  const row = await insertSlaEventOnce(tx, {
    clientId: input.clientId,
    conversationId: input.conversationId,
    metric: input.metric,
    kind: input.kind,
    cycleStartedAt: input.cycleStartedAt,
    dueAt: input.dueAt,
    assigneeId: input.assigneeId,
    at: input.at,
  });
  if (!row) return null;
  const language = await findClientLocale(tx, input.clientId);
  await appendTimelineEntries(tx, [
    {
      clientId: input.clientId,
      conversationId: input.conversationId,
      kind: 'activity',
      author: { type: 'system', name: 'SLA' },
      // A breach is part of the client's record (its SLA report); a warning is the agency's internal alert.
      visibleToClient: input.kind === 'breach',
      text: slaActivityText(input.kind, input.metric, input.dueAt, language),
      activity: { action: `sla.${input.kind}`, metric: input.metric, dueAt: input.dueAt.toISOString() },
      at: input.at,
    },
  ]);
  await recordAudit(tx, 'system', {
    clientId: input.clientId,
    action: `sla.${input.kind}`,
    entity: 'conversation',
    entityId: input.conversationId,
    data: {
      metric: input.metric,
      dueAt: input.dueAt.toISOString(),
      cycleStartedAt: input.cycleStartedAt.toISOString(),
    },
  });
  return { ...input, id: row.id };
}

/** The conversation event a recorded warning or breach is for the subscribers. */
export const slaConversationEvent = (event: RecordedSlaEvent): ConversationEvent => ({
  type: event.kind === 'warning' ? 'sla.warning' : 'sla.breached',
  clientId: event.clientId,
  conversationId: event.conversationId,
  target: event.metric,
  dueAt: event.dueAt.toISOString(),
});

/**
 * The recorded events raised for the subscribers in the caller's transaction (the client's rules for
 * `sla.warning` / `sla.breached` run once per target run); returns what the desk hears after commit, in order.
 */
export async function raiseSlaEvents(
  tx: Tx,
  reactions: Reactions,
  recorded: readonly RecordedSlaEvent[],
): Promise<DeskEvent[]> {
  const deskEvents: DeskEvent[] = [];
  for (const event of recorded) {
    const reaction = await reactions.react(tx, slaConversationEvent(event));
    deskEvents.push(...slaDeskEvents(event, reaction.deskEvents));
  }
  return deskEvents;
}

/**
 * What the desk hears about a recorded SLA event, in order: the live `sla.warning` / `sla.breach` (the
 * assignee and supervisors are alerted), what the client's rules changed in reaction, and a timeline refresh.
 */
export function slaDeskEvents(event: RecordedSlaEvent, reacted: readonly DeskEvent[] = []): DeskEvent[] {
  return [
    {
      type: `sla.${event.kind}`,
      clientId: event.clientId,
      conversationId: event.conversationId,
      metric: event.metric,
      dueAt: event.dueAt.toISOString(),
      assigneeId: event.assigneeId,
    },
    ...reacted,
    { type: 'conversation.updated', clientId: event.clientId, conversationId: event.conversationId },
  ];
}
