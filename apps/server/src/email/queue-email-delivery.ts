import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/index.js';
import { insertDelivery, insertEmailMessage } from './email-repository.js';

export const outboxChannel = 'email_outbox';

export type EmailToQueue = {
  clientId: string;
  inboxId: string;
  conversationId: string;
  messageId: string | null;
  kind: 'reply' | 'auto_ack' | 'escalation';
  from: { address: string; name: string };
  to: string;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  inReplyTo: string | null;
  references: string[];
};

/**
 * The outbox: the e-mail to send commits with whatever caused it (an agent's reply, an acknowledgement).
 * Its Message-ID is fixed and recorded now, so a customer's reply threads even before it is sent.
 * The NOTIFY is delivered on commit and wakes the sender; a sweep catches any wake-up lost to a crash.
 */
export async function queueEmailDelivery(tx: Tx, email: EmailToQueue): Promise<string> {
  const domain = email.from.address.split('@')[1] || 'switchboard.invalid';
  const rfcMessageId = `<${randomUUID()}@${domain}>`;
  const references = [
    ...email.references.filter((id) => id !== email.inReplyTo),
    ...(email.inReplyTo ? [email.inReplyTo] : []),
  ].slice(-40);
  const { id } = await insertDelivery(tx, {
    clientId: email.clientId,
    inboxId: email.inboxId,
    conversationId: email.conversationId,
    messageId: email.messageId,
    kind: email.kind,
    fromAddress: email.from.address,
    fromName: email.from.name,
    toAddress: email.to,
    subject: email.subject,
    bodyText: email.bodyText,
    bodyHtml: email.bodyHtml,
    rfcMessageId,
    inReplyTo: email.inReplyTo,
    references,
  });
  await insertEmailMessage(tx, {
    clientId: email.clientId,
    inboxId: email.inboxId,
    conversationId: email.conversationId,
    messageId: email.messageId,
    direction: 'out',
    kind: email.kind,
    rfcMessageId,
    inReplyTo: email.inReplyTo,
    references,
    fromAddress: email.from.address,
    subject: email.subject,
    via: 'outbox',
  });
  await tx.execute(sql`SELECT pg_notify(${outboxChannel}, ${`${email.clientId}/${id}`})`);
  return id;
}
