import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { addChatInbox, openWidget, type WidgetClient } from './chat-test-kit.js';

describe('a chat escalated to the client', () => {
  let t: TestApp;
  let baseUrl: string;
  let agent: Session;
  let portal: Session;
  let w: WidgetClient;

  beforeAll(async () => {
    t = await startTestApp({ app: { chatAvailability: async () => 'online' } });
    await addChatInbox(t.database.db, t.agency.north.id, 'chat-north');
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    agent = await signIn(t.app, t.agency.northAgent.email);
    portal = await signIn(t.app, t.agency.north.clientUserEmail);
  });
  afterAll(async () => {
    await w?.close();
    await t.close();
  });

  const mailsOf = (conversationId: string) =>
    queryRows<{ to_address: string; body_text: string }>(
      t.database.db,
      sql`SELECT to_address, body_text FROM email_deliveries WHERE conversation_id = ${conversationId} ORDER BY created_at, id`,
    );

  it('tells the visitor in the widget that an answer follows, and continues by e-mail with the client’s answer', async () => {
    w = await openWidget(baseUrl, 'chat-north');
    w.send({ t: 'hello', locale: 'en', profile: { name: 'Esme', email: 'esme@example.com' } });
    await w.next((f) => f.t === 'welcome');
    w.send({ t: 'msg', key: 'key-escalation-1', body: 'Can I return boots bought in 2019?' });
    const ack = await w.next((f) => f.t === 'ack');
    const [row] = await queryRows<{ conversation_id: string }>(
      t.database.db,
      sql`SELECT conversation_id FROM messages WHERE id = ${ack.id as string}`,
    );
    const conversationId = row!.conversation_id;

    // The agent cannot answer: they ask the client, through the escalation flow.
    const from = w.frames.length;
    const asked = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/escalations`,
      payload: { question: 'Do we accept returns after five years?' },
    });
    expect(asked.statusCode).toBe(201);
    const escalationId = (asked.json() as { id: string }).id;
    // The widget: the escalated state, and the notice as a message; never the question (an internal note).
    expect(await w.next((f) => f.t === 'escalated', { from })).toBeTruthy();
    const notice = await w.next((f) => f.t === 'msg' && (f.m as { from: string }).from !== 'visitor', { from });
    expect((notice.m as { body: string }).body).toMatch(/24 hours/);
    expect(JSON.stringify(w.frames.slice(from))).not.toContain('five years');
    // The customer is e-mailed the notice too: they may have closed the page.
    expect((await mailsOf(conversationId)).filter((m) => m.to_address === 'esme@example.com')).toEqual([
      expect.objectContaining({ body_text: expect.stringMatching(/24 hours/) }),
    ]);

    // The client answers in its portal; the agent relays it: it reaches the widget and the customer's inbox.
    const answered = await portal.request({
      method: 'POST',
      url: `/api/v1/portal/escalations/${escalationId}/answer`,
      payload: { answer: 'Yes, with the receipt.' },
    });
    expect(answered.statusCode).toBeLessThan(300);
    const relayFrom = w.frames.length;
    const relayed = await agent.request({
      method: 'POST',
      url: `/api/v1/escalations/${escalationId}/relay`,
      payload: { body: 'Good news: returns after five years are accepted with the receipt.' },
    });
    expect(relayed.statusCode).toBe(200);
    await w.next((f) => f.t === 'msg' && (f.m as { body: string }).body.startsWith('Good news'), { from: relayFrom });
    const toCustomer = (await mailsOf(conversationId)).filter((m) => m.to_address === 'esme@example.com');
    expect(toCustomer.map((m) => m.body_text)).toEqual([
      expect.stringMatching(/24 hours/),
      expect.stringMatching(/^Good news/),
    ]);

    // From now on the agent's chat replies go by e-mail as well.
    await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { kind: 'reply', body: 'Anything else I can do?' },
    });
    expect((await mailsOf(conversationId)).filter((m) => m.to_address === 'esme@example.com')).toHaveLength(3);
  });
});
