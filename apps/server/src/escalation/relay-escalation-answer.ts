import type { DeskEvent } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import { type Reactions, setDeskFlag } from '../conversations/index.js';
import type { Db, Tx } from '../db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { escalationUpdated, messageCreated, publishEscalationEvents } from './announce-escalation.js';
import {
  type EscalationRow,
  findEscalation,
  findEscalationContext,
  updateEscalation,
} from './escalation-repository.js';
import { recordOnTimeline, type TimelineActor } from './escalation-timeline.js';
import { getEscalation } from './list-escalations.js';
import { sendToCustomer } from './send-to-customer.js';

/** Sends the client's answer (as the agent edited it) to the customer and closes the escalation. */
export async function relayEscalationAnswerIn(
  tx: Tx,
  options: {
    escalation: EscalationRow;
    body: string;
    actor: TimelineActor;
    auditActor: Scope | 'system';
    reactions: Reactions;
  },
): Promise<{ events: DeskEvent[]; escalation: EscalationRow }> {
  const { escalation, actor } = options;
  if (escalation.status !== 'answered') {
    throw escalation.status === 'relayed'
      ? new AppError('ESCALATION_ALREADY_RELAYED', 'The answer was already relayed.')
      : new AppError('ESCALATION_NOT_ANSWERED', 'The client has not answered yet.');
  }
  const context = await findEscalationContext(tx, escalation.clientId, escalation.conversationId, true);
  if (!context) throw notFound('Conversation');
  const { message, deskEvents } = await sendToCustomer(tx, {
    reactions: options.reactions,
    clientId: escalation.clientId,
    conversationId: escalation.conversationId,
    body: options.body,
    actor,
    audit: options.auditActor,
    escalationId: escalation.id,
    purpose: 'relay',
  });
  const relayed = await updateEscalation(tx, escalation.clientId, escalation.id, {
    status: 'relayed',
    relayedAt: message.createdAt,
    relayedByName: actor.name,
    relayMessageId: message.id,
  });
  await setDeskFlag(tx, escalation.clientId, escalation.conversationId, 'client-answered', false);
  const line = await recordOnTimeline(tx, {
    clientId: escalation.clientId,
    conversationId: escalation.conversationId,
    actor,
    action: 'escalation.relayed',
    escalationId: escalation.id,
    text: `${actor.name} relayed the client's answer to the customer`,
    data: { edited: options.body.trim() !== (escalation.answer ?? '').trim(), automatic: actor.type === 'system' },
  });
  await recordAudit(tx, options.auditActor, {
    clientId: escalation.clientId,
    action: 'escalation.relayed',
    entity: 'conversation',
    entityId: escalation.conversationId,
    data: { escalationId: escalation.id, messageId: message.id, automatic: actor.type === 'system' },
  });
  return {
    escalation: relayed!,
    events: [
      messageCreated(escalation.clientId, escalation.conversationId, message.id),
      ...deskEvents,
      messageCreated(escalation.clientId, escalation.conversationId, line.id),
      escalationUpdated(escalation),
    ],
  };
}

/** The agent's one action: relay the answer, edited or not. */
export async function relayEscalationAnswer(
  db: Db,
  options: {
    scope: Extract<Scope, { kind: 'agency' }>;
    agentName: string;
    escalationId: string;
    body: string;
    events: DeskEventPublisher;
    reactions: Reactions;
  },
) {
  const result = await db.transaction(async (tx) => {
    const escalation = await findEscalation(tx, options.scope.clientIds, options.escalationId, { forUpdate: true });
    if (!escalation) throw notFound('Escalation');
    return relayEscalationAnswerIn(tx, {
      escalation,
      body: options.body,
      actor: { type: 'agent', id: options.scope.userId, name: options.agentName },
      auditActor: options.scope,
      reactions: options.reactions,
    });
  });
  await publishEscalationEvents(options.events, result.events);
  return getEscalation(db, options.scope, options.escalationId);
}
