import type { DeskEvent, Message, PostMessageRequest } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import type { Db, Tx } from '../db/index.js';
import { conversations } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { rememberWritten } from '../realtime/index.js';
import { toNewMessage } from './conversation-dto.js';
import { type KeptSla, type Reactions, replyChannelOf } from './conversation-events.js';
import { type ConversationRow, findConversationRow } from './conversation-repository.js';
import type { ConversationSet } from './conversation-state-repository.js';
import { keepSla } from './keep-sla.js';
import { languageOfText } from './message-language.js';
import { insertAttachments, insertMessage, type MessageRow } from './message-repository.js';

type PostMessageOptions = {
  scope: Extract<Scope, { kind: 'agency' }>;
  authorName: string;
  conversationId: string;
  input: PostMessageRequest;
  events: DeskEventPublisher;
  reactions: Reactions;
};

/**
 * An agent's reply or internal note. A reply answers the customer: it stops the waiting clock and
 * marks the first response; a note changes nothing the customer or the SLA can see.
 */
export async function postMessage(db: Db, options: PostMessageOptions): Promise<Message> {
  const { scope, input } = options;
  const { message, clientId, deskEvents } = await db.transaction(async (tx) => {
    const conversation = await findConversationRow(tx, scope.clientIds, options.conversationId, { forUpdate: true });
    if (!conversation) throw notFound('Conversation');
    const { message, deskEvents } = await writeMessage(tx, conversation, {
      input,
      author: { type: 'agent', id: scope.userId, name: options.authorName },
      audit: scope,
      reactions: options.reactions,
    });
    return { message, clientId: conversation.client_id, deskEvents };
  });
  for (const deskEvent of deskEvents) await options.events.publish(deskEvent);
  // Committed: the chat gateway frames it for the visitor from here rather than reading it back.
  rememberWritten(message);
  await options.events.publish({
    type: 'message.created',
    clientId,
    conversationId: message.conversationId,
    messageId: message.id,
    internal: !message.visibleToClient,
  });
  return toNewMessage(message);
}

type WriteMessageOptions = {
  input: PostMessageRequest;
  author: { type: 'agent' | 'system'; id: string | null; name: string };
  audit: Scope | 'system';
  auditData?: Record<string, unknown>;
  /** Recorded on the message, e.g. the rule that sent it (`{ ruleId }`). */
  activity?: Record<string, unknown>;
  /**
   * Whether the reply answers the customer (waiting ends, first response, the SLA's promise kept). By default
   * a person's reply does and a rule's automatic one does not: the customer still waits for a person.
   */
  answersCustomer?: boolean;
  /** A reply that does not answer may still take the conversation out of the queue (it now waits on the client). */
  leavesQueue?: boolean;
  /** Files already in storage that go with the reply: on the timeline with it, and attached to its e-mail. */
  attachments?: readonly StoredAttachment[];
  /**
   * `escalation`: the reply is the escalation's word to the customer; a chat customer may have left the page,
   * so the chat is marked escalated and this reply goes by e-mail too (see continueChatByEmail).
   */
  purpose?: 'reply' | 'escalation';
  /** Who reacts to what the reply causes (an SLA target met late is a breach the client's rules hear). */
  reactions: Reactions;
};

/** A file already kept in storage, attached to one more message (nothing is copied). */
export type StoredAttachment = {
  filename: string;
  contentType: string;
  size: number;
  storageKey: string;
  sha256: string;
};

/**
 * `deskEvents`: what the desk hears about the breaches the reply recorded (a target met late) and about
 * what reacted to them, for the caller to publish after commit.
 */
export type WrittenMessage = { message: MessageRow; deskEvents: DeskEvent[] };

/**
 * The reply or note itself, inside the caller's transaction on a conversation it has locked: every reply to
 * a customer (an agent's, a rule's, the escalation's notice and relayed answer) is written here, so waiting,
 * first response, the SLA clock, the outbox and the audit move together (see `answersCustomer`). The caller
 * publishes `deskEvents` after commit.
 */
export async function writeMessage(
  tx: Tx,
  conversation: ConversationRow,
  options: WriteMessageOptions,
): Promise<WrittenMessage> {
  const { input } = options;
  const isReply = input.kind === 'reply';
  // Refused before anything is stored: a reply here would be shown as sent, keep the SLA's promise and reach nobody.
  const channel = replyChannelOf(options.reactions, conversation.channel);
  if (isReply && channel.refuses) throw new AppError(channel.refuses.code, channel.refuses.detail);
  // A reply moves its conversation first and the message takes the same instant (the conversation is locked):
  // the message's words and the new time then reach the conversation's search document in one write (see the
  // search triggers, migration 0011).
  const at = isReply ? new Date() : null;
  const kept = at ? await moveRepliedConversation(tx, conversation, options, at) : null;
  const message = await insertMessage(tx, {
    clientId: conversation.client_id,
    conversationId: conversation.id,
    kind: isReply ? 'outgoing' : 'note',
    authorType: options.author.type,
    authorId: options.author.id,
    authorName: options.author.name,
    bodyText: input.body,
    visibleToClient: isReply || input.visibleToClient,
    language: languageOfText(input.body),
    activity: options.activity ?? null,
    createdAt: at ?? sql`clock_timestamp()`,
  });
  if (options.attachments?.length)
    await insertAttachments(
      tx,
      options.attachments.map((file) => ({ ...file, clientId: conversation.client_id, messageId: message.id })),
    );
  // The channel commits what carries the reply with the reply itself (e-mail's outbox, chat continued by e-mail).
  if (isReply && !channel.refuses)
    await channel.deliver(tx, {
      conversation,
      messageId: message.id,
      body: input.body,
      purpose: options.purpose ?? 'reply',
    });
  await recordAudit(tx, options.audit, {
    clientId: conversation.client_id,
    action: isReply ? 'message.replied' : 'message.noted',
    entity: 'conversation',
    entityId: conversation.id,
    data: { messageId: message.id, visibleToClient: message.visibleToClient, ...options.auditData },
  });
  return { message, deskEvents: kept ? await kept.raise(tx, options.reactions) : [] };
}

/**
 * The conversation a reply moves: its time, preview and waiting clock. A reply that answers the customer goes
 * through the SLA's UPDATE (one write of the row, not two); returns what the SLA recorded, to raise.
 */
async function moveRepliedConversation(
  tx: Tx,
  conversation: ConversationRow,
  options: WriteMessageOptions,
  at: Date,
): Promise<KeptSla | null> {
  const answers = options.answersCustomer ?? options.author.type === 'agent';
  const set: ConversationSet = {
    ...(answers
      ? { waitingSince: null, firstResponseAt: sql`coalesce(${conversations.firstResponseAt}, now())` }
      : options.leavesQueue
        ? { waitingSince: null }
        : {}),
    lastMessageAt: at,
    preview: options.input.body.slice(0, 140),
    updatedAt: sql`now()`,
  };
  if (answers)
    return keepSla(
      tx,
      options.reactions,
      [{ clientId: conversation.client_id, conversationId: conversation.id, change: { type: 'reply', at } }],
      { alsoSet: set },
    );
  await tx
    .update(conversations)
    .set(set)
    .where(and(eq(conversations.clientId, conversation.client_id), eq(conversations.id, conversation.id)));
  return null;
}
