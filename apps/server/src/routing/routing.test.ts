import type { DeskEvent, QueueBoard } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { PASSWORD } from '../../test/fixtures.js';
import { hashPassword } from '../auth/password.js';
import { type Db, queryRows } from '../db/index.js';
import { agencyUsers, agentClients, conversations, messages } from '../db/schema.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { chooseAgent } from './choose-agent.js';
import { routeBacklog, routeConversation } from './route-conversation.js';
import { loadCandidateAgents } from './routing-repository.js';
import { upsertRoutingSettings } from './routing-settings-repository.js';
import { setPresence } from './set-presence.js';
import { sweepPresence } from './sweep-presence.js';

type Agent = { id: string; email: string };

describe('the assigner on the database', () => {
  let t: TestApp;
  let db: Db;
  const seen: DeskEvent[] = [];
  const events = deskEventsOn(createMemoryEventBus());
  events.subscribe((event) => seen.push(event));
  let number = 1000;
  let passwordHash: string;

  beforeAll(async () => {
    t = await startTestApp();
    db = t.database.db;
    passwordHash = await hashPassword(PASSWORD);
    // Migrations and argon2 on a shared 2-core machine: room, not a timing.
  }, 240_000);
  afterAll(async () => {
    await events.close();
    await t?.close();
  }, 120_000);
  beforeEach(async () => {
    // Each case starts from an empty queue and everybody offline.
    await db.execute(sql`UPDATE conversations SET status = 'resolved', waiting_since = NULL`);
    await db.execute(sql`UPDATE agency_users SET presence = 'offline'`);
    await db.execute(sql`UPDATE contacts SET last_agent_id = NULL`);
    await db.execute(sql`DELETE FROM routing_settings`);
    seen.length = 0;
  });

  const addAgent = async (name: string, clientIds: string[], extra: Partial<typeof agencyUsers.$inferInsert> = {}) => {
    const [row] = await db
      .insert(agencyUsers)
      .values({
        email: `${name.toLowerCase().replace(/\W/g, '.')}.${number++}@agency.test`,
        name,
        passwordHash,
        capacity: { email: 3, chat: 2, phone: 1 },
        presence: 'online',
        ...extra,
      })
      .returning();
    for (const clientId of clientIds) await db.insert(agentClients).values({ clientId, agentId: row!.id });
    return { id: row!.id, email: row!.email } satisfies Agent;
  };

  const addWaiting = async (
    clientSlug: 'north' | 'south',
    count: number,
    extra: Partial<typeof conversations.$inferInsert> = {},
  ) => {
    const client = t.agency[clientSlug];
    const rows = await db
      .insert(conversations)
      .values(
        Array.from({ length: count }, (_, i) => ({
          clientId: client.id,
          number: number++,
          inboxId: client.inboxId,
          contactId: client.contactId,
          channel: 'email' as const,
          subject: `Waiting ${i}`,
          waitingSince: new Date(Date.now() - (count - i) * 60_000),
          ...extra,
        })),
      )
      .returning({ id: conversations.id });
    return rows.map((r) => r.id);
  };

  const assigneesOf = async (ids: string[]) => {
    const rows = await db
      .select({ id: conversations.id, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(
        sql`${conversations.id} IN (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      );
    return new Map(rows.map((r) => [r.id, r.assigneeId]));
  };

  const openLoad = async (agentId: string) =>
    Number(
      (
        await queryRows<{ n: string }>(
          db,
          sql`SELECT count(*) AS n FROM conversations WHERE assignee_id = ${agentId} AND status = 'open'`,
        )
      )[0]!.n,
    );

  it('assigns the oldest waiting first to online agents who serve the client, up to capacity, and logs each', async () => {
    const ana = await addAgent('Ana', [t.agency.north.id]);
    const ben = await addAgent('Ben', [t.agency.north.id]);
    const away = await addAgent('Away Amy', [t.agency.north.id], { presence: 'away' });
    const southOnly = await addAgent('Sol South', [t.agency.south.id]);
    const ids = await addWaiting('north', 8);

    const pass = await routeBacklog(db, { events });

    expect(pass.assigned).toHaveLength(6); // 2 online agents × e-mail capacity 3
    const assignees = await assigneesOf(ids);
    // The six oldest were served; the two newest still wait.
    expect(ids.slice(0, 6).every((id) => assignees.get(id))).toBe(true);
    expect(ids.slice(6).map((id) => assignees.get(id))).toEqual([null, null]);
    expect(await openLoad(ana.id)).toBe(3);
    expect(await openLoad(ben.id)).toBe(3);
    expect(await openLoad(away.id)).toBe(0);
    expect(await openLoad(southOnly.id)).toBe(0);

    const timeline = await db
      .select()
      .from(messages)
      .where(sql`${messages.conversationId} = ${ids[0]} AND ${messages.kind} = 'activity'`);
    expect(timeline).toHaveLength(1);
    expect(timeline[0]!.activity).toMatchObject({ action: 'routed', by: 'routing', reason: 'least-loaded' });
    const audit = await queryRows<{ action: string }>(
      db,
      sql`SELECT action FROM audit_log WHERE entity_id = ${ids[0]} AND action = 'conversation.assign'`,
    );
    expect(audit).toHaveLength(1);
    expect(seen.filter((e) => e.type === 'conversation.updated')).toHaveLength(6);

    // A second pass with nobody free changes nothing.
    expect((await routeBacklog(db, { events })).assigned).toHaveLength(0);
  });

  it('never over-assigns when two assigners run at once', async () => {
    const agents = [
      await addAgent('Cara', [t.agency.north.id, t.agency.south.id]),
      await addAgent('Dev', [t.agency.north.id]),
      await addAgent('Eli', [t.agency.south.id]),
    ];
    const ids = [...(await addWaiting('north', 15)), ...(await addWaiting('south', 15))];

    // spreadFrom 1: on PostgreSQL each pass writes its two clients in two halves on two connections.
    const passes = await Promise.all([
      routeBacklog(db, { events, spreadFrom: 1 }),
      routeBacklog(db, { events, spreadFrom: 1 }),
      routeBacklog(db, { events, clientIds: [t.agency.south.id], spreadFrom: 1 }),
    ]);

    const total = passes.reduce((sum, p) => sum + p.assigned.length, 0);
    expect(total).toBe(9); // three agents × capacity 3, whatever the interleaving
    for (const agent of agents) expect(await openLoad(agent.id)).toBe(3);
    const entries = await queryRows<{ conversation_id: string; n: string }>(
      db,
      sql`SELECT conversation_id, count(*) AS n FROM messages
        WHERE kind = 'activity' AND activity->>'by' = 'routing'
          AND conversation_id IN (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})
        GROUP BY 1`,
    );
    expect(entries).toHaveLength(9);
    expect(entries.every((e) => Number(e.n) === 1)).toBe(true);
    // Eli serves South only: nothing of North's.
    const eliNorth = await queryRows<{ n: string }>(
      db,
      sql`SELECT count(*) AS n FROM conversations WHERE assignee_id = ${agents[2]!.id} AND client_id = ${t.agency.north.id}`,
    );
    expect(Number(eliNorth[0]!.n)).toBe(0);
  });

  it('writes a pass in two halves by client: every assignment with one timeline entry and one audit record', async () => {
    const cara = await addAgent('Cara Both', [t.agency.north.id, t.agency.south.id]);
    const dev = await addAgent('Dev North', [t.agency.north.id]);
    const eli = await addAgent('Eli South', [t.agency.south.id]);
    const ids = [...(await addWaiting('north', 5)), ...(await addWaiting('south', 5))];

    const pass = await routeBacklog(db, { events, spreadFrom: 1 });

    expect(pass.assigned).toHaveLength(9); // three agents × capacity 3
    expect(new Set(pass.assigned.map((a) => a.clientId))).toEqual(new Set([t.agency.north.id, t.agency.south.id]));
    for (const agent of [cara, dev, eli]) expect(await openLoad(agent.id)).toBe(3);
    const assignees = await assigneesOf(ids);
    for (const a of pass.assigned) expect(assignees.get(a.conversationId)).toBe(a.agentId);
    const logged = await queryRows<{ timeline: number; audit: number; stamped: number }>(
      db,
      sql`SELECT
        (SELECT count(*)::int FROM messages WHERE kind = 'activity' AND activity->>'by' = 'routing'
          AND conversation_id = ANY(${`{${ids.join(',')}}`}::uuid[])) AS timeline,
        (SELECT count(*)::int FROM audit_log WHERE action = 'conversation.assign'
          AND entity_id = ANY(${`{${ids.join(',')}}`}::text[])) AS audit,
        (SELECT count(*)::int FROM agency_users WHERE id IN (${cara.id}, ${dev.id}, ${eli.id})
          AND last_assigned_at IS NOT NULL) AS stamped`,
    );
    expect(logged[0]).toEqual({ timeline: 9, audit: 9, stamped: 3 });
  });

  it('prefers the agent who last answered the customer, waits for them, then falls back', async () => {
    const familiar = await addAgent('Fay Familiar', [t.agency.north.id], { presence: 'away' });
    const other = await addAgent('Gus', [t.agency.north.id]);
    await upsertRoutingSettings(db, t.agency.north.id, { preferredWaitSeconds: 300 });
    const [answered] = await addWaiting('north', 1, { status: 'resolved', waitingSince: null });
    // The customer's last reply came from Fay: the trigger remembers her on the contact.
    await db.insert(messages).values({
      clientId: t.agency.north.id,
      conversationId: answered!,
      kind: 'outgoing',
      authorType: 'agent',
      authorId: familiar.id,
      authorName: 'Fay Familiar',
      bodyText: 'Here you go.',
    });
    const [fresh] = await addWaiting('north', 1, { waitingSince: new Date(Date.now() - 60_000) });

    let pass = await routeBacklog(db, { events });
    expect(pass.assigned).toHaveLength(0);
    expect(pass.holds).toEqual([expect.objectContaining({ conversationId: fresh, reason: 'preferred-agent' })]);

    await setPresence(db, { agentId: familiar.id, presence: 'online', actor: 'system', events });
    const routed = await routeConversation(db, { events, clientId: t.agency.north.id, conversationId: fresh! });
    expect(routed.assigneeId).toBe(familiar.id);

    // Another one, with Fay away again: after the wait it goes to whoever is eligible.
    await setPresence(db, { agentId: familiar.id, presence: 'away', actor: 'system', events });
    const [late] = await addWaiting('north', 1, { waitingSince: new Date(Date.now() - 600_000) });
    pass = await routeBacklog(db, { events });
    expect(pass.assigned.map((a) => [a.conversationId, a.agentId])).toEqual([[late, other.id]]);
  });

  it('chooses for one conversation among the eligible candidates only, read in one query with their loads', async () => {
    const north = t.agency.north.id;
    const south = t.agency.south.id;
    // Mia serves both clients; her two chats in the south fill her chat capacity everywhere.
    const mia = await addAgent('Mia', [north, south]);
    await addWaiting('south', 2, { channel: 'chat', assigneeId: mia.id });
    const ned = await addAgent('Ned', [north], { lastAssignedAt: new Date() });
    await addAgent('Ola South', [south]);
    const pat = await addAgent('Pat', [north], { presence: 'offline' });
    const [chat] = await addWaiting('north', 1, { channel: 'chat' });

    const candidates = await loadCandidateAgents(db, { clientId: north, channel: 'chat', preferredAgentId: null });
    expect(candidates.map((a) => a.id)).toEqual([ned.id]);
    const [email] = await loadCandidateAgents(db, { clientId: north, channel: 'email', preferredAgentId: null }).then(
      (rows) => rows.filter((a) => a.id === mia.id),
    );
    expect(email?.load).toEqual({ email: 0, chat: 2, phone: 0 });
    expect(await db.transaction((tx) => chooseAgent(tx, { clientId: north, conversationId: chat! }))).toEqual({
      agentId: ned.id,
    });

    // The preferred agent is read whatever their state, so the conversation waits for them.
    await upsertRoutingSettings(db, north, { preferredWaitSeconds: 3600 });
    await db.execute(sql`UPDATE conversations SET preferred_agent_id = ${pat.id} WHERE id = ${chat!}`);
    const withPreferred = await loadCandidateAgents(db, { clientId: north, channel: 'chat', preferredAgentId: pat.id });
    expect(withPreferred.map((a) => a.id).sort()).toEqual([ned.id, pat.id].sort());
    expect(await db.transaction((tx) => chooseAgent(tx, { clientId: north, conversationId: chat! }))).toEqual({
      queued: true,
      reason: 'preferred-agent',
    });
  });

  it('sends a tagged conversation to the specialist group only', async () => {
    await upsertRoutingSettings(db, t.agency.south.id, { specialistRules: [{ tag: 'refund', skill: 'billing' }] });
    const generalist = await addAgent('Hal', [t.agency.south.id]);
    const [tagged] = await addWaiting('south', 1, { tags: ['refund'] });
    expect((await routeBacklog(db, { events })).assigned).toHaveLength(0);
    const specialist = await addAgent('Ida Billing', [t.agency.south.id], { skills: ['billing'] });
    const pass = await routeBacklog(db, { events });
    expect(pass.assigned).toEqual([
      expect.objectContaining({ conversationId: tagged, agentId: specialist.id, reason: 'specialist' }),
    ]);
    expect(await openLoad(generalist.id)).toBe(0);
  });

  it('respects tier and language', async () => {
    const tier1 = await addAgent('Jo', [t.agency.north.id], { languages: ['en', 'fa'] });
    const [tier2Conversation] = await addWaiting('north', 1, { tier: 2 });
    const [persian] = await addWaiting('north', 1, { language: 'fa' });
    const englishOnly = await addAgent('Kim', [t.agency.north.id], { tier: 3, languages: ['en'] });
    const pass = await routeBacklog(db, { events });
    const to = new Map(pass.assigned.map((a) => [a.conversationId, a.agentId]));
    expect(to.get(tier2Conversation!)).toBe(englishOnly.id);
    expect(to.get(persian!)).toBe(tier1.id);
  });

  it('an agent going offline hands back the work whose customer waits; the board and API show presence', async () => {
    const agent = await addAgent('Lee', [t.agency.north.id]);
    const ids = await addWaiting('north', 2);
    await routeBacklog(db, { events });
    expect([...(await assigneesOf(ids)).values()]).toEqual([agent.id, agent.id]);

    const session = await signIn(t.app, agent.email);
    const offline = await session.request({
      method: 'PUT',
      url: '/api/v1/me/presence',
      payload: { presence: 'offline' },
    });
    expect(offline.statusCode).toBe(200);
    expect(offline.json()).toMatchObject({ agentId: agent.id, presence: 'offline' });
    expect([...(await assigneesOf(ids)).values()]).toEqual([null, null]);
    const note = await db
      .select()
      .from(messages)
      .where(sql`${messages.conversationId} = ${ids[0]} AND ${messages.activity}->>'reason' = 'agent-offline'`);
    expect(note).toHaveLength(1);

    const bad = await session.request({ method: 'PUT', url: '/api/v1/me/presence', payload: { presence: 'asleep' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect((await session.request({ method: 'GET', url: '/api/v1/routing/board' })).statusCode).toBe(403);

    const supervisor = await signIn(t.app, t.agency.supervisor.email);
    const board = (await supervisor.request({ method: 'GET', url: '/api/v1/routing/board' })).json() as QueueBoard;
    expect(board.agents.find((a) => a.id === agent.id)).toMatchObject({ presence: 'offline' });
    expect(board.waiting.map((c) => c.id)).toEqual(expect.arrayContaining(ids));
    expect(board.summary).toContainEqual(
      expect.objectContaining({ client: expect.objectContaining({ id: t.agency.north.id }), tier: 1, waiting: 2 }),
    );
  });

  it('sets offline the agents whose last desk closed before the grace period, and only those', async () => {
    const gone = await addAgent('Gone Gil', [t.agency.north.id], { deskSeenAt: new Date(Date.now() - 600_000) });
    const here = await addAgent('Here Hana', [t.agency.north.id], { deskSeenAt: new Date() });
    const [id] = await addWaiting('north', 1);
    await db.execute(sql`UPDATE conversations SET assignee_id = ${gone.id} WHERE id = ${id}`);
    const swept = await sweepPresence(db, { graceSeconds: 90, events });
    expect(swept).toContain(gone.id);
    expect(swept).not.toContain(here.id);
    const rows = await db.select({ id: agencyUsers.id, presence: agencyUsers.presence }).from(agencyUsers);
    const presenceOf = new Map(rows.map((r) => [r.id, r.presence]));
    expect(presenceOf.get(gone.id)).toBe('offline');
    expect(presenceOf.get(here.id)).toBe('online');
    expect([...(await assigneesOf([id!])).values()]).toEqual([null]);
    expect(seen).toContainEqual(
      expect.objectContaining({
        type: 'agent.presence',
        agentId: gone.id,
        presence: 'offline',
        clientId: t.agency.north.id,
      }),
    );
  });

  it('escalates tier 1 → 2 → 3 with a reason, handing the conversation back when its agent is below the new tier', async () => {
    const junior = await addAgent('Max', [t.agency.north.id]);
    const [id] = await addWaiting('north', 1);
    await routeBacklog(db, { events });
    const session = await signIn(t.app, junior.email);
    const url = `/api/v1/conversations/${id}/escalate-tier`;
    const tooShort = await session.request({ method: 'POST', url, payload: { reason: '' } });
    expect(tooShort.statusCode).toBe(400);
    const up = await session.request({ method: 'POST', url, payload: { reason: 'Needs a refund approval' } });
    expect(up.statusCode).toBe(200);
    expect(up.json()).toMatchObject({ tier: 2, assignee: null });
    const entry = (up.json() as { messages: { activity: Record<string, unknown> | null }[] }).messages.find(
      (m) => m.activity?.action === 'escalate',
    );
    expect(entry?.activity).toMatchObject({ from: 1, to: 2, reason: 'Needs a refund approval', unassigned: true });
    // The waiting clock is untouched: the SLA keeps counting from the customer's message.
    const [row] = await db.select().from(conversations).where(sql`${conversations.id} = ${id}`);
    expect(row!.waitingSince).not.toBeNull();
    const supervisor = await signIn(t.app, t.agency.supervisor.email);
    expect(
      (await supervisor.request({ method: 'POST', url, payload: { reason: 'Legal question' } })).json(),
    ).toMatchObject({ tier: 3 });
    const again = await supervisor.request({ method: 'POST', url, payload: { reason: 'Even higher' } });
    expect(again.statusCode).toBe(409);
  });

  it('keeps routing settings per client, validated', async () => {
    const supervisor = await signIn(t.app, t.agency.supervisor.email);
    const url = `/api/v1/clients/${t.agency.south.id}/routing`;
    const put = await supervisor.request({
      method: 'PUT',
      url,
      payload: {
        preferredWaitSeconds: 45,
        reassignAfterSeconds: 900,
        specialistRules: [{ tag: 'vip', skill: 'key-accounts' }],
      },
    });
    expect(put.statusCode).toBe(200);
    expect((await supervisor.request({ method: 'GET', url })).json()).toMatchObject({
      preferredWaitSeconds: 45,
      reassignAfterSeconds: 900,
      specialistRules: [{ tag: 'vip', skill: 'key-accounts' }],
    });
    const bad = await supervisor.request({ method: 'PUT', url, payload: { reassignAfterSeconds: 1 } });
    expect(bad.statusCode).toBe(400);
  });
});
