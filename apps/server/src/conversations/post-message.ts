import type { Message, PostMessageRequest } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.js';
import { continueChatByEmail } from '../chat/continue-chat-by-email.js';
import type { Db } from '../db/index.js';
import { conversations } from '../db/schema.js';
import { queueEmailReply } from '../email/queue-email-reply.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { toMessages } from './conversation-dto.js';
import { findConversationRow } from './conversation-repository.js';
import { insertMessage } from './message-repository.js';

type PostMessageOptions = {
  scope: Extract<Scope, { kind: 'agency' }>;
  authorName: string;
  conversationId: string;
  input: PostMessageRequest;
  events: DeskEventPublisher;
};

/**
 * An agent's reply or internal note. A reply answers the customer: it stops the waiting clock and
 * marks the first response; a note changes nothing the customer or the SLA can see.
 */
export async function postMessage(db: Db, options: PostMessageOptions): Promise<Message> {
  const { scope, input } = options;
  const { message, clientId } = await db.transaction(async (tx) => {
    const conversation = await findConversationRow(tx, scope.clientIds, options.conversationId, { forUpdate: true });
    if (!conversation) throw notFound('Conversation');
    const isReply = input.kind === 'reply';
    const message = await insertMessage(tx, {
      clientId: conversation.client_id,
      conversationId: conversation.id,
      kind: isReply ? 'outgoing' : 'note',
      authorType: 'agent',
      authorId: scope.userId,
      authorName: options.authorName,
      bodyText: input.body,
      visibleToClient: isReply || input.visibleToClient,
      language: /[\u0600-\u06FF]/.test(input.body) ? 'fa' : 'en',
    });
    // An e-mail reply goes out through the outbox, committed with the reply itself.
    if (isReply && conversation.channel === 'email') {
      await queueEmailReply(tx, {
        clientId: conversation.client_id,
        conversationId: conversation.id,
        messageId: message.id,
        body: input.body,
      });
    }
    if (isReply && conversation.channel === 'chat') {
      await continueChatByEmail(tx, {
        clientId: conversation.client_id,
        conversationId: conversation.id,
        messageId: message.id,
        body: input.body,
        to: conversation.contact_email,
        subject: `${conversation.subject || conversation.client_name} [${conversation.client_prefix} #${conversation.number}]`,
      });
    }
    if (isReply) {
      await tx
        .update(conversations)
        .set({
          waitingSince: null,
          firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, now())`,
          lastMessageAt: message.createdAt,
          preview: input.body.slice(0, 140),
          updatedAt: sql`now()`,
        })
        .where(and(eq(conversations.clientId, conversation.client_id), eq(conversations.id, conversation.id)));
    }
    await recordAudit(tx, scope, {
      clientId: conversation.client_id,
      action: isReply ? 'message.replied' : 'message.noted',
      entity: 'conversation',
      entityId: conversation.id,
      data: { messageId: message.id, visibleToClient: message.visibleToClient },
    });
    return { message, clientId: conversation.client_id };
  });
  await options.events.publish({
    type: 'message.created',
    clientId,
    conversationId: message.conversationId,
    messageId: message.id,
    internal: !message.visibleToClient,
  });
  return toMessages([message], [])[0]!;
}
