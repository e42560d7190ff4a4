import { type CallState, finalCallStates } from '@switchboard/contracts';

export const isFinal = (state: string): boolean => finalCallStates.includes(state as CallState);

/** States in which an agent is with the caller (or about to be): they count against phone capacity. */
export const busyStates: readonly CallState[] = ['ringing', 'in_progress', 'on_hold', 'transferring'];

/**
 * What state a call moves to on an event. A final state is never left; an inbound call that ends
 * without ever being answered was abandoned by the caller (unless the provider said busy / no answer).
 */
export function nextState(
  current: string,
  reported: CallState,
  call: { direction: 'inbound' | 'outbound'; answered: boolean },
): CallState | null {
  if (isFinal(current)) return null;
  if (reported === current) return null;
  if (reported === 'completed' && !call.answered) return call.direction === 'inbound' ? 'abandoned' : 'no_answer';
  // A queued caller does not go back to "ringing" because a late ringing event arrived.
  if (reported === 'ringing' && (current === 'queued' || current === 'in_progress')) return null;
  if (reported === 'initiated' && current !== 'initiated') return null;
  return reported;
}
