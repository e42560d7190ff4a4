import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { type Db, queryRows } from '../db/index.js';
import { conversations } from '../db/schema.js';
import { defaultSlaPolicy } from '../sla/default-sla-policy.js';
import { upsertSlaPolicy } from '../sla/sla-repository.js';
import { type AgentAvailability, presenceAvailability } from './chat-availability.js';
import { addChatInbox, openWidget, type WidgetClient } from './chat-test-kit.js';

// Sunday 22 November 2026, 10:00 in New York; Monday 23 November, 10:00 and 20:00.
const sunday = new Date('2026-11-22T15:00:00Z');
const monday = new Date('2026-11-23T15:00:00Z');
const mondayNight = new Date('2026-11-24T01:00:00Z');

describe('chat availability: routing presence and the client’s business hours', () => {
  let t: TestApp;
  let db: Db;
  let now = monday;
  let availability: AgentAvailability;
  let baseUrl: string;
  const open: WidgetClient[] = [];

  beforeAll(async () => {
    // The gateway asks the same seam the tests call directly: the real presence answer.
    t = await startTestApp({ app: { chatAvailability: (target) => availability(target) } });
    db = t.database.db;
    availability = presenceAvailability(db, () => now);
    await addChatInbox(db, t.agency.north.id, 'chat-north');
    await addChatInbox(db, t.agency.north.id, 'chat-north-always', {
      businessHours: { timeZone: 'UTC', days: Array.from({ length: 7 }, () => ({ open: '00:00', close: '00:00' })) },
    });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    for (const widget of open) await widget.close();
    await t.close();
  });

  const north = () => ({ clientId: t.agency.north.id, inboxId: t.agency.north.inboxId, inboxHours: false });
  const setPresence = (agentId: string, presence: 'online' | 'away' | 'offline') =>
    db.execute(sql`UPDATE agency_users SET presence = ${presence} WHERE id = ${agentId}`);
  const welcomeOf = async (inbox: string) => {
    const w = await openWidget(baseUrl, inbox);
    open.push(w);
    w.send({ t: 'hello', locale: 'en' });
    return w.next((f) => f.t === 'welcome');
  };

  it('offers the message form while nobody of the client is online for chat, live chat with room, the queue when all are full', async () => {
    const agent = t.agency.northAgent.id;
    expect(await availability(north())).toBe('offline'); // everyone starts offline
    expect(await welcomeOf('chat-north')).toMatchObject({ online: false, availability: 'offline' });

    await setPresence(t.agency.southAgent.id, 'online'); // online, but serves only the other client
    expect(await availability(north())).toBe('offline');
    await setPresence(agent, 'away');
    expect(await availability(north())).toBe('offline');
    await setPresence(agent, 'online');
    expect(await availability(north())).toBe('online');
    expect(await welcomeOf('chat-north')).toMatchObject({ online: true, availability: 'online' });
    // Online but taking no chats at all (chat capacity 0) is not staffing the chat.
    await db.execute(sql`UPDATE agency_users SET capacity = capacity || '{"chat":0}' WHERE id = ${agent}`);
    expect(await availability(north())).toBe('offline');
    await db.execute(sql`UPDATE agency_users SET capacity = capacity || '{"chat":3}' WHERE id = ${agent}`);

    // Chat capacity 3: three open chats assigned to the agent fill it. The chat is still offered, as a queue.
    const chats = await db
      .insert(conversations)
      .values(
        [1, 2, 3].map((n) => ({
          clientId: t.agency.north.id,
          number: 900 + n,
          inboxId: t.agency.north.inboxId,
          contactId: t.agency.north.contactId,
          channel: 'chat' as const,
          subject: `chat ${n}`,
          status: 'open' as const,
          assigneeId: agent,
        })),
      )
      .returning({ id: conversations.id });
    expect(await availability(north())).toBe('busy');
    const queued = await openWidget(baseUrl, 'chat-north');
    open.push(queued);
    queued.send({ t: 'hello', locale: 'en' });
    expect(await queued.next((f) => f.t === 'welcome')).toMatchObject({ online: true, availability: 'busy' });
    // A visitor who writes now is taken: committed, acknowledged, waiting unassigned in the queue.
    queued.send({ t: 'msg', key: 'queued-key-0001', body: 'Anyone there?' });
    const ack = (await queued.next((f) => f.t === 'ack')) as { id: string };
    const [waiting] = await queryRows<{ assignee_id: string | null; status: string }>(
      db,
      sql`SELECT c.assignee_id, c.status FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.id = ${ack.id}`,
    );
    expect(waiting).toEqual({ assignee_id: null, status: 'open' });

    await db.execute(sql`UPDATE conversations SET status = 'resolved' WHERE id = ${chats[0]!.id}`);
    expect(await availability(north())).toBe('online');
    await db.execute(sql`UPDATE conversations SET status = 'resolved' WHERE id IN (${chats[1]!.id}, ${chats[2]!.id})`);
  });

  it('tells open widgets live when the client’s agents go online or offline; a visitor mid-chat keeps the chat', async () => {
    await setPresence(t.agency.northAgent.id, 'offline');
    await setPresence(t.agency.southAgent.id, 'offline');
    const waiting = await openWidget(baseUrl, 'chat-north');
    open.push(waiting);
    waiting.send({ t: 'hello', locale: 'en' });
    expect(await waiting.next((f) => f.t === 'welcome')).toMatchObject({ availability: 'offline' });

    // The agent switches to online on the desk (the real route, which publishes agent.presence).
    const nora = await signIn(t.app, t.agency.northAgent.email);
    const online = await nora.request({ method: 'PUT', url: '/api/v1/me/presence', payload: { presence: 'online' } });
    expect(online.statusCode).toBe(200);
    expect(await waiting.next((f) => f.t === 'availability')).toEqual({ t: 'availability', availability: 'online' });

    // The visitor starts chatting; then the agent goes offline: the widget hears it (and keeps its chat:
    // the widget shows the form only to a visitor who has not begun), and the chat still takes messages.
    const from = waiting.frames.length;
    waiting.send({ t: 'msg', key: 'live-key-00001', body: 'Hello, I have a question' });
    await waiting.next((f) => f.t === 'ack', { from });
    const away = await nora.request({ method: 'PUT', url: '/api/v1/me/presence', payload: { presence: 'offline' } });
    expect(away.statusCode).toBe(200);
    expect(await waiting.next((f) => f.t === 'availability', { from })).toEqual({
      t: 'availability',
      availability: 'offline',
    });
    const after = waiting.frames.length;
    waiting.send({ t: 'msg', key: 'live-key-00002', body: 'Still there?' });
    expect(await waiting.next((f) => f.t === 'ack', { from: after })).toMatchObject({ key: 'live-key-00002' });
  });

  it('offers the message form outside the client’s SLA calendar, unless the inbox keeps hours of its own', async () => {
    await setPresence(t.agency.northAgent.id, 'online');
    await upsertSlaPolicy(db, t.agency.north.id, defaultSlaPolicy('America/New_York'));
    now = monday;
    expect(await availability(north())).toBe('online');
    now = mondayNight;
    expect(await availability(north())).toBe('offline');
    now = sunday;
    expect(await availability(north())).toBe('offline');
    expect(await welcomeOf('chat-north')).toMatchObject({ online: false, availability: 'offline' });
    // A chat inbox staffed around the clock: its own hours apply, the presence still does.
    expect(await welcomeOf('chat-north-always')).toMatchObject({ online: true, availability: 'online' });
    expect(await availability({ ...north(), inboxHours: true })).toBe('online');
    await setPresence(t.agency.northAgent.id, 'offline');
    expect(await welcomeOf('chat-north-always')).toMatchObject({ online: false, availability: 'offline' });
    // A client whose SLA is switched off keeps no hours.
    await setPresence(t.agency.northAgent.id, 'online');
    await upsertSlaPolicy(db, t.agency.north.id, { ...defaultSlaPolicy('America/New_York'), enabled: false });
    expect(await availability(north())).toBe('online');
  });
});
