import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Database, Db } from '../db/index.js';
import { defineJob, type JobDefinition, type JobRunner } from '../platform/jobs/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { escalationUpdated, messageCreated, publishEscalationEvents } from './announce-escalation.js';
import { emailClientUsers } from './email-client-users.js';
import { escalationTimersChannel } from './escalate-to-client.js';
import {
  findEscalation,
  findEscalationContext,
  listUnqueuedEscalations,
  updateEscalation,
} from './escalation-repository.js';
import { recordOnTimeline } from './escalation-timeline.js';

export const EscalationTimerStep = z.enum(['first-reminder', 'second-reminder', 'overdue']);
export type EscalationTimerStep = z.infer<typeof EscalationTimerStep>;
export const EscalationTimerPayload = z.object({
  clientId: z.uuid(),
  escalationId: z.uuid(),
  step: EscalationTimerStep,
});

/**
 * When each timer fires, as a share of the answer window: with 24 hours, reminders at 12 h and 23 h
 * and the overdue mark at 24 h.
 */
export const timerShares: Record<EscalationTimerStep, number> = {
  'first-reminder': 12 / 24,
  'second-reminder': 23 / 24,
  overdue: 1,
};

const stampOf = {
  'first-reminder': 'firstReminderAt',
  'second-reminder': 'secondReminderAt',
  overdue: 'overdueAt',
} as const;
const columnOf = {
  'first-reminder': 'first_reminder_at',
  'second-reminder': 'second_reminder_at',
  overdue: 'overdue_at',
} as const;

export type EscalationTimerDeps = { db: Db; events: DeskEventPublisher; publicUrl: string };

/**
 * One timer of one escalation. Fires once: the stamp is set with a conditional UPDATE in the same
 * transaction that queues the e-mails and writes the timeline, so a job delivered twice (a retry, a
 * runner restarted mid-job, a sweep) finds it set and does nothing. An answered escalation is left alone.
 */
export function defineEscalationTimerJob(deps: EscalationTimerDeps): JobDefinition<typeof EscalationTimerPayload> {
  return defineJob({
    name: 'escalation.timer',
    payload: EscalationTimerPayload,
    queuePolicy: 'short',
    concurrency: 4,
    expireInSeconds: 120,
    retry: { limit: 8, delaySeconds: 10, backoff: true },
    handler: async ({ clientId, escalationId, step }) => {
      const events = await deps.db.transaction(async (tx) => {
        const claimed = await updateEscalation(
          tx,
          clientId,
          escalationId,
          { [stampOf[step]]: new Date() },
          sql`status = 'open' AND ${sql.raw(columnOf[step])} IS NULL`,
        );
        if (!claimed) return [];
        const context = await findEscalationContext(tx, clientId, claimed.conversationId);
        if (!context) return [];
        const emailed = await emailClientUsers(tx, {
          escalation: claimed,
          context,
          kind: step === 'overdue' ? 'overdue' : 'reminder',
          publicUrl: deps.publicUrl,
        });
        const line = await recordOnTimeline(tx, {
          clientId,
          conversationId: claimed.conversationId,
          actor: { type: 'system', id: null, name: 'Switchboard' },
          action: step === 'overdue' ? 'escalation.overdue' : 'escalation.reminded',
          escalationId,
          text:
            step === 'overdue'
              ? 'The client has not answered within the escalation time'
              : `Reminded the client (${emailed} recipients)`,
          data: { step, recipients: emailed },
        });
        await recordAudit(tx, 'system', {
          clientId,
          action: step === 'overdue' ? 'escalation.overdue' : 'escalation.reminded',
          entity: 'conversation',
          entityId: claimed.conversationId,
          data: { escalationId, step, recipients: emailed },
        });
        return [messageCreated(clientId, claimed.conversationId, line.id), escalationUpdated(claimed)];
      });
      await publishEscalationEvents(deps.events, events);
    },
  });
}

/** Queues the three timers of one escalation (deduplicated per step), then marks them queued. */
export async function queueEscalationTimers(
  db: Db,
  runner: JobRunner,
  job: JobDefinition<typeof EscalationTimerPayload>,
  clientId: string,
  escalationId: string,
) {
  const escalation = await findEscalation(db, [clientId], escalationId);
  if (escalation?.status !== 'open' || escalation.timersQueuedAt) return;
  const start = escalation.createdAt.getTime();
  const window = escalation.dueAt.getTime() - start;
  for (const step of EscalationTimerStep.options) {
    if (escalation[stampOf[step]]) continue;
    await runner.send(
      job,
      { clientId, escalationId, step },
      { singletonKey: `${escalationId}/${step}`, startAfter: new Date(start + window * timerShares[step]) },
    );
  }
  await updateEscalation(db, clientId, escalationId, { timersQueuedAt: new Date() });
}

export type EscalationWorkerOptions = {
  database: Database;
  runner: JobRunner;
  events: DeskEventPublisher;
  publicUrl: string;
  sweepEveryMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * Works the escalation timers: each committed escalation's NOTIFY queues its durable jobs at once; a
 * sweep queues those whose NOTIFY a crash lost. The jobs live in pg-boss, so they survive restarts.
 */
export async function startEscalationWorker(options: EscalationWorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const { database, runner } = options;
  const job = defineEscalationTimerJob({ db: database.db, events: options.events, publicUrl: options.publicUrl });
  await runner.register(job);
  const queue = (clientId: string, escalationId: string) =>
    queueEscalationTimers(database.db, runner, job, clientId, escalationId).catch((error: unknown) =>
      options.onError?.(error),
    );
  const unlisten = await database.listen(escalationTimersChannel, (payload) => {
    const [clientId, escalationId] = payload.split('/');
    if (clientId && escalationId) void queue(clientId, escalationId);
  });
  const sweep = async () => {
    const rows = await listUnqueuedEscalations(database.db, new Date(Date.now() - 10_000)).catch(() => []);
    for (const row of rows) await queue(row.clientId, row.id);
  };
  const first = sweep();
  const timer = setInterval(() => void sweep(), options.sweepEveryMs ?? 30_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await first;
      await unlisten();
    },
  };
}
