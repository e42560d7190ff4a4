import type { CallState } from '@switchboard/contracts';
import type { CallEvent } from '../voice-adapter.js';
import { agentIdFromIdentity } from '../voice-adapter.js';

export type TwilioParams = Record<string, string>;

/** Twilio's CallStatus in Switchboard's states. */
const callStatus: Record<string, CallState> = {
  queued: 'initiated',
  initiated: 'initiated',
  ringing: 'ringing',
  'in-progress': 'in_progress',
  answered: 'in_progress',
  completed: 'completed',
  busy: 'busy',
  'no-answer': 'no_answer',
  failed: 'failed',
  canceled: 'abandoned',
};

const seconds = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : undefined);
const when = (params: TwilioParams) => {
  const at = params.Timestamp ? new Date(params.Timestamp) : new Date();
  return Number.isNaN(at.getTime()) ? new Date() : at;
};

/** A status callback of the call itself (the number's or the REST call's StatusCallback). */
export function statusEvent(params: TwilioParams): CallEvent {
  const status = params.CallStatus ?? '';
  return {
    providerEventId: `twilio:${params.CallSid}:status:${status}:${params.SequenceNumber ?? ''}`,
    type: 'status',
    state: callStatus[status] ?? null,
    at: when(params),
    durationSeconds: seconds(params.CallDuration),
    cause: status,
    data: { status, ...(params.CallDuration && { duration: params.CallDuration }) },
  };
}

/** The agent's (or transfer target's) leg of a `<Dial>`: answered means the caller is with someone. */
export function legEvent(params: TwilioParams): CallEvent {
  const status = params.CallStatus ?? '';
  const answered = status === 'in-progress' || status === 'answered';
  return {
    providerEventId: `twilio:${params.CallSid}:leg:${status}:${params.SequenceNumber ?? ''}`,
    type: 'agent-leg',
    state: answered ? 'in_progress' : null,
    at: when(params),
    agentId: agentIdFromIdentity(params.To),
    data: { status, to: params.To ?? '' },
  };
}

/** `<Dial>` finished: how the bridged leg went. */
export function dialResultEvent(params: TwilioParams): CallEvent {
  return {
    providerEventId: `twilio:${params.CallSid}:dial:${params.DialCallSid ?? ''}:${params.DialCallStatus ?? ''}`,
    type: 'dial-result',
    state: null,
    at: new Date(),
    durationSeconds: seconds(params.DialCallDuration),
    data: { dialStatus: params.DialCallStatus ?? '', dialCallSid: params.DialCallSid ?? '' },
  };
}

export const isTwilioSid = (value: string | undefined, prefix: string) =>
  !!value && new RegExp(`^${prefix}[0-9a-fA-F]{32}$`).test(value);
