import type { ChatAvailability } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { addChatInbox, identitySecret, openWidget, shopOrigin, type WidgetClient } from './chat-test-kit.js';
import { identityHash } from './identify-visitor.js';

describe('live chat', () => {
  let t: TestApp;
  let baseUrl: string;
  let agent: Session;
  let southAgent: Session;
  let available: ChatAvailability = 'online';
  const open: WidgetClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      app: { chatAvailability: async () => available, chatLimits: { messageBurst: 5, messagesPerSecond: 0.5 } },
    });
    await addChatInbox(t.database.db, t.agency.north.id, 'chat-north');
    await addChatInbox(t.database.db, t.agency.south.id, 'chat-south', { allowedOrigins: ['https://south.test'] });
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    agent = await signIn(t.app, t.agency.northAgent.email);
    southAgent = await signIn(t.app, t.agency.southAgent.email);
  });
  afterAll(async () => {
    for (const widget of open) await widget.close();
    await t.close();
  });

  const widget = async (inbox = 'chat-north', origin = shopOrigin) => {
    const w = await openWidget(baseUrl, inbox, origin);
    open.push(w);
    return w;
  };
  const hello = async (w: WidgetClient, frame: Record<string, unknown> = {}) => {
    const from = w.frames.length;
    w.send({ t: 'hello', locale: 'en', page: { url: 'https://shop.north.test/boots', title: 'Boots' }, ...frame });
    return w.next((f) => f.t === 'welcome', { from });
  };
  const say = async (w: WidgetClient, key: string, body: string) => {
    w.send({ t: 'msg', key, body });
    return w.next((f) => (f.t === 'ack' || f.t === 'error') && f.key === key);
  };
  const rowsWithBody = (body: string) =>
    queryRows<{ id: string; conversation_id: string }>(
      t.database.db,
      sql`SELECT id, conversation_id FROM messages WHERE body_text = ${body}`,
    );

  it('refuses a site that is not among the inbox’s allowed origins, and an unknown inbox', async () => {
    const foreign = await widget('chat-north', 'https://evil.test');
    expect((await foreign.closed).code).toBe(4403);
    const southOnly = await widget('chat-south', shopOrigin);
    expect((await southOnly.closed).code).toBe(4403);
    const unknown = await widget('no-such-inbox');
    expect((await unknown.closed).code).toBe(4404);
  });

  it('commits a message before its ack, stores a resend once, and shows the chat on the desk with its page', async () => {
    const w = await widget();
    const welcome = await hello(w, { profile: { name: 'Dana Visitor' } });
    expect(welcome).toMatchObject({
      online: true,
      messages: [],
      config: { clientName: 'North Gear', greeting: 'Hi there' },
    });
    expect(welcome.config).not.toHaveProperty('identitySecret');
    const ack = await say(w, 'key-first-0001', 'Do these boots come in 44? 👢🏽');
    expect(ack.t).toBe('ack');
    const [stored] = await rowsWithBody('Do these boots come in 44? 👢🏽');
    expect(stored?.id).toBe(ack.id);
    // The ack was lost, say: the widget sends the same key again and gets the same message back.
    const again = await say(w, 'key-first-0001', 'Do these boots come in 44? 👢🏽');
    expect(again).toMatchObject({ t: 'ack', id: ack.id });
    expect(await rowsWithBody('Do these boots come in 44? 👢🏽')).toHaveLength(1);

    const list = await agent.request({ method: 'GET', url: '/api/v1/conversations?channel=chat' });
    const chat = (list.json() as { items: { id: string; contact: { name: string } }[] }).items.find(
      (c) => c.id === stored!.conversation_id,
    );
    expect(chat?.contact.name).toBe('Dana Visitor');
    const detail = await agent.request({ method: 'GET', url: `/api/v1/conversations/${stored!.conversation_id}/chat` });
    expect(detail.json()).toMatchObject({
      pageUrl: 'https://shop.north.test/boots',
      pageTitle: 'Boots',
      verified: false,
    });
    // Another client's agent cannot see it.
    const foreign = await southAgent.request({
      method: 'GET',
      url: `/api/v1/conversations/${stored!.conversation_id}/chat`,
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('brings the agent’s typing, reply and read mark to the widget live, and history back after a reload', async () => {
    const w = await widget();
    const welcome = await hello(w);
    const ack = await say(w, 'key-live-00001', 'Hello, anyone there?');
    const [stored] = await rowsWithBody('Hello, anyone there?');
    const url = `/api/v1/conversations/${stored!.conversation_id}`;
    expect((await agent.request({ method: 'POST', url: `${url}/chat/typing`, payload: { on: true } })).statusCode).toBe(
      204,
    );
    expect(await w.next((f) => f.t === 'typing')).toMatchObject({ on: true, name: 'Nora North' });
    await agent.request({
      method: 'POST',
      url: `${url}/messages`,
      payload: { kind: 'reply', body: 'Yes — how can I help?' },
    });
    await agent.request({ method: 'POST', url: `${url}/messages`, payload: { kind: 'note', body: 'secret note' } });
    const reply = await w.next((f) => f.t === 'msg' && (f.m as { from: string }).from === 'agent');
    expect(reply.m).toMatchObject({ body: 'Yes — how can I help?', name: 'Nora North' });
    await agent.request({ method: 'POST', url: `${url}/chat/read` });
    expect(await w.next((f) => f.t === 'read')).toHaveProperty('at');
    await w.close();

    const again = await widget();
    const back = await hello(again, { visitor: welcome.visitor });
    const bodies = (back.messages as { body: string; key: string | null }[]).map((m) => m.body);
    expect(bodies).toEqual(['Hello, anyone there?', 'Yes — how can I help?']);
    expect((back.messages as { id: string; key: string | null }[])[0]).toMatchObject({
      id: ack.id,
      key: 'key-live-00001',
    });
    expect(bodies).not.toContain('secret note');
  });

  it('tells the desk the visitor is typing', async () => {
    const w = await widget();
    await hello(w);
    await say(w, 'key-typing-001', 'typing test');
    const socket = await openDesk();
    w.send({ t: 'typing', on: true });
    const event = await socket.next((e) => e.type === 'chat.typing');
    expect(event).toMatchObject({ who: 'visitor', on: true });
    await socket.close();
  });

  it('keeps markup inert as text, refuses oversized messages and floods, and the socket stays usable', async () => {
    const w = await widget();
    await hello(w, { profile: { name: '<img src=x onerror=alert(1)>' } });
    const hostile = '<script>alert("x")</script><b>bold</b>';
    expect((await say(w, 'key-hostile-01', hostile)).t).toBe('ack');
    const [stored] = await rowsWithBody(hostile);
    const thread = await agent.request({ method: 'GET', url: `/api/v1/conversations/${stored!.conversation_id}` });
    const message = (thread.json() as { messages: { bodyText: string; bodyHtml: string | null }[] }).messages.at(-1);
    expect(message).toMatchObject({ bodyText: hostile, bodyHtml: null });

    const tooLong = await say(w, 'key-too-long-1', 'x'.repeat(4001));
    expect(tooLong).toMatchObject({ t: 'error', code: 'too_long' });
    // Four emoji of two UTF-16 units each are four characters, not eight.
    expect((await say(w, 'key-emoji-0001', `${'y'.repeat(3996)}😀😀😀😀`)).t).toBe('ack');

    w.send('this is not json');
    expect(await w.next((f) => f.t === 'error' && f.code === 'bad_frame')).toBeTruthy();
    const flood = await Promise.all(
      Array.from({ length: 12 }, (_, i) => say(w, `key-flood-${String(i).padStart(4, '0')}`, `flood ${i}`)),
    );
    const refused = flood.filter((f) => f.t === 'error');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ code: 'rate_limited' });
    expect(w.socket.readyState).toBe(w.socket.OPEN);
    // Every message that was acknowledged is stored, and none that was refused.
    const acked = flood.filter((f) => f.t === 'ack').length;
    const stored2 = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM messages WHERE body_text LIKE 'flood %'`,
    );
    expect(stored2[0]!.n).toBe(acked);
  });

  it('knows a signed-in user of the client’s site by the identity HMAC, on any device', async () => {
    const userId = 'north-user-42';
    const first = await widget();
    const w1 = await hello(first, { identity: { userId, hash: identityHash(identitySecret, userId) } });
    expect(w1.verified).toBe(true);
    await say(first, 'key-verified-1', 'I am signed in');
    const second = await widget();
    const w2 = await hello(second, { identity: { userId, hash: identityHash(identitySecret, userId) } });
    expect(w2.visitor).not.toBe(w1.visitor);
    expect((w2.messages as { body: string }[]).map((m) => m.body)).toEqual(['I am signed in']);

    const forged = await widget();
    forged.send({ t: 'hello', identity: { userId, hash: identityHash('wrong-secret', userId) } });
    expect(await forged.next((f) => f.t === 'error')).toMatchObject({ code: 'identity_refused' });
    const guest = await forged.next((f) => f.t === 'welcome');
    expect(guest).toMatchObject({ verified: false, messages: [] });
  });

  it('takes a message when nobody is available and makes it an e-mail conversation with the same customer', async () => {
    available = 'offline';
    try {
      const w = await widget();
      expect(await hello(w)).toMatchObject({ online: false, availability: 'offline' });
      w.send({
        t: 'offline',
        key: 'key-offline-01',
        name: 'Known Customer',
        email: t.agency.north.contactEmail,
        body: 'Call me back',
      });
      expect(await w.next((f) => f.t === 'done')).toMatchObject({ what: 'offline' });
      const [row] = await queryRows<{ channel: string; contact_id: string }>(
        t.database.db,
        sql`SELECT c.channel, c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.body_text = 'Call me back'`,
      );
      expect(row).toEqual({ channel: 'email', contact_id: t.agency.north.contactId });
    } finally {
      available = 'online';
    }
  });

  it('escalates: the widget hears it, the customer is e-mailed, and later replies go by e-mail too', async () => {
    const w = await widget();
    await hello(w, { profile: { name: 'Esme', email: 'esme@example.com' } });
    await say(w, 'key-escalate-1', 'A hard question');
    const [stored] = await rowsWithBody('A hard question');
    const url = `/api/v1/conversations/${stored!.conversation_id}`;
    const escalated = await agent.request({ method: 'POST', url: `${url}/chat/escalate` });
    expect(escalated.json()).toHaveProperty('escalatedAt');
    expect(await w.next((f) => f.t === 'escalated')).toBeTruthy();
    const notice = await w.next((f) => f.t === 'msg' && (f.m as { from: string }).from === 'system');
    expect((notice.m as { body: string }).body).toMatch(/24 hours/);
    await agent.request({
      method: 'POST',
      url: `${url}/messages`,
      payload: { kind: 'reply', body: 'Here is the answer' },
    });
    const mails = await queryRows<{ to_address: string; body_text: string }>(
      t.database.db,
      sql`SELECT to_address, body_text FROM email_deliveries WHERE conversation_id = ${stored!.conversation_id} ORDER BY created_at`,
    );
    expect(mails.map((m) => m.to_address)).toEqual(['esme@example.com', 'esme@example.com']);
    expect(mails[0]!.body_text).toMatch(/24 hours/);
    expect(mails[1]!.body_text).toMatch(/Here is the answer/);

    w.send({ t: 'transcript', email: 'esme@example.com' });
    expect(await w.next((f) => f.t === 'done' && f.what === 'transcript')).toBeTruthy();
    const transcript = await queryRows<{ body_text: string }>(
      t.database.db,
      sql`SELECT body_text FROM email_deliveries WHERE conversation_id = ${stored!.conversation_id} AND subject LIKE 'Your chat%'`,
    );
    expect(transcript[0]!.body_text).toMatch(/A hard question[\s\S]*Here is the answer/);
  });

  it('ends with a rating the desk can read', async () => {
    const w = await widget();
    await hello(w);
    await say(w, 'key-rating-001', 'Thanks, that is all');
    const [stored] = await rowsWithBody('Thanks, that is all');
    const url = `/api/v1/conversations/${stored!.conversation_id}`;
    await agent.request({ method: 'PATCH', url, payload: { status: 'resolved' } });
    expect(await w.next((f) => f.t === 'ended')).toBeTruthy();
    w.send({ t: 'rate', score: 5, comment: 'Quick and kind' });
    expect(await w.next((f) => f.t === 'done' && f.what === 'rate')).toBeTruthy();
    const detail = await agent.request({ method: 'GET', url: `${url}/chat` });
    expect(detail.json()).toMatchObject({ rating: 5, ratingComment: 'Quick and kind' });
  });

  it('takes a file as a message and shows it only to its visitor', async () => {
    const w = await widget();
    const welcome = await hello(w);
    const query = `inbox=chat-north&visitor=${welcome.visitor}&key=key-file-00001&name=${encodeURIComponent('photo of boots.png')}`;
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/attachments?${query}`,
      headers: { 'content-type': 'image/png', origin: shopOrigin },
      payload: png,
    });
    expect(upload.statusCode).toBe(200);
    const pushed = await w.next((f) => f.t === 'msg' && (f.m as { id: string }).id === upload.json().id);
    const file = (pushed.m as { attachments: { url: string; name: string }[] }).attachments[0]!;
    expect(file.name).toBe('photo of boots.png');
    const own = await t.app.inject({ method: 'GET', url: `${file.url}?inbox=chat-north&visitor=${welcome.visitor}` });
    expect(own.statusCode).toBe(200);
    expect(own.rawPayload.equals(png)).toBe(true);
    const stranger = await t.app.inject({
      method: 'GET',
      url: `${file.url}?inbox=chat-north&visitor=${'s'.repeat(32)}`,
    });
    expect(stranger.statusCode).toBe(404);
    const evil = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/attachments?${query.replace('key-file-00001', 'key-file-00002')}`,
      headers: { 'content-type': 'image/png', origin: 'https://evil.test' },
      payload: png,
    });
    expect(evil.statusCode).toBe(403);
    // A text file is a file like any other, not a body to parse.
    const notes = Buffer.from('order 1042: size 44, colour moss\n');
    const text = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/attachments?${query.replace('key-file-00001', 'key-file-00003').replace('photo%20of%20boots.png', 'notes.txt')}`,
      headers: { 'content-type': 'text/plain; charset=utf-8', origin: shopOrigin },
      payload: notes,
    });
    expect(text.statusCode).toBe(200);
    const textPushed = await w.next((f) => f.t === 'msg' && (f.m as { id: string }).id === text.json().id);
    const textFile = (textPushed.m as { attachments: { url: string; name: string }[] }).attachments[0]!;
    expect(textFile.name).toBe('notes.txt');
    const textBack = await t.app.inject({
      method: 'GET',
      url: `${textFile.url}?inbox=chat-north&visitor=${welcome.visitor}`,
    });
    expect(textBack.rawPayload.equals(notes)).toBe(true);
  });

  const openDesk = async () => {
    const { default: WebSocket } = await import('ws');
    const socket = new WebSocket(`${baseUrl.replace('http', 'ws')}/api/v1/ws`, { headers: { cookie: agent.cookie } });
    const events: Record<string, unknown>[] = [];
    const waiters = new Set<() => void>();
    socket.on('message', (data) => {
      events.push(JSON.parse(data.toString()) as Record<string, unknown>);
      for (const wake of waiters) wake();
    });
    await new Promise((resolve) => socket.once('open', resolve));
    return {
      next: (match: (e: Record<string, unknown>) => boolean) =>
        new Promise<Record<string, unknown>>((resolve) => {
          const check = () => {
            const found = events.find(match);
            if (found) {
              waiters.delete(check);
              resolve(found);
            }
          };
          waiters.add(check);
          check();
        }),
      close: async () => socket.close(),
    };
  };
});
