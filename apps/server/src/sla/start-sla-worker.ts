import type { Reactions } from '../conversations/index.js';
import type { Database } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { fireDueSlaTimers } from './fire-due-sla-timers.js';
import { findNextSlaTimer } from './sla-repository.js';

export type SlaWorkerOptions = {
  database: Database;
  events: DeskEventPublisher;
  /** Who reacts to a warning or breach (the client's rules). */
  reactions: Reactions;
  /** The longest the worker sleeps between looks (default 1 s): how late a timer set meanwhile may fire. */
  pollEveryMs?: number;
  onError?: (error: unknown) => void;
};

const BATCH = 200;

/**
 * Fires SLA warnings and breaches when they come due. The timers are a column, not jobs: each change to
 * a conversation's SLA stores the next instant it may need attention (sla_next_timer_at), in the same
 * UPDATE as its due times, and this worker takes what is due, soonest first, then sleeps until the next
 * instant or for at most `pollEveryMs`. Nothing is scheduled per change, so a burst of mail costs the
 * worker nothing, and nothing is lost to a crash: the instants are in the database. Several workers
 * (processes) share the work: each locks the rows it takes and skips the others'.
 */
export async function startSlaWorker(options: SlaWorkerOptions): Promise<{ stop: () => Promise<void> }> {
  const pollEveryMs = options.pollEveryMs ?? 1_000;
  const deps = {
    db: options.database.db,
    events: options.events,
    reactions: options.reactions,
    onError: options.onError,
  };
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;

  const pass = async () => {
    let delay = pollEveryMs;
    try {
      // A full batch means more may be due: go on at once.
      let looked = BATCH;
      while (!stopped && looked === BATCH) looked = await fireDueSlaTimers(deps, BATCH);
      const next = stopped ? null : await findNextSlaTimer(deps.db);
      if (next) delay = Math.min(pollEveryMs, Math.max(0, next.getTime() - Date.now()));
    } catch (error) {
      options.onError?.(error);
    }
    if (!stopped) timer = setTimeout(tick, delay);
  };
  const tick = () => {
    timer = null;
    running = pass().finally(() => {
      running = null;
    });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
