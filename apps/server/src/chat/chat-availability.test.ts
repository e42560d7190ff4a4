import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import type { Db } from '../db/index.js';
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

  it('offers live chat only while an agent serving the client is online with chat capacity left', async () => {
    const agent = t.agency.northAgent.id;
    expect(await availability(north())).toBe(false); // everyone starts offline
    expect(await welcomeOf('chat-north')).toMatchObject({ online: false });

    await setPresence(t.agency.southAgent.id, 'online'); // online, but serves only the other client
    expect(await availability(north())).toBe(false);
    await setPresence(agent, 'away');
    expect(await availability(north())).toBe(false);
    await setPresence(agent, 'online');
    expect(await availability(north())).toBe(true);
    expect(await welcomeOf('chat-north')).toMatchObject({ online: true });

    // Chat capacity 3: three open chats assigned to the agent fill it; resolving one frees a place.
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
    expect(await availability(north())).toBe(false);
    expect(await welcomeOf('chat-north')).toMatchObject({ online: false });
    await db.execute(sql`UPDATE conversations SET status = 'resolved' WHERE id = ${chats[0]!.id}`);
    expect(await availability(north())).toBe(true);
  });

  it('offers the message form outside the client’s SLA calendar, unless the inbox keeps hours of its own', async () => {
    await upsertSlaPolicy(db, t.agency.north.id, defaultSlaPolicy('America/New_York'));
    now = monday;
    expect(await availability(north())).toBe(true);
    now = mondayNight;
    expect(await availability(north())).toBe(false);
    now = sunday;
    expect(await availability(north())).toBe(false);
    expect(await welcomeOf('chat-north')).toMatchObject({ online: false });
    // A chat inbox staffed around the clock: its own hours apply, the presence still does.
    expect(await welcomeOf('chat-north-always')).toMatchObject({ online: true });
    expect(await availability({ ...north(), inboxHours: true })).toBe(true);
    await setPresence(t.agency.northAgent.id, 'offline');
    expect(await welcomeOf('chat-north-always')).toMatchObject({ online: false });
    // A client whose SLA is switched off keeps no hours.
    await setPresence(t.agency.northAgent.id, 'online');
    await upsertSlaPolicy(db, t.agency.north.id, { ...defaultSlaPolicy('America/New_York'), enabled: false });
    expect(await availability(north())).toBe(true);
  });
});
