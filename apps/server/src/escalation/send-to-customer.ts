import { findConversationRow, type Reactions, replyChannelOf, writeMessage } from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { SendableAttachment } from './escalation-repository.js';
import type { TimelineActor } from './escalation-timeline.js';

/**
 * A message to the customer on the escalation's behalf (the "update follows" notice, the relayed answer):
 * a reply like any other (conversations' writeMessage: waiting, first response, the SLA clock, the e-mail
 * outbox with its documents attached); a chat's continues by e-mail from here since the customer may have
 * left the page. Returns the message and what the desk must hear of the SLA after commit.
 */
export async function sendToCustomer(
  tx: Tx,
  options: {
    clientId: string;
    conversationId: string;
    body: string;
    actor: TimelineActor;
    audit: Scope | 'system';
    escalationId: string;
    purpose: 'notice' | 'relay';
    /** Documents sent with it: on the timeline with the message, and attached to its e-mail. */
    files?: readonly SendableAttachment[];
    reactions: Reactions;
  },
) {
  const conversation = await findConversationRow(tx, [options.clientId], options.conversationId, { forUpdate: true });
  if (!conversation) throw notFound('Conversation');
  // A caller cannot be written to: on a phone conversation the words stay on the timeline as a note the
  // client sees, for the agent to say on the call back (a written reply there is refused).
  const kind = replyChannelOf(options.reactions, conversation.channel).refuses ? 'note' : 'reply';
  const { message, deskEvents } = await writeMessage(tx, conversation, {
    reactions: options.reactions,
    input: { kind, body: options.body, visibleToClient: true },
    author: {
      type: options.actor.type === 'system' ? 'system' : 'agent',
      id: options.actor.id,
      name: options.actor.name,
    },
    audit: options.audit,
    auditData: { escalationId: options.escalationId },
    activity: { escalationId: options.escalationId, escalationMessage: options.purpose },
    // The same stored object, now also part of this message (nothing is copied in storage).
    attachments: (options.files ?? []).map((file) => ({
      filename: file.filename,
      contentType: file.content_type,
      size: file.size,
      storageKey: file.storage_key,
      sha256: file.sha256,
    })),
    purpose: 'escalation',
    // The client's answer, relayed, answers the customer whoever relays it; a rule's notice that an answer
    // follows is like an auto-acknowledgement, but the conversation now waits on the client, not in the queue.
    answersCustomer: options.actor.type === 'agent' || options.purpose === 'relay',
    leavesQueue: true,
  });
  return { message, deskEvents };
}
