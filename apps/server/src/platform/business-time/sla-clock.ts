import type {
  ConversationSlaSummary,
  ConversationSlaTarget,
  ConversationStatus,
  Priority,
  SlaMetric,
  SlaPolicyInput,
} from '@switchboard/contracts';
import { addBusinessTime, businessTimeBetween, type Pause } from './business-calendar.js';

/** One run of a target: when its clock started and when the agency kept the promise. */
export type SlaCycle = { startedAt: string; metAt: string | null };

/**
 * What a conversation's SLA is computed from, kept on the conversation (`sla_clock`). Due times are
 * derived from it and the client's current policy, so a new priority or a changed policy applies to
 * targets already running, from their original start.
 */
export type SlaClock = {
  firstResponse: SlaCycle;
  nextResponse: SlaCycle | null;
  resolution: SlaCycle;
  /** Waiting on the customer (pending, snoozed) or resolved: the clocks stand still. */
  pauses: { from: string; to: string | null }[];
};

/** What happened to the conversation. Internal notes and automatic acknowledgements are not here on purpose. */
/** The clock as stored on the conversation, with the desk's countdown summary computed when it was saved. */
export type StoredSlaClock = SlaClock & { summary?: ConversationSlaSummary | null };

export type SlaChange =
  | { type: 'created'; at: Date }
  | { type: 'incoming'; at: Date }
  | { type: 'reply'; at: Date }
  | { type: 'status'; to: ConversationStatus; at: Date }
  | { type: 'priority'; at: Date };

const pausedStatuses: ReadonlySet<ConversationStatus> = new Set(['pending', 'snoozed', 'resolved']);

export function startSlaClock(at: Date): SlaClock {
  const startedAt = at.toISOString();
  return {
    firstResponse: { startedAt, metAt: null },
    nextResponse: null,
    resolution: { startedAt, metAt: null },
    pauses: [],
  };
}

/** The clock after a change; the input is not modified. */
export function advanceSlaClock(clock: SlaClock, change: SlaChange): SlaClock {
  const at = change.at.toISOString();
  const next: SlaClock = structuredClone(clock);
  const openPause = next.pauses.find((p) => p.to === null);
  const resume = () => {
    if (openPause) openPause.to = at;
    next.resolution.metAt = null;
  };
  switch (change.type) {
    case 'created':
      return startSlaClock(change.at);
    case 'incoming': {
      // The customer writes: the clock runs again, and once we have answered, a new answer is owed.
      resume();
      const owed = next.nextResponse && next.nextResponse.metAt === null;
      if (next.firstResponse.metAt && !owed) next.nextResponse = { startedAt: at, metAt: null };
      return next;
    }
    case 'reply':
      if (next.firstResponse.metAt === null) next.firstResponse.metAt = at;
      else if (next.nextResponse && next.nextResponse.metAt === null) next.nextResponse.metAt = at;
      return next;
    case 'status':
      if (pausedStatuses.has(change.to)) {
        if (!openPause) next.pauses.push({ from: at, to: null });
        if (change.to === 'resolved') next.resolution.metAt = at;
      } else {
        resume();
      }
      return next;
    case 'priority':
      return next;
  }
}

/** A clock for a conversation that predates SLA tracking: started when it was created. */
export function clockForExisting(row: {
  createdAt: Date;
  firstResponseAt: Date | null;
  status: ConversationStatus;
  updatedAt: Date;
}): SlaClock {
  const clock = startSlaClock(row.createdAt);
  if (row.firstResponseAt) clock.firstResponse.metAt = row.firstResponseAt.toISOString();
  if (pausedStatuses.has(row.status)) clock.pauses.push({ from: row.updatedAt.toISOString(), to: null });
  if (row.status === 'resolved') clock.resolution.metAt = row.updatedAt.toISOString();
  return clock;
}

export type SlaPolicyForClock = Pick<SlaPolicyInput, 'targets' | 'warnAtPercent' | 'calendar'>;

const metricKeys = [
  ['first_response', 'firstResponse'],
  ['next_response', 'nextResponse'],
  ['resolution', 'resolution'],
] as const satisfies readonly (readonly [SlaMetric, keyof SlaClock])[];

/** Every target the conversation has under the policy, with its due and warning instants. */
export function evaluateSla(
  clock: SlaClock,
  policy: SlaPolicyForClock,
  priority: Priority,
  now: Date,
): ConversationSlaTarget[] {
  const pauses: Pause[] = clock.pauses.map((p) => ({ from: new Date(p.from), to: p.to ? new Date(p.to) : null }));
  const paused = pauses.some((p) => p.to === null);
  const targets: ConversationSlaTarget[] = [];
  for (const [metric, key] of metricKeys) {
    const cycle = clock[key];
    const minutes = policy.targets[priority][key];
    if (!cycle || minutes === null) continue;
    const startedAt = new Date(cycle.startedAt);
    if (cycle.metAt) {
      // Pauses after the target was met (resolved, waiting on the customer) do not move its due time.
      const metAt = new Date(cycle.metAt);
      const before = pauses
        .filter((p) => p.from < metAt)
        .map((p) => ({ from: p.from, to: p.to && p.to < metAt ? p.to : metAt }));
      const dueAt = addBusinessTime(startedAt, minutes, policy.calendar, before);
      targets.push({
        ...base(metric, minutes, cycle),
        dueAt: dueAt?.toISOString() ?? null,
        paused: false,
        breached: dueAt !== null && metAt.getTime() > dueAt.getTime(),
      });
      continue;
    }
    const dueAt = addBusinessTime(startedAt, minutes, policy.calendar, pauses);
    const warnAt = addBusinessTime(startedAt, (minutes * policy.warnAtPercent) / 100, policy.calendar, pauses);
    const breachedWhilePaused =
      paused && businessTimeBetween(startedAt, now, policy.calendar, pauses) > minutes * 60_000;
    targets.push({
      ...base(metric, minutes, cycle),
      dueAt: dueAt?.toISOString() ?? null,
      warnAt: warnAt?.toISOString() ?? null,
      paused: paused,
      breached: dueAt ? now.getTime() >= dueAt.getTime() : breachedWhilePaused,
    });
  }
  return targets;
}

const base = (metric: SlaMetric, minutes: number, cycle: SlaCycle) => ({
  metric,
  minutes,
  startedAt: cycle.startedAt,
  dueAt: null,
  warnAt: null,
  metAt: cycle.metAt,
});

/** The due times stored on the conversation: pending, running targets only; `slaDueAt` the earliest. */
export function dueTimesOf(targets: ConversationSlaTarget[]) {
  const due = (metric: SlaMetric) => {
    const target = targets.find((t) => t.metric === metric && t.metAt === null && t.dueAt);
    return target?.dueAt ? new Date(target.dueAt) : null;
  };
  const firstResponseDueAt = due('first_response');
  const nextResponseDueAt = due('next_response');
  const resolutionDueAt = due('resolution');
  const all = [firstResponseDueAt, nextResponseDueAt, resolutionDueAt].filter((d): d is Date => d !== null);
  const slaDueAt = all.length ? new Date(Math.min(...all.map((d) => d.getTime()))) : null;
  return { firstResponseDueAt, nextResponseDueAt, resolutionDueAt, slaDueAt };
}

/**
 * When the SLA worker should next look at the conversation: the soonest warning or breach of a target
 * still running (not met, not paused). Without `after`, instants already past count too (a policy change
 * can put a warning in the past: the worker fires it at once, or finds it recorded); with it, only those
 * later (the worker, having fired what was due at `after`). Null: nothing can come due until the next change.
 */
export function nextSlaTimerAt(targets: ConversationSlaTarget[], after: Date | null = null): Date | null {
  let next: number | null = null;
  for (const target of targets) {
    if (target.metAt || target.paused || !target.dueAt) continue;
    for (const instant of [target.warnAt, target.dueAt]) {
      const time = instant ? new Date(instant).getTime() : null;
      if (time === null || (after && time <= after.getTime())) continue;
      if (next === null || time < next) next = time;
    }
  }
  return next === null ? null : new Date(next);
}

/** The desk's countdown: the earliest pending target (or, while paused, the first one owed); none once resolved. */
export function summariseSla(targets: ConversationSlaTarget[], clock: SlaClock): ConversationSlaSummary | null {
  if (clock.resolution.metAt) return null;
  const pending = targets.filter((t) => t.metAt === null);
  const running = pending.filter((t) => t.dueAt).sort((a, b) => Date.parse(a.dueAt!) - Date.parse(b.dueAt!))[0];
  const chosen = running ?? pending[0];
  if (!chosen) return null;
  return { metric: chosen.metric, dueAt: chosen.dueAt, warnAt: chosen.warnAt, paused: chosen.paused };
}
