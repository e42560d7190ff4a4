import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineJob } from '../platform/jobs/index.js';
import { applyCallEvent } from './apply-call-event.js';
import { isFinal } from './call-states.js';
import { inPhoneTx, type PhoneDeps } from './phone-context.js';
import { findCall } from './phone-repository.js';

/** A live call the provider has said nothing about for this long is presumed over. */
export const defaultQuietSeconds = 4 * 3600;

/**
 * Ends a call whose provider never reported the end (a lost status callback, a PBX restart): a call
 * someone was talking on is completed, one nobody answered is abandoned. The event has its own id,
 * so running twice ends it once; a call that came back to life (a newer event) is left alone.
 */
export async function sweepCall(deps: PhoneDeps, input: { clientId: string; callId: string; quietSince: Date }) {
  return inPhoneTx(deps, async (context) => {
    const call = await findCall(context.tx, [input.clientId], input.callId, true);
    if (!call || isFinal(call.state) || call.lastEventAt >= input.quietSince) return false;
    const talked = call.answeredAt !== null;
    await applyCallEvent(context, call, {
      providerEventId: `switchboard:sweep:${call.id}:${randomUUID()}`,
      type: 'sweeper',
      state: talked ? 'completed' : 'abandoned',
      at: call.lastEventAt,
      cause: 'no-end-event',
    });
    return true;
  });
}

export function defineSweepCallJob(deps: PhoneDeps, quietSeconds = defaultQuietSeconds) {
  return defineJob({
    name: 'phone.sweep-call',
    payload: z.object({ clientId: z.uuid(), callId: z.uuid() }),
    queuePolicy: 'stately',
    expireInSeconds: 60,
    async handler({ clientId, callId }) {
      await sweepCall(deps, { clientId, callId, quietSince: new Date(Date.now() - quietSeconds * 1000) });
    },
  });
}
