import { automationSubscriber } from './automation/index.js';
import { chatReplyChannel } from './chat/index.js';
import { createReactions, type Reactions } from './conversations/index.js';
import { emailReplyChannel } from './email/index.js';
import { escalateToClient } from './escalation/index.js';
import { phoneReplyChannel } from './phone/index.js';
import { chooseAgent } from './routing/index.js';
import { slaKeeper } from './sla/index.js';

/**
 * Who reacts to conversation events, registered once at start-up (the HTTP app and the workers share one):
 * the SLA, which keeps each conversation's clock and due times in step with what happens to it;
 * the client's automation rules, whose actions may choose an agent (routing) or escalate to the client.
 * Usage metering, surveys and reports subscribe here too. And the channels a written reply leaves by: e-mail's
 * outbox, chat (continued by e-mail once escalated); a caller cannot be written to; an API conversation's
 * reply is stored for the client's system to read (its callback arrives with the API channel).
 */
export function createConversationReactions(options: { publicUrl: string }): Reactions {
  return createReactions(
    [
      automationSubscriber({
        assignAutomatically: chooseAgent,
        escalateToClient: async (tx, request, reactions) => {
          const { escalation } = await escalateToClient(tx, {
            clientId: request.clientId,
            conversationId: request.conversationId,
            question: request.question,
            actor: { system: true, name: request.requestedBy },
            publicUrl: options.publicUrl,
            reactions,
          });
          return { escalationId: escalation.id };
        },
      }),
    ],
    {
      email: emailReplyChannel,
      chat: chatReplyChannel,
      phone: phoneReplyChannel,
      api: { deliver: async () => {} },
    },
    slaKeeper,
  );
}
