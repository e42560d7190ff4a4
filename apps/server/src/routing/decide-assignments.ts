import type { Channel, Priority } from '@switchboard/contracts';
import { compareQueued } from './queue-order.js';

export type CapacityChannel = 'email' | 'chat' | 'phone';
/** API conversations are written work, counted against the e-mail capacity. */
export const capacityChannelOf = (channel: Channel): CapacityChannel => (channel === 'api' ? 'email' : channel);

export type RoutingAgent = {
  id: string;
  tier: number;
  presence: 'online' | 'away' | 'offline';
  skills: readonly string[];
  languages: readonly string[];
  clientIds: readonly string[];
  capacity: Record<CapacityChannel, number>;
  /** Open conversations assigned now, per channel. The decision updates it as it assigns. */
  load: Record<CapacityChannel, number>;
  /** Epoch ms of the last automatic assignment; null = never (idle the longest). */
  lastAssignedAt: number | null;
};

export type WaitingConversation = {
  id: string;
  clientId: string;
  channel: Channel;
  priority: Priority;
  flags: readonly string[];
  tags: readonly string[];
  tier: number;
  /** Null when unknown: any language will do. */
  language: string | null;
  waitingSince: number;
  /** Set by a rule, else the customer's last agent (history). */
  preferredAgentId: string | null;
  /** Agents who must not get it this time (they let the assignment lapse unanswered). */
  excludedAgentIds?: readonly string[];
};

export type ClientRoutingRules = {
  preferredWaitSeconds: number;
  specialistRules: readonly { tag: string; skill: string }[];
};

export type AssignmentReason = 'preferred-agent' | 'specialist' | 'least-loaded';
export type Assignment = { conversationId: string; clientId: string; agentId: string; reason: AssignmentReason };
export type Hold = {
  conversationId: string;
  clientId: string;
  reason: 'preferred-agent' | 'no-eligible-agent';
  until: number | null;
};

export type RoutingDecisions = { assignments: Assignment[]; holds: Hold[] };

export const defaultRules: ClientRoutingRules = { preferredWaitSeconds: 120, specialistRules: [] };

/** The skills a conversation needs: one per specialist rule whose tag it carries. */
export function requiredSkills(conversation: WaitingConversation, rules: ClientRoutingRules): string[] {
  return rules.specialistRules.filter((rule) => conversation.tags.includes(rule.tag)).map((rule) => rule.skill);
}

/** May this agent take this conversation right now? */
export function isEligible(agent: RoutingAgent, conversation: WaitingConversation, skills: readonly string[]): boolean {
  const channel = capacityChannelOf(conversation.channel);
  return (
    agent.presence === 'online' &&
    agent.clientIds.includes(conversation.clientId) &&
    agent.tier >= conversation.tier &&
    agent.load[channel] < agent.capacity[channel] &&
    skills.every((skill) => agent.skills.includes(skill)) &&
    (conversation.language === null || agent.languages.includes(conversation.language)) &&
    !conversation.excludedAgentIds?.includes(agent.id)
  );
}

/** Could this agent ever take it (were they online with room)? If not, nobody waits for them. */
function couldServe(agent: RoutingAgent, conversation: WaitingConversation, skills: readonly string[]): boolean {
  return isEligible(
    { ...agent, presence: 'online', load: { email: 0, chat: 0, phone: 0 }, capacity: { email: 1, chat: 1, phone: 1 } },
    conversation,
    skills,
  );
}

/**
 * Among eligible agents: the lowest sufficient tier (seniors stay free for what needs them), then the
 * least loaded for this channel (by share of capacity, then count), then the longest idle.
 */
function better(a: RoutingAgent, b: RoutingAgent, channel: CapacityChannel): boolean {
  if (a.tier !== b.tier) return a.tier < b.tier;
  const shareA = a.load[channel] / a.capacity[channel];
  const shareB = b.load[channel] / b.capacity[channel];
  if (shareA !== shareB) return shareA < shareB;
  if (a.load[channel] !== b.load[channel]) return a.load[channel] < b.load[channel];
  const idleA = a.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  const idleB = b.lastAssignedAt ?? Number.NEGATIVE_INFINITY;
  if (idleA !== idleB) return idleA < idleB;
  return a.id < b.id;
}

export type Decision =
  | { kind: 'assign'; agent: RoutingAgent; reason: AssignmentReason }
  | { kind: 'hold'; reason: Hold['reason']; until: number | null };

/** One conversation: who gets it now, or why it waits. `candidates` are the agents serving its client. */
export function decideOne(
  conversation: WaitingConversation,
  candidates: readonly RoutingAgent[],
  rules: ClientRoutingRules,
  now: number,
): Decision {
  const skills = requiredSkills(conversation, rules);
  const preferred = conversation.preferredAgentId
    ? candidates.find((agent) => agent.id === conversation.preferredAgentId)
    : undefined;
  if (preferred && isEligible(preferred, conversation, skills)) {
    return { kind: 'assign', agent: preferred, reason: 'preferred-agent' };
  }
  const waitUntil = conversation.waitingSince + rules.preferredWaitSeconds * 1000;
  if (preferred && now < waitUntil && couldServe(preferred, conversation, skills)) {
    return { kind: 'hold', reason: 'preferred-agent', until: waitUntil };
  }
  const channel = capacityChannelOf(conversation.channel);
  let best: RoutingAgent | undefined;
  for (const agent of candidates) {
    if (isEligible(agent, conversation, skills) && (!best || better(agent, best, channel))) best = agent;
  }
  if (!best) return { kind: 'hold', reason: 'no-eligible-agent', until: null };
  return { kind: 'assign', agent: best, reason: skills.length > 0 ? 'specialist' : 'least-loaded' };
}

/**
 * The routing decision for a backlog, pure and in memory: conversations in queue order, each to the
 * best eligible agent, loads updated as it goes, so nobody is ever given more than their capacity.
 * Agents are mutated (load, lastAssignedAt) to reflect the decisions; pass copies to keep the originals.
 */
export function decideAssignments(input: {
  conversations: readonly WaitingConversation[];
  agents: readonly RoutingAgent[];
  rulesByClient: ReadonlyMap<string, ClientRoutingRules>;
  now: number;
}): RoutingDecisions {
  const byClient = new Map<string, RoutingAgent[]>();
  for (const agent of input.agents) {
    for (const clientId of agent.clientIds) {
      const list = byClient.get(clientId);
      if (list) list.push(agent);
      else byClient.set(clientId, [agent]);
    }
  }
  const assignments: Assignment[] = [];
  const holds: Hold[] = [];
  // Spreads assignments of one pass over equally loaded agents: each gets a distinct, later "last assigned".
  let tick = 0;
  for (const conversation of [...input.conversations].sort(compareQueued)) {
    const rules = input.rulesByClient.get(conversation.clientId) ?? defaultRules;
    const decision = decideOne(conversation, byClient.get(conversation.clientId) ?? [], rules, input.now);
    if (decision.kind === 'hold') {
      holds.push({
        conversationId: conversation.id,
        clientId: conversation.clientId,
        reason: decision.reason,
        until: decision.until,
      });
      continue;
    }
    const { agent } = decision;
    agent.load[capacityChannelOf(conversation.channel)] += 1;
    agent.lastAssignedAt = input.now + tick++ / 1000;
    assignments.push({
      conversationId: conversation.id,
      clientId: conversation.clientId,
      agentId: agent.id,
      reason: decision.reason,
    });
  }
  return { assignments, holds };
}
