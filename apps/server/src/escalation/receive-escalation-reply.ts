import type { DeskEvent } from '@switchboard/contracts';
import type { Reactions } from '../conversations/index.js';
import type { Lookup, Tx } from '../db/index.js';
import type { EmailAnswers } from '../email/index.js';
import { answerEscalationIn } from './answer-escalation.js';
import {
  findEscalation,
  findEscalationByRef,
  findEscalationIdByEmailIds,
  isClientUserAddress,
  quotingEscalationEmails,
} from './escalation-repository.js';

const refPattern = /\[(ESC-[0-9A-F]{10})\]/i;

export type EscalationReply =
  | { outcome: 'answered'; conversationId: string; messageId: string | null; events: DeskEvent[] }
  /**
   * It concerns an escalation but is no answer: not from one of the client's users, or an automatic
   * reply (out of office). Neither an answer nor a customer message.
   */
  | { outcome: 'refused' | 'automatic'; conversationId: null; messageId: null; events: [] };

/**
 * Inbound e-mail (SMTP, IMAP or webhook, already routed to one client's inbox): is it a client user's
 * reply to one of our escalation e-mails? It is when it quotes one of their Message-IDs, or carries the
 * escalation's token in the subject, AND comes from an active user of that same client. Then it becomes
 * the client's answer, never a customer message. Every lookup stays inside `clientId`, so a reply can
 * never reach another client's escalation. Null: not an escalation reply; thread it as usual.
 */
const headerIdsOf = (input: { inReplyTo: string | null; references: string[] }) =>
  [...new Set([...(input.inReplyTo ? [input.inReplyTo] : []), ...input.references])].slice(0, 50);

/**
 * For many inbound e-mails at once (SMTP group commit), in one statement: which ones MAY be replies to an
 * escalation (they quote one of its e-mails or carry an escalation token)? Those take the one-by-one
 * path through `receiveEscalationReply`; the others are customers' messages.
 */
/** The escalation's part in incoming e-mail (registered at start-up, see EmailAnswers). */
export const escalationEmailAnswers: EmailAnswers = {
  possible: possibleEscalationReplies,
  receive: receiveEscalationReply,
};

export function possibleEscalationReplies(
  inputs: { clientId: string; subject: string; inReplyTo: string | null; references: string[] }[],
): Lookup<boolean[]> {
  const quoting = quotingEscalationEmails(
    inputs.map((input, i) => ({ i, clientId: input.clientId, rfcIds: headerIdsOf(input) })),
  );
  return {
    query: quoting.query,
    read: (rows) => {
      const quoted = quoting.read(rows);
      return inputs.map((input, i) => quoted.has(i) || refPattern.test(input.subject));
    },
  };
}

export async function receiveEscalationReply(
  tx: Tx,
  input: {
    clientId: string;
    sender: string;
    subject: string;
    inReplyTo: string | null;
    references: string[];
    text: string;
    /** An out-of-office or similar: recognised, then set aside. */
    automatic: boolean;
    /** Who reacts to what this causes (an SLA target met late, the client's answer): the client's rules. */
    reactions: Reactions;
  },
): Promise<EscalationReply | null> {
  let escalationId = await findEscalationIdByEmailIds(tx, input.clientId, headerIdsOf(input));
  if (!escalationId) {
    const ref = refPattern.exec(input.subject)?.[1]?.toUpperCase();
    if (ref) escalationId = (await findEscalationByRef(tx, input.clientId, ref))?.id;
  }
  if (!escalationId) return null;
  const escalation = await findEscalation(tx, [input.clientId], escalationId);
  if (!escalation) return null;
  if (input.automatic) return { outcome: 'automatic', conversationId: null, messageId: null, events: [] };
  const clientUser = await isClientUserAddress(tx, input.clientId, input.sender);
  if (!clientUser) return { outcome: 'refused', conversationId: null, messageId: null, events: [] };
  const text = input.text.trim() || '(empty reply)';
  const result = await answerEscalationIn(tx, {
    clientId: input.clientId,
    escalationId,
    answer: text,
    clientUser,
    via: 'email',
    reactions: input.reactions,
  });
  const first = result.events.find((event) => event.type === 'message.created');
  return {
    outcome: 'answered',
    conversationId: escalation.conversationId,
    messageId: first?.type === 'message.created' ? first.messageId : null,
    events: result.events,
  };
}
