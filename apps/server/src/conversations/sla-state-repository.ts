import type { ConversationSlaSummary, ConversationStatus, Priority } from '@switchboard/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type DbOrTx, jsonRows } from '../db/index.js';
import { conversations } from '../db/schema.js';
import type { SlaClock, StoredSlaClock } from '../platform/business-time/sla-clock.js';
import type { ConversationSet } from './conversation-state-repository.js';

/**
 * A conversation's SLA as its keeper (the SLA slice, see `SlaKeeper`) decided it: the clock, the due times
 * the desk sorts by, and when the SLA worker should next look at it. This slice stores it, like every other
 * column of the conversation.
 */
export type SlaState = {
  clientId: string;
  conversationId: string;
  clock: SlaClock;
  due: SlaDueTimes;
  /** When the SLA worker should next look at it (null: never, until the conversation changes). */
  nextTimerAt: Date | null;
  summary: ConversationSlaSummary | null;
};

export type SlaDueTimes = {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaDueAt: Date | null;
};

/**
 * What the SLA keeper needs of a conversation a statement of this slice just wrote (so locked), as that
 * statement returns it (`conversationSlaColumns`; timestamps may come as text, from jsonb): handing it over
 * saves the statement that would lock and read the row again.
 */
export type ConversationSlaRow = {
  id: string;
  client_id: string;
  status: ConversationStatus;
  priority: Priority;
  assignee_id: string | null;
  created_at: Date | string;
  updated_at: Date | string;
  first_response_at: Date | string | null;
  sla_clock: StoredSlaClock | null;
};

/** The columns of `conversations c` in a ConversationSlaRow, for this slice's RETURNING clauses. */
export const conversationSlaColumns = sql.raw(
  'c.id, c.client_id, c.status, c.priority, c.assignee_id, c.created_at, c.updated_at, c.first_response_at, c.sla_clock',
);

/**
 * Stores the SLA states of several conversations in one statement. With `alsoSet` (one conversation only),
 * the caller's own change to the conversation goes into the same UPDATE, so the row (and its dozen indexes)
 * is written once per message.
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
 * Sets each conversation's next SLA timer instant (null: none), in one statement, unless it is no longer the
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
