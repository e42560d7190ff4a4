import type { JobRunner } from '../platform/jobs/index.js';
import type { Hold } from './decide-assignments.js';
import { reassignUnansweredJob, routeClientJob } from './routing-jobs.js';
import type { AssignmentWrite } from './routing-repository.js';
import type { ClientRouting } from './routing-settings-repository.js';

/** What a routing pass leaves to happen later: durable jobs that fire once. */
export type RoutingTimers = {
  afterPass(pass: {
    now: Date;
    assigned: readonly AssignmentWrite[];
    holds: readonly Hold[];
    rules: ReadonlyMap<string, ClientRouting>;
  }): Promise<void>;
};

/**
 * One job per client and pass, not per conversation: every assignment of a pass shares its time and
 * its client's timeout, so one check at `now + timeout` covers them all (and 10,000 assignments cost
 * 20 jobs, not 10,000). Likewise one wake-up per client when its earliest familiar-agent wait ends.
 */
export function jobTimers(runner: JobRunner): RoutingTimers {
  return {
    async afterPass({ now, assigned, holds, rules }) {
      // Sent side by side (each its own round trip); a large pass has one per client.
      const sends: Promise<unknown>[] = [];
      for (const clientId of new Set(assigned.map((a) => a.clientId))) {
        const after = rules.get(clientId)?.reassignAfterSeconds ?? 600;
        const due = new Date(now.getTime() + after * 1000);
        sends.push(
          runner.send(
            reassignUnansweredJob,
            { clientId, assignedBefore: now.toISOString() },
            { startAfter: due, singletonKey: `${clientId}:${Math.floor(due.getTime() / 1000)}` },
          ),
        );
      }
      const earliest = new Map<string, number>();
      for (const hold of holds) {
        if (hold.until === null) continue;
        earliest.set(hold.clientId, Math.min(hold.until, earliest.get(hold.clientId) ?? Number.POSITIVE_INFINITY));
      }
      for (const [clientId, until] of earliest) {
        const due = Math.ceil(until / 1000) * 1000 + 1000;
        sends.push(
          runner.send(
            routeClientJob,
            { clientId },
            { startAfter: new Date(due), singletonKey: `${clientId}:${due / 1000}` },
          ),
        );
      }
      await Promise.all(sends);
    },
  };
}
