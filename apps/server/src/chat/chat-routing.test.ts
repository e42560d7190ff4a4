import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signIn } from '../../test/app.js';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { buildApp } from '../app.js';
import { type Database, queryRows } from '../db/index.js';
import { agencyUsers, agentClients } from '../db/schema.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createJobRunner, type JobRunner } from '../platform/jobs/index.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { startRoutingWorker } from '../routing/index.js';
import { presenceAvailability } from './chat-availability.js';
import { addChatInbox, openWidget, type WidgetClient } from './chat-test-kit.js';

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('chats are routed like any conversation, by concurrent-chat capacity', () => {
  let database: Database;
  let agency: Agency;
  let app: FastifyInstance;
  let runner: JobRunner;
  let worker: Awaited<ReturnType<typeof startRoutingWorker>>;
  let baseUrl: string;
  const events = deskEventsOn(createMemoryEventBus());
  const widgets: WidgetClient[] = [];
  const desks: WebSocket[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    app = await buildApp({
      database,
      events,
      logLevel: 'silent',
      webDist: null,
      widgetDist: null,
      chatAvailability: presenceAvailability(database.db),
    });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    runner = createJobRunner(database, { pollingIntervalSeconds: 0.5 });
    await runner.start();
    worker = await startRoutingWorker({ database, runner, events, debounceMs: 50, sweepEveryMs: 600_000 });
  }, 240_000);
  afterAll(async () => {
    for (const w of widgets) await w.close();
    for (const d of desks) d.close();
    await worker.stop();
    await runner.stop();
    await app.close();
    await events.close();
    await database.close();
  });

  const assigneeOf = async (conversationId: string) => {
    const [row] = await queryRows<{ assignee_id: string | null }>(
      database.db,
      sql`SELECT assignee_id FROM conversations WHERE id = ${conversationId}`,
    );
    return row?.assignee_id ?? null;
  };
  /** A visitor opens the widget and sends a first message; returns the welcome and the new chat's id. */
  const visitorChats = async (n: number) => {
    const w = await openWidget(baseUrl, 'chat-north');
    widgets.push(w);
    w.send({ t: 'hello', locale: 'en', profile: { name: `Visitor ${n}` } });
    const welcome = await w.next((f) => f.t === 'welcome');
    w.send({ t: 'msg', key: `routing-key-${n}`, body: `I need help ${n}` });
    const ack = await w.next((f) => f.t === 'ack');
    const [row] = await queryRows<{ conversation_id: string }>(
      database.db,
      sql`SELECT conversation_id FROM messages WHERE id = ${ack.id as string}`,
    );
    return { welcome, conversationId: row!.conversation_id };
  };

  it('hands each new chat at once to an online agent with chat room, live on their desk; a full house waits', async () => {
    const { db } = database;
    const north = agency.north;
    await db.execute(sql`UPDATE conversations SET status = 'resolved', waiting_since = NULL`);
    await addChatInbox(db, north.id, 'chat-north');
    // Two agents of North, one chat each at a time; Nora's desk is open.
    await db.execute(
      sql`UPDATE agency_users SET capacity = '{"email": 3, "chat": 1, "phone": 1}'::jsonb WHERE id = ${agency.northAgent.id}`,
    );
    const [rae] = await db
      .insert(agencyUsers)
      .values({
        email: 'rae@agency.test',
        name: 'Ready Rae',
        passwordHash: 'x',
        capacity: { email: 3, chat: 1, phone: 1 },
      })
      .returning();
    await db.insert(agentClients).values({ clientId: north.id, agentId: rae!.id });
    await db.execute(
      sql`UPDATE agency_users SET presence = 'online', desk_seen_at = now() WHERE id IN (${agency.northAgent.id}, ${rae!.id})`,
    );
    const nora = await signIn(app, agency.northAgent.email);
    const heard: DeskEvent[] = [];
    const desk = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/ws`, { headers: { cookie: nora.cookie } });
    desk.on('message', (data) => heard.push(JSON.parse(data.toString()) as DeskEvent));
    desks.push(desk);
    await new Promise((resolve) => desk.once('open', resolve));

    const first = await visitorChats(1);
    expect(first.welcome).toMatchObject({ online: true, availability: 'online' });
    await waitFor(async () => (await assigneeOf(first.conversationId)) !== null);
    const second = await visitorChats(2);
    await waitFor(async () => (await assigneeOf(second.conversationId)) !== null);
    const owners = [await assigneeOf(first.conversationId), await assigneeOf(second.conversationId)];
    expect(owners.sort()).toEqual([agency.northAgent.id, rae!.id].sort());
    const norasChat = owners[0] === agency.northAgent.id ? first.conversationId : second.conversationId;
    // Nora's desk heard her chat change (assigned) without asking.
    await waitFor(() => heard.some((e) => e.type === 'conversation.updated' && e.conversationId === norasChat));

    // Both are full: the widget still takes the chat, saying it waits in the queue (no promise of an agent now).
    const third = await visitorChats(3);
    expect(third.welcome).toMatchObject({ online: true, availability: 'busy' });
    await worker.sweep();
    expect(await assigneeOf(third.conversationId)).toBeNull();

    // Nora resolves her chat: her place is free and the waiting chat is hers.
    const resolved = await nora.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${norasChat}`,
      payload: { status: 'resolved' },
    });
    expect(resolved.statusCode).toBe(200);
    await waitFor(async () => (await assigneeOf(third.conversationId)) === agency.northAgent.id);
    await waitFor(() =>
      heard.some((e) => e.type === 'conversation.updated' && e.conversationId === third.conversationId),
    );
  });
});
