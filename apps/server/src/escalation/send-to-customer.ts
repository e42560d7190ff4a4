import { sql } from 'drizzle-orm';
import { continueEscalatedChat } from '../chat/continue-escalated-chat.js';
import type { Tx } from '../db/index.js';
import { attachments, messages } from '../db/schema.js';
import { queueEmailReply } from '../email/queue-email-reply.js';
import type { SendableAttachment } from './escalation-repository.js';
import { markAnswered, type TimelineActor } from './escalation-timeline.js';

/**
 * A message to the customer on the escalation's behalf (the "update follows" notice, the relayed answer):
 * on the thread like any reply, and out through the e-mail outbox when the conversation is e-mail (with
 * its documents as attachments); a chat customer may have left the page, so a chat's continues by e-mail
 * from here (see continueEscalatedChat).
 */
export async function sendToCustomer(
  tx: Tx,
  options: {
    clientId: string;
    conversationId: string;
    channel: string;
    body: string;
    actor: TimelineActor;
    escalationId: string;
    purpose: 'notice' | 'relay';
    /** Documents sent with it: on the timeline with the message, and attached to its e-mail. */
    files?: readonly SendableAttachment[];
  },
) {
  const [message] = await tx
    .insert(messages)
    .values({
      clientId: options.clientId,
      conversationId: options.conversationId,
      kind: 'outgoing',
      authorType: options.actor.type === 'system' ? 'system' : 'agent',
      authorId: options.actor.id,
      authorName: options.actor.name,
      bodyText: options.body,
      visibleToClient: true,
      activity: { escalationId: options.escalationId, escalationMessage: options.purpose },
      // The transaction's now() is one instant; the timeline needs the order things were written in.
      createdAt: sql`clock_timestamp()`,
      language: /[\u0600-\u06FF]/.test(options.body) ? 'fa' : 'en',
    })
    .returning();
  const files = options.files ?? [];
  if (files.length > 0) {
    // The same stored object, now also part of this message (nothing is copied in storage).
    await tx.insert(attachments).values(
      files.map((file) => ({
        clientId: options.clientId,
        messageId: message!.id,
        filename: file.filename,
        contentType: file.content_type,
        size: file.size,
        storageKey: file.storage_key,
        sha256: file.sha256,
      })),
    );
  }
  if (options.channel === 'email') {
    await queueEmailReply(tx, {
      clientId: options.clientId,
      conversationId: options.conversationId,
      messageId: message!.id,
      body: options.body,
    });
  }
  if (options.channel === 'chat') {
    await continueEscalatedChat(tx, {
      clientId: options.clientId,
      conversationId: options.conversationId,
      messageId: message!.id,
      body: options.body,
    });
  }
  await markAnswered(
    tx,
    options.clientId,
    options.conversationId,
    message!.createdAt,
    options.body,
    options.actor.type === 'agent',
  );
  return message!;
}
