import type { ChatMessage, VisitorProfile } from '@switchboard/contracts';
import type { Reactions } from '../conversations/index.js';
import { receiveIncomingMessage } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { attachments } from '../db/schema.js';
import { AppError } from '../platform/errors.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import {
  type ChatInbox,
  chatSourceId,
  findVisitorForMessage,
  findVisitorMessage,
  saveChatState,
} from './chat-repository.js';
import type { Visitor } from './identify-visitor.js';

export type StoredFile = { filename: string; contentType: string; size: number; storageKey: string; sha256: string };

export type ChatMessageInput = {
  inbox: ChatInbox;
  visitor: Visitor;
  profile: VisitorProfile;
  locale: 'en' | 'fa';
  page: { url: string; title: string } | null;
  /** The widget's idempotency key: a resend of the same key is the same message. */
  key: string;
  body: string;
  file?: StoredFile;
  /** Asked before a new chat is opened (the per-network and per-inbox limits): false refuses the message. */
  mayOpenChat?: () => boolean;
};

export type ReceivedChatMessage = {
  message: ChatMessage;
  conversationId: string;
  duplicate: boolean;
  /** Tells the desk and the visitor's other sockets; the caller acknowledges first (it is committed). */
  announce: () => Promise<void>;
};

/**
 * A visitor's message, committed before the widget hears "ack"; the events follow the ack. It continues the visitor's open
 * chat or opens a new one (a resolved chat stays closed), through the same way in every channel
 * uses; a resend after a lost acknowledgement finds the stored message by its key.
 */
export async function receiveChatMessage(
  db: Db,
  { events, reactions }: { events: DeskEventPublisher; reactions: Reactions },
  input: ChatMessageInput,
): Promise<ReceivedChatMessage> {
  const { inbox, visitor, profile } = input;
  const sourceId = chatSourceId(visitor.sourceId, input.key);
  const received = await db.transaction(async (tx) => {
    // One statement finds the visitor and their chat and checks the key (the unique index still guards a race).
    const { visitor: known, duplicate } = await findVisitorForMessage(
      tx,
      inbox.clientId,
      inbox.id,
      visitor.sourceId,
      sourceId,
    );
    const continuing = known?.conversationId && known.status !== 'resolved' ? known.conversationId : null;
    if (!continuing && !duplicate && input.mayOpenChat && !input.mayOpenChat())
      throw new AppError('RATE_LIMITED', 'Too many new chats from here; please wait a minute.');
    const fallbackName = `${input.locale === 'fa' ? 'بازدیدکننده' : 'Visitor'} ${visitor.token.slice(0, 4).toUpperCase()}`;
    const result = await receiveIncomingMessage(
      tx,
      {
        clientId: inbox.clientId,
        inboxId: inbox.id,
        channel: 'chat',
        // What the visitor typed proves nothing: no address on the customer, so none matches an existing one
        // (C1). It is kept on this chat as an unverified claim instead.
        sender: {
          sourceId: visitor.sourceId,
          name: profile.name || known?.name || fallbackName,
          email: null,
          phone: null,
          locale: input.locale,
        },
        contactId: known?.contactId ?? null,
        conversationId: continuing,
        subject: input.body.replace(/\s+/g, ' ').trim().slice(0, 80) || input.file?.filename || 'Chat',
        bodyText: input.body,
        sourceId,
        sourceIdChecked: !duplicate,
      },
      reactions,
    );
    if (result.duplicate) return { ...result, stateChanged: false };
    if (input.file) {
      await tx.insert(attachments).values({ clientId: inbox.clientId, messageId: result.message.id, ...input.file });
    }
    if (result.created || input.page) {
      await saveChatState(tx, inbox.clientId, result.conversationId, {
        ...(input.page ? { pageUrl: input.page.url, pageTitle: input.page.title } : {}),
        ...(visitor.verifiedUserId ? { verifiedUserId: visitor.verifiedUserId } : {}),
        ...(result.created
          ? {
              visitorSourceId: visitor.sourceId,
              claimedEmail: profile.email?.toLowerCase() ?? null,
              claimedPhone: profile.phone ?? null,
            }
          : {}),
      });
    }
    return { ...result, stateChanged: true };
  });
  // Text needs no second read; a file's message is loaded with its attachment.
  const stored = received.message;
  const message: ChatMessage | undefined = input.file
    ? await findVisitorMessage(db, inbox.clientId, stored.id)
    : {
        id: stored.id,
        key: input.key,
        from: 'visitor',
        name: stored.authorName,
        body: stored.bodyText,
        at: new Date(stored.createdAt).toISOString(),
        attachments: [],
      };
  if (!message) throw new Error(`Chat message ${stored.id} vanished after commit`);
  const { clientId } = inbox;
  const { conversationId } = received;
  const announce = async () => {
    if (received.duplicate) return;
    // A new chat first, so the visitor's other sockets join it before its first message arrives.
    if (received.created) await events.publish({ type: 'conversation.created', clientId, conversationId });
    await events.publish({ type: 'message.created', clientId, conversationId, messageId: message.id, internal: false });
    if (!received.created)
      await events.publish({ type: 'conversation.updated', clientId, conversationId, status: 'open' });
    await received.automation?.publish(events);
  };
  return { message, conversationId, duplicate: received.duplicate, announce };
}
