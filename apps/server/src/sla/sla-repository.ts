import type { ConversationSlaSummary, ConversationStatus, Priority, SlaPolicyInput } from '@switchboard/contracts';
import { and, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type DbOrTx, jsonRows, queryRows } from '../db/index.js';
import { clients, conversations, slaEvents, slaPolicies } from '../db/schema.js';
import type { SlaClock } from './sla-clock.js';

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

/** The clock as stored, with the desk's countdown summary computed when it was saved. */
export type StoredSlaClock = SlaClock & { summary?: ConversationSlaSummary | null };

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
    sql`SELECT ${slaRowReturning}, ${slaPolicyColumns}
      FROM conversations c
      LEFT JOIN sla_policies p ON p.client_id = c.client_id
      WHERE (c.client_id, c.id) IN (
        SELECT q.client_id, q.id FROM jsonb_to_recordset(${jsonRows(
          keys.map((k) => ({ client_id: k.clientId, id: k.conversationId })),
        )}) AS q(client_id uuid, id uuid))
      ORDER BY c.id
      FOR UPDATE OF c`,
  );
  return rows.map(slaRowOf);
}

/**
 * A conversation's SLA columns and its client's policy as `lockSlaConversationsWithPolicies` reads them,
 * for statements that lock (write) the conversations themselves and return them instead (timestamps may
 * come as text, from jsonb).
 */
export type LockedSlaRow = {
  id: string;
  client_id: string;
  status: ConversationStatus;
  priority: Priority;
  assignee_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  first_response_at: Date | string | null;
  sla_clock: StoredSlaClock | null;
  enabled: boolean | null;
  targets: SlaPolicyRow['targets'] | null;
  warn_at_percent: number | null;
  calendar: SlaPolicyRow['calendar'] | null;
};

/** The columns of `conversations c` in a LockedSlaRow, for a RETURNING clause (the policy's are joined after). */
export const slaRowReturning = sql.raw(
  'c.id, c.client_id, c.status, c.priority, c.assignee_id, c.created_at, c.updated_at, c.first_response_at, c.sla_clock',
);
/** The columns of `sla_policies p` in a LockedSlaRow. */
const slaPolicyColumns = sql.raw('p.enabled, p.targets, p.warn_at_percent, p.calendar');

export function slaRowOf(row: LockedSlaRow): SlaConversationRow & { policy: SlaPolicyForRow | null } {
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
    policy:
      row.enabled === null || row.targets === null || row.warn_at_percent === null || row.calendar === null
        ? null
        : { enabled: row.enabled, targets: row.targets, warnAtPercent: row.warn_at_percent, calendar: row.calendar },
  };
}

export type SlaDueTimes = {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaDueAt: Date | null;
};

export type SlaState = {
  clientId: string;
  conversationId: string;
  clock: SlaClock;
  due: SlaDueTimes;
  /** When the SLA worker should next look at it (see nextSlaTimerAt). */
  nextTimerAt: Date | null;
  summary: ConversationSlaSummary | null;
};

/** Columns of the conversation a caller updates together with its SLA (one UPDATE, not two). */
export type ConversationSet = PgUpdateSetSource<typeof conversations>;

/**
 * Stores the clocks, due times and next timer instants of several conversations in one statement. With
 * `alsoSet` (one conversation only), the caller's own change to the conversation goes into the same
 * UPDATE, so the row (and its dozen indexes) is written once per message.
 */
export async function saveSlaStates(db: DbOrTx, states: readonly SlaState[], alsoSet?: ConversationSet): Promise<void> {
  if (states.length === 0) return;
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  if (states.length === 1) {
    const [s] = states as [SlaState];
    await db
      .update(conversations)
      .set({
        ...alsoSet,
        firstResponseDueAt: s.due.firstResponseDueAt,
        nextResponseDueAt: s.due.nextResponseDueAt,
        resolutionDueAt: s.due.resolutionDueAt,
        slaDueAt: s.due.slaDueAt,
        slaClock: { ...s.clock, summary: s.summary } satisfies StoredSlaClock,
        slaNextTimerAt: s.nextTimerAt,
      })
      .where(and(eq(conversations.clientId, s.clientId), eq(conversations.id, s.conversationId)));
    return;
  }
  if (alsoSet) throw new Error('saveSlaStates: alsoSet is for one conversation');
  const rows = states.map((s) => ({
    client_id: s.clientId,
    id: s.conversationId,
    first: iso(s.due.firstResponseDueAt),
    next: iso(s.due.nextResponseDueAt),
    resolution: iso(s.due.resolutionDueAt),
    due: iso(s.due.slaDueAt),
    timer: iso(s.nextTimerAt),
    clock: { ...s.clock, summary: s.summary } satisfies StoredSlaClock,
  }));
  await db.execute(sql`UPDATE conversations c SET first_response_due_at = q.first, next_response_due_at = q.next,
      resolution_due_at = q.resolution, sla_due_at = q.due, sla_clock = q.clock, sla_next_timer_at = q.timer
    FROM jsonb_to_recordset(${jsonRows(rows)}) AS q(client_id uuid, id uuid, first timestamptz,
      next timestamptz, resolution timestamptz, due timestamptz, timer timestamptz, clock jsonb)
    WHERE c.client_id = q.client_id AND c.id = q.id`);
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
    sql`SELECT ${slaRowReturning}, ${slaPolicyColumns}, c.sla_next_timer_at::text AS next_timer
      FROM conversations c
      LEFT JOIN sla_policies p ON p.client_id = c.client_id
      WHERE c.sla_next_timer_at <= ${at.toISOString()}::timestamptz
      ORDER BY c.sla_next_timer_at
      LIMIT ${limit}
      FOR UPDATE OF c SKIP LOCKED`,
  );
  return rows.map((row) => ({ ...slaRowOf(row), nextTimer: row.next_timer }));
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

/**
 * Sets each conversation's next timer instant (null: none), in one statement, unless it is no longer the
 * one read (`was`, as text, to the microsecond): something in the same transaction (an automation rule
 * reacting to the breach, say, by changing the priority) saved the SLA anew, and its instant stands.
 */
export async function setNextSlaTimers(
  db: DbOrTx,
  rows: readonly { clientId: string; conversationId: string; was: string; at: Date | null }[],
): Promise<void> {
  if (rows.length === 0) return;
  const values = rows.map((r) => ({
    client_id: r.clientId,
    id: r.conversationId,
    was: r.was,
    at: r.at?.toISOString() ?? null,
  }));
  await db.execute(sql`UPDATE conversations c SET sla_next_timer_at = q.at
    FROM jsonb_to_recordset(${jsonRows(values)}) AS q(client_id uuid, id uuid, was text, at timestamptz)
    WHERE c.client_id = q.client_id AND c.id = q.id AND c.sla_next_timer_at = q.was::timestamptz`);
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
