import type { CallState } from '@switchboard/contracts';
import { isFinal, nextState } from './call-states.js';
import { endCall } from './end-call.js';
import type { PhoneTx } from './phone-context.js';
import { type CallRow, callEventSeen, insertCallEvent, updateCall } from './phone-repository.js';
import type { CallEvent } from './voice-adapter.js';

export type AppliedEvent = { call: CallRow; duplicate: boolean; applied: boolean; ended: boolean };

/**
 * One provider event on one call, in the caller's transaction (the call row locked by the caller):
 * stored once, moved through the state machine unless the call already reached a final state, and
 * the end of the call handled (timeline, callback task) exactly once.
 */
export async function applyCallEvent(context: PhoneTx, call: CallRow, event: CallEvent): Promise<AppliedEvent> {
  if (await callEventSeen(context.tx, call.clientId, event.providerEventId)) {
    return { call, duplicate: true, applied: false, ended: false };
  }
  const target = event.state
    ? nextState(call.state, event.state, { direction: call.direction, answered: call.answeredAt !== null })
    : null;
  const changes: Partial<CallRow> = {
    lastEventAt: new Date(Math.max(event.at.getTime(), call.lastEventAt.getTime())),
  };
  if (target) Object.assign(changes, stateChanges(call, target, event));
  else if (event.state && isFinal(event.state) && isFinal(call.state) && !call.endedAt) {
    // A late end event may still tell us when the call ended; it never changes how it ended.
    changes.endedAt = event.at;
  }
  if (!target && event.durationSeconds !== undefined && call.durationSeconds === null && call.answeredAt)
    changes.durationSeconds = event.durationSeconds;
  const stored = await insertCallEvent(context.tx, call, event, target !== null);
  if (!stored) return { call, duplicate: true, applied: false, ended: false };
  const updated = await updateCall(context.tx, call, changes);
  if (target) {
    context.published.push({
      type: 'call.updated',
      clientId: call.clientId,
      callId: call.id,
      conversationId: call.conversationId,
    });
  }
  const ended = target !== null && isFinal(target);
  if (ended) return { call: await endCall(context, updated), duplicate: false, applied: true, ended };
  return { call: updated, duplicate: false, applied: target !== null, ended };
}

function stateChanges(call: CallRow, target: CallState, event: CallEvent): Partial<CallRow> {
  const changes: Partial<CallRow> = { state: target };
  if (target === 'queued' && !call.queuedAt) changes.queuedAt = event.at;
  if (target === 'in_progress' && !call.answeredAt) changes.answeredAt = event.at;
  if (target === 'in_progress' && event.agentId) changes.agentId = event.agentId;
  if (target === 'in_progress' || target === 'queued') changes.transferTarget = null;
  if (isFinal(target)) {
    changes.endedAt = event.at;
    changes.endCause = event.cause ?? null;
    const answeredAt = call.answeredAt;
    changes.durationSeconds =
      event.durationSeconds ??
      (answeredAt ? Math.max(0, Math.round((event.at.getTime() - answeredAt.getTime()) / 1000)) : 0);
  }
  return changes;
}
