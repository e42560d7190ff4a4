import type { Tx } from '../db/index.js';
import { recordSlaEvent } from './record-sla-event.js';
import {
  advanceSlaClock,
  clockForExisting,
  dueTimesOf,
  evaluateSla,
  nextSlaTimerAt,
  type SlaChange,
  type SlaClock,
  type SlaPolicyForClock,
  summariseSla,
} from './sla-clock.js';
import {
  type ConversationSet,
  findSlaPolicy,
  type LockedSlaRow,
  lockSlaConversationsWithPolicies,
  type SlaConversationRow,
  type SlaState,
  saveSlaStates,
  slaRowOf,
} from './sla-repository.js';

export type SlaChangeInput = { clientId: string; conversationId: string; change: SlaChange };

/**
 * Keeps a conversation's SLA in step with what just happened to it, inside the caller's transaction:
 * advances its clock, stores the due times and when the SLA worker should next look at it. A target met late
 * (no timer had fired, e.g. while the worker was down) is recorded as a breach here; see recordSlaEvent.
 * Returns the SLA events recorded, for the caller to announce after commit.
 */
export async function applySlaChange(tx: Tx, input: SlaChangeInput, alsoSet?: ConversationSet) {
  return saveChanges(tx, [input], alsoSet);
}

/**
 * `applySlaChange` for many conversations at once (one change each), in a few statements whatever their
 * number: the rows locked together, each client's policy read once, the states saved together. A caller
 * whose own statement just wrote (so locked) the conversations may hand over their rows as it returned
 * them (`locked`, see LockedSlaRow), saving the statement that locks and reads them.
 */
export async function applySlaChanges(tx: Tx, inputs: readonly SlaChangeInput[], locked?: readonly LockedSlaRow[]) {
  return saveChanges(tx, inputs, undefined, locked);
}

/**
 * Two statements whatever the number of conversations: the rows locked with their client's policy, and
 * one UPDATE that stores the states (with the caller's `alsoSet`, one row only).
 */
async function saveChanges(
  tx: Tx,
  inputs: readonly SlaChangeInput[],
  alsoSet?: ConversationSet,
  locked?: readonly LockedSlaRow[],
) {
  const rows = locked ? locked.map(slaRowOf) : await lockSlaConversationsWithPolicies(tx, inputs);
  const byKey = new Map(rows.map((row) => [`${row.clientId}/${row.id}`, row]));
  const policies = new Map(
    rows.flatMap((row) => (row.policy?.enabled ? [[row.clientId, row.policy as SlaPolicyForClock] as const] : [])),
  );
  const states: SlaState[] = [];
  const met: { input: SlaChangeInput; row: SlaConversationRow; targets: ReturnType<typeof evaluateSla> }[] = [];
  for (const input of inputs) {
    const { clientId, conversationId, change } = input;
    const row = byKey.get(`${clientId}/${conversationId}`);
    if (!row) continue;
    // A conversation from before SLA tracking gets a clock from its own history; then the change applies.
    const { summary: _summary, ...stored } = row.slaClock ?? { summary: null };
    const current: SlaClock = row.slaClock
      ? (stored as SlaClock)
      : change.type === 'created'
        ? advanceSlaClock(emptyClock, change)
        : clockForExisting(row);
    const clock = change.type === 'created' ? current : advanceSlaClock(current, change);
    const policy = policies.get(clientId);
    const targets = policy ? evaluateSla(clock, policy, row.priority, change.at) : [];
    states.push({
      clientId,
      conversationId,
      clock,
      due: dueTimesOf(targets),
      nextTimerAt: nextSlaTimerAt(targets),
      summary: summariseSla(targets, clock),
    });
    met.push({ input, row, targets });
  }
  await saveSlaStates(tx, states, alsoSet);

  const recorded = [];
  for (const { input, row, targets } of met) {
    for (const target of targets) {
      const justMet = target.metAt !== null && target.metAt === input.change.at.toISOString();
      if (!justMet || !target.breached || !target.dueAt) continue;
      const event = await recordSlaEvent(tx, {
        clientId: input.clientId,
        conversationId: input.conversationId,
        metric: target.metric,
        kind: 'breach',
        cycleStartedAt: new Date(target.startedAt),
        dueAt: new Date(target.dueAt!),
        assigneeId: row.assigneeId,
        at: input.change.at,
      });
      if (event) recorded.push(event);
    }
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
