import type { ConversationListQuery, ConversationSummary } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { canReadClient, isEveryClient, type Scope } from '../platform/scope.js';
import { toConversationSummary } from './conversation-dto.js';
import { listActiveClientIds, listDeskRows } from './conversation-repository.js';
import { decodeCursor, encodeCursor, sortKey } from './cursor.js';

type AgencyScope = Extract<Scope, { kind: 'agency' }>;

/**
 * The agent's one inbox across every client they serve. Unresolved lists come next-SLA-due first
 * (conversations with no running SLA after them); resolved or unfiltered lists are newest first;
 * `sort` picks another order (`waiting`: the longest wait first).
 */
export async function listDeskConversations(
  db: DbOrTx,
  scope: AgencyScope,
  query: ConversationListQuery,
): Promise<{ items: ConversationSummary[]; nextCursor: string | null }> {
  if (query.clientId && !canReadClient(scope, query.clientId)) throw notFound('Client');
  const clientIds = query.clientId
    ? [query.clientId]
    : isEveryClient(scope.clientIds)
      ? await listActiveClientIds(db)
      : scope.clientIds;
  // Unresolved lists put the next SLA due first unless the agent chose another order.
  const sort = query.sort ?? (query.status && query.status !== 'resolved' ? 'sla' : 'recent');
  const assigneeId = query.assignee === 'me' ? scope.userId : query.assignee === 'none' ? null : query.assignee;
  const rows = await listDeskRows(
    db,
    clientIds,
    { status: query.status, assigneeId, channel: query.channel, priority: query.priority, q: query.q || undefined },
    sort,
    decodeCursor(query.cursor),
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toConversationSummary),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ at: sortKey(last.sort_at), id: last.id }) : null,
  };
}
