import { randomUUID } from 'node:crypto';
import { and, eq, getTableColumns, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, jsonRows, queryRows, type Tx } from '../db/index.js';
import { messages } from '../db/schema.js';
import type { IncomingMessage } from './incoming-message.js';
import type { MessageRow } from './message-repository.js';
import { type ConversationSlaRow, conversationSlaColumns } from './sla-state-repository.js';

const messageColumns = getTableColumns(messages);

/** The messages already stored under these channel ids (a redelivery), of their clients. */
export async function findMessagesBySourceId(
  db: DbOrTx,
  keys: readonly { clientId: string; sourceId: string }[],
): Promise<MessageRow[]> {
  if (keys.length === 0) return [];
  return db
    .select(messageColumns)
    .from(messages)
    .where(or(...keys.map((k) => and(eq(messages.clientId, k.clientId), eq(messages.sourceId, k.sourceId)))));
}

/** One message to write, with the ids it will have (made up front, so the channel's own rows can name them). */
export type IncomingRow = {
  input: IncomingMessage;
  at: string;
  conversationId: string;
  created: boolean;
  messageId: string;
  language: string;
};

/** The customer each row was written for (by position), and the written conversations as their SLA reads them. */
export type WrittenIncoming = { contactIds: string[]; slaRows: ConversationSlaRow[] };

/**
 * ONE statement for the whole set (each statement is a round trip the batch waits on): per input its
 * customer (the one the channel already knows, `contactId`; else by their identity in this inbox; else the
 * oldest contact known by that e-mail or phone from another channel; else a new contact, missing identities
 * linked), the new conversations numbered from each client's counter with their audit records, the
 * continued ones reopened (a customer writing again reopens the conversation and, if nobody owes them an
 * answer yet, starts the clock; a call the agency placed starts no clock), the messages, and whatever the
 * channel writes with them.
 * The counter rows are locked in client order and stay locked until the transaction ends, so numbers are
 * handed out in commit order and two such statements never wait on each other crosswise.
 */
export async function writeIncomingMessages(tx: Tx, rows: IncomingRow[], alsoWrite: SQL[]): Promise<WrittenIncoming> {
  const input = rows.map(({ input: m, at, conversationId, created, messageId, language }, i) => ({
    i,
    new_contact: randomUUID(),
    given_contact: m.contactId ?? null,
    client_id: m.clientId,
    inbox_id: m.inboxId,
    source_id: m.sender.sourceId,
    name: m.sender.name,
    email: m.sender.email ?? null,
    phone: m.sender.phone ?? null,
    locale: m.sender.locale ?? 'en',
    conversation_id: conversationId,
    created,
    placed: Boolean(m.placedBy),
    channel: m.channel,
    subject: m.subject,
    at,
    preview: m.bodyText.slice(0, 140),
    audit: { channel: m.channel, inboxId: m.inboxId },
    message_id: messageId,
    author_id: m.placedBy ? m.placedBy.agentId : null,
    author_name: m.placedBy ? m.placedBy.agentName : m.sender.name,
    body_text: m.bodyText,
    body_html: m.bodyHtml ?? null,
    message_source_id: m.sourceId ?? null,
    language,
    activity: m.activity ?? null,
  }));
  const [counts] = await queryRows<{
    contacts: [number, string][];
    opened: number;
    written: number;
    sla_rows: ConversationSlaRow[];
  }>(
    tx,
    sql`WITH q AS (
        SELECT * FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, new_contact uuid, given_contact uuid,
          client_id uuid, inbox_id uuid, source_id text, name text, email text, phone text, locale text,
          conversation_id uuid, created boolean, placed boolean, channel text, subject text, at timestamptz,
          preview text, audit jsonb, message_id uuid, author_id uuid, author_name text, body_text text,
          body_html text, message_source_id text, language text, activity jsonb)
      ), given AS (
        -- The channel's own customer, only if it is the client's: an id of another client answers nothing.
        SELECT q.i, c.id FROM q JOIN contacts c ON c.id = q.given_contact AND c.client_id = q.client_id
      ), ident AS (
        SELECT DISTINCT ON (q.i) q.i, ci.contact_id AS id FROM q
        JOIN contact_identities ci ON ci.client_id = q.client_id AND ci.inbox_id = q.inbox_id AND ci.source_id = q.source_id
        WHERE q.given_contact IS NULL
        ORDER BY q.i
      ), known AS (
        SELECT DISTINCT ON (q.i) q.i, c.id FROM q
        JOIN contacts c ON c.client_id = q.client_id
          AND ((q.email IS NOT NULL AND c.email = q.email) OR (q.email IS NULL AND q.phone IS NOT NULL AND c.phone = q.phone))
        WHERE q.given_contact IS NULL AND q.i NOT IN (SELECT i FROM ident)
        ORDER BY q.i, c.created_at, c.id
      ), made AS (
        INSERT INTO contacts (id, client_id, name, email, phone, locale)
        SELECT new_contact, client_id, name, email, phone, locale FROM q
        WHERE q.given_contact IS NULL AND q.i NOT IN (SELECT i FROM ident) AND q.i NOT IN (SELECT i FROM known)
        RETURNING id
      ), chosen AS (
        SELECT i, id FROM given UNION ALL SELECT i, id FROM ident UNION ALL SELECT i, id FROM known
        UNION ALL SELECT q.i, made.id FROM made JOIN q ON q.new_contact = made.id
      ), linked AS (
        INSERT INTO contact_identities (client_id, contact_id, inbox_id, source_id)
        SELECT q.client_id, chosen.id, q.inbox_id, q.source_id FROM chosen JOIN q ON q.i = chosen.i
        WHERE q.given_contact IS NULL AND q.i NOT IN (SELECT i FROM ident)
        ON CONFLICT DO NOTHING
      ), wanted AS (
        SELECT client_id, count(*)::int AS n FROM q WHERE q.created GROUP BY client_id
      ), locked AS (
        SELECT c.id FROM clients c WHERE c.id IN (SELECT client_id FROM wanted) ORDER BY c.id FOR UPDATE
      ), seq AS (
        UPDATE clients c SET conversation_seq = c.conversation_seq + w.n
        FROM wanted w WHERE c.id = w.client_id AND c.id IN (SELECT id FROM locked)
        RETURNING c.id AS client_id, c.conversation_seq - w.n AS base
      ), numbered AS (
        SELECT q.*, chosen.id AS contact_id, seq.base + row_number() OVER (PARTITION BY q.client_id ORDER BY q.i) AS number
        FROM q JOIN seq ON seq.client_id = q.client_id JOIN chosen ON chosen.i = q.i
        WHERE q.created
      ), conv AS (
        INSERT INTO conversations AS c (id, client_id, number, inbox_id, contact_id, channel, subject, waiting_since,
          last_message_at, preview, created_at)
        SELECT conversation_id, client_id, number, inbox_id, contact_id, channel::channel, subject,
          CASE WHEN placed THEN NULL ELSE at END, at, preview, at
        FROM numbered
        RETURNING ${conversationSlaColumns}
      ), audit AS (
        INSERT INTO audit_log (client_id, actor_kind, actor_id, action, entity, entity_id, data)
        SELECT client_id, 'system', NULL, 'conversation.created', 'conversation', conversation_id::text, audit FROM numbered
      ), continued AS (
        UPDATE conversations c SET status = 'open', resolved_at = NULL,
          waiting_since = CASE WHEN q.placed THEN c.waiting_since ELSE coalesce(c.waiting_since, q.at) END,
          last_message_at = q.at, preview = q.preview, updated_at = now()
        FROM q WHERE NOT q.created AND c.client_id = q.client_id AND c.id = q.conversation_id
        RETURNING ${conversationSlaColumns}
      ), written AS (
        INSERT INTO messages (id, client_id, conversation_id, kind, author_type, author_id, author_name, body_text,
          body_html, source_id, language, activity, created_at)
        SELECT q.message_id, q.client_id, q.conversation_id,
          (CASE WHEN q.placed THEN 'outgoing' ELSE 'incoming' END)::message_kind,
          (CASE WHEN q.placed THEN 'agent' ELSE 'contact' END)::author_type,
          CASE WHEN q.placed THEN q.author_id ELSE chosen.id END, q.author_name, q.body_text,
          q.body_html, q.message_source_id, q.language, q.activity, q.at
        FROM q JOIN chosen ON chosen.i = q.i
        -- A continued conversation must be one of the client's (reopened above); another client's id writes nothing.
        WHERE q.created OR (q.client_id, q.conversation_id) IN (SELECT client_id, id FROM continued)
        RETURNING id
      )${sql.join(
        alsoWrite.map((statement, n) => sql`, ${sql.raw(`also_${n}`)} AS (${statement})`),
        sql``,
      )}
      SELECT (SELECT coalesce(jsonb_agg(jsonb_build_array(i, id)), '[]') FROM chosen) AS contacts,
        (SELECT count(*) FROM conv)::int AS opened, (SELECT count(*) FROM written)::int AS written,
        (SELECT coalesce(jsonb_agg(to_jsonb(w)), '[]') FROM (SELECT * FROM conv UNION ALL SELECT * FROM continued) w)
          AS sla_rows`,
  );
  if (counts?.contacts.length !== rows.length)
    throw new Error("Could not find or create a contact: a given contact is not the client's");
  if (counts.opened !== rows.filter((r) => r.created).length) {
    throw new Error('Could not open a conversation: a client is missing');
  }
  if (counts.written !== rows.length) throw new Error("Could not write a message: a conversation is not the client's");
  const contactIds: string[] = new Array(rows.length);
  for (const [i, id] of counts.contacts) contactIds[i] = id;
  return { contactIds, slaRows: counts.sla_rows };
}
