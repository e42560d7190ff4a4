import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { openTestDatabase } from '../../test/database.js';
import { createAgency } from '../../test/fixtures.js';
import { buildApp } from '../app.js';
import { type Database, openDatabase } from '../db/index.js';
import { createPostgresEventBus } from '../platform/events/index.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { addChatInbox, openWidget } from './chat-test-kit.js';

/** A second connection pool on the same database, as a second server process holds; PGlite has only the one. */
async function secondHandle(database: Database): Promise<Database> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return { ...database, close: async () => {} };
  const { rows } = await database.executeSql('SELECT current_database() AS name');
  const url = new URL(serverUrl);
  url.pathname = `/${String(rows[0]?.name)}`;
  return openDatabase({ databaseUrl: url.toString(), poolSize: 3 });
}

/**
 * Two servers on one database, each with its own LISTEN/NOTIFY bus: the visitor's widget talks to
 * one, the agent's desk to the other, and they chat as if there were one.
 */
describe('chat across two server processes', () => {
  let database: Database;
  let other: Database;
  const closers: (() => Promise<void>)[] = [];
  const urls: string[] = [];
  let agency: Awaited<ReturnType<typeof createAgency>>;
  let apps: Awaited<ReturnType<typeof buildApp>>[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    other = await secondHandle(database);
    agency = await createAgency(database.db);
    await addChatInbox(database.db, agency.north.id, 'chat-two');
    for (const handle of [database, other]) {
      const events = deskEventsOn(await createPostgresEventBus(handle));
      const app = await buildApp({ database: handle, events, logLevel: 'silent', webDist: null, widgetDist: null });
      urls.push(await app.listen({ port: 0, host: '127.0.0.1' }));
      apps.push(app);
      closers.push(async () => {
        await app.close();
        await events.close();
      });
    }
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await other.close();
    await database.close();
    apps = [];
  });

  it('passes a visitor’s message to an agent on the other server and the reply back', async () => {
    const widget = await openWidget(urls[0]!, 'chat-two');
    widget.send({ t: 'hello', locale: 'en' });
    await widget.next((f) => f.t === 'welcome');

    const agent = await signIn(apps[1]!, agency.northAgent.email);
    const WebSocket = (await import('ws')).default;
    const desk = new WebSocket(`${urls[1]!.replace('http', 'ws')}/api/v1/ws`, { headers: { cookie: agent.cookie } });
    const deskEvents: { type: string; conversationId?: string; messageId?: string }[] = [];
    desk.on('message', (data) => deskEvents.push(JSON.parse(data.toString())));
    await new Promise((resolve) => desk.once('open', resolve));

    widget.send({ t: 'msg', key: 'key-two-server-1', body: 'From server one' });
    const ack = await widget.next((f) => f.t === 'ack');
    await expect.poll(() => deskEvents.some((e) => e.type === 'message.created' && e.messageId === ack.id)).toBe(true);
    const conversationId = deskEvents.find((e) => e.messageId === ack.id)!.conversationId!;

    widget.send({ t: 'typing', on: true });
    await expect.poll(() => deskEvents.some((e) => e.type === 'chat.typing')).toBe(true);

    const reply = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { kind: 'reply', body: 'Answered from server two' },
    });
    expect(reply.statusCode).toBe(201);
    const pushed = await widget.next((f) => f.t === 'msg' && (f.m as { from: string }).from === 'agent');
    expect(pushed.m).toMatchObject({ from: 'agent', body: 'Answered from server two' });
    desk.close();
    await widget.close();
  });
});
