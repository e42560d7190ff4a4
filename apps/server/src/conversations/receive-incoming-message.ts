import { and, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows, type Tx } from '../db/index.js';
import { conversations, messages } from '../db/schema.js';
import { applySlaChange } from '../sla/apply-sla-change.js';
import type { ConversationSet } from '../sla/sla-repository.js';
import type { Reaction, Reactions } from './conversation-events.js';
import type { MessageRow } from './message-repository.js';

export type IncomingMessage = {
  clientId: string;
  inboxId: string;
  channel: 'email' | 'chat' | 'phone' | 'api';
  /** The customer as the channel knows them: an e-mail address, a phone number, a visitor id. */
  sender: { sourceId: string; name: string; email?: string | null; phone?: string | null; locale?: string };
  /** The customer, when the channel already found them by their identity in this inbox (a chat visitor). */
  contactId?: string | null;
  /** The conversation this message continues, when the channel's threading found one. */
  conversationId?: string | null;
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
  /** The channel's id for this message (an e-mail's Message-ID): a redelivery is recognised, not stored twice. */
  sourceId?: string | null;
  /**
   * The caller has already looked for `sourceId` in this transaction (e-mail checks its own records), so
   * the lookup in `messages` is skipped; the unique index still refuses a racing duplicate.
   */
  sourceIdChecked?: boolean;
  language?: string;
  receivedAt?: Date;
  /** What the channel knows about the message the desk shows with it (e-mail: who really sent it, `senderAuth`). */
  activity?: Record<string, unknown> | null;
  /**
   * The agency reached out (an outbound call an agent placed; a PBX may not say who): the opening line is the agent's, nobody
   * waits for an answer, so no waiting or SLA clock starts and no "customer wrote" automation runs.
   */
  placedBy?: { agentId: string | null; agentName: string };
};

/** A stored message as returned here. */
export type IncomingMessageRow = MessageRow;

export type ReceivedMessage = {
  message: IncomingMessageRow;
  conversationId: string;
  /** The customer; null only for a redelivered message the agency itself wrote (see `placedBy`). */
  contactId: string | null;
  created: boolean;
  duplicate: boolean;
  /** The rules this message ran (in this transaction); publish its desk events after commit. */
  automation: Reaction | null;
};

const messageColumns = getTableColumns(messages);

/**
 * Every channel's way in: a customer's message becomes part of a conversation. Runs inside the
 * caller's transaction, so the channel can commit its own records (a raw e-mail, a chat ack) with it.
 * The customer is found by their identity in this inbox, or created; the conversation continues,
 * or a new one opens with the client's next display number; the waiting clock and the SLA clock start;
 * the client's automation rules run (`conversation.created` for the first message, `message.received` after).
 */
export async function receiveIncomingMessage(
  tx: Tx,
  input: IncomingMessage,
  reactions: Reactions,
): Promise<ReceivedMessage> {
  if (input.sourceId && !input.sourceIdChecked) {
    const [existing] = await tx
      .select(messageColumns)
      .from(messages)
      .where(and(eq(messages.clientId, input.clientId), eq(messages.sourceId, input.sourceId)))
      .limit(1);
    if (existing)
      return {
        message: existing,
        conversationId: existing.conversationId,
        contactId: existing.authorType === 'contact' ? existing.authorId! : null,
        created: false,
        duplicate: true,
        automation: null,
      };
  }
  const at = input.receivedAt ?? new Date();
  const placedBy = input.placedBy ?? null;
  const contactId = input.contactId ?? (await findOrCreateContact(tx, input));
  let conversationId = input.conversationId ?? null;
  let created = false;
  // A customer writing again reopens the conversation and, if nobody owes them an answer yet, starts the clock.
  // Unless the agency placed the call, this change is written by the SLA's UPDATE below: the row once per message.
  let reopen: ConversationSet | undefined;
  if (conversationId) {
    reopen = {
      status: 'open',
      resolvedAt: null,
      ...(!placedBy && { waitingSince: sql`coalesce(${conversations.waitingSince}, ${at})` }),
      lastMessageAt: at,
      preview: input.bodyText.slice(0, 140),
      updatedAt: sql`now()`,
    };
    if (placedBy)
      await tx
        .update(conversations)
        .set(reopen)
        .where(and(eq(conversations.clientId, input.clientId), eq(conversations.id, conversationId)));
  } else {
    conversationId = await openConversation(tx, input, contactId, at, !placedBy);
    created = true;
  }
  // The SLA clock starts (first response, resolution) or runs again and a next response is owed. The
  // conversation moves before its message is stored, so the message's words and the new time reach the
  // conversation's search document in one write (search triggers, migration 0011).
  if (!placedBy)
    await applySlaChange(
      tx,
      { clientId: input.clientId, conversationId, change: { type: created ? 'created' : 'incoming', at } },
      reopen,
    );
  const [message] = await tx
    .insert(messages)
    .values({
      clientId: input.clientId,
      conversationId,
      ...(placedBy
        ? {
            kind: 'outgoing' as const,
            authorType: 'agent' as const,
            authorId: placedBy.agentId,
            authorName: placedBy.agentName,
          }
        : {
            kind: 'incoming' as const,
            authorType: 'contact' as const,
            authorId: contactId,
            authorName: input.sender.name,
          }),
      bodyText: input.bodyText,
      bodyHtml: input.bodyHtml ?? null,
      sourceId: input.sourceId ?? null,
      language: input.language ?? (/[\u0600-\u06FF]/.test(input.bodyText) ? 'fa' : 'en'),
      activity: input.activity ?? null,
      createdAt: at,
    })
    .returning(messageColumns);
  if (placedBy) return { message: message!, conversationId, contactId, created, duplicate: false, automation: null };
  // The client's rules run in this transaction: they commit with the message, exactly once.
  const automation = await reactions.react(tx, {
    type: created ? 'conversation.created' : 'message.received',
    clientId: input.clientId,
    conversationId,
    messageId: message!.id,
  });
  return { message: message!, conversationId, contactId, created, duplicate: false, automation };
}

/**
 * The client's next display number, the conversation and its audit record, in one statement. The
 * counter row stays locked until the transaction ends, so numbers are handed out in commit order.
 */
async function openConversation(
  tx: DbOrTx,
  input: IncomingMessage,
  contactId: string,
  at: Date,
  waiting: boolean,
): Promise<string> {
  const when = at.toISOString();
  const waitingSince = waiting ? when : null;
  const audit = JSON.stringify({ channel: input.channel, inboxId: input.inboxId });
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`WITH seq AS (
        UPDATE clients SET conversation_seq = conversation_seq + 1 WHERE id = ${input.clientId}
        RETURNING conversation_seq
      ), conv AS (
        INSERT INTO conversations (client_id, number, inbox_id, contact_id, channel, subject, waiting_since,
          last_message_at, preview, created_at)
        SELECT ${input.clientId}::uuid, seq.conversation_seq, ${input.inboxId}::uuid, ${contactId}::uuid,
          ${input.channel}::channel, ${input.subject}::text, ${waitingSince}::timestamptz, ${when}::timestamptz,
          ${input.bodyText.slice(0, 140)}::text, ${when}::timestamptz
        FROM seq
        RETURNING id
      ), audit AS (
        INSERT INTO audit_log (client_id, actor_kind, actor_id, action, entity, entity_id, data)
        SELECT ${input.clientId}::uuid, 'system', NULL, 'conversation.created', 'conversation', conv.id::text,
          ${audit}::jsonb
        FROM conv
      )
      SELECT id FROM conv`,
  );
  if (!row) throw new Error(`No client ${input.clientId} to open a conversation for`);
  return row.id;
}

/**
 * The customer by their identity in this inbox; else the same person known by e-mail or phone from
 * another channel; else a new contact; the identity is linked in the same statement.
 */
async function findOrCreateContact(tx: DbOrTx, input: IncomingMessage): Promise<string> {
  const { clientId, inboxId, sender } = input;
  const email = sender.email ?? null;
  const phone = sender.phone ?? null;
  // The same person may reach the client on another channel first: match them by e-mail or phone.
  const knownBy: SQL = email
    ? sql`SELECT id FROM contacts WHERE client_id = ${clientId} AND email = ${email}`
    : phone
      ? sql`SELECT id FROM contacts WHERE client_id = ${clientId} AND phone = ${phone}`
      : sql`SELECT NULL::uuid AS id WHERE false`;
  const [row] = await queryRows<{ id: string }>(
    tx,
    sql`WITH ident AS (
        SELECT contact_id AS id FROM contact_identities
        WHERE client_id = ${clientId} AND inbox_id = ${inboxId} AND source_id = ${sender.sourceId}
        LIMIT 1
      ), known AS (
        SELECT k.id FROM (${knownBy}) k WHERE NOT EXISTS (SELECT 1 FROM ident) LIMIT 1
      ), made AS (
        INSERT INTO contacts (client_id, name, email, phone, locale)
        SELECT ${clientId}::uuid, ${sender.name}::text, ${email}::text, ${phone}::text, ${sender.locale ?? 'en'}::text
        WHERE NOT EXISTS (SELECT 1 FROM ident) AND NOT EXISTS (SELECT 1 FROM known)
        RETURNING id
      ), chosen AS (
        SELECT id FROM ident UNION ALL SELECT id FROM known UNION ALL SELECT id FROM made
      ), linked AS (
        INSERT INTO contact_identities (client_id, contact_id, inbox_id, source_id)
        SELECT ${clientId}::uuid, c.id, ${inboxId}::uuid, ${sender.sourceId}::text
        FROM (SELECT id FROM chosen LIMIT 1) c
        WHERE NOT EXISTS (SELECT 1 FROM ident)
        ON CONFLICT DO NOTHING
      )
      SELECT id FROM chosen LIMIT 1`,
  );
  if (!row) throw new Error('Could not find or create the contact');
  return row.id;
}
