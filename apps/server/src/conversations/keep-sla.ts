import type { Tx } from '../db/index.js';
import type { KeptSla, Reactions, SlaChangeInput } from './conversation-events.js';
import { type ConversationSet, updateConversationState } from './conversation-state-repository.js';
import { type ConversationSlaRow, saveSlaStates } from './sla-state-repository.js';

/**
 * Moves the conversations' SLA with what just happened to them, in the caller's transaction: the keeper
 * (see SlaKeeper) decides, this slice stores the states (with `alsoSet`, the caller's own change to its one
 * conversation, in the same UPDATE: the row is written once per message), then the keeper records what it
 * found. The caller raises the result once its own message is written.
 */
export async function keepSla(
  tx: Tx,
  reactions: Reactions,
  changes: readonly SlaChangeInput[],
  options: { alsoSet?: ConversationSet; written?: readonly ConversationSlaRow[] } = {},
): Promise<KeptSla> {
  const decision = await reactions.sla.decide(tx, changes, options.written);
  const { alsoSet } = options;
  if (decision.states.length > 0) await saveSlaStates(tx, decision.states, alsoSet);
  else if (alsoSet) {
    if (changes.length !== 1) throw new Error('keepSla: alsoSet is for one conversation');
    await updateConversationState(tx, changes[0]!.clientId, changes[0]!.conversationId, alsoSet);
  }
  return decision.record(tx);
}
