import type { ConversationSlaSummary, ConversationSlaTarget, Priority } from '@switchboard/contracts';
import { evaluateSla, type SlaPolicyForClock, type StoredSlaClock } from '../platform/business-time/sla-clock.js';

/** The desk row's countdown, as computed when the conversation last changed. */
export function slaSummaryOf(stored: unknown): ConversationSlaSummary | null {
  return (stored as StoredSlaClock | null)?.summary ?? null;
}

/** Every target of one conversation under the client's policy (null when it is off), for its pane. */
export function slaTargetsOf(
  stored: unknown,
  policy: SlaPolicyForClock | null,
  priority: Priority,
): ConversationSlaTarget[] {
  const clock = stored as StoredSlaClock | null;
  if (!clock || !policy) return [];
  return evaluateSla(clock, policy, priority, new Date());
}
