import { EMERGENCY_FLAG, type Priority } from '@switchboard/contracts';

/**
 * How far priority moves a conversation up the queue, as if it had waited this much longer. A head
 * start rather than a separate lane: an urgent message overtakes half an hour of normal ones, but a
 * stream of high-priority mail cannot starve a normal one for ever.
 */
export const priorityHeadStartMs: Record<Priority, number> = {
  urgent: 30 * 60_000,
  high: 10 * 60_000,
  normal: 0,
  low: -10 * 60_000,
};

/** Mail an agent or a rule flagged `time_sensitive` gets this head start on top of its priority's. */
export const TIME_SENSITIVE_FLAG = 'time_sensitive';
export const timeSensitiveHeadStartMs = 15 * 60_000;

export type Queued = { id: string; waitingSince: number; priority: Priority; flags: readonly string[] };

export const isEmergency = (conversation: Pick<Queued, 'flags'>): boolean =>
  conversation.flags.includes(EMERGENCY_FLAG);

/** When a conversation counts as having started waiting, once its head starts are taken off. */
const queueTime = (c: Queued): number =>
  c.waitingSince -
  priorityHeadStartMs[c.priority] -
  (c.flags.includes(TIME_SENSITIVE_FLAG) ? timeSensitiveHeadStartMs : 0);

/** The queue: emergencies first, then first come first served by waiting time less the priority head start. */
export function compareQueued(a: Queued, b: Queued): number {
  const emergency = Number(isEmergency(b)) - Number(isEmergency(a));
  if (emergency !== 0) return emergency;
  const rank = queueTime(a) - queueTime(b);
  if (rank !== 0) return rank;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
