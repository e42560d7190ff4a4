import type { Database } from '../db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { defineSlaTimerJob } from './fire-sla-timer.js';
import { type SlaTimerKey, scheduleSlaTimersOf } from './schedule-sla-timers.js';
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
 * timers at once (together with whatever else was notified meanwhile), and a sweep (at start and periodically) catches the changes whose wake-up was lost to
 * a crash or came while no worker ran. The timers themselves are pg-boss jobs and survive restarts.
 */
export async function startSlaWorker(options: SlaWorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const { database, runner } = options;
  const job = defineSlaTimerJob({ db: database.db, events: options.events });
  await runner.register(job);
  const deps = { db: database.db, runner, job };
  // Wake-ups are gathered while a batch runs: a burst of incoming mail is scheduled a few hundred at a
  // time, not one conversation (and ten statements) each. A failed batch keeps its requests in the
  // database, so the sweep takes them up again.
  const waiting = new Map<string, SlaTimerKey>();
  let scheduling: Promise<void> | null = null;
  const drain = async () => {
    while (waiting.size > 0) {
      const batch = [...waiting.values()].slice(0, BATCH);
      for (const key of batch) waiting.delete(`${key.clientId}/${key.conversationId}`);
      await scheduleSlaTimersOf(deps, batch).catch((error: unknown) => options.onError?.(error));
    }
  };
  const wake = () => {
    // Started on the next turn of the event loop, so the notifications that arrived together go together.
    scheduling ??= new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
      scheduling = null;
      if (waiting.size > 0) wake();
    });
  };
  const unlisten = await database.listen(slaTimersChannel, (payload) => {
    const [clientId, conversationId] = payload.split('/');
    if (!clientId || !conversationId) return;
    waiting.set(payload, { clientId, conversationId });
    wake();
  });
  let sweeping = false;
  const sweep = async () => {
    if (sweeping) return;
    sweeping = true;
    try {
      for (let rows = await listTimerRequests(database.db, BATCH); rows.length > 0; ) {
        await scheduleSlaTimersOf(
          deps,
          rows.map((row) => ({ clientId: row.clientId, conversationId: row.id })),
        );
        if (rows.length < BATCH) break;
        rows = await listTimerRequests(database.db, BATCH);
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
      await scheduling;
    },
  };
}

/** Conversations scheduled in one go. */
const BATCH = 200;
