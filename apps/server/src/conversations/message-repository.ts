import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { type DbOrTx, prepared, queryRows } from '../db/index.js';
import { attachments, messages } from '../db/schema.js';
import { languageOfText } from './message-language.js';

export type MessageRow = typeof messages.$inferSelect;

/**
 * What a client user may see: everything but internal notes not shared with them and the few internal
 * system entries (SLA warnings) written with `visible_to_client = false`.
 */
export const visibleToClient: SQL = eq(messages.visibleToClient, true);

/** A message of a thread as the desk or the portal shows it, with its attachments. */
export type ThreadMessageRow = {
  id: string;
  conversation_id: string;
  kind: MessageRow['kind'];
  author_type: MessageRow['authorType'];
  author_id: string | null;
  author_name: string;
  body_text: string;
  body_html: string | null;
  visible_to_client: boolean;
  activity: Record<string, unknown> | null;
  created_at: Date | string;
  attachments: { id: string; filename: string; contentType: string; size: number }[];
};

/** A conversation's messages, oldest first, each with its attachments: one statement. */
export async function listMessages(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  options: { clientView?: boolean } = {},
): Promise<ThreadMessageRow[]> {
  return queryRows<ThreadMessageRow>(
    db,
    prepared(sql`SELECT m.id, m.conversation_id, m.kind, m.author_type, m.author_id, m.author_name, m.body_text, m.body_html,
        m.visible_to_client, m.activity, m.created_at,
        coalesce((SELECT jsonb_agg(jsonb_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type,
            'size', a.size) ORDER BY a.created_at, a.id)
          FROM attachments a WHERE a.client_id = m.client_id AND a.message_id = m.id), '[]') AS attachments
      FROM messages m
      WHERE m.client_id = ${clientId} AND m.conversation_id = ${conversationId}${options.clientView ? sql` AND m.visible_to_client` : sql``}
      ORDER BY m.created_at, m.id`),
  );
}

export async function insertAttachments(db: DbOrTx, values: PgInsertValue<typeof attachments>[]): Promise<string[]> {
  const rows = await db.insert(attachments).values(values).returning({ id: attachments.id });
  return rows.map((row) => row.id);
}

export async function insertMessage(db: DbOrTx, values: PgInsertValue<typeof messages>): Promise<MessageRow> {
  const [row] = await db.insert(messages).values(values).returning();
  return row!;
}

/**
 * Several messages in one statement; rows come back in the order given. `createdAt` may be
 * `clock_timestamp()`, so entries written in one transaction keep their order.
 */
export async function insertMessages(
  db: DbOrTx,
  values: PgInsertValue<typeof messages>[],
): Promise<{ id: string; createdAt: Date }[]> {
  return db.insert(messages).values(values).returning({ id: messages.id, createdAt: messages.createdAt });
}

/**
 * A message that joins a conversation without touching its status, waiting or SLA clock: an out-of-office
 * reply or a bounce report is shown in the thread, but nobody owes the customer an answer for it. Its words
 * reach the search document through the message triggers like any message's.
 */
export type QuietMessage = {
  clientId: string;
  conversationId: string;
  kind: 'incoming' | 'activity';
  authorType: 'contact' | 'system';
  authorName: string;
  bodyText: string;
  bodyHtml?: string | null;
  activity: Record<string, unknown>;
  sourceId: string;
  language?: string;
  createdAt: Date;
};

export async function insertQuietMessage(db: DbOrTx, message: QuietMessage): Promise<MessageRow> {
  return insertMessage(db, message);
}

/**
 * What the agency's system says to the customer on the conversation's channel (a chat's "an answer follows by
 * e-mail"): shown as sent, it answers nobody (waiting, first response and the SLA stay as they are).
 */
export async function insertSystemNotice(
  db: DbOrTx,
  notice: { clientId: string; conversationId: string; authorName: string; bodyText: string },
): Promise<MessageRow> {
  return insertMessage(db, {
    ...notice,
    kind: 'outgoing',
    authorType: 'system',
    language: languageOfText(notice.bodyText),
  });
}

/** The delivery state of an outgoing e-mail, written onto its message so the desk shows it with the reply. */
export async function recordMessageDelivery(
  db: DbOrTx,
  clientId: string,
  messageId: string,
  delivery: Record<string, unknown>,
): Promise<void> {
  await db
    .update(messages)
    .set({ activity: sql`coalesce(${messages.activity}, '{}'::jsonb) || ${JSON.stringify({ delivery })}::jsonb` })
    .where(and(eq(messages.clientId, clientId), eq(messages.id, messageId)));
}
