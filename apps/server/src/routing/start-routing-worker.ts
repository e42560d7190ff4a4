import type { Database } from '../db/index.js';
import type { JobRunner } from '../platform/jobs/index.js';
import type { DeskEventPublisher, DeskEventSource } from '../realtime/index.js';
import { releaseUnanswered } from './release-unanswered.js';
import { routeBacklog } from './route-conversation.js';
import { reassignUnansweredJob, routeClientJob } from './routing-jobs.js';
import { jobTimers } from './routing-timers.js';
import { sweepPresence } from './sweep-presence.js';

export type RoutingWorkerOptions = {
  database: Database;
  runner: JobRunner;
  events: DeskEventPublisher & DeskEventSource;
  /** How long an agent stays online/away after their last desk closed. */
  presenceGraceSeconds?: number;
  /** The safety net: presence sweep and a full routing pass this often, whatever events said. */
  sweepEveryMs?: number;
  /** Events are gathered this long into one pass. */
  debounceMs?: number;
  onError?: (error: unknown) => void;
};

/**
 * Routing in the worker role. Desk events (a conversation arrived or changed, an agent came online)
 * schedule a pass over the backlogs of the clients they concern (every event names its client; an
 * agent coming online is announced once per client they serve), gathered for `debounceMs` into one
 * pass; durable jobs fire the reassign timeouts and the end of familiar-agent waits; a periodic sweep
 * offlines agents whose desks are gone and routes every client's backlog, whatever events said or missed.
 * Every pass holds the routing lock, so several workers are safe.
 */
export async function startRoutingWorker(options: RoutingWorkerOptions) {
  const { database, runner, events } = options;
  const db = database.db;
  const timers = jobTimers(runner);
  const onError = options.onError ?? ((error: unknown) => console.error('routing', error));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let pending: ReturnType<typeof setTimeout> | undefined;
  // The clients whose events arrived since the last pass was scheduled: only their backlogs are read.
  let clientsDue = new Set<string>();

  const serialise = (work: () => Promise<unknown>) => {
    running = running.then(() => (stopped ? undefined : work())).catch(onError);
    return running;
  };
  const routeSoon = (clientId: string) => {
    if (stopped) return;
    clientsDue.add(clientId);
    if (pending) return;
    pending = setTimeout(() => {
      pending = undefined;
      const clientIds = [...clientsDue];
      clientsDue = new Set();
      void serialise(() => routeBacklog(db, { events, timers, clientIds }));
    }, options.debounceMs ?? 200);
  };

  await runner.register({
    ...reassignUnansweredJob,
    handler: async ({ clientId }) => void (await releaseUnanswered(db, { clientId, events, timers })),
  });
  await runner.register({
    ...routeClientJob,
    handler: async ({ clientId }) => void (await routeBacklog(db, { events, timers, clientIds: [clientId] })),
  });

  const unsubscribe = events.subscribe((event) => {
    if (event.type === 'agent.presence' && event.presence !== 'online') return;
    if (event.type === 'message.created' && event.internal) return;
    // A visitor typing or reading changes nothing routing looks at.
    if (event.type === 'chat.typing' || event.type === 'chat.read') return;
    routeSoon(event.clientId);
  });
  const sweep = () =>
    serialise(async () => {
      await sweepPresence(db, { graceSeconds: options.presenceGraceSeconds ?? 90, events });
      await routeBacklog(db, { events, timers });
    });
  const interval = setInterval(() => void sweep(), options.sweepEveryMs ?? 15_000);
  void sweep();

  return {
    /** Runs one sweep now (tests, and start-up). */
    sweep,
    async stop() {
      stopped = true;
      clearInterval(interval);
      clearTimeout(pending);
      unsubscribe();
      await running;
    },
  };
}
