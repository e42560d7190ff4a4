import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import type { Cursor } from './cursor.js';
import { byRecencyWindows, matchingConversationIds, type SearchWindow, searchWindows } from './search-repository.js';

export type ClientHistoryRow = {
  id: string;
  number: number;
  channel: 'email' | 'chat' | 'phone' | 'api';
  subject: string;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  created_at: Date | string;
  last_message_at: Date | string;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  message_count: number | string;
  participants: string[];
  preview: string | null;
};

export type ClientHistoryFilters = {
  q?: string | undefined;
  channel?: string | undefined;
  status?: string | undefined;
};

// Only what the client may see counts: a hidden internal note must not even be findable by search.
// Internal notes not shared, and internal system entries (SLA warnings), stay hidden from the client.
const visible = sql`m.visible_to_client`;

const historySelect = sql`
  SELECT c.id, c.number, c.channel, c.subject, c.status, c.created_at, c.last_message_at,
    ct.name AS contact_name, ct.email AS contact_email, ct.phone AS contact_phone,
    (SELECT count(*) FROM messages m WHERE m.client_id = c.client_id AND m.conversation_id = c.id AND ${visible}) AS message_count,
    ARRAY(SELECT DISTINCT m.author_name FROM messages m
      WHERE m.client_id = c.client_id AND m.conversation_id = c.id AND m.kind IN ('incoming', 'outgoing')) AS participants,
    (SELECT left(m.body_text, 140) FROM messages m
      WHERE m.client_id = c.client_id AND m.conversation_id = c.id AND m.kind IN ('incoming', 'outgoing')
      ORDER BY m.created_at DESC LIMIT 1) AS preview
  FROM conversations c
  JOIN contacts ct ON ct.id = c.contact_id`;

/**
 * One client's conversations, newest activity first, optionally full-text searched: a search looks at
 * the newest days' matches first and widens (`byRecencyWindows`).
 */
export async function listClientHistoryRows(
  db: DbOrTx,
  clientId: string,
  filters: ClientHistoryFilters,
  cursor: Cursor | null,
  limit: number,
): Promise<ClientHistoryRow[]> {
  if (!filters.q) return listClientHistoryPage(db, clientId, filters, cursor, limit, null);
  return byRecencyWindows(searchWindows(cursor), limit, (window) =>
    listClientHistoryPage(db, clientId, filters, cursor, limit, window),
  );
}

async function listClientHistoryPage(
  db: DbOrTx,
  clientId: string,
  filters: ClientHistoryFilters,
  cursor: Cursor | null,
  limit: number,
  window: SearchWindow,
): Promise<ClientHistoryRow[]> {
  const filtered: SQL[] = [];
  if (filters.channel) filtered.push(sql`c.channel = ${filters.channel}`);
  if (filters.status) filtered.push(sql`c.status = ${filters.status}`);
  const conditions: SQL[] = [sql`c.client_id = ${clientId}`, ...filtered];
  if (filters.q) {
    // The public document: words only in internal notes the client may not see find nothing.
    const newest = { filters: filtered, cursor, window, limit };
    const matches = matchingConversationIds({
      clientId: sql`${clientId}::uuid`,
      q: filters.q,
      document: 'public',
      newest,
    });
    conditions.push(sql`c.id IN (${matches})`);
  }
  if (cursor) conditions.push(sql`(c.last_message_at, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return queryRows<ClientHistoryRow>(
    db,
    sql`${historySelect}
    WHERE ${sql.join(conditions, sql` AND `)}
    ORDER BY c.last_message_at DESC, c.id DESC
    LIMIT ${limit}`,
  );
}

export async function findClientHistoryRow(db: DbOrTx, clientId: string, number: number) {
  return (
    await queryRows<ClientHistoryRow>(
      db,
      sql`${historySelect} WHERE c.client_id = ${clientId} AND c.number = ${number}`,
    )
  )[0];
}
