import type { DeskEvent, SlaEventKind, SlaMetric } from '@switchboard/contracts';
import { recordAudit } from '../audit/record-audit.js';
import { runAutomations } from '../automation/run-automations.js';
import { insertMessage } from '../conversations/message-repository.js';
import type { Tx } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
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

/** `deskEvents`: what the client's automation rules changed in reaction, to announce after commit. */
export type RecordedSlaEvent = SlaEventInput & { id: number; deskEvents: DeskEvent[] };

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
 * had one (a re-delivered or superseded timer). Everything that reacts to `sla.warning` / `sla.breach`
 * (the desk's live event below, automation triggers) hangs off the returned record.
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
  await insertMessage(tx, {
    clientId: input.clientId,
    conversationId: input.conversationId,
    kind: 'activity',
    authorType: 'system',
    authorName: 'SLA',
    // A breach is part of the client's record (its SLA report); a warning is the agency's internal alert.
    visibleToClient: input.kind === 'breach',
    bodyText: slaActivityText(input.kind, input.metric, input.dueAt, language),
    language,
    activity: { action: `sla.${input.kind}`, metric: input.metric, dueAt: input.dueAt.toISOString() },
    createdAt: input.at,
  });
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
  // The client's rules for `sla.warning` / `sla.breached` run in this transaction, once per target run.
  const automation = await runAutomations(tx, {
    type: input.kind === 'warning' ? 'sla.warning' : 'sla.breached',
    clientId: input.clientId,
    conversationId: input.conversationId,
    target: input.metric,
    dueAt: input.dueAt.toISOString(),
  });
  return { ...input, id: row.id, deskEvents: automation.deskEvents };
}

/**
 * What the desk hears about a recorded SLA event, in order: the live `sla.warning` / `sla.breach` (the
 * assignee and supervisors are alerted), what the client's rules changed in reaction, and a timeline refresh.
 */
export function slaDeskEvents(event: RecordedSlaEvent): DeskEvent[] {
  return [
    {
      type: `sla.${event.kind}`,
      clientId: event.clientId,
      conversationId: event.conversationId,
      metric: event.metric,
      dueAt: event.dueAt.toISOString(),
      assigneeId: event.assigneeId,
    },
    ...event.deskEvents,
    { type: 'conversation.updated', clientId: event.clientId, conversationId: event.conversationId },
  ];
}

/** After commit: the desk's live event (the assignee and supervisors are alerted) and a timeline refresh. */
export async function announceSlaEvent(events: DeskEventPublisher, event: RecordedSlaEvent): Promise<void> {
  for (const deskEvent of slaDeskEvents(event)) await events.publish(deskEvent);
}
