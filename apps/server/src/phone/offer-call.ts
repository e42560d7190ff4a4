import { randomUUID } from 'node:crypto';
import { applyCallEvent } from './apply-call-event.js';
import type { PhoneTx } from './phone-context.js';
import { type CallRow, insertCallEvent, updateCall } from './phone-repository.js';

/** Puts the caller in a queue (the state says so) and offers the call to an agent if one is free. */
export async function queueCall(context: PhoneTx, call: CallRow, queueId: string, at = new Date()): Promise<CallRow> {
  const queued = await updateCall(context.tx, call, { queueId, agentId: null });
  const applied = await applyCallEvent(context, queued, {
    providerEventId: `switchboard:queued:${call.id}:${randomUUID()}`,
    type: 'queued',
    state: 'queued',
    at,
    data: { queueId },
  });
  return offerCall(context, applied.call);
}

/**
 * Offers a waiting call to the agent routing picks, and pops it up on their desk. A call already
 * offered stays with its agent; nobody free leaves it waiting (the queue asks again).
 */
export async function offerCall(context: PhoneTx, call: CallRow, excludeAgentIds: string[] = []): Promise<CallRow> {
  if (call.state !== 'queued' || call.agentId) return call;
  const agentId = await context.deps.pickAgent(context.tx, {
    clientId: call.clientId,
    queueId: call.queueId,
    excludeAgentIds,
  });
  if (!agentId) return call;
  const offered = await updateCall(context.tx, call, { agentId });
  await insertCallEvent(
    context.tx,
    offered,
    {
      providerEventId: `switchboard:offered:${call.id}:${randomUUID()}`,
      type: 'offered',
      state: null,
      at: new Date(),
      data: { agentId },
    },
    false,
  );
  context.published.push({
    type: 'call.offered',
    clientId: call.clientId,
    callId: call.id,
    conversationId: call.conversationId,
    agentId,
  });
  return offered;
}
