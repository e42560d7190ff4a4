import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type AutomationResult, runAutomationsForEach } from '../automation/run-automations.js';
import { jsonRows, queryRows, type Tx } from '../db/index.js';
import { applySlaChanges } from '../sla/apply-sla-change.js';
import type { IncomingMessage } from './receive-incoming-message.js';

export type ReceivedMessageId = {
  messageId: string;
  conversationId: string;
  created: boolean;
  /** The rules this message ran (in this transaction); publish its desk events after commit. */
  automation: AutomationResult;
};

/**
 * `receiveIncomingMessage` for many customers' messages at once, in a handful of statements whatever
 * their number (high-volume channels: SMTP group commit): contacts found or created in one statement,
 * new conversations numbered and opened in one, continued ones updated in one, messages inserted in one.
 * Then, as for a single message, each one's SLA clock starts or runs again and the client's rules run.
 * The caller guarantees what makes that safe: no two inputs share a client and sender (so none can
 * create a contact or conversation another one needs), and each `sourceId` was already looked up
 * in this transaction (the unique index still refuses a racing duplicate, failing the whole call).
 */
export async function receiveIncomingMessages(tx: Tx, inputs: IncomingMessage[]): Promise<ReceivedMessageId[]> {
  if (inputs.length === 0) return [];
  const contactIds = await findOrCreateContacts(tx, inputs);
  const rows = inputs.map((input, i) => ({
    i,
    input,
    at: (input.receivedAt ?? new Date()).toISOString(),
    contactId: contactIds[i]!,
    conversationId: input.conversationId ?? randomUUID(),
    created: !input.conversationId,
    messageId: randomUUID(),
  }));
  const opened = rows.filter((r) => r.created);
  const continued = rows.filter((r) => !r.created);
  if (opened.length > 0) await openConversations(tx, opened);
  if (continued.length > 0) {
    // A customer writing again reopens the conversation and, if nobody owes them an answer yet, starts the clock.
    await tx.execute(sql`UPDATE conversations c SET status = 'open', resolved_at = NULL,
        waiting_since = coalesce(c.waiting_since, q.at), last_message_at = q.at, preview = q.preview, updated_at = now()
      FROM jsonb_to_recordset(${jsonRows(
        continued.map((r) => ({
          id: r.conversationId,
          client_id: r.input.clientId,
          at: r.at,
          preview: r.input.bodyText.slice(0, 140),
        })),
      )}) AS q(id uuid, client_id uuid, at timestamptz, preview text)
      WHERE c.client_id = q.client_id AND c.id = q.id`);
  }
  await tx.execute(sql`INSERT INTO messages (id, client_id, conversation_id, kind, author_type, author_id, author_name,
      body_text, body_html, source_id, language, created_at)
    SELECT q.id, q.client_id, q.conversation_id, 'incoming', 'contact', q.author_id, q.author_name, q.body_text,
      q.body_html, q.source_id, q.language, q.created_at
    FROM jsonb_to_recordset(${jsonRows(
      rows.map((r) => ({
        id: r.messageId,
        client_id: r.input.clientId,
        conversation_id: r.conversationId,
        author_id: r.contactId,
        author_name: r.input.sender.name,
        body_text: r.input.bodyText,
        body_html: r.input.bodyHtml ?? null,
        source_id: r.input.sourceId ?? null,
        language: r.input.language ?? (/[\u0600-\u06FF]/.test(r.input.bodyText) ? 'fa' : 'en'),
        created_at: r.at,
      })),
    )}) AS q(id uuid, client_id uuid, conversation_id uuid, author_id uuid, author_name text, body_text text,
      body_html text, source_id text, language text, created_at timestamptz)`);
  // The SLA clocks start or run again and the client's rules run, as for one message.
  await applySlaChanges(
    tx,
    rows.map((r) => ({
      clientId: r.input.clientId,
      conversationId: r.conversationId,
      change: { type: r.created ? 'created' : 'incoming', at: new Date(r.at) },
    })),
  );
  const automation = await runAutomationsForEach(
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

type Opening = { input: IncomingMessage; at: string; contactId: string; conversationId: string };

/**
 * Each client's next display numbers, the conversations and their audit records, in one statement.
 * The counter rows are locked in client order and stay locked until the transaction ends, so numbers
 * are handed out in commit order and two such statements never wait on each other crosswise.
 */
async function openConversations(tx: Tx, opened: Opening[]) {
  const input = opened.map((o, i) => ({
    i,
    id: o.conversationId,
    client_id: o.input.clientId,
    inbox_id: o.input.inboxId,
    contact_id: o.contactId,
    channel: o.input.channel,
    subject: o.input.subject,
    at: o.at,
    preview: o.input.bodyText.slice(0, 140),
    audit: { channel: o.input.channel, inboxId: o.input.inboxId },
  }));
  const made = await queryRows<{ id: string }>(
    tx,
    sql`WITH q AS (
        SELECT * FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, id uuid, client_id uuid, inbox_id uuid,
          contact_id uuid, channel text, subject text, at timestamptz, preview text, audit jsonb)
      ), wanted AS (
        SELECT client_id, count(*)::int AS n FROM q GROUP BY client_id
      ), locked AS (
        SELECT c.id FROM clients c WHERE c.id IN (SELECT client_id FROM wanted) ORDER BY c.id FOR UPDATE
      ), seq AS (
        UPDATE clients c SET conversation_seq = c.conversation_seq + w.n
        FROM wanted w WHERE c.id = w.client_id AND c.id IN (SELECT id FROM locked)
        RETURNING c.id AS client_id, c.conversation_seq - w.n AS base
      ), numbered AS (
        SELECT q.*, seq.base + row_number() OVER (PARTITION BY q.client_id ORDER BY q.i) AS number
        FROM q JOIN seq ON seq.client_id = q.client_id
      ), conv AS (
        INSERT INTO conversations (id, client_id, number, inbox_id, contact_id, channel, subject, waiting_since,
          last_message_at, preview, created_at)
        SELECT id, client_id, number, inbox_id, contact_id, channel::channel, subject, at, at, preview, at FROM numbered
        RETURNING id
      ), audit AS (
        INSERT INTO audit_log (client_id, actor_kind, actor_id, action, entity, entity_id, data)
        SELECT client_id, 'system', NULL, 'conversation.created', 'conversation', id::text, audit FROM numbered
      )
      SELECT id FROM conv`,
  );
  if (made.length !== opened.length) throw new Error('Could not open a conversation: a client is missing');
}

/**
 * Per input, its customer: by their identity in this inbox; else the same person known by e-mail or
 * phone from another channel; else a new contact; missing identities are linked in the same statement.
 */
async function findOrCreateContacts(tx: Tx, inputs: IncomingMessage[]): Promise<string[]> {
  const input = inputs.map((m, i) => ({
    i,
    new_id: randomUUID(),
    client_id: m.clientId,
    inbox_id: m.inboxId,
    source_id: m.sender.sourceId,
    name: m.sender.name,
    email: m.sender.email ?? null,
    phone: m.sender.phone ?? null,
    locale: m.sender.locale ?? 'en',
  }));
  const rows = await queryRows<{ i: number; id: string }>(
    tx,
    sql`WITH q AS (
        SELECT * FROM jsonb_to_recordset(${jsonRows(input)}) AS q(i int, new_id uuid, client_id uuid, inbox_id uuid,
          source_id text, name text, email text, phone text, locale text)
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
        SELECT new_id, client_id, name, email, phone, locale FROM q
        WHERE q.i NOT IN (SELECT i FROM ident) AND q.i NOT IN (SELECT i FROM known)
        RETURNING id
      ), chosen AS (
        SELECT i, id FROM ident UNION ALL SELECT i, id FROM known
        UNION ALL SELECT q.i, made.id FROM made JOIN q ON q.new_id = made.id
      ), linked AS (
        INSERT INTO contact_identities (client_id, contact_id, inbox_id, source_id)
        SELECT q.client_id, chosen.id, q.inbox_id, q.source_id FROM chosen JOIN q ON q.i = chosen.i
        WHERE q.i NOT IN (SELECT i FROM ident)
        ON CONFLICT DO NOTHING
      )
      SELECT i, id FROM chosen`,
  );
  const byIndex = new Map(rows.map((r) => [Number(r.i), r.id]));
  return inputs.map((_, i) => {
    const id = byIndex.get(i);
    if (!id) throw new Error('Could not find or create a contact');
    return id;
  });
}
