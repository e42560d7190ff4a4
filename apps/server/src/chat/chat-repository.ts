import type { ChatMessage } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { chatConversationStates } from '../db/schema.js';
import { openSecret } from '../platform/secrets/index.js';
import type { WrittenMessage } from '../realtime/index.js';

export type ChatSettings = {
  channel: 'chat';
  allowedOrigins: string[];
  greeting: string;
  color: string;
  preChat: { field: 'name' | 'email' | 'phone'; required: boolean }[];
  businessHours: { timeZone: string; days: ({ open: string; close: string } | null)[] } | null;
  locale: 'auto' | 'en' | 'fa';
  identitySecret: string;
};

export type ChatInbox = { id: string; key: string; clientId: string; clientName: string; settings: ChatSettings };

type InboxRow = { id: string; key: string; clientId: string; clientName: string; settings: Partial<ChatSettings> };
const inboxSelect = sql`SELECT i.id, i.key, i.client_id AS "clientId", c.name AS "clientName", i.settings
  FROM inboxes i JOIN clients c ON c.id = i.client_id`;

/** The widget's entry point: an inbox key is public, so this is the one lookup that has no scope yet. */
export async function findChatInboxByKey(db: DbOrTx, key: string): Promise<ChatInbox | undefined> {
  const [row] = await queryRows<InboxRow>(
    db,
    sql`${inboxSelect} WHERE i.key = ${key} AND i.channel = 'chat' AND i.active AND c.active`,
  );
  return row && toChatInbox(row);
}

/** A client's first active chat inbox, by the client's public slug (the demo page of its site). */
export async function findChatInboxOfClient(db: DbOrTx, slug: string): Promise<ChatInbox | undefined> {
  const [row] = await queryRows<InboxRow>(
    db,
    sql`${inboxSelect} WHERE c.slug = ${slug} AND i.channel = 'chat' AND i.active AND c.active
      ORDER BY i.created_at, i.id LIMIT 1`,
  );
  return row && toChatInbox(row);
}

function toChatInbox(row: InboxRow): ChatInbox {
  // Inboxes made before these settings existed get the contract's defaults.
  const s = row.settings;
  const settings: ChatSettings = {
    channel: 'chat',
    allowedOrigins: s.allowedOrigins ?? [],
    greeting: s.greeting ?? '',
    color: s.color ?? '#1c7ed6',
    preChat: s.preChat ?? [],
    businessHours: s.businessHours ?? null,
    locale: s.locale ?? 'auto',
    // Sealed at rest (M7); rows stored before sealing began are read as they are.
    identitySecret: openSecret(s.identitySecret ?? ''),
  };
  return { id: row.id, key: row.key, clientId: row.clientId, clientName: row.clientName, settings };
}

export type VisitorConversation = {
  contactId: string;
  conversationId: string | null;
  status: string | null;
  name: string;
  email: string | null;
  phone: string | null;
  /** The address the visitor typed when their latest chat began: unverified, theirs to be mailed at only. */
  claimedEmail: string | null;
};

/**
 * The visitor's latest chat in this inbox: only a chat their own widget identity opened. A contact may
 * hold other chats (a customer known on another device before, data from before migration 0016), and
 * nobody but the identity that opened a chat is shown it.
 */
const latestOwnChat = (clientId: string, inboxId: string, sourceId: string) => sql`LEFT JOIN LATERAL (
    SELECT cv.id, cv.status, s.claimed_email FROM conversations cv
    JOIN chat_conversation_states s ON s.conversation_id = cv.id AND s.client_id = cv.client_id
    WHERE cv.client_id = ${clientId} AND cv.contact_id = ci.contact_id AND cv.inbox_id = ${inboxId}
      AND s.visitor_source_id = ${sourceId}
    ORDER BY cv.last_message_at DESC, cv.id DESC LIMIT 1
  ) cv ON true`;

/** The visitor's contact and their latest own chat in this inbox (null before their first message). */
export async function findVisitor(
  db: DbOrTx,
  clientId: string,
  inboxId: string,
  sourceId: string,
): Promise<VisitorConversation | undefined> {
  const [row] = await queryRows<VisitorConversation>(
    db,
    sql`SELECT ci.contact_id AS "contactId", ct.name, ct.email, ct.phone, cv.id AS "conversationId", cv.status,
        cv.claimed_email AS "claimedEmail"
      FROM contact_identities ci JOIN contacts ct ON ct.id = ci.contact_id
      ${latestOwnChat(clientId, inboxId, sourceId)}
      WHERE ci.client_id = ${clientId} AND ci.inbox_id = ${inboxId} AND ci.source_id = ${sourceId}`,
  );
  return row;
}

/**
 * What a visitor's message needs to know before it is written, in one statement: the visitor's contact
 * and latest own chat (as `findVisitor`), and whether a message with this idempotency key is already stored.
 */
export async function findVisitorForMessage(
  db: DbOrTx,
  clientId: string,
  inboxId: string,
  sourceId: string,
  messageSourceId: string,
): Promise<{ visitor: VisitorConversation | undefined; duplicate: boolean }> {
  const [row] = await queryRows<Partial<VisitorConversation> & { duplicate: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM messages WHERE client_id = ${clientId} AND source_id = ${messageSourceId})
        AS duplicate, v.*
      FROM (SELECT 1) one LEFT JOIN LATERAL (
        SELECT ci.contact_id AS "contactId", ct.name, ct.email, ct.phone, cv.id AS "conversationId", cv.status,
          cv.claimed_email AS "claimedEmail"
        FROM contact_identities ci JOIN contacts ct ON ct.id = ci.contact_id
        ${latestOwnChat(clientId, inboxId, sourceId)}
        WHERE ci.client_id = ${clientId} AND ci.inbox_id = ${inboxId} AND ci.source_id = ${sourceId}
        LIMIT 1
      ) v ON true`,
  );
  const { duplicate, ...visitor } = row ?? { duplicate: false };
  return { visitor: visitor.contactId ? (visitor as VisitorConversation) : undefined, duplicate: Boolean(duplicate) };
}

type ChatMessageRow = {
  id: string;
  sourceId: string | null;
  authorType: string;
  authorName: string;
  bodyText: string;
  createdAt: Date | string;
  files: { id: string; name: string; type: string; size: number }[] | null;
};

const chatMessageSelect = sql`SELECT m.id, m.source_id AS "sourceId", m.author_type AS "authorType",
    m.author_name AS "authorName", m.body_text AS "bodyText", m.created_at AS "createdAt",
    (SELECT json_agg(json_build_object('id', a.id, 'name', a.filename, 'type', a.content_type, 'size', a.size))
      FROM attachments a WHERE a.client_id = m.client_id AND a.message_id = m.id) AS files
  FROM messages m`;

/** What the visitor sees: their messages and the replies, never notes or the timeline. */
const visibleToVisitor = sql`m.kind IN ('incoming', 'outgoing')`;

/** The chats in this inbox that a widget identity opened itself: all a visitor is ever shown. */
const chatsOpenedBy = (clientId: string, inboxId: string, sourceId: string) => sql`SELECT cv.id FROM conversations cv
    JOIN chat_conversation_states s ON s.conversation_id = cv.id AND s.client_id = cv.client_id
    WHERE s.client_id = ${clientId} AND s.visitor_source_id = ${sourceId} AND cv.inbox_id = ${inboxId}`;

/** The visitor's chat history in this inbox (their own chats), oldest first: the latest `limit` messages. */
export async function listVisitorMessages(
  db: DbOrTx,
  clientId: string,
  inboxId: string,
  sourceId: string,
  limit = 200,
): Promise<ChatMessage[]> {
  const rows = await queryRows<ChatMessageRow>(
    db,
    sql`SELECT * FROM (${chatMessageSelect}
      WHERE m.client_id = ${clientId} AND ${visibleToVisitor} AND m.conversation_id IN (
        ${chatsOpenedBy(clientId, inboxId, sourceId)}
      )
      ORDER BY m.created_at DESC, m.id DESC LIMIT ${limit}) recent ORDER BY "createdAt", id`,
  );
  return rows.map(toChatMessage);
}

/** One message for the visitor, or undefined when it is not theirs to see. */
export async function findVisitorMessage(
  db: DbOrTx,
  clientId: string,
  messageId: string,
): Promise<(ChatMessage & { conversationId: string }) | undefined> {
  const [row] = await queryRows<ChatMessageRow & { conversationId: string }>(
    db,
    sql`SELECT x.*, (SELECT conversation_id FROM messages WHERE id = x.id) AS "conversationId" FROM (${chatMessageSelect}
      WHERE m.client_id = ${clientId} AND m.id = ${messageId} AND ${visibleToVisitor}) x`,
  );
  return row && { ...toChatMessage(row), conversationId: row.conversationId };
}

/** The idempotency key the widget gave a visitor's message, kept at the end of its source id. */
export const chatSourceId = (visitorSource: string, key: string) => `chat:${visitorSource}:${key}`;

/** A message this process just wrote (no attachments), as the visitor sees it; undefined if not theirs to see. */
export function writtenChatMessage(message: WrittenMessage): ChatMessage | undefined {
  if (message.kind !== 'incoming' && message.kind !== 'outgoing') return undefined;
  const { id, authorType, authorName, bodyText, createdAt } = message;
  return toChatMessage({ id, sourceId: null, authorType, authorName, bodyText, createdAt, files: null });
}

function toChatMessage(row: ChatMessageRow): ChatMessage {
  const from = row.authorType === 'contact' ? 'visitor' : row.authorType === 'system' ? 'system' : 'agent';
  const key =
    from === 'visitor' && row.sourceId?.startsWith('chat:')
      ? row.sourceId.slice(row.sourceId.lastIndexOf(':') + 1)
      : null;
  return {
    id: row.id,
    key,
    from,
    name: row.authorName,
    body: row.bodyText,
    at: new Date(row.createdAt).toISOString(),
    attachments: (row.files ?? []).map((file) => ({
      ...file,
      url: `/api/v1/widget/attachments/${file.id}`,
    })),
  };
}

export type ChatStateRow = typeof chatConversationStates.$inferSelect;
type ChatStateChange = Partial<Omit<ChatStateRow, 'clientId' | 'conversationId' | 'updatedAt'>>;

/** Records what changed about a chat, creating its row on first use. */
export async function saveChatState(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  change: ChatStateChange,
): Promise<void> {
  await db
    .insert(chatConversationStates)
    .values({ clientId, conversationId, ...change })
    .onConflictDoUpdate({
      target: chatConversationStates.conversationId,
      set: { ...change, updatedAt: sql`now()` },
      setWhere: eq(chatConversationStates.clientId, clientId),
    });
}

export async function findChatState(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
): Promise<ChatStateRow | undefined> {
  const [row] = await db
    .select()
    .from(chatConversationStates)
    .where(
      and(eq(chatConversationStates.clientId, clientId), eq(chatConversationStates.conversationId, conversationId)),
    );
  return row;
}

/** The address the client's mail goes out from: its first active e-mail inbox. */
export async function findClientMailbox(
  db: DbOrTx,
  clientId: string,
): Promise<{ inboxId: string; address: string; senderName: string } | undefined> {
  const [row] = await queryRows<{ inboxId: string; address: string; senderName: string }>(
    db,
    sql`SELECT i.id AS "inboxId", lower(i.settings->>'address') AS address,
        coalesce(nullif(i.settings->>'senderName', ''), c.name) AS "senderName"
      FROM inboxes i JOIN clients c ON c.id = i.client_id
      WHERE i.client_id = ${clientId} AND i.channel = 'email' AND i.active
      ORDER BY i.created_at, i.id LIMIT 1`,
  );
  return row;
}

export async function findConversationStatus(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
): Promise<string | undefined> {
  const [row] = await queryRows<{ status: string }>(
    db,
    sql`SELECT status FROM conversations WHERE client_id = ${clientId} AND id = ${conversationId}`,
  );
  return row?.status;
}

/** An attachment of a visitor-visible message in one of the visitor's own chats, or undefined. */
export async function findVisitorAttachment(
  db: DbOrTx,
  clientId: string,
  inboxId: string,
  sourceId: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; storageKey: string } | undefined> {
  const [row] = await queryRows<{ filename: string; contentType: string; storageKey: string }>(
    db,
    sql`SELECT a.filename, a.content_type AS "contentType", a.storage_key AS "storageKey"
      FROM attachments a JOIN messages m ON m.id = a.message_id AND m.client_id = a.client_id
      WHERE a.client_id = ${clientId} AND a.id = ${attachmentId} AND m.kind IN ('incoming', 'outgoing')
        AND m.conversation_id IN (${chatsOpenedBy(clientId, inboxId, sourceId)})`,
  );
  return row;
}

/**
 * Who a chat is with, as the widget knows them: the inbox and the widget identity that opened the chat
 * (not any identity of its contact: two visitors of one contact are two people until proven otherwise).
 */
export async function findConversationVisitor(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
): Promise<{ inboxId: string; sourceId: string } | undefined> {
  const [row] = await queryRows<{ inboxId: string; sourceId: string }>(
    db,
    sql`SELECT c.inbox_id AS "inboxId", s.visitor_source_id AS "sourceId"
      FROM conversations c JOIN chat_conversation_states s ON s.conversation_id = c.id AND s.client_id = c.client_id
      WHERE c.client_id = ${clientId} AND c.id = ${conversationId} AND c.channel = 'chat'
        AND s.visitor_source_id IS NOT NULL`,
  );
  return row;
}

/** The visitor gave an address only after their chat began (to be answered by e-mail): the first one stays. */
export async function claimChatAddress(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  email: string,
): Promise<void> {
  await db
    .update(chatConversationStates)
    .set({ claimedEmail: sql`coalesce(${chatConversationStates.claimedEmail}, ${email})`, updatedAt: sql`now()` })
    .where(
      and(eq(chatConversationStates.clientId, clientId), eq(chatConversationStates.conversationId, conversationId)),
    );
}
