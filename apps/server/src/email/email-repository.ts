import { and, desc, eq, getTableColumns, gte, inArray, isNull, lt, type SQL, sql } from 'drizzle-orm';
import { visibleToClient } from '../conversations/index.js';
import { type DbOrTx, jsonRows, type Lookup, lookUp, queryRows } from '../db/index.js';
import {
  attachments,
  emailCaught,
  emailDeliveries,
  emailImapStates,
  emailInboxConfigs,
  emailMessages,
  emailWebhookReceipts,
  inboxes,
  messages,
} from '../db/schema.js';
import type { Cursor } from '../platform/cursor.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';
import { sealSecret } from '../platform/secrets/index.js';
import type { SentDelivery } from './match-bounce.js';

/** The only code of the e-mail slice that touches the database. Every query names its client. */

export type EmailInbox = {
  inboxId: string;
  clientId: string;
  address: string;
  senderName: string;
  ticketPrefix: string;
  clientName: string;
  clientLocale: string;
  /** Sealed (`sb1:`); open it only to check a webhook's signature. */
  webhookSecret: string | null;
  autoAck: Record<string, { subject: string; body: string }> | null;
  signature: string;
  imap: Record<string, unknown> | null;
};

const inboxSelect = sql`SELECT i.id AS "inboxId", i.client_id AS "clientId", lower(i.settings->>'address') AS address,
    coalesce(i.settings->>'senderName', '') AS "senderName", c.ticket_prefix AS "ticketPrefix", c.name AS "clientName",
    c.locale AS "clientLocale", e.webhook_secret AS "webhookSecret", e.auto_ack AS "autoAck",
    coalesce(e.signature, '') AS signature, e.imap
  FROM inboxes i JOIN clients c ON c.id = i.client_id
  LEFT JOIN email_inbox_configs e ON e.client_id = i.client_id AND e.inbox_id = i.id
  WHERE i.channel = 'email' AND i.active AND c.active`;

export async function findEmailInboxByAddress(db: DbOrTx, address: string): Promise<EmailInbox | undefined> {
  return (
    await queryRows<EmailInbox>(
      db,
      sql`${inboxSelect} AND lower(i.settings->>'address') = ${address.toLowerCase()} LIMIT 1`,
    )
  )[0];
}

export async function findEmailInboxByKey(db: DbOrTx, key: string): Promise<EmailInbox | undefined> {
  return (await queryRows<EmailInbox>(db, sql`${inboxSelect} AND i.key = ${key} LIMIT 1`))[0];
}

export async function findEmailInbox(db: DbOrTx, clientId: string, inboxId: string): Promise<EmailInbox | undefined> {
  return (await queryRows<EmailInbox>(db, sql`${inboxSelect} AND i.client_id = ${clientId} AND i.id = ${inboxId}`))[0];
}

export async function listImapInboxes(db: DbOrTx): Promise<EmailInbox[]> {
  return queryRows<EmailInbox>(db, sql`${inboxSelect} AND e.imap IS NOT NULL`);
}

/** The mailbox password and the webhook secret are stored sealed (M7, L9); a sealed value stays as it is. */
export async function upsertEmailInboxConfig(db: DbOrTx, input: typeof emailInboxConfigs.$inferInsert): Promise<void> {
  const password = input.imap?.password;
  const sealedImap =
    input.imap && typeof password === 'string'
      ? { ...input, imap: { ...input.imap, password: sealSecret(password) } }
      : input;
  const values = sealedImap.webhookSecret
    ? { ...sealedImap, webhookSecret: sealSecret(sealedImap.webhookSecret) }
    : sealedImap;
  const { clientId: _c, inboxId: _i, ...set } = values;
  await db
    .insert(emailInboxConfigs)
    .values(values)
    .onConflictDoUpdate({ target: [emailInboxConfigs.clientId, emailInboxConfigs.inboxId], set });
}

type ThreadQuery = { i: number; clientId: string; sender: string };
type ThreadHit = { i: number; id: string };

const hitsByIndex = (rows: ThreadHit[]) => new Map(rows.map((r) => [Number(r.i), r.id]));

/** Per query (by index), the newest conversation of its customer with an e-mail whose `column` is its key. */
function newestConversationsBy(
  column: SQL,
  input: { i: number; client_id: string; sender: string; key: string }[],
): Lookup<Map<number, string>> {
  return {
    query: sql`SELECT DISTINCT ON (q.i) q.i, c.id
      FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, client_id uuid, sender text, key text)
      JOIN email_messages m ON m.client_id = q.client_id AND ${column} = q.key
      JOIN conversations c ON c.id = m.conversation_id AND c.client_id = m.client_id
      JOIN contacts ct ON ct.id = c.contact_id
      WHERE lower(ct.email) = q.sender
      ORDER BY q.i, m.created_at DESC`,
    read: (rows) => hitsByIndex(rows as ThreadHit[]),
  };
}

/** Per query, the newest conversation of this customer that holds one of these Message-IDs. */
export const conversationsByRfcIds = (queries: (ThreadQuery & { rfcIds: string[] })[]) =>
  newestConversationsBy(
    sql`m.rfc_message_id`,
    queries.flatMap((q) => q.rfcIds.map((key) => ({ i: q.i, client_id: q.clientId, sender: q.sender, key }))),
  );

/** Per query, this customer's conversation with the display number of a ticket token. */
export async function findConversationsByNumber(db: DbOrTx, queries: (ThreadQuery & { number: number })[]) {
  if (queries.length === 0) return new Map<number, string>();
  const input = queries.map((q) => ({ i: q.i, client_id: q.clientId, sender: q.sender, number: q.number }));
  return hitsByIndex(
    await queryRows<ThreadHit>(
      db,
      sql`SELECT q.i, c.id FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, client_id uuid, sender text, number int)
        JOIN conversations c ON c.client_id = q.client_id AND c.number = q.number
        JOIN contacts ct ON ct.id = c.contact_id
        WHERE lower(ct.email) = q.sender`,
    ),
  );
}

/** Per query, the newest conversation of this customer with this Outlook Thread-Index root. */
export async function findConversationsByThreadIndex(db: DbOrTx, queries: (ThreadQuery & { root: string })[]) {
  if (queries.length === 0) return new Map<number, string>();
  return lookUp(
    db,
    newestConversationsBy(
      sql`m.thread_index_root`,
      queries.map((q) => ({ i: q.i, client_id: q.clientId, sender: q.sender, key: q.root })),
    ),
  );
}

/** The cautious fallback's candidates: per query, the customer's open e-mail conversations of late (up to 20). */
export async function findRecentConversationsOfSenders(
  db: DbOrTx,
  queries: (ThreadQuery & { inboxId: string; since: Date })[],
) {
  const found = new Map<number, { id: string; subject: string }[]>();
  if (queries.length === 0) return found;
  const input = queries.map((q) => ({
    i: q.i,
    client_id: q.clientId,
    inbox_id: q.inboxId,
    sender: q.sender,
    since: q.since.toISOString(),
  }));
  const rows = await queryRows<{ i: number; id: string; subject: string }>(
    db,
    sql`SELECT q.i, r.id, r.subject
      FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, client_id uuid, inbox_id uuid, sender text, since timestamptz)
      CROSS JOIN LATERAL (
        SELECT c.id, c.subject, c.last_message_at FROM conversations c JOIN contacts ct ON ct.id = c.contact_id
        WHERE c.client_id = q.client_id AND c.inbox_id = q.inbox_id AND c.channel = 'email'
          AND c.status <> 'resolved' AND c.last_message_at >= q.since AND lower(ct.email) = q.sender
        ORDER BY c.last_message_at DESC LIMIT 20
      ) r
      ORDER BY q.i, r.last_message_at DESC`,
  );
  for (const row of rows) {
    const list = found.get(Number(row.i)) ?? [];
    list.push({ id: row.id, subject: row.subject });
    found.set(Number(row.i), list);
  }
  return found;
}

export type KnownEmail = {
  direction: 'in' | 'out';
  conversationId: string | null;
  messageId: string | null;
  rfcMessageId: string;
  /**
   * Our own mail coming back, or an incoming one with this content (or stored before contents were
   * compared): a redelivery. False: another message that reuses the Message-ID.
   */
  sameContent: boolean;
};

/**
 * Per (client, Message-ID), the e-mail record we hold: the one with this content (a redelivery, our own
 * mail coming back) if any, else the newest (the id is reused by different content).
 */
export function emailMessagesByRfcIds(
  queries: { i: number; clientId: string; rfcId: string; contentHash: string }[],
): Lookup<Map<number, KnownEmail>> {
  const input = queries.map((q) => ({ i: q.i, client_id: q.clientId, rfc: q.rfcId, hash: q.contentHash }));
  return {
    query: sql`SELECT DISTINCT ON (q.i) q.i, m.direction, m.conversation_id AS "conversationId", m.message_id AS "messageId",
        m.rfc_message_id AS "rfcMessageId",
        (m.direction = 'out' OR m.content_hash IS NULL OR m.content_hash = q.hash) AS "sameContent"
      FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, client_id uuid, rfc text, hash text)
      JOIN email_messages m ON m.client_id = q.client_id AND m.rfc_message_id = q.rfc
      ORDER BY q.i, "sameContent" DESC, m.created_at DESC`,
    read: (rows) => new Map((rows as (KnownEmail & { i: number })[]).map(({ i, ...known }) => [Number(i), known])),
  };
}

export async function findEmailMessageByRfcId(db: DbOrTx, clientId: string, rfcId: string) {
  const [row] = await db
    .select()
    .from(emailMessages)
    .where(and(eq(emailMessages.clientId, clientId), eq(emailMessages.rfcMessageId, rfcId)))
    .orderBy(desc(emailMessages.createdAt))
    .limit(1);
  return row;
}

export async function insertEmailMessage(db: DbOrTx, values: typeof emailMessages.$inferInsert) {
  const [row] = await db.insert(emailMessages).values(values).returning({ id: emailMessages.id });
  return row!;
}

type EmailRows = { emails?: (typeof emailMessages.$inferInsert)[]; attachments?: (typeof attachments.$inferInsert)[] };

/**
 * E-mail records and attachment rows, in ONE statement whatever their number (a batch of incoming mail):
 * the rows travel as jsonb, a small raw source as base64 in it.
 */
export async function insertEmailRows(db: DbOrTx, rows: EmailRows) {
  if ((rows.emails ?? []).length === 0 && (rows.attachments ?? []).length === 0) return;
  const [records, files] = emailRowsInserts(rows);
  await db.execute(sql`WITH e AS (${records}), a AS (${files}) SELECT 1`);
}

/** The two INSERTs of `insertEmailRows`, for a caller's statement that writes more (as CTEs). */
export function emailRowsInserts(rows: EmailRows): [SQL, SQL] {
  const emails = rows.emails ?? [];
  const files = rows.attachments ?? [];
  return [
    sql`INSERT INTO email_messages (client_id, inbox_id, conversation_id, message_id, direction, kind, rfc_message_id,
        in_reply_to, "references", thread_index_root, from_address, subject, raw_key, raw, raw_size, remote_images,
        html_with_images, via, content_hash, reused_message_id, spf, dkim, dmarc, sender_auth)
      SELECT client_id, inbox_id, conversation_id, message_id, direction, kind, rfc_message_id, in_reply_to, refs,
        thread_index_root, from_address, subject, raw_key, decode(raw, 'base64'), raw_size, remote_images,
        html_with_images, via, content_hash, reused_message_id, spf, dkim, dmarc, sender_auth
      FROM jsonb_to_recordset(${jsonRows(
        emails.map((e) => ({
          client_id: e.clientId,
          inbox_id: e.inboxId,
          conversation_id: e.conversationId ?? null,
          message_id: e.messageId ?? null,
          direction: e.direction,
          kind: e.kind,
          rfc_message_id: e.rfcMessageId,
          in_reply_to: e.inReplyTo ?? null,
          refs: e.references ?? [],
          thread_index_root: e.threadIndexRoot ?? null,
          from_address: e.fromAddress,
          subject: e.subject ?? '',
          raw_key: e.rawKey ?? null,
          raw: e.raw ? e.raw.toString('base64') : null,
          raw_size: e.rawSize ?? null,
          remote_images: e.remoteImages ?? false,
          html_with_images: e.htmlWithImages ?? null,
          via: e.via ?? 'smtp',
          content_hash: e.contentHash ?? null,
          reused_message_id: e.reusedMessageId ?? false,
          spf: e.spf ?? null,
          dkim: e.dkim ?? null,
          dmarc: e.dmarc ?? null,
          sender_auth: e.senderAuth ?? null,
        })),
      )}) AS q(client_id uuid, inbox_id uuid, conversation_id uuid, message_id uuid, direction text, kind text,
        rfc_message_id text, in_reply_to text, refs text[], thread_index_root text, from_address text, subject text,
        raw_key text, raw text, raw_size int, remote_images boolean, html_with_images text, via text,
        content_hash text, reused_message_id boolean, spf text, dkim text, dmarc text, sender_auth jsonb)`,
    sql`INSERT INTO attachments (id, client_id, message_id, filename, content_type, size, storage_key, sha256)
      SELECT id, client_id, message_id, filename, content_type, size, storage_key, sha256
      FROM jsonb_to_recordset(${jsonRows(
        files.map((f) => ({
          id: f.id,
          client_id: f.clientId,
          message_id: f.messageId,
          filename: f.filename,
          content_type: f.contentType,
          size: f.size,
          storage_key: f.storageKey,
          sha256: f.sha256,
        })),
      )}) AS q(id uuid, client_id uuid, message_id uuid, filename text, content_type text, size int, storage_key text,
        sha256 text)`,
  ];
}

export async function countRecentAutoAcks(db: DbOrTx, clientId: string, inboxId: string, to: string, since: Date) {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`SELECT count(*)::int AS n FROM email_deliveries WHERE client_id = ${clientId} AND inbox_id = ${inboxId}
      AND to_address = ${to} AND kind = 'auto_ack' AND created_at >= ${since}`,
  );
  return row?.n ?? 0;
}

export type ReplyContext = {
  clientId: string;
  inboxId: string;
  number: number;
  subject: string;
  contactEmail: string | null;
  contactName: string;
  contactLocale: string;
  address: string;
  senderName: string;
  ticketPrefix: string;
  signature: string;
  rfcIds: string[];
  lastIncomingRfcId: string | null;
};

export async function findReplyContext(db: DbOrTx, clientId: string, conversationId: string) {
  const [row] = await queryRows<Omit<ReplyContext, 'rfcIds' | 'lastIncomingRfcId'>>(
    db,
    sql`SELECT c.client_id AS "clientId", c.inbox_id AS "inboxId", c.number, c.subject, ct.email AS "contactEmail",
        ct.name AS "contactName", ct.locale AS "contactLocale", lower(i.settings->>'address') AS address,
        coalesce(i.settings->>'senderName', '') AS "senderName", cl.ticket_prefix AS "ticketPrefix",
        coalesce(e.signature, '') AS signature
      FROM conversations c JOIN contacts ct ON ct.id = c.contact_id JOIN inboxes i ON i.id = c.inbox_id
      JOIN clients cl ON cl.id = c.client_id
      LEFT JOIN email_inbox_configs e ON e.client_id = c.client_id AND e.inbox_id = c.inbox_id
      WHERE c.client_id = ${clientId} AND c.id = ${conversationId}`,
  );
  if (!row) return undefined;
  const ids = await queryRows<{ rfc: string; direction: string }>(
    db,
    sql`SELECT rfc_message_id AS rfc, direction FROM email_messages
      WHERE client_id = ${clientId} AND conversation_id = ${conversationId} AND kind IN ('customer', 'reply', 'auto_ack')
      ORDER BY created_at, id`,
  );
  const lastIncoming = ids.filter((r) => r.direction === 'in').at(-1)?.rfc ?? null;
  return { ...row, rfcIds: ids.map((r) => r.rfc), lastIncomingRfcId: lastIncoming } satisfies ReplyContext;
}

export async function insertDelivery(db: DbOrTx, values: typeof emailDeliveries.$inferInsert) {
  const [row] = await db.insert(emailDeliveries).values(values).returning({ id: emailDeliveries.id });
  return row!;
}

export async function findDelivery(db: DbOrTx, clientId: string, deliveryId: string) {
  const [row] = await db
    .select()
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.clientId, clientId), eq(emailDeliveries.id, deliveryId)));
  return row;
}

export type DeliveryRow = typeof emailDeliveries.$inferSelect;

export async function updateDelivery(
  db: DbOrTx,
  clientId: string,
  deliveryId: string,
  set: Partial<Pick<DeliveryRow, 'status' | 'attempts' | 'lastError' | 'sentAt'>>,
) {
  await db
    .update(emailDeliveries)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(emailDeliveries.clientId, clientId), eq(emailDeliveries.id, deliveryId)));
}

/** Deliveries whose wake-up may have been lost (a crash between commit and send): queued a while ago. */
export async function listStaleDeliveries(db: DbOrTx, olderThan: Date) {
  return queryRows<{ id: string; clientId: string }>(
    db,
    sql`SELECT id, client_id AS "clientId" FROM email_deliveries
      WHERE status = 'queued' AND updated_at < ${olderThan} ORDER BY created_at LIMIT 500`,
  );
}

/** Every e-mail we queued with this Message-ID (normally one), for checking a bounce against. */
export async function findDeliveriesByRfcId(db: DbOrTx, clientId: string, rfcId: string): Promise<SentDelivery[]> {
  return db
    .select({
      id: emailDeliveries.id,
      toAddress: emailDeliveries.toAddress,
      sentAt: emailDeliveries.sentAt,
      conversationId: emailDeliveries.conversationId,
      messageId: emailDeliveries.messageId,
    })
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.clientId, clientId), eq(emailDeliveries.rfcMessageId, rfcId)))
    .limit(20);
}

/**
 * Bounces that concern none of our sent mail, newest first, within the clients the caller may read, after
 * the cursor's row. Ordered on the arrival
 * time cut to milliseconds, the precision a cursor carries, so no row is skipped between pages.
 */
export async function listUnmatchedBounces(db: DbOrTx, clientIds: ClientReach, cursor: Cursor | null, limit: number) {
  const arrivedAt = sql`date_trunc('milliseconds', ${emailMessages.createdAt})`;
  return db
    .select({
      id: emailMessages.id,
      clientId: emailMessages.clientId,
      inboxId: emailMessages.inboxId,
      inboxName: inboxes.name,
      inboxAddress: sql<string | null>`${inboxes.settings}->>'address'`,
      rfcMessageId: emailMessages.rfcMessageId,
      fromAddress: emailMessages.fromAddress,
      subject: emailMessages.subject,
      bounce: emailMessages.bounce,
      createdAt: emailMessages.createdAt,
    })
    .from(emailMessages)
    .innerJoin(inboxes, and(eq(inboxes.id, emailMessages.inboxId), eq(inboxes.clientId, emailMessages.clientId)))
    .where(
      and(
        isEveryClient(clientIds) ? undefined : inArray(emailMessages.clientId, [...clientIds]),
        eq(emailMessages.kind, 'bounce'),
        isNull(emailMessages.conversationId),
        cursor ? sql`(${arrivedAt}, ${emailMessages.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(arrivedAt), desc(emailMessages.id))
    .limit(limit);
}

/** The stored raw source of an e-mail we send, once its first attempt built it. */
export async function findOutgoingRawKey(db: DbOrTx, clientId: string, rfcId: string) {
  const [row] = await db
    .select({ rawKey: emailMessages.rawKey })
    .from(emailMessages)
    .where(
      and(
        eq(emailMessages.clientId, clientId),
        eq(emailMessages.rfcMessageId, rfcId),
        eq(emailMessages.direction, 'out'),
      ),
    )
    .limit(1);
  return row?.rawKey ?? null;
}

export async function setOutgoingRawKey(db: DbOrTx, clientId: string, rfcId: string, rawKey: string, rawSize: number) {
  await db
    .update(emailMessages)
    .set({ rawKey, rawSize })
    .where(
      and(
        eq(emailMessages.clientId, clientId),
        eq(emailMessages.rfcMessageId, rfcId),
        eq(emailMessages.direction, 'out'),
      ),
    );
}

export async function insertCaught(db: DbOrTx, values: typeof emailCaught.$inferInsert) {
  await db.insert(emailCaught).values(values).onConflictDoNothing();
}

/** The mail catcher's list: who, what and when, without the raw sources (those are fetched one at a time). */
export async function listCaught(db: DbOrTx, clientIds: ClientReach, limit: number) {
  const where = isEveryClient(clientIds) ? undefined : inArray(emailCaught.clientId, [...clientIds]);
  const { raw: _raw, ...summary } = getTableColumns(emailCaught);
  return db.select(summary).from(emailCaught).where(where).orderBy(desc(emailCaught.createdAt)).limit(limit);
}

export async function findCaught(db: DbOrTx, clientIds: ClientReach, caughtId: string) {
  const where = [eq(emailCaught.id, caughtId)];
  if (!isEveryClient(clientIds)) where.push(inArray(emailCaught.clientId, [...clientIds]));
  const [row] = await db
    .select()
    .from(emailCaught)
    .where(and(...where));
  return row;
}

/** The e-mail record behind a desk message, only within the clients the caller may read. */
/** The e-mail record of a desk message (its raw bytes left out: `hasRaw` says whether there are any). */
export async function findEmailOfMessage(db: DbOrTx, clientIds: ClientReach, messageId: string) {
  const { raw: _raw, ...columns } = getTableColumns(emailMessages);
  const [row] = await db
    .select({
      ...columns,
      hasRaw: sql<boolean>`(${emailMessages.raw} IS NOT NULL OR ${emailMessages.rawKey} IS NOT NULL)`,
    })
    .from(emailMessages)
    .where(emailOfMessage(clientIds, messageId))
    .limit(1);
  return row;
}

/** The raw source of a desk message's e-mail: its bytes when kept in the row, else its storage key. */
export async function findRawOfMessage(db: DbOrTx, clientIds: ClientReach, messageId: string) {
  const [row] = await db
    .select({ raw: emailMessages.raw, rawKey: emailMessages.rawKey })
    .from(emailMessages)
    .where(emailOfMessage(clientIds, messageId))
    .limit(1);
  return row;
}

const emailOfMessage = (clientIds: ClientReach, messageId: string) =>
  and(
    eq(emailMessages.messageId, messageId),
    isEveryClient(clientIds) ? undefined : inArray(emailMessages.clientId, [...clientIds]),
  );

export async function findDeliveryOfMessage(db: DbOrTx, clientId: string, messageId: string) {
  const [row] = await db
    .select()
    .from(emailDeliveries)
    .where(and(eq(emailDeliveries.clientId, clientId), eq(emailDeliveries.messageId, messageId)))
    .limit(1);
  return row;
}

/** An attachment in scope; for a client user only one on a message the client may see (never an internal note's). */
export async function findAttachment(
  db: DbOrTx,
  clientIds: ClientReach,
  attachmentId: string,
  options: { clientView?: boolean } = {},
) {
  const where = [eq(attachments.id, attachmentId)];
  if (!isEveryClient(clientIds)) where.push(inArray(attachments.clientId, [...clientIds]));
  if (options.clientView) where.push(visibleToClient);
  const [row] = await db
    .select({ attachment: attachments })
    .from(attachments)
    .innerJoin(messages, and(eq(messages.clientId, attachments.clientId), eq(messages.id, attachments.messageId)))
    .where(and(...where));
  return row?.attachment;
}

export async function findImapState(db: DbOrTx, clientId: string, inboxId: string) {
  const [row] = await db
    .select()
    .from(emailImapStates)
    .where(and(eq(emailImapStates.clientId, clientId), eq(emailImapStates.inboxId, inboxId)));
  return row;
}

export async function saveImapState(db: DbOrTx, values: typeof emailImapStates.$inferInsert) {
  const { clientId: _c, inboxId: _i, ...set } = values;
  await db
    .insert(emailImapStates)
    .values(values)
    .onConflictDoUpdate({
      target: [emailImapStates.clientId, emailImapStates.inboxId],
      set: { ...set, updatedAt: sql`now()` },
    });
}

export async function listImapStates(db: DbOrTx, clientIds: ClientReach) {
  const where = isEveryClient(clientIds) ? undefined : inArray(emailImapStates.clientId, [...clientIds]);
  return db.select().from(emailImapStates).where(where);
}

/** The conversation a `webhook-id` already accepted for this inbox went to, if it was accepted since `since`. */
export async function findWebhookReceipt(
  db: DbOrTx,
  inbox: { clientId: string; inboxId: string },
  webhookId: string,
  since: Date,
): Promise<{ conversationId: string | null } | undefined> {
  const [row] = await db
    .select({ conversationId: emailWebhookReceipts.conversationId })
    .from(emailWebhookReceipts)
    .where(
      and(
        eq(emailWebhookReceipts.clientId, inbox.clientId),
        eq(emailWebhookReceipts.inboxId, inbox.inboxId),
        eq(emailWebhookReceipts.webhookId, webhookId),
        gte(emailWebhookReceipts.receivedAt, since),
      ),
    );
  return row;
}

/**
 * Records an accepted `webhook-id` in the transaction that stores its e-mail, after pruning the inbox's
 * receipts from before `prunedBefore`. Returns false when a concurrent delivery of the same id recorded it
 * first (the insert waits for that transaction, then does nothing).
 */
export async function recordWebhookReceipt(
  tx: DbOrTx,
  receipt: { clientId: string; inboxId: string; webhookId: string; conversationId: string | null; receivedAt: Date },
  prunedBefore: Date,
): Promise<boolean> {
  await tx
    .delete(emailWebhookReceipts)
    .where(
      and(
        eq(emailWebhookReceipts.clientId, receipt.clientId),
        eq(emailWebhookReceipts.inboxId, receipt.inboxId),
        lt(emailWebhookReceipts.receivedAt, prunedBefore),
      ),
    );
  const inserted = await tx
    .insert(emailWebhookReceipts)
    .values(receipt)
    .onConflictDoNothing()
    .returning({ webhookId: emailWebhookReceipts.webhookId });
  return inserted.length > 0;
}
