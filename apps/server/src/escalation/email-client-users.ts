import type { Tx } from '../db/index.js';
import { queueEmailDelivery, renderEmailBody } from '../email/index.js';
import type { EscalationContext, EscalationRow } from './escalation-repository.js';
import {
  findDeliveryMessageId,
  insertEscalationEmail,
  listClientRecipients,
  listEscalationEmails,
} from './escalation-repository.js';
import { type ClientMailKind, clientMail } from './escalation-texts.js';

/** Where a client user answers: the portal's page of this escalation. */
export const portalLink = (publicUrl: string, escalationId: string) =>
  `${publicUrl.replace(/\/+$/, '')}/portal/escalations/${escalationId}`;

/**
 * E-mails every active user of the client about an escalation, through the outbox (committed with the
 * caller's transaction). Each e-mail's Message-ID is kept, so a reply to it finds this escalation; a
 * reminder threads under the first e-mail to the same person. Returns how many were queued.
 */
export async function emailClientUsers(
  tx: Tx,
  options: { escalation: EscalationRow; context: EscalationContext; kind: ClientMailKind; publicUrl: string },
): Promise<number> {
  const { escalation, context } = options;
  if (!context.emailInboxId || !context.emailAddress) return 0;
  const recipients = await listClientRecipients(tx, escalation.clientId);
  const earlier = await listEscalationEmails(tx, escalation.clientId, escalation.id);
  for (const recipient of recipients) {
    const mail = clientMail(options.kind, recipient.locale, {
      client: context.clientName,
      prefix: context.ticketPrefix,
      number: context.number,
      subject: context.subject,
      question: escalation.question,
      askedBy: escalation.askedByName,
      link: portalLink(options.publicUrl, escalation.id),
      due: escalation.dueAt,
      ref: escalation.ref,
    });
    const thread = earlier.filter((row) => row.to === recipient.email.toLowerCase()).map((row) => row.rfc);
    const deliveryId = await queueEmailDelivery(tx, {
      clientId: escalation.clientId,
      inboxId: context.emailInboxId,
      conversationId: escalation.conversationId,
      messageId: null,
      kind: 'escalation',
      from: { address: context.emailAddress, name: context.senderName ?? context.clientName },
      to: recipient.email,
      subject: mail.subject,
      ...renderEmailBody(mail.body, ''),
      inReplyTo: thread.at(-1) ?? null,
      references: thread,
    });
    const rfcMessageId = await findDeliveryMessageId(tx, escalation.clientId, deliveryId);
    await insertEscalationEmail(tx, {
      clientId: escalation.clientId,
      escalationId: escalation.id,
      rfcMessageId,
      toAddress: recipient.email.toLowerCase(),
      kind: options.kind,
    });
  }
  return recipients.length;
}
