import type { AutomationEventType } from '@switchboard/contracts';

type Base = { clientId: string; conversationId: string };

/**
 * Everything that can start a rule. Each slice raises its own inside the transaction that made it
 * happen: conversations (created, message received, assignment changed by hand), routing (assignment
 * by routing), SLA (warning, breach), escalation (answered).
 */
export type AutomationEvent =
  | (Base & { type: 'conversation.created'; messageId: string })
  | (Base & { type: 'message.received'; messageId: string })
  | (Base & {
      type: 'assignment.changed';
      assigneeId: string | null;
      by: 'agent' | 'routing' | 'rule';
      /** Unique per assignment, e.g. the routing decision's id. */
      key: string;
    })
  | (Base & {
      type: 'sla.warning' | 'sla.breached';
      target: 'first_response' | 'next_response' | 'resolution';
      /** The due time the warning or breach is about: a new due time is a new event. */
      dueAt: string;
    })
  | (Base & { type: 'escalation.answered'; escalationId: string });

export type { AutomationEventType };

/**
 * Names one occurrence of an event. A rule runs at most once per key (a unique index), so a retried
 * SLA job or a second server process handling the same event cannot run it twice.
 */
export function eventKey(event: AutomationEvent): string {
  switch (event.type) {
    case 'conversation.created':
    case 'message.received':
      return `${event.type}:${event.messageId}`;
    case 'assignment.changed':
      return `${event.type}:${event.key}`;
    case 'sla.warning':
    case 'sla.breached':
      return `${event.type}:${event.conversationId}:${event.target}:${event.dueAt}`;
    case 'escalation.answered':
      return `${event.type}:${event.escalationId}`;
  }
}

/** The message whose words a rule reads, when the event has one. */
export const eventMessageId = (event: AutomationEvent): string | null =>
  event.type === 'conversation.created' || event.type === 'message.received' ? event.messageId : null;
