import type { ConversationSlaSummary, ConversationStatus, Priority, SlaPolicyInput } from '@switchboard/contracts';
import { and, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type DbOrTx, jsonRows, queryRows } from '../db/index.js';
import { clients, conversations, slaEvents, slaPolicies } from '../db/schema.js';
import type { SlaClock } from './sla-clock.js';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

/** NOTIFY channel: a conversation's SLA changed and its timers need (re)scheduling. */
export const slaTimersChannel = 'sla_timers';

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

const slaColumns = {
  id: conversations.id,
  clientId: conversations.clientId,
  status: conversations.status,
  priority: conversations.priority,
  assigneeId: conversations.assigneeId,
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
  firstResponseAt: conversations.firstResponseAt,
  slaClock: conversations.slaClock,
};

/** The conversation's SLA inputs, locked for the caller's transaction. */
export async function lockSlaConversation(
  db: DbOrTx,
  clientId: string,
  conversationId: string,
): Promise<SlaConversationRow | undefined> {
  const [row] = await db
    .select(slaColumns)
    .from(conversations)
    .where(and(eq(conversations.clientId, clientId), eq(conversations.id, conversationId)))
    .for('update');
  return row as SlaConversationRow | undefined;
}

/** Several conversations' rows locked at once, in id order (so two such calls never wait on each other crosswise). */
export async function lockSlaConversations(
  db: DbOrTx,
  keys: readonly { clientId: string; conversationId: string }[],
): Promise<SlaConversationRow[]> {
  return (await lockSlaConversationsWithPolicies(db, keys)).map(({ policy: _policy, ...row }) => row);
}

/** What the clock needs of the client's SLA policy. */
export type SlaPolicyForRow = Pick<SlaPolicyRow, 'enabled' | 'targets' | 'warnAtPercent' | 'calendar'>;

/**
 * `lockSlaConversations` with each row's client policy (null without one), in the same statement: the
 * hot path of every message (lock, then policy) is one round trip instead of two.
 */
export async function lockSlaConversationsWithPolicies(
  db: DbOrTx,
  keys: readonly { clientId: string; conversationId: string }[],
): Promise<(SlaConversationRow & { policy: SlaPolicyForRow | null })[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .select({
      ...slaColumns,
      policyEnabled: slaPolicies.enabled,
      policyTargets: slaPolicies.targets,
      policyWarnAtPercent: slaPolicies.warnAtPercent,
      policyCalendar: slaPolicies.calendar,
    })
    .from(conversations)
    .leftJoin(slaPolicies, eq(slaPolicies.clientId, conversations.clientId))
    .where(
      and(
        inArray(conversations.clientId, [...new Set(keys.map((k) => k.clientId))]),
        inArray(
          conversations.id,
          keys.map((k) => k.conversationId),
        ),
      ),
    )
    .orderBy(conversations.id)
    .for('update', { of: conversations });
  // Only the pairs asked for: an id of one client never answers for another.
  const wanted = new Set(keys.map((k) => `${k.clientId}/${k.conversationId}`));
  return rows
    .filter((row) => wanted.has(`${row.clientId}/${row.id}`))
    .map(({ policyEnabled, policyTargets, policyWarnAtPercent, policyCalendar, ...row }) => ({
      ...(row as SlaConversationRow),
      policy:
        policyEnabled === null || policyTargets === null || policyWarnAtPercent === null || policyCalendar === null
          ? null
          : {
              enabled: policyEnabled,
              targets: policyTargets,
              warnAtPercent: policyWarnAtPercent,
              calendar: policyCalendar,
            },
    }));
}

export async function findSlaPolicies(db: DbOrTx, clientIds: readonly string[]): Promise<SlaPolicyRow[]> {
  if (clientIds.length === 0) return [];
  return db
    .select()
    .from(slaPolicies)
    .where(inArray(slaPolicies.clientId, [...clientIds]));
}

export type SlaDueTimes = {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaDueAt: Date | null;
};

/**
 * Stores the clock and due times and asks the SLA worker (NOTIFY on commit, plus the marker its sweep
 * reads if the wake-up is lost) to schedule the timers anew.
 */
export type SlaState = {
  clientId: string;
  conversationId: string;
  clock: SlaClock;
  due: SlaDueTimes;
  summary: ConversationSlaSummary | null;
};

/** Columns of the conversation a caller updates together with its SLA (one UPDATE, not two). */
export type ConversationSet = PgUpdateSetSource<typeof conversations>;

/**
 * Stores the clocks and due times of several conversations and asks the SLA worker (NOTIFY on commit,
 * plus the marker its sweep reads if the wake-up is lost) to schedule their timers anew: one statement,
 * the NOTIFY riding on the UPDATE. With `alsoSet` (one conversation only), the caller's own change to the
 * conversation goes into the same UPDATE, so the row (and its dozen indexes) is written once per message.
 */
export async function saveSlaStates(db: DbOrTx, states: readonly SlaState[], alsoSet?: ConversationSet): Promise<void> {
  if (states.length === 0) return;
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  if (states.length === 1) {
    const [s] = states as [SlaState];
    const update = db
      .update(conversations)
      .set({
        ...alsoSet,
        firstResponseDueAt: s.due.firstResponseDueAt,
        nextResponseDueAt: s.due.nextResponseDueAt,
        resolutionDueAt: s.due.resolutionDueAt,
        slaDueAt: s.due.slaDueAt,
        slaClock: { ...s.clock, summary: s.summary } satisfies StoredSlaClock,
        slaTimersRequestedAt: sql`clock_timestamp()`,
      })
      .where(and(eq(conversations.clientId, s.clientId), eq(conversations.id, s.conversationId)))
      .returning({ id: conversations.id });
    await db.execute(
      sql`WITH saved AS (${update.getSQL()}) SELECT pg_notify(${slaTimersChannel}, ${`${s.clientId}/${s.conversationId}`}) FROM saved`,
    );
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
    clock: { ...s.clock, summary: s.summary } satisfies StoredSlaClock,
  }));
  // One statement: the rows saved, and a wake-up per conversation (delivered on commit).
  await db.execute(sql`WITH saved AS (
      UPDATE conversations c SET first_response_due_at = q.first, next_response_due_at = q.next,
        resolution_due_at = q.resolution, sla_due_at = q.due, sla_clock = q.clock,
        sla_timers_requested_at = clock_timestamp()
      FROM jsonb_to_recordset(${jsonRows(rows)}) AS q(client_id uuid, id uuid, first timestamptz,
        next timestamptz, resolution timestamptz, due timestamptz, clock jsonb)
      WHERE c.client_id = q.client_id AND c.id = q.id
      RETURNING c.client_id, c.id
    )
    SELECT pg_notify(${slaTimersChannel}, client_id::text || '/' || id::text) FROM saved`);
}

/** Conversations whose timers wait to be scheduled (the worker's sweep), oldest request first. */
export async function listTimerRequests(db: DbOrTx, limit: number) {
  return db
    .select({ id: conversations.id, clientId: conversations.clientId, requestedAt: conversations.slaTimersRequestedAt })
    .from(conversations)
    .where(isNotNull(conversations.slaTimersRequestedAt))
    .orderBy(conversations.slaTimersRequestedAt)
    .limit(limit);
}

/** A conversation whose timers were asked for: its request exactly as stored, and what the timers derive from. */
export type TimerRequestRow = {
  clientId: string;
  id: string;
  /** The stored timestamp's text, to the microsecond: clearing compares it exactly. */
  requested: string;
  priority: Priority;
  slaClock: StoredSlaClock | null;
  /** The (metric, kind, cycle) keys of the SLA events it already has: their timers are not sent again. */
  recorded: Set<string>;
};

/**
 * Of the given conversations, those with a timer request, with their clock and the (metric, kind, cycle)
 * keys of the SLA events they already have (one statement, no lock).
 */
export async function readTimerRequests(
  db: DbOrTx,
  keys: readonly { clientId: string; conversationId: string }[],
): Promise<TimerRequestRow[]> {
  if (keys.length === 0) return [];
  const rows = await queryRows<Omit<TimerRequestRow, 'recorded'> & { events: SlaEventKeyRow[] | null }>(
    db,
    sql`SELECT c.client_id AS "clientId", c.id, c.sla_timers_requested_at::text AS requested, c.priority,
        c.sla_clock AS "slaClock",
        (SELECT json_agg(json_build_object('metric', e.metric, 'kind', e.kind, 'cycle', e.cycle_started_at))
          FROM sla_events e WHERE e.client_id = c.client_id AND e.conversation_id = c.id) AS events
      FROM jsonb_to_recordset(${jsonRows(keys.map((k) => ({ client_id: k.clientId, id: k.conversationId })))})
        AS q(client_id uuid, id uuid)
      JOIN conversations c ON c.client_id = q.client_id AND c.id = q.id
      WHERE c.sla_timers_requested_at IS NOT NULL`,
  );
  return rows.map(({ events, ...row }) => ({
    ...row,
    recorded: new Set((events ?? []).map((e) => slaEventKey(e.metric, e.kind, e.cycle))),
  }));
}

type SlaEventKeyRow = { metric: string; kind: string; cycle: string };

/** Clears each request unless the SLA changed again since it was read (then the next pass takes it). */
export async function clearTimerRequests(db: DbOrTx, rows: readonly TimerRequestRow[]) {
  if (rows.length === 0) return;
  await db.execute(sql`UPDATE conversations c SET sla_timers_requested_at = NULL
    FROM jsonb_to_recordset(${jsonRows(rows.map((r) => ({ client_id: r.clientId, id: r.id, requested: r.requested })))})
      AS q(client_id uuid, id uuid, requested text)
    WHERE c.client_id = q.client_id AND c.id = q.id AND c.sla_timers_requested_at <= q.requested::timestamptz`);
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

export const slaEventKey = (metric: string, kind: string, cycleStartedAt: Date | string) =>
  `${metric}/${kind}/${new Date(cycleStartedAt).toISOString()}`;

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
