import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { hashSecret } from '../auth/tokens.js';
import { sessions } from '../db/schema.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { deskEventsOn } from './create-desk-events.js';

type Desk = { socket: WebSocket; events: { type: string; clientId: string }[]; closed: Promise<number> };

/** The desk socket follows its principal: a lost client, a sign-out, a deactivation; and only the desk's pages. */
describe('the desk WebSocket', () => {
  let t: TestApp;
  let baseUrl: string;
  let owner: Session;
  const events = deskEventsOn(createMemoryEventBus());
  beforeAll(async () => {
    t = await startTestApp({ app: { events, publicUrl: 'https://desk.example.com', deskRecheckMs: 300 } });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    owner = await signIn(t.app, t.agency.owner.email);
  });
  afterAll(() => t.close());

  const open = async (session: Session, origin?: string): Promise<Desk> => {
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/ws`, {
      headers: { cookie: session.cookie },
      ...(origin ? { origin } : {}),
    });
    const events: Desk['events'] = [];
    socket.on('message', (data) => events.push(JSON.parse(data.toString()) as Desk['events'][number]));
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    return { socket, events, closed };
  };
  const queueChanged = (clientId: string) => ({ type: 'queue.changed', clientId }) as const;
  /** Publishes, then a marker event the socket certainly receives, so "not received" is not a race. */
  const publishAndSettle = async (desk: Desk, clientId: string, markerClientId: string) => {
    await events.publish(queueChanged(clientId));
    await events.publish({ type: 'conversation.created', clientId: markerClientId, conversationId: clientId });
    await expect.poll(() => desk.events.some((e) => e.type === 'conversation.created')).toBe(true);
  };

  it("an agent stops receiving a client's events once they no longer serve it", async () => {
    const agent = await signIn(t.app, t.agency.northAgent.email);
    const desk = await open(agent);
    await events.publish(queueChanged(t.agency.north.id));
    await expect.poll(() => desk.events.filter((e) => e.clientId === t.agency.north.id).length).toBe(1);

    const patched = await owner.request({
      method: 'PATCH',
      url: `/api/v1/agency-users/${t.agency.northAgent.id}`,
      payload: { clientIds: [t.agency.south.id] },
    });
    expect(patched.statusCode).toBe(200);
    desk.events.length = 0;
    await publishAndSettle(desk, t.agency.north.id, t.agency.south.id);
    expect(desk.events.filter((e) => e.clientId === t.agency.north.id)).toEqual([]);
    desk.socket.close();
  });

  it('closes when its session signs out', async () => {
    const agent = await signIn(t.app, t.agency.southAgent.email);
    const desk = await open(agent);
    const logout = await agent.request({ method: 'POST', url: '/api/v1/auth/logout' });
    expect(logout.statusCode).toBe(204);
    expect(await desk.closed).toBe(4401);
  });

  it('closes when its user is deactivated', async () => {
    const supervisor = await signIn(t.app, t.agency.supervisor.email);
    const desk = await open(supervisor);
    const patched = await owner.request({
      method: 'PATCH',
      url: `/api/v1/agency-users/${t.agency.supervisor.id}`,
      payload: { active: false },
    });
    expect(patched.statusCode).toBe(200);
    expect(await desk.closed).toBe(4401);
  });

  it('closes within its re-check interval when the session ends without a word to this process', async () => {
    const portal = await signIn(t.app, t.agency.south.clientUserEmail);
    const desk = await open(portal);
    // As another server process would: the session is gone from the database, nobody told this one.
    const token = /sb_session=([^;]+)/.exec(portal.cookie)![1]!;
    await t.database.db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(token)));
    expect(await desk.closed).toBe(4401);
  });

  it("refuses a page of another origin, and accepts the desk's own", async () => {
    await expect(open(owner, 'https://evil.example.net')).rejects.toThrow(/403/);
    const own = await open(owner, 'https://desk.example.com');
    own.socket.close();
    const sameHost = await open(owner, baseUrl);
    sameHost.socket.close();
  });
});
