import type { Tx } from '../db/index.js';
import { queueEmailDelivery, renderEmailBody } from '../email/index.js';
import { findClientMailbox } from './chat-repository.js';

/**
 * Mail about a chat (a transcript, the promise of an answer, an agent's reply after escalation),
 * from the client's own address through the durable outbox, committed with its cause. Its
 * Message-ID is recorded against the chat, so the customer's reply threads back into it.
 * Returns null when the client has no e-mail inbox to send from.
 */
export async function queueChatEmail(
  tx: Tx,
  email: {
    clientId: string;
    conversationId: string;
    messageId: string | null;
    to: string;
    subject: string;
    body: string;
  },
): Promise<string | null> {
  const mailbox = await findClientMailbox(tx, email.clientId);
  if (!mailbox?.address) return null;
  return queueEmailDelivery(tx, {
    clientId: email.clientId,
    inboxId: mailbox.inboxId,
    conversationId: email.conversationId,
    messageId: email.messageId,
    kind: 'reply',
    from: { address: mailbox.address, name: mailbox.senderName },
    to: email.to,
    subject: email.subject,
    ...renderEmailBody(email.body, mailbox.senderName),
    inReplyTo: null,
    references: [],
  });
}
