import type { PortalConversationSummary } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import type { Scope } from '../platform/scope.js';
import { type ClientHistoryRow, listClientHistoryRows } from './client-history-repository.js';
import { decodeCursor, encodeCursor, iso } from './cursor.js';

type ClientScope = Extract<Scope, { kind: 'client' }>;
type HistoryQuery = {
  q?: string | undefined;
  channel?: string | undefined;
  status?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

export const toPortalSummary = (row: ClientHistoryRow): PortalConversationSummary => ({
  number: row.number,
  channel: row.channel,
  subject: row.subject,
  status: row.status,
  contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
  participants: row.participants,
  messageCount: Number(row.message_count),
  createdAt: iso(row.created_at),
  lastMessageAt: iso(row.last_message_at),
  preview: row.preview ?? '',
});

/** The client's complete communication history, as its portal shows it; never another client's. */
export async function searchClientHistory(
  db: DbOrTx,
  scope: ClientScope,
  query: HistoryQuery,
): Promise<{ items: PortalConversationSummary[]; nextCursor: string | null }> {
  const rows = await listClientHistoryRows(
    db,
    scope.clientId,
    { q: query.q || undefined, channel: query.channel, status: query.status },
    decodeCursor(query.cursor),
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toPortalSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: iso(last.last_message_at), id: last.id }) : null,
  };
}
