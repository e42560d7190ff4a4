import type { Db } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { type Assignment, decideAssignments, type Hold } from './decide-assignments.js';
import {
  type AssignmentWrite,
  type BacklogRow,
  loadBacklog,
  loadRoutingAgents,
  lockRouting,
} from './routing-repository.js';
import { loadRoutingRules } from './routing-settings-repository.js';
import type { RoutingTimers } from './routing-timers.js';
import { writePass } from './write-pass.js';

export type RouteBacklogOptions = {
  events: DeskEventPublisher;
  /** Durable follow-ups (reassign unanswered, end of a familiar-agent wait); omitted in tests that do not need them. */
  timers?: RoutingTimers | undefined;
  /** Only these clients' backlogs; every client by default. */
  clientIds?: readonly string[] | undefined;
  /** Agents who must not get a given conversation in this pass (they just let it lapse). */
  exclude?: ReadonlyMap<string, readonly string[]> | undefined;
  now?: Date | undefined;
  /** Most conversations read per client in one pass. */
  perClient?: number | undefined;
  /** Told how long each step of the pass took (the benchmark prints it). */
  onStep?: ((step: PassStep, ms: number) => void) | undefined;
  /** From how many assignments the write is split over two connections (PostgreSQL; tests lower it). */
  spreadFrom?: number | undefined;
};

export type PassStep = 'lock' | 'agents' | 'backlog' | 'decide' | 'write' | 'commit' | 'announce' | 'timers';

export type RoutingPass = { assigned: AssignmentWrite[]; holds: Hold[]; considered: number };

/** Above this many assignments in a pass, the desk gets one `queue.changed` per client instead of one event each. */
const EVENT_PER_CONVERSATION_LIMIT = 100;

/**
 * Assigns the waiting backlog. One pass at a time across all processes (an advisory lock), so two
 * workers can never both fill the same agent's last free slot; the decision itself is made in memory
 * over agents and loads read once, and written set-wise (a large pass in two halves at once, see
 * writePass), refusing rows changed in the meantime.
 */
export async function routeBacklog(db: Db, options: RouteBacklogOptions): Promise<RoutingPass> {
  const now = options.now ?? new Date();
  let last = performance.now();
  const step = (name: PassStep) => {
    if (!options.onStep) return;
    const at = performance.now();
    options.onStep(name, at - last);
    last = at;
  };
  const pass = await db.transaction(async (tx) => {
    await lockRouting(tx);
    step('lock');
    const agents = await loadRoutingAgents(tx);
    step('agents');
    const online = agents.filter((a) => a.presence === 'online');
    // Nobody online with room for a client: do not even read its backlog.
    const withRoom = new Set(
      online
        .filter(
          (a) => a.load.email < a.capacity.email || a.load.chat < a.capacity.chat || a.load.phone < a.capacity.phone,
        )
        .flatMap((a) => a.clientIds),
    );
    const wanted = options.clientIds ?? [...new Set(agents.flatMap((a) => a.clientIds))];
    const clientIds = wanted.filter((id) => withRoom.has(id));
    const backlog = await loadBacklog(tx, clientIds, options.perClient ?? 5000);
    const rules = await loadRoutingRules(tx, clientIds);
    step('backlog');
    const conversations = options.exclude
      ? backlog.map((c) => ({ ...c, excludedAgentIds: options.exclude?.get(c.id) ?? [] }))
      : backlog;
    const decisions = decideAssignments({ conversations, agents, rulesByClient: rules, now: now.getTime() });
    const byId = new Map<string, BacklogRow>(backlog.map((c) => [c.id, c]));
    const names = new Map(agents.map((a) => [a.id, a.name]));
    const writes = decisions.assignments.map((a: Assignment) => ({
      conversationId: a.conversationId,
      clientId: a.clientId,
      agentId: a.agentId,
      agentName: names.get(a.agentId) ?? '',
      reason: a.reason,
      version: byId.get(a.conversationId)!.version,
    }));
    step('decide');
    const assigned = await writePass(db, tx, writes, now, options.spreadFrom);
    step('write');
    return { assigned, holds: decisions.holds, considered: backlog.length, rules };
  });
  step('commit');
  await announce(options.events, pass.assigned);
  step('announce');
  await options.timers?.afterPass({ now, assigned: pass.assigned, holds: pass.holds, rules: pass.rules });
  step('timers');
  return { assigned: pass.assigned, holds: pass.holds, considered: pass.considered };
}

/**
 * Routes the backlog of one conversation's client. The conversation does not jump its client's queue:
 * if older ones wait, they are served first. The seam channels and other parts call when a
 * conversation arrives or starts waiting again.
 */
export async function routeConversation(
  db: Db,
  options: Omit<RouteBacklogOptions, 'clientIds'> & { clientId: string; conversationId: string },
): Promise<{ assigneeId: string | null; pass: RoutingPass }> {
  const pass = await routeBacklog(db, { ...options, clientIds: [options.clientId] });
  const mine = pass.assigned.find((a) => a.conversationId === options.conversationId);
  return { assigneeId: mine?.agentId ?? null, pass };
}

async function announce(events: DeskEventPublisher, assigned: readonly AssignmentWrite[]): Promise<void> {
  if (assigned.length <= EVENT_PER_CONVERSATION_LIMIT) {
    for (const a of assigned) {
      await events.publish({ type: 'conversation.updated', clientId: a.clientId, conversationId: a.conversationId });
    }
    return;
  }
  for (const clientId of new Set(assigned.map((a) => a.clientId))) {
    await events.publish({ type: 'queue.changed', clientId });
  }
}
