import type { ReplyChannel } from '../conversations/index.js';
import { continueChatByEmail } from './continue-chat-by-email.js';

/**
 * A chat's replies reach the visitor's page through the chat gateway (it frames what was written); once the
 * chat was escalated, the customer may have left, so they also go by e-mail (see continueChatByEmail).
 */
export const chatReplyChannel: ReplyChannel = {
  deliver: async (tx, { conversation, messageId, body, purpose }) => {
    await continueChatByEmail(tx, {
      clientId: conversation.client_id,
      conversationId: conversation.id,
      messageId,
      body,
      to: conversation.contact_email,
      subject: `${conversation.subject || conversation.client_name} [${conversation.client_prefix} #${conversation.number}]`,
      escalate: purpose === 'escalation',
    });
  },
};
