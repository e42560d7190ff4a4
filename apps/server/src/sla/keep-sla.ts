import type {
  ConversationSlaRow,
  Reactions,
  SlaChangeInput,
  SlaDecision,
  SlaKeeper,
  SlaState,
} from '../conversations/index.js';
import type { Tx } from '../db/index.js';
import {
  advanceSlaClock,
  clockForExisting,
  dueTimesOf,
  evaluateSla,
  nextSlaTimerAt,
  type SlaClock,
  type SlaPolicyForClock,
  summariseSla,
} from '../platform/business-time/sla-clock.js';
import { type RecordedSlaEvent, raiseSlaEvents, recordSlaEvent } from './record-sla-event.js';
import {
  findSlaPolicies,
  lockSlaConversationsWithPolicies,
  type SlaConversationRow,
  slaRowOf,
} from './sla-repository.js';

/**
 * The SLA's part in every write that moves a conversation (registered at start-up, see SlaKeeper): it
 * advances each conversation's clock and decides its due times and when the SLA worker should next look at
 * it; the conversations slice stores them. A target met late (no timer had fired, e.g. while the worker was
 * down) is recorded as a breach once the states are stored (see recordSlaEvent).
 */
/** One conversation's change with the targets it was decided under, to record any met late. */
type Decided = { input: SlaChangeInput; row: SlaConversationRow; targets: ReturnType<typeof evaluateSla> };

export const slaKeeper: SlaKeeper = { decide: decideSla };

/**
 * Two statements whatever the number of conversations: the rows locked with their clients' policies (or,
 * when the caller's statement just wrote and returned them, the policies alone), one change each.
 */
export async function decideSla(
  tx: Tx,
  changes: readonly SlaChangeInput[],
  written?: readonly ConversationSlaRow[],
): Promise<SlaDecision> {
  const rows = written ? await withPolicies(tx, written) : await lockSlaConversationsWithPolicies(tx, changes);
  const byKey = new Map(rows.map((row) => [`${row.clientId}/${row.id}`, row]));
  const states: SlaState[] = [];
  const met: Decided[] = [];
  for (const input of changes) {
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
    const policy = row.policy?.enabled ? (row.policy as SlaPolicyForClock) : null;
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
  return { states, record: (tx) => recordLateBreaches(tx, met) };
}

async function withPolicies(tx: Tx, written: readonly ConversationSlaRow[]) {
  const policies = await findSlaPolicies(
    tx,
    written.map((row) => row.client_id),
  );
  return written.map((row) => ({ ...slaRowOf(row), policy: policies.get(row.client_id) ?? null }));
}

async function recordLateBreaches(tx: Tx, met: readonly Decided[]) {
  const recorded: RecordedSlaEvent[] = [];
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
        dueAt: new Date(target.dueAt),
        assigneeId: row.assigneeId,
        at: input.change.at,
      });
      if (event) recorded.push(event);
    }
  }
  return { raise: (tx: Tx, reactions: Reactions) => raiseSlaEvents(tx, reactions, recorded) };
}

const emptyClock: SlaClock = {
  firstResponse: { startedAt: new Date(0).toISOString(), metAt: null },
  nextResponse: null,
  resolution: { startedAt: new Date(0).toISOString(), metAt: null },
  pauses: [],
};
