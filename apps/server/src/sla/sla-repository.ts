import type { ConversationStatus, Priority, SlaPolicyInput } from '@switchboard/contracts';
import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { type ConversationSlaRow, conversationSlaColumns } from '../conversations/index.js';
import { type DbOrTx, jsonRows, queryRows } from '../db/index.js';
import { clients, conversations, slaEvents, slaPolicies } from '../db/schema.js';
import type { StoredSlaClock } from '../platform/business-time/sla-clock.js';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export async function findSlaPolicy(db: DbOrTx, clientId: string): Promise<SlaPolicyRow | undefined> {
  const [row] = await db.select().from(slaPolicies).where(eq(slaPolicies.clientId, clientId));
  return row;
}

export async function upsertSlaPolicy(db: DbOrTx, clientId: string, policy: SlaPolicyInput): Promise<SlaPolicyRow> {
  const values = { ...policy, updatedAt: new Date() };
  const [row] = await db
    .insert(slaPolicies)
    .values({ clientId, ...values })
    .onConflictDoUpdate({ target: slaPolicies.clientId, set: values })
    .returning();
  return row!;
}

export type SlaConversationRow = {
  id: string;
  clientId: string;
  status: ConversationStatus;
  priority: Priority;
  assigneeId: string | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  slaClock: StoredSlaClock | null;
};

/** What the clock needs of the client's SLA policy. */
export type SlaPolicyForRow = Pick<SlaPolicyRow, 'enabled' | 'targets' | 'warnAtPercent' | 'calendar'>;

/**
 * Several conversations' rows locked at once, in id order (so two such calls never wait on each other
 * crosswise), each with its client's policy (null without one) in the same statement: the hot path of
 * every message (lock, then policy) is one round trip instead of two.
 */
export async function lockSlaConversationsWithPolicies(
  db: DbOrTx,
  keys: readonly { clientId: string; conversationId: string }[],
): Promise<(SlaConversationRow & { policy: SlaPolicyForRow | null })[]> {
  if (keys.length === 0) return [];
  // Set-wise (one prepared statement for any number), and only the pairs asked for: an id of one client
  // never answers for another.
  const rows = await queryRows<LockedSlaRow>(
    db,
    sql`SELECT ${conversationSlaColumns}, ${slaPolicyColumns}
      FROM conversations c
      LEFT JOIN sla_policies p ON p.client_id = c.client_id
      WHERE (c.client_id, c.id) IN (
        SELECT q.client_id, q.id FROM jsonb_to_recordset(${jsonRows(
          keys.map((k) => ({ client_id: k.clientId, id: k.conversationId })),
        )}) AS q(client_id uuid, id uuid))
      ORDER BY c.id
      FOR UPDATE OF c`,
  );
  return rows.map(lockedRowOf);
}

/** A conversation's SLA columns with its client's policy, as this repository's locking reads return them. */
type LockedSlaRow = ConversationSlaRow & {
  enabled: boolean | null;
  targets: SlaPolicyRow['targets'] | null;
  warn_at_percent: number | null;
  calendar: SlaPolicyRow['calendar'] | null;
};

/** The columns of `sla_policies p` in a LockedSlaRow. */
const slaPolicyColumns = sql.raw('p.enabled, p.targets, p.warn_at_percent, p.calendar');

/** Each client's policy (those with none are absent), for conversations a caller wrote and handed over. */
export async function findSlaPolicies(db: DbOrTx, clientIds: readonly string[]): Promise<Map<string, SlaPolicyForRow>> {
  if (clientIds.length === 0) return new Map();
  const rows = await db
    .select({
      clientId: slaPolicies.clientId,
      enabled: slaPolicies.enabled,
      targets: slaPolicies.targets,
      warnAtPercent: slaPolicies.warnAtPercent,
      calendar: slaPolicies.calendar,
    })
    .from(slaPolicies)
    .where(inArray(slaPolicies.clientId, [...new Set(clientIds)]));
  return new Map(rows.map(({ clientId, ...policy }) => [clientId, policy]));
}

export function slaRowOf(row: ConversationSlaRow): SlaConversationRow {
  return {
    id: row.id,
    clientId: row.client_id,
    status: row.status,
    priority: row.priority,
    assigneeId: row.assignee_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    firstResponseAt: row.first_response_at === null ? null : new Date(row.first_response_at),
    slaClock: row.sla_clock,
  };
}

function lockedRowOf(row: LockedSlaRow): SlaConversationRow & { policy: SlaPolicyForRow | null } {
  return {
    ...slaRowOf(row),
    policy:
      row.enabled === null || row.targets === null || row.warn_at_percent === null || row.calendar === null
        ? null
        : { enabled: row.enabled, targets: row.targets, warnAtPercent: row.warn_at_percent, calendar: row.calendar },
  };
}

/**
 * Up to `limit` conversations whose next SLA timer is due at `at`, soonest first, locked with their
 * client's policy. Rows another worker (or an ingesting transaction) holds are skipped, not waited for:
 * the next pass takes them.
 */
export async function lockDueSlaConversations(
  db: DbOrTx,
  at: Date,
  limit: number,
): Promise<(SlaConversationRow & { policy: SlaPolicyForRow | null; nextTimer: string })[]> {
  const rows = await queryRows<LockedSlaRow & { next_timer: string }>(
    db,
    sql`SELECT ${conversationSlaColumns}, ${slaPolicyColumns}, c.sla_next_timer_at::text AS next_timer
      FROM conversations c
      LEFT JOIN sla_policies p ON p.client_id = c.client_id
      WHERE c.sla_next_timer_at <= ${at.toISOString()}::timestamptz
      ORDER BY c.sla_next_timer_at
      LIMIT ${limit}
      FOR UPDATE OF c SKIP LOCKED`,
  );
  return rows.map((row) => ({ ...lockedRowOf(row), nextTimer: row.next_timer }));
}

/** The earliest timer ahead across clients (the worker sleeps until then, or its longest nap). */
export async function findNextSlaTimer(db: DbOrTx): Promise<Date | null> {
  const [row] = await db
    .select({ at: conversations.slaNextTimerAt })
    .from(conversations)
    .where(isNotNull(conversations.slaNextTimerAt))
    .orderBy(conversations.slaNextTimerAt)
    .limit(1);
  return row?.at ?? null;
}

export type SlaEventRow = typeof slaEvents.$inferSelect;

/** Records the event unless this target cycle already has one of its kind; the inserted row, or null. */
export async function insertSlaEventOnce(
  db: DbOrTx,
  values: typeof slaEvents.$inferInsert,
): Promise<SlaEventRow | null> {
  const [row] = await db.insert(slaEvents).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function listSlaEvents(db: DbOrTx, clientId: string, conversationId: string): Promise<SlaEventRow[]> {
  return db
    .select()
    .from(slaEvents)
    .where(and(eq(slaEvents.clientId, clientId), eq(slaEvents.conversationId, conversationId)))
    .orderBy(slaEvents.at);
}

export async function listUnresolvedConversationIds(db: DbOrTx, clientId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.clientId, clientId), ne(conversations.status, 'resolved')));
  return rows.map((r) => r.id);
}

export async function findClientLocale(db: DbOrTx, clientId: string): Promise<string> {
  const [row] = await db.select({ locale: clients.locale }).from(clients).where(eq(clients.id, clientId));
  return row?.locale ?? 'en';
}
