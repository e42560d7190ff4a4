import type { Database } from '../db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { defineSlaTimerJob } from './fire-sla-timer.js';
import { scheduleSlaTimers } from './schedule-sla-timers.js';
import { listTimerRequests, slaTimersChannel } from './sla-repository.js';

export type SlaWorkerOptions = {
  database: Database;
  runner: JobRunner;
  events: DeskEventPublisher;
  sweepEveryMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * Turns SLA due times into durable timers: each committed change's NOTIFY schedules the conversation's
 * timers at once, and a sweep (at start and periodically) catches the changes whose wake-up was lost to
 * a crash or came while no worker ran. The timers themselves are pg-boss jobs and survive restarts.
 */
export async function startSlaWorker(options: SlaWorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const { database, runner } = options;
  const job = defineSlaTimerJob({ db: database.db, events: options.events });
  await runner.register(job);
  const schedule = (clientId: string, conversationId: string) =>
    scheduleSlaTimers({ db: database.db, runner, job }, clientId, conversationId).catch((error: unknown) =>
      options.onError?.(error),
    );
  const unlisten = await database.listen(slaTimersChannel, (payload) => {
    const [clientId, conversationId] = payload.split('/');
    if (clientId && conversationId) void schedule(clientId, conversationId);
  });
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (let batch = await listTimerRequests(database.db, 200); batch.length > 0; ) {
        for (const row of batch) await schedule(row.clientId, row.id);
        if (batch.length < 200) break;
        batch = await listTimerRequests(database.db, 200);
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      sweeping = false;
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), options.sweepEveryMs ?? 15_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await unlisten();
    },
  };
}
