import type { Tx } from '../db/index.js';
import { recordSlaEvent } from './record-sla-event.js';
import {
  advanceSlaClock,
  clockForExisting,
  dueTimesOf,
  evaluateSla,
  type SlaChange,
  type SlaClock,
  type SlaPolicyForClock,
  summariseSla,
} from './sla-clock.js';
import { findSlaPolicy, lockSlaConversation, saveSlaState } from './sla-repository.js';

export type SlaChangeInput = { clientId: string; conversationId: string; change: SlaChange };

/**
 * Keeps a conversation's SLA in step with what just happened to it, inside the caller's transaction:
 * advances its clock, stores the due times and asks for its timers to be rescheduled. A target met late
 * (no timer had fired, e.g. while the worker was down) is recorded as a breach here; see recordSlaEvent.
 * Returns the SLA events recorded, for the caller to announce after commit.
 */
export async function applySlaChange(tx: Tx, { clientId, conversationId, change }: SlaChangeInput) {
  const row = await lockSlaConversation(tx, clientId, conversationId);
  if (!row) return [];
  // A conversation from before SLA tracking gets a clock from its own history; then the change applies.
  const { summary: _summary, ...stored } = row.slaClock ?? { summary: null };
  const current: SlaClock = row.slaClock
    ? (stored as SlaClock)
    : change.type === 'created'
      ? advanceSlaClock(emptyClock, change)
      : clockForExisting(row);
  const clock = change.type === 'created' ? current : advanceSlaClock(current, change);
  const policy = await activePolicy(tx, clientId);
  const targets = policy ? evaluateSla(clock, policy, row.priority, change.at) : [];
  await saveSlaState(tx, clientId, conversationId, clock, dueTimesOf(targets), summariseSla(targets, clock));

  const recorded = [];
  for (const target of targets) {
    const justMet = target.metAt !== null && target.metAt === change.at.toISOString();
    if (!justMet || !target.breached || !target.dueAt) continue;
    const event = await recordSlaEvent(tx, {
      clientId,
      conversationId,
      metric: target.metric,
      kind: 'breach',
      cycleStartedAt: new Date(target.startedAt),
      dueAt: new Date(target.dueAt!),
      assigneeId: row.assigneeId,
      at: change.at,
    });
    if (event) recorded.push(event);
  }
  return recorded;
}

const emptyClock: SlaClock = {
  firstResponse: { startedAt: new Date(0).toISOString(), metAt: null },
  nextResponse: null,
  resolution: { startedAt: new Date(0).toISOString(), metAt: null },
  pauses: [],
};

/** The client's policy when it is switched on; none means the conversation carries no due times. */
export async function activePolicy(tx: Tx, clientId: string): Promise<SlaPolicyForClock | null> {
  const policy = await findSlaPolicy(tx, clientId);
  return policy?.enabled ? policy : null;
}
