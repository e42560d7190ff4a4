import { findConversationRow } from '../conversations/conversation-repository.js';
import type { Tx } from '../db/index.js';
import { findChatState, saveChatState } from './chat-repository.js';
import { queueChatEmail } from './queue-chat-email.js';

/**
 * A message the escalation flow sends a chat customer (the "an answer follows within 24 hours" notice,
 * later the client's relayed answer), inside its transaction. The visitor may have left the page, so the
 * chat is marked escalated (from now on the agents' replies go by e-mail as well, see continueChatByEmail)
 * and this message goes by e-mail too when the customer's address is known. Returns whether it was queued.
 */
export async function continueEscalatedChat(
  tx: Tx,
  message: { clientId: string; conversationId: string; messageId: string; body: string },
): Promise<boolean> {
  const conversation = await findConversationRow(tx, [message.clientId], message.conversationId);
  if (conversation?.channel !== 'chat') return false;
  const state = await findChatState(tx, message.clientId, message.conversationId);
  if (!state?.escalatedAt)
    await saveChatState(tx, message.clientId, message.conversationId, { escalatedAt: new Date() });
  // A guest's address is only claimed, on this chat: mailing the chat's own messages there is what they asked.
  const to = conversation.contact_email ?? state?.claimedEmail;
  if (!to) return false;
  await queueChatEmail(tx, {
    clientId: message.clientId,
    conversationId: message.conversationId,
    messageId: message.messageId,
    to,
    subject: `${conversation.subject || conversation.client_name} [${conversation.client_prefix} #${conversation.number}]`,
    body: message.body,
  });
  return true;
}
