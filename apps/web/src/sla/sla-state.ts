import type { ConversationSlaSummary } from '@switchboard/contracts';

export type SlaState = 'ok' | 'warning' | 'breached' | 'paused';

/** Urgency of the next target: past due, past the warning threshold, fine, or standing still. */
export const slaStateOf = (sla: Pick<ConversationSlaSummary, 'dueAt' | 'warnAt' | 'paused'>, now: number): SlaState => {
  if (sla.paused || !sla.dueAt) return 'paused';
  if (now >= Date.parse(sla.dueAt)) return 'breached';
  if (sla.warnAt && now >= Date.parse(sla.warnAt)) return 'warning';
  return 'ok';
};

export const slaColor: Record<SlaState, string> = {
  ok: 'teal.7',
  warning: 'orange.7',
  breached: 'red.7',
  paused: 'gray.6',
};

const second = 1_000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** "14:05" under an hour, "3h 20m" under a day, "2d 4h" beyond; digits in the reader's own numerals. */
export const countdownText = (
  ms: number,
  number: (value: number) => string,
  units: { h: string; m: string; d: string },
  /** Only the largest unit ("۳ روز"): Persian unit words are long for a table column. */
  largestOnly = false,
) => {
  const left = Math.abs(ms);
  if (left < hour) {
    const minutes = Math.floor(left / minute);
    const seconds = Math.floor((left % minute) / second);
    return `${number(minutes)}:${number(Math.floor(seconds / 10))}${number(seconds % 10)}`;
  }
  if (largestOnly)
    return left < day ? `${number(Math.floor(left / hour))}${units.h}` : `${number(Math.floor(left / day))}${units.d}`;
  if (left < day)
    return `${number(Math.floor(left / hour))}${units.h} ${number(Math.floor((left % hour) / minute))}${units.m}`;
  return `${number(Math.floor(left / day))}${units.d} ${number(Math.floor((left % day) / hour))}${units.h}`;
};
