import type { Tx } from '../db/index.js';
import { findReplyContext } from './email-repository.js';
import { normaliseSubject, ticketNumberIn, ticketToken } from './normalise-subject.js';
import { queueEmailDelivery } from './queue-email-delivery.js';
import { renderEmailBody } from './render-email-body.js';

/**
 * An agent's reply on an e-mail conversation, queued in the agent's transaction: from the client's
 * address, with its signature, threaded by In-Reply-To/References and the ticket token in the subject.
 * Returns null when the conversation has no address to answer.
 */
export async function queueEmailReply(
  tx: Tx,
  reply: { clientId: string; conversationId: string; messageId: string; body: string },
): Promise<string | null> {
  const context = await findReplyContext(tx, reply.clientId, reply.conversationId);
  if (!context?.contactEmail) return null;
  const base = context.subject.trim() || '(no subject)';
  const withToken =
    ticketNumberIn(base, context.ticketPrefix) === context.number
      ? base
      : `${base} ${ticketToken(context.ticketPrefix, context.number)}`;
  const subject = /^re:/i.test(withToken) || normaliseSubject(withToken) === '' ? withToken : `Re: ${withToken}`;
  const body = renderEmailBody(reply.body, context.signature || context.senderName);
  return queueEmailDelivery(tx, {
    clientId: reply.clientId,
    inboxId: context.inboxId,
    conversationId: reply.conversationId,
    messageId: reply.messageId,
    kind: 'reply',
    from: { address: context.address, name: context.senderName },
    to: context.contactEmail,
    subject,
    ...body,
    inReplyTo: context.lastIncomingRfcId ?? context.rfcIds.at(-1) ?? null,
    references: context.rfcIds,
  });
}
