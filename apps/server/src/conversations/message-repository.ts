import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { PgInsertValue } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/index.js';
import { attachments, messages } from '../db/schema.js';

export type MessageRow = typeof messages.$inferSelect;
export type AttachmentRow = typeof attachments.$inferSelect;

/**
 * What a client user may see: everything but internal notes not shared with them and the few internal
 * system entries (SLA warnings) written with `visible_to_client = false`.
 */
export const visibleToClient: SQL = eq(messages.visibleToClient, true);

export async function listMessages(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
  options: { clientView?: boolean } = {},
): Promise<{ messages: MessageRow[]; attachments: AttachmentRow[] }> {
  const where = [eq(messages.clientId, clientId), eq(messages.conversationId, conversationId)];
  if (options.clientView) where.push(visibleToClient);
  const rows = await db
    .select()
    .from(messages)
    .where(and(...where))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const files =
    rows.length === 0
      ? []
      : await db
          .select()
          .from(attachments)
          .where(
            and(
              eq(attachments.clientId, clientId),
              inArray(
                attachments.messageId,
                rows.map((m) => m.id),
              ),
            ),
          );
  return { messages: rows, attachments: files };
}

/** `createdAt` may be `clock_timestamp()`, so entries written in one transaction keep their order. */
export async function insertMessage(db: DbOrTx, values: PgInsertValue<typeof messages>): Promise<MessageRow> {
  const [row] = await db.insert(messages).values(values).returning();
  return row!;
}
