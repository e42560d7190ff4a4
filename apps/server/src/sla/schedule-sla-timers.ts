import type { Db } from '../db/index.js';
import type { JobDefinition, JobRunner } from '../platform/jobs/index.js';
import { activePolicy } from './apply-sla-change.js';
import type { SlaTimerPayload } from './fire-sla-timer.js';
import { evaluateSla } from './sla-clock.js';
import {
  clearTimerRequest,
  listSlaEventKeys,
  lockSlaConversation,
  readTimerRequest,
  slaEventKey,
} from './sla-repository.js';

type ScheduleDeps = { db: Db; runner: JobRunner; job: JobDefinition<typeof SlaTimerPayload> };

/**
 * Sends a durable timer for each warning and breach the conversation still has ahead (or overdue), then
 * clears its request. Timers for due times that have since moved are not cancelled: they find nothing
 * to do when they fire. A request made while this ran stays set, so the change is never missed.
 */
export async function scheduleSlaTimers(deps: ScheduleDeps, clientId: string, conversationId: string) {
  const requestedAt = await readTimerRequest(deps.db, clientId, conversationId);
  if (!requestedAt) return;
  const timers = await deps.db.transaction(async (tx) => {
    const row = await lockSlaConversation(tx, clientId, conversationId);
    const policy = row?.slaClock ? await activePolicy(tx, clientId) : null;
    if (!row?.slaClock || !policy) return [];
    const done = await listSlaEventKeys(tx, clientId, conversationId);
    const wanted: SlaTimerPayload[] = [];
    for (const target of evaluateSla(row.slaClock, policy, row.priority, new Date())) {
      if (target.metAt || target.paused || !target.dueAt) continue;
      const instants = [['warning', target.warnAt] as const, ['breach', target.dueAt] as const];
      for (const [kind, fireAt] of instants) {
        if (!fireAt || done.has(slaEventKey(target.metric, kind, target.startedAt))) continue;
        wanted.push({ clientId, conversationId, metric: target.metric, kind, fireAt });
      }
    }
    return wanted;
  });
  for (const timer of timers) {
    await deps.runner.send(deps.job, timer, {
      singletonKey: `${conversationId}/${timer.metric}/${timer.kind}/${timer.fireAt}`,
      startAfter: new Date(timer.fireAt),
    });
  }
  await clearTimerRequest(deps.db, clientId, conversationId, requestedAt);
}
