import type { AutomationEventType } from '@switchboard/contracts';
import type { ConversationEvent } from '../conversations/index.js';

/** Everything that can start a rule: the conversation events (see `ConversationEvent`). */
export type AutomationEvent = ConversationEvent;

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
