import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import { kbCategories, kbItems, kbItemUses, kbItemVersions } from '../db/schema.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';

/** The knowledge base's only database code. Every function names the client it reads or writes. */

export type KbItemRow = typeof kbItems.$inferSelect;
export type KbCategoryRow = typeof kbCategories.$inferSelect;

export const listCategoryRows = (db: DbOrTx, clientId: string) =>
  db
    .select()
    .from(kbCategories)
    .where(eq(kbCategories.clientId, clientId))
    .orderBy(asc(kbCategories.position), asc(kbCategories.createdAt));

export async function findCategoryRow(db: DbOrTx, clientId: string, categoryId: string) {
  const [row] = await db
    .select()
    .from(kbCategories)
    .where(and(eq(kbCategories.clientId, clientId), eq(kbCategories.id, categoryId)));
  return row;
}

export async function insertCategoryRow(db: DbOrTx, row: typeof kbCategories.$inferInsert) {
  const [inserted] = await db.insert(kbCategories).values(row).returning();
  return inserted!;
}

export async function updateCategoryRow(
  db: DbOrTx,
  clientId: string,
  categoryId: string,
  set: Partial<typeof kbCategories.$inferInsert>,
) {
  const [row] = await db
    .update(kbCategories)
    .set(set)
    .where(and(eq(kbCategories.clientId, clientId), eq(kbCategories.id, categoryId)))
    .returning();
  return row;
}

/** Moves a category's items and sub-categories to `parentId` (null: the top level). */
export async function reparentCategoryContents(
  db: DbOrTx,
  clientId: string,
  categoryId: string,
  parentId: string | null,
) {
  await db
    .update(kbItems)
    .set({ categoryId: parentId })
    .where(and(eq(kbItems.clientId, clientId), eq(kbItems.categoryId, categoryId)));
  await db
    .update(kbCategories)
    .set({ parentId })
    .where(and(eq(kbCategories.clientId, clientId), eq(kbCategories.parentId, categoryId)));
}

export async function deleteCategoryRow(db: DbOrTx, clientId: string, categoryId: string) {
  await db.delete(kbCategories).where(and(eq(kbCategories.clientId, clientId), eq(kbCategories.id, categoryId)));
}

export type ItemFilter = { language?: string; kind?: string; categoryId?: string; limit: number };

export const listItemRows = (db: DbOrTx, clientId: string, filter: ItemFilter) =>
  db
    .select()
    .from(kbItems)
    .where(
      and(
        eq(kbItems.clientId, clientId),
        eq(kbItems.archived, false),
        filter.language ? eq(kbItems.language, filter.language) : undefined,
        filter.kind ? sql`${kbItems.kind} = ${filter.kind}` : undefined,
        filter.categoryId ? eq(kbItems.categoryId, filter.categoryId) : undefined,
      ),
    )
    .orderBy(asc(kbItems.title))
    .limit(filter.limit);

export async function findItemRow(db: DbOrTx, clientId: string, itemId: string, options: { forUpdate?: boolean } = {}) {
  const query = db
    .select()
    .from(kbItems)
    .where(and(eq(kbItems.clientId, clientId), eq(kbItems.id, itemId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export const listVariantRows = (db: DbOrTx, clientId: string, groupId: string) =>
  db
    .select({ id: kbItems.id, language: kbItems.language, title: kbItems.title })
    .from(kbItems)
    .where(and(eq(kbItems.clientId, clientId), eq(kbItems.groupId, groupId)));

export async function insertItemRow(db: DbOrTx, row: typeof kbItems.$inferInsert) {
  const [inserted] = await db.insert(kbItems).values(row).returning();
  return inserted!;
}

export async function updateItemRow(
  db: DbOrTx,
  clientId: string,
  itemId: string,
  set: Partial<typeof kbItems.$inferInsert>,
) {
  const [row] = await db
    .update(kbItems)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(kbItems.clientId, clientId), eq(kbItems.id, itemId)))
    .returning();
  return row!;
}

export async function insertVersionRow(db: DbOrTx, row: typeof kbItemVersions.$inferInsert) {
  await db.insert(kbItemVersions).values(row);
}

export const listVersionRows = (db: DbOrTx, clientId: string, itemId: string) =>
  db
    .select()
    .from(kbItemVersions)
    .where(and(eq(kbItemVersions.clientId, clientId), eq(kbItemVersions.itemId, itemId)))
    .orderBy(desc(kbItemVersions.version));

/** Counts one use and returns the new total; the use row keeps who and where for reports. */
export async function recordItemUse(
  db: DbOrTx,
  use: { clientId: string; itemId: string; conversationId: string; agentId: string },
): Promise<number> {
  await db.insert(kbItemUses).values(use);
  const [row] = await db
    .update(kbItems)
    .set({ usageCount: sql`${kbItems.usageCount} + 1`, lastUsedAt: sql`now()` })
    .where(and(eq(kbItems.clientId, use.clientId), eq(kbItems.id, use.itemId)))
    .returning({ usageCount: kbItems.usageCount });
  return row!.usageCount;
}

export type SuggestionContextRow = {
  client_id: string;
  client_name: string;
  number: number;
  channel: string;
  contact_name: string;
  contact_locale: string;
  message_id: string | null;
  message_text: string | null;
  message_language: string | null;
};

/** The conversation in front of the agent, with its customer's latest incoming message. */
export async function findSuggestionContext(
  db: DbOrTx,
  clientIds: ClientReach,
  conversationId: string,
): Promise<SuggestionContextRow | undefined> {
  const inScope = isEveryClient(clientIds)
    ? sql`TRUE`
    : clientIds.length === 0
      ? sql`FALSE`
      : sql`c.client_id IN (${sql.join(
          clientIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const [row] = await queryRows<SuggestionContextRow>(
    db,
    sql`SELECT c.client_id, cl.name AS client_name, c.number, c.channel, ct.name AS contact_name, ct.locale AS contact_locale,
        m.id AS message_id, m.body_text AS message_text, m.language AS message_language
      FROM conversations c
      JOIN clients cl ON cl.id = c.client_id
      JOIN contacts ct ON ct.client_id = c.client_id AND ct.id = c.contact_id
      LEFT JOIN LATERAL (
        SELECT id, body_text, language FROM messages
        WHERE client_id = c.client_id AND conversation_id = c.id AND kind = 'incoming'
        ORDER BY created_at DESC LIMIT 1
      ) m ON TRUE
      WHERE c.id = ${conversationId} AND ${inScope}`,
  );
  return row;
}

export async function findOutgoingMessage(db: DbOrTx, clientIds: ClientReach, messageId: string) {
  const inScope = isEveryClient(clientIds)
    ? sql`TRUE`
    : clientIds.length === 0
      ? sql`FALSE`
      : sql`client_id IN (${sql.join(
          clientIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const [row] = await queryRows<{ client_id: string; body_text: string; language: string }>(
    db,
    sql`SELECT client_id, body_text, language FROM messages WHERE id = ${messageId} AND kind = 'outgoing' AND ${inScope}`,
  );
  return row;
}

export async function findClientBySlug(db: DbOrTx, slug: string) {
  const [row] = await queryRows<{ id: string; name: string; slug: string; locale: string }>(
    db,
    sql`SELECT id, name, slug, locale FROM clients WHERE slug = ${slug} AND active`,
  );
  return row;
}

export async function findClientName(db: DbOrTx, clientId: string) {
  const [row] = await queryRows<{ name: string; locale: string }>(
    db,
    sql`SELECT name, locale FROM clients WHERE id = ${clientId}`,
  );
  return row;
}

export async function listLanguages(db: DbOrTx, clientId: string, publicOnly: boolean): Promise<string[]> {
  const rows = await queryRows<{ language: string }>(
    db,
    sql`SELECT DISTINCT language FROM kb_items WHERE client_id = ${clientId} AND NOT archived
      ${publicOnly ? sql`AND visibility = 'public'` : sql``} ORDER BY language`,
  );
  return rows.map((row) => row.language);
}
