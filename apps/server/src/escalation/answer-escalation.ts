import type { DeskEvent } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import { type Reactions, returnToQueue, setDeskFlag } from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import { escalationAnswered, escalationUpdated, messageCreated } from './announce-escalation.js';
import { awaitingClientFlag } from './escalate-to-client.js';
import { findEscalation, findSettings, updateEscalation } from './escalation-repository.js';
import { recordOnTimeline } from './escalation-timeline.js';
import { relayEscalationAnswerIn } from './relay-escalation-answer.js';

export const clientAnsweredFlag = 'client-answered';

export type AnswerEscalationInput = {
  clientId: string;
  escalationId: string;
  answer: string;
  clientUser: { id: string; name: string };
  via: 'portal' | 'email';
  /** Who reacts to what this causes (an SLA target met late, the client's answer): the client's rules. */
  reactions: Reactions;
};

/**
 * The client's answer, in the caller's transaction: on the timeline, the escalation answered, the
 * conversation back in the agents' queue, and — when the client chose so — relayed to the customer at
 * once. A second e-mail after the answer is kept on the timeline as a further reply; the portal refuses
 * to answer twice.
 */
export async function answerEscalationIn(
  tx: Tx,
  input: AnswerEscalationInput,
): Promise<{ events: DeskEvent[]; relayed: boolean; furtherReply: boolean }> {
  const escalation = await findEscalation(tx, [input.clientId], input.escalationId, { forUpdate: true });
  if (!escalation) throw notFound('Escalation');
  const actor = { type: 'client_user' as const, id: input.clientUser.id, name: input.clientUser.name };
  const scope = { kind: 'client' as const, userId: input.clientUser.id, clientId: input.clientId };
  const { clientId, conversationId } = escalation;

  if (escalation.status !== 'open') {
    if (input.via === 'portal')
      throw new AppError('ESCALATION_ALREADY_ANSWERED', 'This escalation has already been answered.');
    const note = await recordOnTimeline(tx, {
      clientId,
      conversationId,
      actor,
      action: 'escalation.further_reply',
      escalationId: escalation.id,
      text: input.answer,
      note: true,
      data: { via: input.via },
    });
    await recordAudit(tx, scope, {
      clientId,
      action: 'escalation.further_reply',
      entity: 'conversation',
      entityId: conversationId,
      data: { escalationId: escalation.id, via: input.via },
    });
    return {
      events: [messageCreated(clientId, conversationId, note.id), escalationUpdated(escalation)],
      relayed: false,
      furtherReply: true,
    };
  }

  const note = await recordOnTimeline(tx, {
    clientId,
    conversationId,
    actor,
    action: 'escalation.answered',
    escalationId: escalation.id,
    text: input.answer,
    note: true,
    data: { via: input.via },
  });
  const answered = await updateEscalation(tx, clientId, escalation.id, {
    status: 'answered',
    answer: input.answer,
    answeredAt: note.createdAt,
    answeredById: input.clientUser.id,
    answeredByName: input.clientUser.name,
    answeredVia: input.via,
  });
  await setDeskFlag(tx, clientId, conversationId, awaitingClientFlag, false);
  await recordAudit(tx, scope, {
    clientId,
    action: 'escalation.answered',
    entity: 'conversation',
    entityId: conversationId,
    data: { escalationId: escalation.id, via: input.via, messageId: note.id },
  });
  const events: DeskEvent[] = [messageCreated(clientId, conversationId, note.id)];
  const settings = await findSettings(tx, clientId);
  if (settings?.autoRelay) {
    const relay = await relayEscalationAnswerIn(tx, {
      escalation: answered!,
      body: input.answer,
      actor: { type: 'system', id: null, name: 'Switchboard' },
      auditActor: 'system',
      reactions: input.reactions,
    });
    events.push(...relay.events);
  } else {
    await setDeskFlag(tx, clientId, conversationId, clientAnsweredFlag, true);
    await returnToQueue(tx, clientId, conversationId);
  }
  // The client's rules for `escalation.answered` run with the answer, exactly once.
  const automation = await input.reactions.react(tx, {
    type: 'escalation.answered',
    clientId,
    conversationId,
    escalationId: escalation.id,
  });
  events.push(...automation.deskEvents);
  events.push(escalationAnswered(escalation), { type: 'conversation.updated', clientId, conversationId });
  return { events, relayed: settings?.autoRelay ?? false, furtherReply: false };
}
