import { eq, type SQL, sql } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import { type DbOrTx, prepared, queryRows } from '../db/index.js';
import { attachments, messages } from '../db/schema.js';

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

/** `createdAt` may be `clock_timestamp()`, so entries written in one transaction keep their order. */
export async function insertAttachments(db: DbOrTx, values: PgInsertValue<typeof attachments>[]): Promise<void> {
  await db.insert(attachments).values(values);
}

export async function insertMessage(db: DbOrTx, values: PgInsertValue<typeof messages>): Promise<MessageRow> {
  const [row] = await db.insert(messages).values(values).returning();
  return row!;
}
