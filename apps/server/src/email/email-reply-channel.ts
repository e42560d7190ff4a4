import type { ReplyChannel } from '../conversations/index.js';
import { queueEmailReply } from './queue-email-reply.js';

/** An e-mail conversation's replies go out through the outbox, committed with the reply itself. */
export const emailReplyChannel: ReplyChannel = {
  deliver: async (tx, reply) => {
    await queueEmailReply(tx, {
      clientId: reply.conversation.client_id,
      conversationId: reply.conversation.id,
      messageId: reply.messageId,
      body: reply.body,
    });
  },
};
