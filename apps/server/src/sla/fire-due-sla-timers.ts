import type { DeskEvent } from '@switchboard/contracts';
import { type Reactions, setNextSlaTimers } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import {
  evaluateSla,
  nextSlaTimerAt,
  type SlaClock,
  type SlaPolicyForClock,
  type StoredSlaClock,
} from '../platform/business-time/sla-clock.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { type RecordedSlaEvent, raiseSlaEvents, recordSlaEvent } from './record-sla-event.js';
import { lockDueSlaConversations } from './sla-repository.js';

export type FireSlaTimersDeps = {
  db: Db;
  events: DeskEventPublisher;
  /** Who reacts to a warning or breach in its transaction (the client's rules). */
  reactions: Reactions;
  now?: () => Date;
  onError?: (error: unknown) => void;
};

/** A conversation whose timer failed (a bug, a constraint) is looked at again this much later, not at once. */
const RETRY_AFTER_MS = 60_000;

/**
 * One pass of the SLA worker: up to `limit` conversations whose next timer is due, soonest first, in
 * one transaction. Each is judged as it is now, never by what was expected when its timer was set: a
 * target met, paused or moved later since is simply not due. A running target past its due time gets
 * its breach; one past its warning instant (but not yet due) its warning — each recorded once per run of
 * the target (recordSlaEvent), so a second look is a no-op. Then the conversation's next instant is
 * stored. One conversation failing rolls back only its own savepoint and is retried a minute later.
 * Returns how many conversations were looked at (a full batch: call again).
 */
export async function fireDueSlaTimers(deps: FireSlaTimersDeps, limit = 200): Promise<number> {
  const at = (deps.now ?? (() => new Date()))();
  const { looked, announced } = await deps.db.transaction(async (tx) => {
    const rows = await lockDueSlaConversations(tx, at, limit);
    const announced: DeskEvent[] = [];
    const next: { clientId: string; conversationId: string; was: string; at: Date | null }[] = [];
    for (const row of rows) {
      const key = { clientId: row.clientId, conversationId: row.id, was: row.nextTimer };
      if (!row.slaClock || !row.policy?.enabled) {
        next.push({ ...key, at: null });
        continue;
      }
      const { summary: _summary, ...clock } = row.slaClock as StoredSlaClock;
      const targets = evaluateSla(clock as SlaClock, row.policy as SlaPolicyForClock, row.priority, at);
      try {
        const fired = await tx.transaction(async (sp) => {
          const events: RecordedSlaEvent[] = [];
          for (const target of targets) {
            if (target.metAt || target.paused || !target.dueAt) continue;
            const dueAt = new Date(target.dueAt);
            // Past due: the breach only (a warning that comes due after the breach would only confuse).
            const kind = dueAt <= at ? 'breach' : target.warnAt && new Date(target.warnAt) <= at ? 'warning' : null;
            if (!kind) continue;
            const event = await recordSlaEvent(sp, {
              clientId: row.clientId,
              conversationId: row.id,
              metric: target.metric,
              kind,
              cycleStartedAt: new Date(target.startedAt),
              dueAt,
              assigneeId: row.assigneeId,
              at,
            });
            if (event) events.push(event);
          }
          return raiseSlaEvents(sp, deps.reactions, events);
        });
        announced.push(...fired);
        next.push({ ...key, at: nextSlaTimerAt(targets, at) });
      } catch (error) {
        deps.onError?.(error);
        next.push({ ...key, at: new Date(at.getTime() + RETRY_AFTER_MS) });
      }
    }
    await setNextSlaTimers(tx, next);
    return { looked: rows.length, announced };
  });
  for (const deskEvent of announced) await deps.events.publish(deskEvent);
  return looked;
}
