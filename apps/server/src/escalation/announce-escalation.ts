import type { DeskEvent } from '@switchboard/contracts';
import type { DeskEventPublisher } from '../realtime/index.js';

type EscalationRef = { clientId: string; conversationId: string; id: string };

/** Something about an escalation changed: desks and portals refetch it. */
export const escalationUpdated = (escalation: EscalationRef): DeskEvent => ({
  type: 'escalation.updated',
  clientId: escalation.clientId,
  conversationId: escalation.conversationId,
  escalationId: escalation.id,
});

/**
 * The one place `escalation.answered` is made. It travels on the event bus like every desk event, so
 * automation triggers subscribe to the bus for `type === 'escalation.answered'` (ids only; load the rest).
 */
export const escalationAnswered = (escalation: EscalationRef): DeskEvent => ({
  type: 'escalation.answered',
  clientId: escalation.clientId,
  conversationId: escalation.conversationId,
  escalationId: escalation.id,
});

/** Publishes what a committed escalation change produced, in order. */
export async function publishEscalationEvents(events: DeskEventPublisher, list: DeskEvent[]): Promise<void> {
  for (const event of list) await events.publish(event);
}

export const messageCreated = (
  clientId: string,
  conversationId: string,
  messageId: string,
  internal = false,
): DeskEvent => ({
  type: 'message.created',
  clientId,
  conversationId,
  messageId,
  internal,
});
