import type { ConversationSlaSummary, ConversationSlaTarget, Priority } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { evaluateSla } from './sla-clock.js';
import { findSlaPolicy, type StoredSlaClock } from './sla-repository.js';

/** The desk row's countdown, as computed when the conversation last changed. */
export function slaSummaryOf(stored: unknown): ConversationSlaSummary | null {
  return (stored as StoredSlaClock | null)?.summary ?? null;
}

/** Every target of one conversation under the client's current policy, for its pane. */
export async function listSlaTargets(
  db: DbOrTx,
  clientId: string,
  stored: unknown,
  priority: Priority,
): Promise<ConversationSlaTarget[]> {
  const clock = stored as StoredSlaClock | null;
  if (!clock) return [];
  const policy = await findSlaPolicy(db, clientId);
  if (!policy?.enabled) return [];
  return evaluateSla(clock, policy, priority, new Date());
}
