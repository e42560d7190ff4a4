import { SlaEventKind, SlaMetric } from '@switchboard/contracts';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { defineJob, type JobDefinition } from '../platform/jobs/index.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { activePolicy } from './apply-sla-change.js';
import { announceSlaEvent, type RecordedSlaEvent, recordSlaEvent } from './record-sla-event.js';
import { evaluateSla } from './sla-clock.js';
import { lockSlaConversation } from './sla-repository.js';

export const SlaTimerPayload = z.object({
  clientId: z.uuid(),
  conversationId: z.uuid(),
  metric: SlaMetric,
  kind: SlaEventKind,
  /** When the timer was meant to fire; informative only: the handler decides from the current state. */
  fireAt: z.iso.datetime(),
});
export type SlaTimerPayload = z.infer<typeof SlaTimerPayload>;

/** pg-boss delivers at or after `startAfter`, polling; a little slack keeps an on-time timer from looking early. */
const EARLY_SLACK_MS = 1_000;

export type SlaTimerDeps = { db: Db; events: DeskEventPublisher; now?: () => Date };

/**
 * One warning or breach timer. It trusts nothing but the conversation as it is now: a target met,
 * paused or moved later since the timer was scheduled makes it a no-op (the recompute scheduled its
 * successor), and the once-per-run record in recordSlaEvent makes a second delivery a no-op too.
 */
export function defineSlaTimerJob(deps: SlaTimerDeps): JobDefinition<typeof SlaTimerPayload> {
  const now = deps.now ?? (() => new Date());
  return defineJob({
    name: 'sla.timer',
    payload: SlaTimerPayload,
    retry: { limit: 10, delaySeconds: 5, backoff: true, maxDelaySeconds: 300 },
    // One queued timer per (conversation, metric, kind, instant): the worker's sweep may send it again.
    queuePolicy: 'short',
    concurrency: 8,
    expireInSeconds: 60,
    handler: async (payload) => {
      const event = await deps.db.transaction(async (tx): Promise<RecordedSlaEvent | null> => {
        const row = await lockSlaConversation(tx, payload.clientId, payload.conversationId);
        const policy = row?.slaClock ? await activePolicy(tx, payload.clientId) : null;
        if (!row?.slaClock || !policy) return null;
        const at = now();
        const target = evaluateSla(row.slaClock, policy, row.priority, at).find(
          (t) => t.metric === payload.metric && t.metAt === null && !t.paused,
        );
        const dueAt = target?.dueAt ? new Date(target.dueAt) : null;
        if (!target || !dueAt) return null;
        const fireAt = payload.kind === 'warning' && target.warnAt ? new Date(target.warnAt) : dueAt;
        if (at.getTime() + EARLY_SLACK_MS < fireAt.getTime()) return null; // superseded by a later due time
        // A warning that comes due only after the breach (the worker was down) would only confuse.
        if (payload.kind === 'warning' && at.getTime() >= dueAt.getTime()) return null;
        return recordSlaEvent(tx, {
          clientId: payload.clientId,
          conversationId: payload.conversationId,
          metric: payload.metric,
          kind: payload.kind,
          cycleStartedAt: new Date(target.startedAt),
          dueAt,
          assigneeId: row.assigneeId,
          at,
        });
      });
      if (event) await announceSlaEvent(deps.events, event);
    },
  });
}
