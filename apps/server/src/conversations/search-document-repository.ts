import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';

/** Pages of the conversations table: the backfill walks it in physical order. */
export async function countConversationPages(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ pages: number | string }>(
    db,
    sql`SELECT (pg_relation_size('conversations') / current_setting('block_size')::int) AS pages`,
  );
  return Number(row?.pages ?? 0);
}

/**
 * Builds the documents of the conversations stored on pages [from, to) that have none (a TID range
 * scan: conversations and their messages were mostly written together, so the messages are read nearly
 * in order too). Uses the migration's SQL function; returns how many documents were added.
 */
export async function fillSearchDocumentsOnPages(db: DbOrTx, from: number, to: number): Promise<number> {
  const [row] = await queryRows<{ added: number }>(
    db,
    sql`SELECT conversation_search_fill(ARRAY(
        SELECT c.id FROM conversations c
        WHERE c.ctid >= ${`(${from},0)`}::tid AND c.ctid < ${`(${to},0)`}::tid
          AND NOT EXISTS (SELECT 1 FROM conversation_search s WHERE s.client_id = c.client_id AND s.conversation_id = c.id)
      )) AS added`,
  );
  return Number(row?.added ?? 0);
}

/**
 * Builds the documents of up to `limit` conversations that have none, wherever they are stored: the tail of
 * a backfill (a conversation updated meanwhile may have moved to a page the walk had passed).
 */
export async function fillMissingSearchDocuments(db: DbOrTx, limit: number): Promise<number> {
  const [row] = await queryRows<{ added: number }>(
    db,
    sql`SELECT conversation_search_fill(ARRAY(
        SELECT c.id FROM conversations c
        WHERE NOT EXISTS (SELECT 1 FROM conversation_search s WHERE s.client_id = c.client_id AND s.conversation_id = c.id)
        LIMIT ${limit}
      )) AS added`,
  );
  return Number(row?.added ?? 0);
}

/** Conversations without a search document (each conversation has exactly one once built): a count per table. */
export async function countMissingSearchDocuments(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`SELECT (SELECT count(*) FROM conversations) - (SELECT count(*) FROM conversation_search) AS n`,
  );
  return Number(row?.n ?? 0);
}
