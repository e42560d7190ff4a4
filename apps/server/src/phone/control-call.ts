import { randomUUID } from 'node:crypto';
import type { TransferCallRequest } from '@switchboard/contracts';
import { and, eq } from 'drizzle-orm';
import { agentClients } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import { isManager, type Scope } from '../platform/scope.js';
import { applyCallEvent } from './apply-call-event.js';
import { isFinal } from './call-states.js';
import { queueCall } from './offer-call.js';
import { inPhoneTx, type PhoneDeps } from './phone-context.js';
import { type CallRow, findCall, findLine, findQueue, type LineRow, updateCall } from './phone-repository.js';
import type { LiveCall, ResolvedTransferTarget } from './voice-adapter.js';

type AgencyScope = Extract<Scope, { kind: 'agency' }>;

/** The call and its line, if the agent may act on it: their own call, or any call for a manager. */
async function callForAgent(deps: PhoneDeps, scope: AgencyScope, callId: string, mayBeOffered = false) {
  const call = await findCall(deps.db, scope.clientIds, callId);
  if (!call) throw notFound('Call');
  const line = await findLine(deps.db, call.clientId, call.lineId);
  if (!line) throw notFound('Call');
  const own = call.agentId === scope.userId || (mayBeOffered && call.agentId === null);
  if (!own && !isManager(scope)) throw new AppError('CALL_WITH_ANOTHER_AGENT', 'This call is with another agent.');
  if (isFinal(call.state)) throw new AppError('CALL_ENDED', 'This call has ended.');
  const adapter = deps.adapters[line.provider];
  if (!adapter.controls) {
    throw new AppError(
      'LINE_TAKES_NO_CALL_CONTROL',
      "This line's phone system takes no call control from Switchboard.",
    );
  }
  return { call, line, adapter };
}

const live = (call: CallRow, line: LineRow): LiveCall => ({
  id: call.id,
  clientId: call.clientId,
  providerCallId: call.providerCallId,
  lineNumber: line.number,
  record: line.record,
});

const ownEvent = (type: string, state: CallRow['state'] | null, data: Record<string, unknown> = {}) => ({
  providerEventId: `switchboard:${type}:${randomUUID()}`,
  type,
  state: state as never,
  at: new Date(),
  data,
});

/** The agent takes the offered call: the provider rings their softphone and bridges the caller. */
export async function answerCall(deps: PhoneDeps, scope: AgencyScope, callId: string) {
  const { call, line, adapter } = await callForAgent(deps, scope, callId, true);
  if (call.state !== 'queued' && call.state !== 'ringing' && call.state !== 'transferring') {
    throw new AppError('CALL_NOT_RINGING', 'This call is not waiting to be answered.');
  }
  await adapter.connectAgent(line, live(call, line), scope.userId);
  await inPhoneTx(deps, async (context) => {
    const locked = (await findCall(context.tx, [call.clientId], call.id, true))!;
    const mine = await updateCall(context.tx, locked, { agentId: scope.userId });
    await applyCallEvent(context, mine, ownEvent('answer', null, { agentId: scope.userId }));
  });
}

export async function holdCall(deps: PhoneDeps, scope: AgencyScope, callId: string, hold: boolean) {
  const { call, line, adapter } = await callForAgent(deps, scope, callId);
  if (hold && call.state !== 'in_progress')
    throw new AppError('CALL_NOT_IN_PROGRESS', 'Only a call in progress can be held.');
  if (!hold && call.state !== 'on_hold') throw new AppError('CALL_NOT_ON_HOLD', 'This call is not on hold.');
  const queue = call.queueId ? await findQueue(deps.db, call.clientId, call.queueId) : undefined;
  if (hold) await adapter.hold(line, live(call, line), queue?.holdAudioUrl ?? null);
  else await adapter.connectAgent(line, live(call, line), call.agentId ?? scope.userId);
  await inPhoneTx(deps, async (context) => {
    const locked = (await findCall(context.tx, [call.clientId], call.id, true))!;
    await applyCallEvent(context, locked, ownEvent(hold ? 'hold' : 'resume', hold ? 'on_hold' : 'in_progress'));
  });
}

async function resolveTarget(
  deps: PhoneDeps,
  call: CallRow,
  request: TransferCallRequest,
): Promise<ResolvedTransferTarget> {
  const { target } = request;
  if (target.kind === 'queue') {
    const queue = await findQueue(deps.db, call.clientId, target.queueId);
    if (!queue) throw notFound('Queue');
    return { kind: 'queue', queueId: queue.id, queueName: `q-${queue.id}` };
  }
  if (target.kind === 'agent') {
    const [serving] = await deps.db
      .select({ agentId: agentClients.agentId })
      .from(agentClients)
      .where(and(eq(agentClients.clientId, call.clientId), eq(agentClients.agentId, target.agentId)));
    if (!serving) throw notFound('Agent');
    return { kind: 'agent', agentId: target.agentId };
  }
  return target;
}

/**
 * Blind: the caller goes straight to the target. Warm: the caller waits on hold while the agent
 * consults the target (who sees the call pop up); `completeTransfer` then hands the caller over.
 */
export async function transferCall(deps: PhoneDeps, scope: AgencyScope, callId: string, request: TransferCallRequest) {
  const { call, line, adapter } = await callForAgent(deps, scope, callId);
  if (call.state !== 'in_progress' && call.state !== 'on_hold')
    throw new AppError('CALL_NOT_CONNECTED', 'Only a connected call can be transferred.');
  const target = await resolveTarget(deps, call, request);
  if (request.mode === 'warm' && target.kind !== 'queue') {
    if (call.state !== 'on_hold') await adapter.hold(line, live(call, line), null);
  } else {
    await adapter.transfer(line, live(call, line), target);
  }
  await inPhoneTx(deps, async (context) => {
    let locked = (await findCall(context.tx, [call.clientId], call.id, true))!;
    if (target.kind === 'queue') {
      await applyCallEvent(context, locked, ownEvent('transfer', 'transferring', { target }));
      locked = (await findCall(context.tx, [call.clientId], call.id, true))!;
      await queueCall(context, locked, target.queueId);
      return;
    }
    locked = await updateCall(context.tx, locked, {
      transferTarget: { ...target, mode: request.mode } as Record<string, string>,
    });
    await applyCallEvent(context, locked, ownEvent('transfer', 'transferring', { target, mode: request.mode }));
    if (target.kind === 'agent') {
      context.published.push({
        type: 'call.offered',
        clientId: call.clientId,
        callId: call.id,
        conversationId: call.conversationId,
        agentId: target.agentId,
      });
    }
  });
}

/** Warm transfer, after the consultation: hand the caller over (or back, when `cancel`). */
export async function completeTransfer(deps: PhoneDeps, scope: AgencyScope, callId: string, cancel: boolean) {
  const { call, line, adapter } = await callForAgent(deps, scope, callId);
  const target = call.transferTarget as ResolvedTransferTarget | null;
  if (call.state !== 'transferring' || !target)
    throw new AppError('NO_WARM_TRANSFER', 'No warm transfer is waiting on this call.');
  if (cancel) await adapter.connectAgent(line, live(call, line), call.agentId ?? scope.userId);
  else await adapter.transfer(line, live(call, line), target);
  await inPhoneTx(deps, async (context) => {
    const locked = (await findCall(context.tx, [call.clientId], call.id, true))!;
    const cleared = await updateCall(context.tx, locked, { transferTarget: null });
    await applyCallEvent(
      context,
      cleared,
      ownEvent(cancel ? 'transfer-cancelled' : 'transfer-completed', null, { target }),
    );
  });
}

export async function hangupCall(deps: PhoneDeps, scope: AgencyScope, callId: string) {
  const { call, line, adapter } = await callForAgent(deps, scope, callId);
  await adapter.hangup(line, live(call, line));
}
