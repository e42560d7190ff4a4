import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CapacityChannel,
  type ClientRoutingRules,
  capacityChannelOf,
  decideAssignments,
  type RoutingAgent,
  requiredSkills,
  type WaitingConversation,
} from './decide-assignments.js';
import { compareQueued } from './queue-order.js';

const CLIENTS = ['c1', 'c2', 'c3', 'c4'];
const SKILLS = ['billing', 'returns', 'tech'];
const LANGUAGES = ['en', 'fa'];
const NOW = Date.UTC(2026, 10, 22, 12);

const agentArb = (id: string) =>
  fc.record({
    id: fc.constant(id),
    tier: fc.integer({ min: 1, max: 3 }),
    presence: fc.constantFrom<RoutingAgent['presence']>('online', 'online', 'away', 'offline'),
    skills: fc.subarray(SKILLS),
    languages: fc.subarray(LANGUAGES, { minLength: 1 }),
    clientIds: fc.subarray(CLIENTS, { minLength: 1 }),
    capacity: fc.record({
      email: fc.integer({ min: 0, max: 6 }),
      chat: fc.integer({ min: 0, max: 3 }),
      phone: fc.integer({ min: 0, max: 1 }),
    }),
    load: fc.record({
      email: fc.integer({ min: 0, max: 3 }),
      chat: fc.integer({ min: 0, max: 2 }),
      phone: fc.integer({ min: 0, max: 1 }),
    }),
    lastAssignedAt: fc.option(fc.integer({ min: NOW - 3_600_000, max: NOW }), { nil: null }),
  });

const conversationArb = (id: string, agentIds: string[]) =>
  fc.record({
    id: fc.constant(id),
    clientId: fc.constantFrom(...CLIENTS),
    channel: fc.constantFrom<WaitingConversation['channel']>('email', 'chat', 'phone', 'api'),
    priority: fc.constantFrom<WaitingConversation['priority']>('low', 'normal', 'high', 'urgent'),
    flags: fc.constantFrom<string[]>([], [], ['emergency']),
    tags: fc.subarray(['vip', 'refund', 'bug']),
    tier: fc.integer({ min: 1, max: 3 }),
    language: fc.constantFrom<string | null>(null, 'en', 'fa'),
    waitingSince: fc.integer({ min: NOW - 7_200_000, max: NOW }),
    preferredAgentId: fc.option(fc.constantFrom(...agentIds), { nil: null }),
  });

const rulesArb = fc.record({
  preferredWaitSeconds: fc.constantFrom(0, 60, 600),
  specialistRules: fc.constantFrom<ClientRoutingRules['specialistRules']>(
    [],
    [{ tag: 'refund', skill: 'billing' }],
    [{ tag: 'bug', skill: 'tech' }],
  ),
});

const scenarioArb = fc
  .integer({ min: 1, max: 12 })
  .chain((agentCount) => {
    const agentIds = Array.from({ length: agentCount }, (_, i) => `a${String(i).padStart(2, '0')}`);
    return fc.record({
      agents: fc.tuple(...agentIds.map(agentArb)),
      conversations: fc
        .integer({ min: 0, max: 60 })
        .chain((n) =>
          fc.tuple(...Array.from({ length: n }, (_, i) => conversationArb(`k${String(i).padStart(3, '0')}`, agentIds))),
        ),
      rules: fc.tuple(...CLIENTS.map(() => rulesArb)),
    });
  })
  .map(({ agents, conversations, rules }) => ({
    agents: agents.map((a) => ({ ...a, load: clampLoad(a) })) as RoutingAgent[],
    conversations: conversations as WaitingConversation[],
    rulesByClient: new Map(CLIENTS.map((c, i) => [c, rules[i]!])),
  }));

/** Start states never over capacity (what the database counts could be, though, is checked below). */
const clampLoad = (a: { capacity: Record<CapacityChannel, number>; load: Record<CapacityChannel, number> }) => ({
  email: Math.min(a.load.email, a.capacity.email),
  chat: Math.min(a.load.chat, a.capacity.chat),
  phone: Math.min(a.load.phone, a.capacity.phone),
});

const copyAgents = (agents: RoutingAgent[]) => agents.map((a) => ({ ...a, load: { ...a.load } }));

describe('the assignment decision (property-based)', () => {
  it('never exceeds capacity, never crosses clients, respects presence, tier, skills and language', () => {
    fc.assert(
      fc.property(scenarioArb, ({ agents, conversations, rulesByClient }) => {
        const before = new Map(agents.map((a) => [a.id, { ...a.load }]));
        const working = copyAgents(agents);
        const { assignments, holds } = decideAssignments({ conversations, agents: working, rulesByClient, now: NOW });
        const byId = new Map(agents.map((a) => [a.id, a]));
        const convById = new Map(conversations.map((c) => [c.id, c]));
        const added = new Map<string, Record<CapacityChannel, number>>();
        for (const assignment of assignments) {
          const agent = byId.get(assignment.agentId)!;
          const conversation = convById.get(assignment.conversationId)!;
          expect(agent.presence).toBe('online');
          expect(agent.clientIds).toContain(conversation.clientId);
          expect(agent.tier).toBeGreaterThanOrEqual(conversation.tier);
          if (conversation.language) expect(agent.languages).toContain(conversation.language);
          for (const skill of requiredSkills(conversation, rulesByClient.get(conversation.clientId)!)) {
            expect(agent.skills).toContain(skill);
          }
          const counts = added.get(agent.id) ?? { email: 0, chat: 0, phone: 0 };
          counts[capacityChannelOf(conversation.channel)] += 1;
          added.set(agent.id, counts);
        }
        for (const [agentId, counts] of added) {
          const agent = byId.get(agentId)!;
          for (const channel of ['email', 'chat', 'phone'] as const) {
            expect(before.get(agentId)![channel] + counts[channel]).toBeLessThanOrEqual(agent.capacity[channel]);
          }
        }
        // Every conversation is decided exactly once.
        const decided = [...assignments.map((a) => a.conversationId), ...holds.map((h) => h.conversationId)];
        expect(decided.sort()).toEqual(conversations.map((c) => c.id).sort());
      }),
      { numRuns: 400 },
    );
  });

  it('gives a conversation to its preferred agent whenever that agent is eligible at its turn', () => {
    fc.assert(
      fc.property(scenarioArb, ({ agents, conversations, rulesByClient }) => {
        const working = copyAgents(agents);
        const { assignments } = decideAssignments({ conversations, agents: working, rulesByClient, now: NOW });
        const assignedTo = new Map(assignments.map((a) => [a.conversationId, a]));
        // Replay in queue order, checking eligibility of the preferred agent at the moment of each decision.
        const replay = copyAgents(agents);
        const replayById = new Map(replay.map((a) => [a.id, a]));
        for (const conversation of [...conversations].sort(compareQueued)) {
          const assignment = assignedTo.get(conversation.id);
          const preferred = conversation.preferredAgentId ? replayById.get(conversation.preferredAgentId) : undefined;
          if (preferred) {
            const skills = requiredSkills(conversation, rulesByClient.get(conversation.clientId)!);
            const channel = capacityChannelOf(conversation.channel);
            const eligible =
              preferred.presence === 'online' &&
              preferred.clientIds.includes(conversation.clientId) &&
              preferred.tier >= conversation.tier &&
              preferred.load[channel] < preferred.capacity[channel] &&
              skills.every((s) => preferred.skills.includes(s)) &&
              (conversation.language === null || preferred.languages.includes(conversation.language));
            if (eligible) expect(assignment?.agentId).toBe(preferred.id);
          }
          if (assignment) replayById.get(assignment.agentId)!.load[capacityChannelOf(conversation.channel)] += 1;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds a conversation for its familiar agent within the wait, and falls back after it', () => {
    const agent = (id: string, presence: RoutingAgent['presence']): RoutingAgent => ({
      id,
      tier: 1,
      presence,
      skills: [],
      languages: ['en'],
      clientIds: ['c1'],
      capacity: { email: 5, chat: 2, phone: 1 },
      load: { email: 0, chat: 0, phone: 0 },
      lastAssignedAt: null,
    });
    const conversation = (waitedMs: number): WaitingConversation => ({
      id: `k${waitedMs}`,
      clientId: 'c1',
      channel: 'email',
      priority: 'normal',
      flags: [],
      tags: [],
      tier: 1,
      language: 'en',
      waitingSince: NOW - waitedMs,
      preferredAgentId: 'familiar',
    });
    const rules = new Map([['c1', { preferredWaitSeconds: 120, specialistRules: [] }]]);
    const decide = (waitedMs: number) =>
      decideAssignments({
        conversations: [conversation(waitedMs)],
        agents: [agent('familiar', 'away'), agent('other', 'online')],
        rulesByClient: rules,
        now: NOW,
      });
    expect(decide(60_000).holds).toEqual([
      { conversationId: 'k60000', clientId: 'c1', reason: 'preferred-agent', until: NOW + 60_000 },
    ]);
    expect(decide(180_000).assignments).toEqual([
      { conversationId: 'k180000', clientId: 'c1', agentId: 'other', reason: 'least-loaded' },
    ]);
  });

  it('distributes fairly: equal agents end within one conversation of each other', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 15 }),
        fc.integer({ min: 0, max: 120 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 15, maxLength: 15 }),
        (agentCount, conversationCount, startLoads) => {
          const agents: RoutingAgent[] = Array.from({ length: agentCount }, (_, i) => ({
            id: `a${String(i).padStart(2, '0')}`,
            tier: 1,
            presence: 'online',
            skills: [],
            languages: ['en'],
            clientIds: ['c1'],
            capacity: { email: 50, chat: 3, phone: 1 },
            load: { email: startLoads[i]!, chat: 0, phone: 0 },
            lastAssignedAt: null,
          }));
          const conversations: WaitingConversation[] = Array.from({ length: conversationCount }, (_, i) => ({
            id: `k${String(i).padStart(3, '0')}`,
            clientId: 'c1',
            channel: 'email',
            priority: 'normal',
            flags: [],
            tags: [],
            tier: 1,
            language: null,
            waitingSince: NOW - i * 1000,
            preferredAgentId: null,
          }));
          decideAssignments({ conversations, agents, rulesByClient: new Map(), now: NOW });
          const loads = agents.map((a) => a.load.email);
          const startMax = Math.max(...startLoads.slice(0, agentCount));
          // Once the initial imbalance has been absorbed, no agent is more than one ahead of another.
          if (conversationCount >= agentCount * startMax) {
            expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          }
          // Least loaded first: the agent who started lightest never ends up heaviest by more than one.
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(Math.max(1, startMax));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps senior tiers free: a tier-1 conversation goes to a tier-1 agent while one has room', () => {
    const make = (id: string, tier: number, email: number): RoutingAgent => ({
      id,
      tier,
      presence: 'online',
      skills: [],
      languages: ['en'],
      clientIds: ['c1'],
      capacity: { email: 8, chat: 3, phone: 1 },
      load: { email, chat: 0, phone: 0 },
      lastAssignedAt: null,
    });
    const conversation: WaitingConversation = {
      id: 'k1',
      clientId: 'c1',
      channel: 'email',
      priority: 'normal',
      flags: [],
      tags: [],
      tier: 1,
      language: null,
      waitingSince: NOW,
      preferredAgentId: null,
    };
    const { assignments } = decideAssignments({
      conversations: [conversation],
      agents: [make('senior', 3, 0), make('junior', 1, 7)],
      rulesByClient: new Map(),
      now: NOW,
    });
    expect(assignments[0]?.agentId).toBe('junior');
  });

  it('serves emergencies first, then by waiting time moved up by priority', () => {
    const q = (id: string, minutesAgo: number, priority: WaitingConversation['priority'], flags: string[] = []) => ({
      id,
      waitingSince: NOW - minutesAgo * 60_000,
      priority,
      flags,
    });
    const order = [
      q('normal-40', 40, 'normal'),
      q('urgent-15', 15, 'urgent'),
      q('low-45', 45, 'low'),
      q('emergency-1', 1, 'low', ['emergency']),
      q('high-25', 25, 'high'),
      q('flagged-30', 30, 'normal', ['time_sensitive']),
    ]
      .sort(compareQueued)
      .map((c) => c.id);
    expect(order).toEqual(['emergency-1', 'flagged-30', 'urgent-15', 'normal-40', 'high-25', 'low-45']);
  });
});
