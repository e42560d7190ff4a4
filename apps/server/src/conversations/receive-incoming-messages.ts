import { randomUUID } from 'node:crypto';
import { type SQL, sql } from 'drizzle-orm';
import { jsonRows, queryRows, type Tx } from '../db/index.js';
import { applySlaChanges } from '../sla/apply-sla-change.js';
import { type LockedSlaRow, slaRowReturning } from '../sla/sla-repository.js';
import type { Reaction, Reactions } from './conversation-events.js';
import type { IncomingMessage } from './receive-incoming-message.js';

export type ReceivedMessageId = {
  messageId: string;
  conversationId: string;
  created: boolean;
  /** The rules this message ran (in this transaction); publish its desk events after commit. */
  automation: Reaction;
};

/**
 * `receiveIncomingMessage` for many customers' messages at once, in a handful of statements whatever
 * their number (high-volume channels: SMTP group commit): contacts found or created, new conversations
 * numbered and opened, continued ones reopened and the messages written, all in one statement.
 * Then, as for a single message, each one's SLA clock starts or runs again and the client's rules run.
 * The caller guarantees what makes that safe: no two inputs share a client and sender (so none can
 * create a contact or conversation another one needs), and each `sourceId` was already looked up
 * in this transaction (the unique index still refuses a racing duplicate, failing the whole call).
 */
export async function receiveIncomingMessages(
  tx: Tx,
  inputs: IncomingMessage[],
  reactions: Reactions,
  options: {
    /**
     * The channel's own rows of these messages (e-mail records, attachments), written by the same statement:
     * INSERTs given the conversation and message of each input, in input order.
     */
    alsoWrite?: (written: { conversationId: string; messageId: string }[]) => SQL[];
  } = {},
): Promise<ReceivedMessageId[]> {
  if (inputs.length === 0) return [];
  const rows = inputs.map((input, i) => ({
    i,
    input,
    at: (input.receivedAt ?? new Date()).toISOString(),
    conversationId: input.conversationId ?? randomUUID(),
    created: !input.conversationId,
    messageId: randomUUID(),
  }));
  const written = await writeIncomingMessages(tx, rows, options.alsoWrite?.(rows) ?? []);
  // The SLA clocks start or run again and the client's rules run, as for one message; the statement that
  // wrote the conversations returned (and locked) what their clocks need.
  await applySlaChanges(
    tx,
    rows.map((r) => ({
      clientId: r.input.clientId,
      conversationId: r.conversationId,
      change: { type: r.created ? 'created' : 'incoming', at: new Date(r.at) },
    })),
    written,
  );
  const automation = await reactions.reactEach(
    tx,
    rows.map((r) => ({
      type: r.created ? 'conversation.created' : 'message.received',
      clientId: r.input.clientId,
      conversationId: r.conversationId,
      messageId: r.messageId,
    })),
  );
  return rows.map((r, i) => ({
    messageId: r.messageId,
    conversationId: r.conversationId,
    created: r.created,
    automation: automation[i]!,
  }));
}

type IncomingRow = {
  i: number;
  input: IncomingMessage;
  at: string;
  conversationId: string;
  created: boolean;
  messageId: string;
};

/**
 * ONE statement for the whole set (each statement is a round trip the batch waits on): per input its
 * customer (by their identity in this inbox; else the same person known by e-mail or phone from another
 * channel; else a new contact, missing identities linked), the new conversations numbered from each
 * client's counter with their audit records, the continued ones reopened (a customer writing again
 * reopens the conversation and, if nobody owes them an answer yet, starts the clock), the messages, and
 * whatever the channel writes with them.
 * The counter rows are locked in client order and stay locked until the transaction ends, so numbers are
 * handed out in commit order and two such statements never wait on each other crosswise.
 */
async function writeIncomingMessages(tx: Tx, rows: IncomingRow[], alsoWrite: SQL[]): Promise<LockedSlaRow[]> {
  const input = rows.map(({ i, input: m, at, conversationId, created, messageId }) => ({
    i,
    new_contact: randomUUID(),
    client_id: m.clientId,
    inbox_id: m.inboxId,
    source_id: m.sender.sourceId,
    name: m.sender.name,
    email: m.sender.email ?? null,
    phone: m.sender.phone ?? null,
    locale: m.sender.locale ?? 'en',
    conversation_id: conversationId,
    created,
    channel: m.channel,
    subject: m.subject,
    at,
    preview: m.bodyText.slice(0, 140),
    audit: { channel: m.channel, inboxId: m.inboxId },
    message_id: messageId,
    author_name: m.sender.name,
    body_text: m.bodyText,
    body_html: m.bodyHtml ?? null,
    message_source_id: m.sourceId ?? null,
    language: m.language ?? (/[\u0600-\u06FF]/.test(m.bodyText) ? 'fa' : 'en'),
    activity: m.activity ?? null,
  }));
  const [counts] = await queryRows<{ contacts: number; opened: number; written: number; sla_rows: LockedSlaRow[] }>(
    tx,
    sql`WITH q AS (
        SELECT * FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, new_contact uuid, client_id uuid,
          inbox_id uuid, source_id text, name text, email text, phone text, locale text, conversation_id uuid,
          created boolean, channel text, subject text, at timestamptz, preview text, audit jsonb, message_id uuid,
          author_name text, body_text text, body_html text, message_source_id text, language text, activity jsonb)
      ), ident AS (
        SELECT DISTINCT ON (q.i) q.i, ci.contact_id AS id FROM q
        JOIN contact_identities ci ON ci.client_id = q.client_id AND ci.inbox_id = q.inbox_id AND ci.source_id = q.source_id
        ORDER BY q.i
      ), known AS (
        SELECT DISTINCT ON (q.i) q.i, c.id FROM q
        JOIN contacts c ON c.client_id = q.client_id
          AND ((q.email IS NOT NULL AND c.email = q.email) OR (q.email IS NULL AND q.phone IS NOT NULL AND c.phone = q.phone))
        WHERE q.i NOT IN (SELECT i FROM ident)
        ORDER BY q.i, c.created_at
      ), made AS (
        INSERT INTO contacts (id, client_id, name, email, phone, locale)
        SELECT new_contact, client_id, name, email, phone, locale FROM q
        WHERE q.i NOT IN (SELECT i FROM ident) AND q.i NOT IN (SELECT i FROM known)
        RETURNING id
      ), chosen AS (
        SELECT i, id FROM ident UNION ALL SELECT i, id FROM known
        UNION ALL SELECT q.i, made.id FROM made JOIN q ON q.new_contact = made.id
      ), linked AS (
        INSERT INTO contact_identities (client_id, contact_id, inbox_id, source_id)
        SELECT q.client_id, chosen.id, q.inbox_id, q.source_id FROM chosen JOIN q ON q.i = chosen.i
        WHERE q.i NOT IN (SELECT i FROM ident)
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
        SELECT conversation_id, client_id, number, inbox_id, contact_id, channel::channel, subject, at, at, preview, at
        FROM numbered
        RETURNING ${slaRowReturning}
      ), audit AS (
        INSERT INTO audit_log (client_id, actor_kind, actor_id, action, entity, entity_id, data)
        SELECT client_id, 'system', NULL, 'conversation.created', 'conversation', conversation_id::text, audit FROM numbered
      ), continued AS (
        UPDATE conversations c SET status = 'open', resolved_at = NULL,
          waiting_since = coalesce(c.waiting_since, q.at), last_message_at = q.at, preview = q.preview, updated_at = now()
        FROM q WHERE NOT q.created AND c.client_id = q.client_id AND c.id = q.conversation_id
        RETURNING ${slaRowReturning}
      ), written AS (
        INSERT INTO messages (id, client_id, conversation_id, kind, author_type, author_id, author_name, body_text,
          body_html, source_id, language, activity, created_at)
        SELECT q.message_id, q.client_id, q.conversation_id, 'incoming', 'contact', chosen.id, q.author_name, q.body_text,
          q.body_html, q.message_source_id, q.language, q.activity, q.at
        FROM q JOIN chosen ON chosen.i = q.i
        RETURNING id
      )${sql.join(
        alsoWrite.map((statement, n) => sql`, ${sql.raw(`also_${n}`)} AS (${statement})`),
        sql``,
      )}
      SELECT (SELECT count(*) FROM chosen)::int AS contacts, (SELECT count(*) FROM conv)::int AS opened,
        (SELECT count(*) FROM written)::int AS written,
        (SELECT coalesce(jsonb_agg(to_jsonb(w) || jsonb_build_object('enabled', p.enabled, 'targets', p.targets,
            'warn_at_percent', p.warn_at_percent, 'calendar', p.calendar)), '[]')
          FROM (SELECT * FROM conv UNION ALL SELECT * FROM continued) w
          LEFT JOIN sla_policies p ON p.client_id = w.client_id) AS sla_rows`,
  );
  if (counts?.contacts !== rows.length) throw new Error('Could not find or create a contact');
  if (counts.opened !== rows.filter((r) => r.created).length) {
    throw new Error('Could not open a conversation: a client is missing');
  }
  if (counts.written !== rows.length) throw new Error('Could not write a message');
  return counts.sla_rows;
}
