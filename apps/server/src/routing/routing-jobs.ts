import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.js';

const notBound = async () => {
  throw new Error('routing job handler not bound: register it through startRoutingWorker');
};

/**
 * Takes back a client's automatic assignments nobody answered within its timeout and routes them
 * again. Sent once per client and routing pass, due at pass time + timeout; idempotent (what was
 * answered or already taken back is left alone).
 */
export const reassignUnansweredJob = defineJob({
  name: 'routing.reassign-unanswered',
  payload: z.object({ clientId: z.uuid(), assignedBefore: z.iso.datetime({ offset: true }) }),
  queuePolicy: 'short',
  retry: { limit: 5, delaySeconds: 5 },
  handler: notBound,
});

/** Routes one client's backlog: sent when a familiar-agent wait ends. */
export const routeClientJob = defineJob({
  name: 'routing.route-client',
  payload: z.object({ clientId: z.uuid() }),
  queuePolicy: 'short',
  retry: { limit: 5, delaySeconds: 5 },
  handler: notBound,
});
