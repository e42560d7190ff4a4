import type { Tx } from '../db/index.js';
import { findChatState } from './chat-repository.js';
import { queueChatEmail } from './queue-chat-email.js';

/**
 * After a chat is escalated, the customer may have left: an agent's reply also goes by e-mail.
 * Called by `postMessage` inside the reply's transaction for every chat reply.
 */
export async function continueChatByEmail(
  tx: Tx,
  reply: {
    clientId: string;
    conversationId: string;
    messageId: string;
    body: string;
    to: string | null;
    subject: string;
  },
): Promise<void> {
  const state = await findChatState(tx, reply.clientId, reply.conversationId);
  if (!state?.escalatedAt) return;
  // A guest's address is only a claim on this chat (never the customer's): its own chat may go there.
  const to = reply.to ?? state.claimedEmail;
  if (!to) return;
  await queueChatEmail(tx, { ...reply, to });
}
