import type { Db } from '../db/index.js';
import type { JobDefinition, JobRunner } from '../platform/jobs/index.js';
import type { SlaTimerPayload } from './fire-sla-timer.js';
import { evaluateSla, type SlaPolicyForClock } from './sla-clock.js';
import { clearTimerRequests, findSlaPolicies, readTimerRequests, slaEventKey } from './sla-repository.js';

type ScheduleDeps = { db: Db; runner: JobRunner; job: JobDefinition<typeof SlaTimerPayload> };

export type SlaTimerKey = { clientId: string; conversationId: string };

/**
 * Sends a durable timer for each warning and breach the conversation still has ahead (or overdue), then
 * clears its request. Timers for due times that have since moved are not cancelled: they find nothing
 * to do when they fire. A request made while this ran stays set, so the change is never missed.
 */
export async function scheduleSlaTimers(deps: ScheduleDeps, clientId: string, conversationId: string) {
  return scheduleSlaTimersOf(deps, [{ clientId, conversationId }]);
}

/**
 * `scheduleSlaTimers` for many conversations in four statements whatever their number (a burst of
 * incoming mail asks for thousands): their requests, clocks and the events already recorded read
 * together, each client's policy once, every timer queued in one insert, the requests
 * cleared in one update, each only if it is still the request that was read (to the microsecond).
 * The timers are queued before the requests are cleared: a crash in between leaves the request, and
 * the sweep queues the same timers again, which the queue's singleton keys refuse as duplicates.
 * Returns how many timers were queued.
 */
export async function scheduleSlaTimersOf(deps: ScheduleDeps, keys: readonly SlaTimerKey[]): Promise<number> {
  const requests = await readTimerRequests(deps.db, keys);
  if (requests.length === 0) return 0;
  const withClock = requests.filter((r) => r.slaClock);
  const policies = new Map(
    (await findSlaPolicies(deps.db, [...new Set(withClock.map((r) => r.clientId))]))
      .filter((policy) => policy.enabled)
      .map((policy) => [policy.clientId, policy as SlaPolicyForClock]),
  );
  const tracked = withClock.filter((r) => policies.has(r.clientId));
  const now = new Date();
  const wanted: SlaTimerPayload[] = [];
  for (const row of tracked) {
    const { recorded } = row;
    for (const target of evaluateSla(row.slaClock!, policies.get(row.clientId)!, row.priority, now)) {
      if (target.metAt || target.paused || !target.dueAt) continue;
      const instants = [['warning', target.warnAt] as const, ['breach', target.dueAt] as const];
      for (const [kind, fireAt] of instants) {
        if (!fireAt || recorded.has(slaEventKey(target.metric, kind, target.startedAt))) continue;
        wanted.push({ clientId: row.clientId, conversationId: row.id, metric: target.metric, kind, fireAt });
      }
    }
  }
  const queued = await deps.runner.sendMany(
    deps.job,
    wanted.map((timer) => ({
      payload: timer,
      options: {
        singletonKey: `${timer.conversationId}/${timer.metric}/${timer.kind}/${timer.fireAt}`,
        startAfter: new Date(timer.fireAt),
      },
    })),
  );
  await clearTimerRequests(deps.db, requests);
  return queued;
}
