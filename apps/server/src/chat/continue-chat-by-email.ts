import type { Tx } from '../db/index.js';
import { findChatState, saveChatState } from './chat-repository.js';
import { queueChatEmail } from './queue-chat-email.js';

/**
 * After a chat is escalated, the customer may have left: an agent's reply also goes by e-mail. Called by
 * `writeMessage` inside the reply's transaction for every chat reply. `escalate`: this reply is the
 * escalation's own (the "an answer follows" notice, the relayed answer), which marks the chat escalated first.
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
    escalate?: boolean;
  },
): Promise<void> {
  const { escalate, ...email } = reply;
  const state = await findChatState(tx, reply.clientId, reply.conversationId);
  if (!state?.escalatedAt) {
    if (!escalate) return;
    await saveChatState(tx, reply.clientId, reply.conversationId, { escalatedAt: new Date() });
  }
  // A guest's address is only a claim on this chat (never the customer's): its own chat may go there.
  const to = reply.to ?? state?.claimedEmail;
  if (!to) return;
  await queueChatEmail(tx, { ...email, to });
}
