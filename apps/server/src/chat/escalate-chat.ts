import type { ChatDetail } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import { findConversationRow, insertSystemNotice } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { findChatState, saveChatState } from './chat-repository.js';
import { getChatDetail } from './get-chat-detail.js';
import { queueChatEmail } from './queue-chat-email.js';

const promise = {
  en: (client: string) =>
    `Thank you for your patience. We need a little more time to answer this properly: ${client} will reply by e-mail within 24 hours, and the conversation continues there.`,
  fa: (client: string) =>
    `از شکیبایی شما سپاسگزاریم. برای پاسخ درست کمی زمان لازم است: ${client} ظرف ۲۴ ساعت به شما ایمیل می‌زند و گفت‌وگو از همان‌جا ادامه می‌یابد.`,
};

/**
 * The agent cannot answer now. The customer is told in the chat and by e-mail that an answer follows
 * within 24 hours, and from here the agents' replies also go out by e-mail. The routing work's full
 * escalation (tiers, the client asked for an answer) builds on this: it calls `escalateChat` first.
 */
export async function escalateChat(
  db: Db,
  options: { scope: Extract<Scope, { kind: 'agency' }>; conversationId: string; events: DeskEventPublisher },
): Promise<ChatDetail> {
  const { scope } = options;
  const { clientId, messageId } = await db.transaction(async (tx) => {
    const conversation = await findConversationRow(tx, scope.clientIds, options.conversationId, { forUpdate: true });
    if (!conversation) throw notFound('Conversation');
    if (conversation.channel !== 'chat') throw new AppError('CHAT_ONLY', 'Only a chat can be escalated this way.');
    const clientId = conversation.client_id;
    const body = (/[\u0600-\u06FF]/.test(conversation.preview) ? promise.fa : promise.en)(conversation.client_name);
    const message = await insertSystemNotice(tx, {
      clientId,
      conversationId: conversation.id,
      authorName: conversation.client_name,
      bodyText: body,
    });
    await saveChatState(tx, clientId, conversation.id, { escalatedAt: new Date() });
    // A guest's address is only a claim on this chat (never the customer's): its own chat may go there.
    const to = conversation.contact_email ?? (await findChatState(tx, clientId, conversation.id))?.claimedEmail;
    if (to) {
      await queueChatEmail(tx, {
        clientId,
        conversationId: conversation.id,
        messageId: message.id,
        to,
        subject: `${conversation.subject || conversation.client_name} [${conversation.client_prefix} #${conversation.number}]`,
        body,
      });
    }
    await recordAudit(tx, scope, {
      clientId,
      action: 'chat.escalated',
      entity: 'conversation',
      entityId: conversation.id,
      data: { emailed: Boolean(to) },
    });
    return { clientId, messageId: message.id };
  });
  const { conversationId } = options;
  await options.events.publish({ type: 'message.created', clientId, conversationId, messageId, internal: false });
  await options.events.publish({ type: 'chat.escalated', clientId, conversationId });
  await options.events.publish({ type: 'conversation.updated', clientId, conversationId });
  return getChatDetail(db, scope, conversationId);
}
