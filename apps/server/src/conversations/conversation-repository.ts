import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, prepared, queryRows } from '../db/index.js';
import type { SlaPolicyForClock } from '../platform/business-time/sla-clock.js';
import { type ClientReach, isEveryClient } from '../platform/scope.js';
import type { Cursor } from './cursor.js';
import { byRecencyWindows, matchingConversationIds, type SearchWindow, searchWindows } from './search-repository.js';

export type ConversationRow = {
  id: string;
  client_id: string;
  number: number;
  inbox_id: string;
  contact_id: string;
  channel: 'email' | 'chat' | 'phone' | 'api';
  subject: string;
  status: 'open' | 'pending' | 'snoozed' | 'resolved';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  tier: number;
  assignee_id: string | null;
  team: string | null;
  waiting_since: Date | string | null;
  first_response_at: Date | string | null;
  resolved_at: Date | string | null;
  last_message_at: Date | string;
  preview: string;
  flags: string[];
  tags: string[];
  created_at: Date | string;
  sla_due_at: Date | string | null;
  sla_clock: unknown;
  client_name: string;
  client_slug: string;
  client_prefix: string;
  contact_name: string;
  contact_email: string | null;
  contact_phone: string | null;
  assignee_name: string | null;
  sort_at: Date | string | number;
};

export type DeskFilters = {
  status?: string | undefined;
  assigneeId?: string | null | undefined;
  channel?: string | undefined;
  priority?: string | undefined;
  q?: string | undefined;
};

export type DeskSort = 'sla' | 'waiting' | 'recent';

function filterConditions(filters: DeskFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(sql`c.status = ${filters.status}`);
  if (filters.assigneeId === null) conditions.push(sql`c.assignee_id IS NULL`);
  else if (filters.assigneeId) conditions.push(sql`c.assignee_id = ${filters.assigneeId}`);
  if (filters.channel) conditions.push(sql`c.channel = ${filters.channel}`);
  if (filters.priority) conditions.push(sql`c.priority = ${filters.priority}`);
  return conditions;
}

/**
 * The desk's list across many clients. One small index scan per client (LATERAL), merged and cut
 * to a page before anything is joined: the cost grows with the page size and the number of clients,
 * not with the backlog. A search newest first looks at the newest days' matches first and widens
 * (`byRecencyWindows`); other orders read all matches.
 */
export async function listDeskRows(
  db: DbOrTx,
  clientIds: readonly string[],
  filters: DeskFilters,
  sort: DeskSort,
  cursor: Cursor | null,
  limit: number,
): Promise<ConversationRow[]> {
  if (clientIds.length === 0) return [];
  if (filters.q && sort === 'recent') {
    return byRecencyWindows(searchWindows(cursor), limit, (window) =>
      listDeskPage(db, clientIds, filters, sort, cursor, limit, window),
    );
  }
  return listDeskPage(db, clientIds, filters, sort, cursor, limit, null);
}

async function listDeskPage(
  db: DbOrTx,
  clientIds: readonly string[],
  filters: DeskFilters,
  sort: DeskSort,
  cursor: Cursor | null,
  limit: number,
  window: SearchWindow,
): Promise<ConversationRow[]> {
  // Must match the expressions of conversations_queue_idx / _assignee_idx and conversations_sla_idx /
  // _assignee_sla_idx exactly.
  const sortAt =
    sort === 'waiting'
      ? sql`coalesce(c.waiting_since, 'infinity'::timestamptz)`
      : sort === 'sla'
        ? sql`coalesce(c.sla_due_at, 'infinity'::timestamptz)`
        : sql`c.last_message_at`;
  const ascending = sort !== 'recent';
  const direction = ascending ? sql`ASC` : sql`DESC`;
  const filtered = filterConditions(filters);
  const conditions = [sql`c.client_id = s.client_id`, ...filtered];
  if (filters.q) {
    // Newest first, each way of matching brings at most a page (see matchingConversationIds).
    const newest = sort === 'recent' ? { filters: filtered, cursor, window, limit } : undefined;
    const matches = matchingConversationIds({ clientId: sql`s.client_id`, q: filters.q, document: 'all', newest });
    conditions.push(sql`c.id IN (${matches})`);
  }
  if (cursor) {
    conditions.push(
      ascending
        ? sql`(${sortAt}, c.id) > (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
        : sql`(${sortAt}, c.id) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`,
    );
  }
  const idList = sql.join(
    clientIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return queryRows<ConversationRow>(
    db,
    sql`
    WITH page AS (
      SELECT c.* FROM unnest(ARRAY[${idList}]) AS s(client_id)
      CROSS JOIN LATERAL (
        SELECT c.*, ${sortAt} AS sort_at FROM conversations c
        WHERE ${sql.join(conditions, sql` AND `)}
        ORDER BY ${sortAt} ${direction}, c.id ${direction}
        LIMIT ${limit}
      ) c
      ORDER BY c.sort_at ${direction}, c.id ${direction}
      LIMIT ${limit}
    )
    SELECT page.*, cl.name AS client_name, cl.slug AS client_slug, cl.ticket_prefix AS client_prefix,
      ct.name AS contact_name, ct.email AS contact_email, ct.phone AS contact_phone, au.name AS assignee_name
    FROM page
    JOIN clients cl ON cl.id = page.client_id
    JOIN contacts ct ON ct.id = page.contact_id
    LEFT JOIN agency_users au ON au.id = page.assignee_id
    ORDER BY page.sort_at ${direction}, page.id ${direction}`,
  );
}

// Columns named (not c.*): a prepared statement's result must keep its shape when a migration adds a column
// while an older process still runs.
const detailSelect = sql`
  SELECT c.id, c.client_id, c.number, c.inbox_id, c.contact_id, c.channel, c.subject, c.status, c.priority, c.tier,
    c.assignee_id, c.team, c.waiting_since, c.first_response_at, c.resolved_at, c.last_message_at, c.preview, c.flags,
    c.tags, c.created_at, c.sla_due_at, c.sla_clock, c.last_message_at AS sort_at, cl.name AS client_name, cl.slug AS client_slug, cl.ticket_prefix AS client_prefix,
    ct.name AS contact_name, ct.email AS contact_email, ct.phone AS contact_phone, au.name AS assignee_name
  FROM conversations c
  JOIN clients cl ON cl.id = c.client_id
  JOIN contacts ct ON ct.id = c.contact_id
  LEFT JOIN agency_users au ON au.id = c.assignee_id`;

/** The clients' ids travel as one array parameter, so the statement's text is the same for any scope. */
const inClients = (clientIds: ClientReach) =>
  isEveryClient(clientIds) ? sql`TRUE` : sql`c.client_id = ANY(${sql.param([...clientIds])}::uuid[])`;

export async function findConversationRow(
  db: DbOrTx,
  clientIds: ClientReach,
  conversationId: string,
  options: { forUpdate?: boolean } = {},
): Promise<ConversationRow | undefined> {
  const lock = options.forUpdate ? sql` FOR UPDATE OF c` : sql``;
  const rows = await queryRows<ConversationRow>(
    db,
    prepared(sql`${detailSelect} WHERE c.id = ${conversationId} AND ${inClients(clientIds)}${lock}`),
  );
  return rows[0];
}

/** The desk's whole-conversation view beyond the row: its inbox, the client's SLA policy, the contact's others. */
export type ConversationDetailRow = ConversationRow & {
  inbox_name: string;
  /** The client's policy when it is switched on. */
  sla_policy: SlaPolicyForClock | null;
  /** The contact's other conversations, latest first (at most 20); times as ISO text. */
  others: {
    id: string;
    number: number;
    subject: string;
    status: ConversationRow['status'];
    channel: ConversationRow['channel'];
    last_message_at: string;
  }[];
};

/** `findConversationRow` with everything else the conversation's pane shows but the thread: one statement. */
export async function findConversationDetailRow(
  db: DbOrTx,
  clientIds: ClientReach,
  conversationId: string,
): Promise<ConversationDetailRow | undefined> {
  const rows = await queryRows<ConversationDetailRow>(
    db,
    prepared(sql`SELECT d.*, i.name AS inbox_name,
        (SELECT jsonb_build_object('targets', p.targets, 'warnAtPercent', p.warn_at_percent, 'calendar', p.calendar)
          FROM sla_policies p WHERE p.client_id = d.client_id AND p.enabled) AS sla_policy,
        coalesce((SELECT jsonb_agg(o ORDER BY o.last_message_at DESC) FROM (
            SELECT o.id, o.number, o.subject, o.status, o.channel, o.last_message_at FROM conversations o
            WHERE o.client_id = d.client_id AND o.contact_id = d.contact_id AND o.id <> d.id
            ORDER BY o.last_message_at DESC LIMIT 20) o), '[]') AS others
      FROM (${detailSelect} WHERE c.id = ${conversationId} AND ${inClients(clientIds)}) d
      JOIN inboxes i ON i.client_id = d.client_id AND i.id = d.inbox_id`),
  );
  return rows[0];
}

export async function listActiveClientIds(db: DbOrTx): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, sql`SELECT id FROM clients WHERE active ORDER BY name`);
  return rows.map((r) => r.id);
}
