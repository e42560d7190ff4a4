import type { Escalation, EscalationState, PortalEscalation } from '@switchboard/contracts';
import type { EscalationListRow, EscalationRow } from './escalation-repository.js';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function stateOf(row: Pick<EscalationRow, 'status' | 'dueAt'>, now = new Date()): EscalationState {
  if (row.status === 'open') return new Date(row.dueAt) <= now ? 'overdue' : 'open';
  return row.status;
}

export function toEscalation(row: EscalationListRow): Escalation {
  return {
    id: row.id,
    conversationId: row.conversationId,
    conversationNumber: row.conversationNumber,
    conversationSubject: row.conversationSubject,
    state: stateOf(row),
    question: row.question,
    askedBy: row.askedByName,
    createdAt: iso(row.createdAt)!,
    dueAt: iso(row.dueAt)!,
    remindersSent: [row.firstReminderAt, row.secondReminderAt, row.overdueAt].filter(Boolean).length,
    answer: row.answer,
    answeredBy: row.answeredByName,
    answeredAt: iso(row.answeredAt),
    answeredVia: row.answeredVia === 'portal' || row.answeredVia === 'email' ? row.answeredVia : null,
    relayedAt: iso(row.relayedAt),
    relayedBy: row.relayedByName,
  };
}

export const toPortalEscalation = (row: EscalationListRow): PortalEscalation => ({
  ...toEscalation(row),
  customerName: row.customerName,
  channel: row.channel,
});
