import type { Reactions } from '../conversations/index.js';
import { receiveIncomingMessage } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { type ChatInbox, findClientMailbox, saveChatState } from './chat-repository.js';

const subjects = { en: 'Message from the website', fa: 'پیام از وب‌سایت' };

/**
 * Nobody can chat now, so the visitor leaves a message: it becomes an e-mail conversation with the
 * customer known by that address, answered by e-mail like any other (the answer reaches the address's
 * owner, whoever typed it; the visitor is shown nothing of that customer). A client without an e-mail
 * inbox keeps it as the visitor's own chat, the typed address an unverified claim on it (C1).
 */
export async function receiveOfflineMessage(
  db: Db,
  { events, reactions }: { events: DeskEventPublisher; reactions: Reactions },
  input: {
    inbox: ChatInbox;
    visitorSourceId: string;
    key: string;
    name: string;
    email: string;
    body: string;
    locale: 'en' | 'fa';
  },
): Promise<void> {
  const { inbox } = input;
  const email = input.email.toLowerCase();
  const received = await db.transaction(async (tx) => {
    const mailbox = await findClientMailbox(tx, inbox.clientId);
    const result = await receiveIncomingMessage(
      tx,
      {
        clientId: inbox.clientId,
        inboxId: mailbox?.inboxId ?? inbox.id,
        channel: mailbox ? 'email' : 'chat',
        sender: mailbox
          ? { sourceId: email, name: input.name, email, locale: input.locale }
          : { sourceId: input.visitorSourceId, name: input.name, email: null, locale: input.locale },
        subject: subjects[input.locale],
        bodyText: input.body,
        sourceId: `chat-offline:${input.visitorSourceId}:${input.key}`,
      },
      reactions,
    );
    if (!mailbox && result.created)
      await saveChatState(tx, inbox.clientId, result.conversationId, {
        visitorSourceId: input.visitorSourceId,
        claimedEmail: email,
      });
    return result;
  });
  if (received.duplicate) return;
  const { clientId } = inbox;
  const { conversationId } = received;
  await events.publish({
    type: received.created ? 'conversation.created' : 'conversation.updated',
    clientId,
    conversationId,
  });
  await events.publish({
    type: 'message.created',
    clientId,
    conversationId,
    messageId: received.message.id,
    internal: false,
  });
}
