import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { addChatInbox, identitySecret, openWidget, shopOrigin, type WidgetClient } from './chat-test-kit.js';
import { identityHash } from './identify-visitor.js';

/**
 * Who a widget visitor is: an e-mail typed into the widget proves nothing. Each test comes from its own
 * loopback address (127.0.0.x) so the per-network limits of one test do not touch another.
 */
describe('chat identity', () => {
  let t: TestApp;
  let baseUrl: string;
  let agent: Session;
  const open: WidgetClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({
      app: {
        chatLimits: {
          newVisitorsPerIp: 6,
          newVisitorsPerInbox: 8,
          newChatsPerIp: 3,
          newChatsPerInbox: 50,
          transcriptsPerVisitor: 2,
          transcriptsPerAddress: 3,
          transcriptsPerIp: 4,
        },
      },
    });
    await addChatInbox(t.database.db, t.agency.north.id, 'chat-north');
    // One inbox per limit under test, so the per-inbox counts of one test do not touch another.
    for (const key of ['chat-mail', 'chat-flood', 'chat-open'])
      await addChatInbox(t.database.db, t.agency.north.id, key);
    baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
    agent = await signIn(t.app, t.agency.northAgent.email);
  });
  afterAll(async () => {
    for (const widget of open) await widget.close();
    await t.close();
  });

  const widget = async (ip: string, inbox = 'chat-north') => {
    const w = await openWidget(baseUrl, inbox, shopOrigin, { localAddress: ip });
    open.push(w);
    return w;
  };
  const hello = async (w: WidgetClient, frame: Record<string, unknown> = {}) => {
    const from = w.frames.length;
    w.send({ t: 'hello', locale: 'en', ...frame });
    return w.next((f) => f.t === 'welcome' || (f.t === 'error' && f.code === 'rate_limited'), { from });
  };
  const say = async (w: WidgetClient, key: string, body: string) => {
    w.send({ t: 'msg', key, body });
    return w.next((f) => (f.t === 'ack' || f.t === 'error') && f.key === key);
  };
  const conversationOf = async (messageId: string) => {
    const [row] = await queryRows<{ conversation_id: string }>(
      t.database.db,
      sql`SELECT conversation_id FROM messages WHERE id = ${messageId}`,
    );
    return row!.conversation_id;
  };
  const reply = (conversationId: string, body: string) =>
    agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversationId}/messages`,
      payload: { kind: 'reply', body },
    });
  const transcriptsTo = async (address: string) =>
    (
      await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM email_deliveries WHERE to_address = ${address} AND subject LIKE 'Your chat%'`,
      )
    )[0]!.n;
  const credentials = (visitor: string, inbox = 'chat-north') => `inbox=${inbox}&visitor=${visitor}`;

  it('an attacker who types a verified customer’s e-mail gets none of their history, files, live chat or transcript', async () => {
    const userId = 'victim-7';
    const victimEmail = 'victim@north-customer.test';
    const victim = await widget('127.0.0.11');
    const victimWelcome = await hello(victim, {
      identity: { userId, hash: identityHash(identitySecret, userId) },
      profile: { name: 'Vera Victim', email: victimEmail },
    });
    expect(victimWelcome.verified).toBe(true);
    const secret = await say(victim, 'key-victim-0001', 'My card ends in 4242');
    const victimChat = await conversationOf(secret.id as string);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/attachments?${credentials(victimWelcome.visitor as string)}&user=${userId}&hash=${identityHash(identitySecret, userId)}&key=key-victim-file1&name=passport.png`,
      headers: { 'content-type': 'image/png', origin: shopOrigin },
      payload: Buffer.from('89504e470d0a1a0a', 'hex'),
    });
    expect(upload.statusCode).toBe(200);
    const pushed = await victim.next((f) => f.t === 'msg' && (f.m as { id: string }).id === upload.json().id);
    const fileUrl = (pushed.m as { attachments: { url: string }[] }).attachments[0]!.url;
    const victimFile = await t.app.inject({
      method: 'GET',
      url: `${fileUrl}?${credentials(victimWelcome.visitor as string)}&user=${userId}&hash=${identityHash(identitySecret, userId)}`,
    });
    expect(victimFile.statusCode).toBe(200);

    // The attacker types the victim's address, writes, and comes back with the token the server gave them.
    const attacker = await widget('127.0.0.12');
    const first = await hello(attacker, { profile: { name: 'Vera', email: victimEmail } });
    expect(first.messages).toEqual([]);
    const token = first.visitor as string;
    const own = await say(attacker, 'key-attack-0001', 'Hi, it is me again');
    expect(own.t).toBe('ack');
    const attackerChat = await conversationOf(own.id as string);
    expect(attackerChat).not.toBe(victimChat);
    const again = await widget('127.0.0.12');
    const back = await hello(again, { visitor: token, profile: { email: victimEmail } });
    expect((back.messages as { body: string }[]).map((m) => m.body)).toEqual(['Hi, it is me again']);

    // Not the victim's file...
    const file = await t.app.inject({ method: 'GET', url: `${fileUrl}?${credentials(token)}` });
    expect(file.statusCode).toBe(404);
    // ...nor the agent's live answer to the victim...
    const from = again.frames.length;
    await reply(victimChat, 'Your refund of 300 is on its way');
    expect(await victim.next((f) => f.t === 'msg' && (f.m as { body: string }).body.includes('refund'))).toBeTruthy();
    await reply(attackerChat, 'Marker after the refund');
    await again.next((f) => f.t === 'msg' && (f.m as { body: string }).body === 'Marker after the refund', { from });
    expect(JSON.stringify(again.frames)).not.toContain('refund of 300');
    expect(JSON.stringify(attacker.frames)).not.toContain('refund of 300');

    // ...nor a transcript of it: not to an address of the attacker's choosing, and to the address it typed only
    // its own chat.
    again.send({ t: 'transcript', email: 'attacker@evil.test' });
    expect(await again.next((f) => f.t === 'done' || f.t === 'error', { from })).toMatchObject({ t: 'error' });
    expect(await transcriptsTo('attacker@evil.test')).toBe(0);
    const at = again.frames.length;
    again.send({ t: 'transcript', email: victimEmail });
    await again.next((f) => f.t === 'done' || f.t === 'error', { from: at });
    const mails = await queryRows<{ body_text: string; conversation_id: string }>(
      t.database.db,
      sql`SELECT body_text, conversation_id FROM email_deliveries WHERE subject LIKE 'Your chat%' AND to_address = ${victimEmail}`,
    );
    for (const mail of mails) {
      expect(mail.conversation_id).toBe(attackerChat);
      expect(mail.body_text).not.toContain('4242');
    }

    // The victim's customer record is untouched, and the desk sees the attacker's address as a claim.
    const [victimRow] = await queryRows<{ contact_id: string }>(
      t.database.db,
      sql`SELECT contact_id FROM conversations WHERE id = ${victimChat}`,
    );
    const [attackerRow] = await queryRows<{ contact_id: string; email: string | null }>(
      t.database.db,
      sql`SELECT c.contact_id, ct.email FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE c.id = ${attackerChat}`,
    );
    expect(attackerRow!.contact_id).not.toBe(victimRow!.contact_id);
    expect(attackerRow!.email).toBeNull();
    const detail = await agent.request({ method: 'GET', url: `/api/v1/conversations/${attackerChat}/chat` });
    expect(detail.json()).toMatchObject({ verified: false, claimedEmail: victimEmail });
  });

  it('the offline form with a known customer’s address links the visitor to nobody', async () => {
    // A client without an e-mail inbox keeps the offline message in the chat inbox.
    await queryRows(
      t.database.db,
      sql`UPDATE inboxes SET active = false WHERE client_id = ${t.agency.south.id} AND channel = 'email'`,
    );
    try {
      await addChatInbox(t.database.db, t.agency.south.id, 'chat-south-offline');
      const w = await widget('127.0.0.13', 'chat-south-offline');
      const welcome = await hello(w);
      w.send({
        t: 'offline',
        key: 'key-offline-attack',
        name: 'South Customer',
        email: t.agency.south.contactEmail,
        body: 'Please call me',
      });
      expect(await w.next((f) => f.t === 'done')).toMatchObject({ what: 'offline' });
      const [row] = await queryRows<{ contact_id: string }>(
        t.database.db,
        sql`SELECT c.contact_id FROM messages m JOIN conversations c ON c.id = m.conversation_id WHERE m.body_text = 'Please call me'`,
      );
      expect(row!.contact_id).not.toBe(t.agency.south.contactId);
      const linked = await queryRows<{ n: number }>(
        t.database.db,
        sql`SELECT count(*)::int AS n FROM contact_identities WHERE contact_id = ${t.agency.south.contactId} AND source_id = ${`v:${welcome.visitor}`}`,
      );
      expect(linked[0]!.n).toBe(0);
    } finally {
      await queryRows(
        t.database.db,
        sql`UPDATE inboxes SET active = true WHERE client_id = ${t.agency.south.id} AND channel = 'email'`,
      );
    }
  });

  it('two devices of one verified user both see its chat; a guest with the same e-mail sees none of it', async () => {
    const email = 'twin@north-customer.test';
    const userId = 'twin-1';
    const identity = { userId, hash: identityHash(identitySecret, userId) };
    const phone = await widget('127.0.0.14');
    const laptop = await widget('127.0.0.15');
    await hello(phone, { identity, profile: { email } });
    await hello(laptop, { identity, profile: { email } });
    const earlier = await say(phone, 'key-twin-000000', 'An earlier question');
    await agent.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${await conversationOf(earlier.id as string)}`,
      payload: { status: 'resolved' },
    });
    const guest = await widget('127.0.0.14');
    await hello(guest, { profile: { name: 'Guest', email } });
    expect((await say(guest, 'key-guest-00001', 'A question as a guest')).t).toBe('ack');

    const said = await say(phone, 'key-twin-000001', 'Asked on my phone');
    const chat = await conversationOf(said.id as string);
    await laptop.next((f) => f.t === 'msg' && (f.m as { body: string }).body === 'Asked on my phone');
    await reply(chat, 'Answer for both devices');
    await laptop.next((f) => f.t === 'msg' && (f.m as { body: string }).body === 'Answer for both devices');
    await phone.next((f) => f.t === 'msg' && (f.m as { body: string }).body === 'Answer for both devices');
    expect(JSON.stringify(guest.frames)).not.toContain('Answer for both devices');
    expect(JSON.stringify(guest.frames)).not.toContain('Asked on my phone');
    expect(JSON.stringify(laptop.frames)).not.toContain('A question as a guest');
  });

  it('mails a transcript only to the address the chat was started with, a few times at most', async () => {
    const w = await widget('127.0.0.16');
    await hello(w, { profile: { name: 'Tess', email: 'tess@north-customer.test' } });
    await say(w, 'key-transcript-1', 'Send me this later');
    const from = w.frames.length;
    w.send({ t: 'transcript', email: 'anyone@elsewhere.test' });
    const refused = await w.next((f) => f.t === 'error' || f.t === 'done', { from });
    expect(refused).toMatchObject({ t: 'error', code: 'no_email' });
    expect(refused.message).toMatch(/address/);
    expect(await transcriptsTo('anyone@elsewhere.test')).toBe(0);

    for (let i = 0; i < 2; i++) {
      const at = w.frames.length;
      w.send({ t: 'transcript', email: 'Tess@north-customer.test' });
      expect(await w.next((f) => f.t === 'done' || f.t === 'error', { from: at })).toMatchObject({ t: 'done' });
    }
    const at = w.frames.length;
    w.send({ t: 'transcript', email: 'tess@north-customer.test' });
    expect(await w.next((f) => f.t === 'done' || f.t === 'error', { from: at })).toMatchObject({
      t: 'error',
      code: 'rate_limited',
    });
    expect(await transcriptsTo('tess@north-customer.test')).toBe(2);

    // An address given only after the chat began (as the escalated widget asks) becomes its claim; the first
    // one stays, so a visitor cannot point its transcript at one address after another.
    const late = await widget('127.0.0.21');
    await hello(late, { profile: { name: 'Lou' } });
    await say(late, 'key-transcript-2', 'No address yet');
    late.send({ t: 'profile', profile: { email: 'lou@north-customer.test' } });
    late.send({ t: 'profile', profile: { email: 'someone-else@elsewhere.test' } });
    const asks: string[] = [];
    for (const email of ['someone-else@elsewhere.test', 'lou@north-customer.test']) {
      const at = late.frames.length;
      late.send({ t: 'transcript', email });
      const answer = await late.next((f) => f.t === 'done' || f.t === 'error', { from: at });
      asks.push(answer.t === 'done' ? 'done' : String(answer.code));
    }
    expect(asks).toEqual(['no_email', 'done']);
    expect(await transcriptsTo('someone-else@elsewhere.test')).toBe(0);
  });

  it('limits transcripts per address across visitors, and per network', async () => {
    const address = 'popular@north-customer.test';
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await widget(`127.0.1.${i + 1}`, 'chat-mail');
      await hello(w, { profile: { email: address } });
      await say(w, `key-popular-${i}000`, `Question ${i}`);
      for (let j = 0; j < 2; j++) {
        const at = w.frames.length;
        w.send({ t: 'transcript', email: address });
        outcomes.push(String((await w.next((f) => f.t === 'done' || f.t === 'error', { from: at })).t));
      }
    }
    expect(outcomes.filter((o) => o === 'done')).toHaveLength(3);
    expect(await transcriptsTo(address)).toBe(3);

    // One network, many visitors, each with its own address: 4 transcripts, then no more.
    const results: string[] = [];
    for (let i = 0; i < 3; i++) {
      const w = await widget('127.0.0.17', 'chat-mail');
      await hello(w, { profile: { email: `net${i}@north-customer.test` } });
      await say(w, `key-network-${i}000`, `Network ${i}`);
      for (let j = 0; j < 2; j++) {
        const at = w.frames.length;
        w.send({ t: 'transcript', email: `net${i}@north-customer.test` });
        const answer = await w.next((f) => f.t === 'done' || f.t === 'error', { from: at });
        results.push(answer.t === 'done' ? 'done' : String(answer.code));
      }
    }
    expect(results).toEqual(['done', 'done', 'done', 'done', 'rate_limited', 'rate_limited']);
  });

  it('limits new visitors and new chats per network and per inbox, and says so', async () => {
    const answers: string[] = [];
    let returning = '';
    for (let i = 0; i < 8; i++) {
      const w = await widget('127.0.0.18', 'chat-flood');
      const answer = await hello(w);
      answers.push(answer.t === 'welcome' ? 'welcome' : String(answer.code));
      if (answer.t !== 'welcome') expect((await w.closed).code).toBe(4429);
      if (i === 0) {
        returning = answer.visitor as string;
        expect((await say(w, 'key-returning-01', 'I will be back')).t).toBe('ack');
      }
    }
    expect(answers.filter((a) => a === 'welcome')).toHaveLength(6);
    expect(answers.slice(6)).toEqual(['rate_limited', 'rate_limited']);
    // Another network still gets in, until the inbox has had its share.
    const other = [];
    for (let i = 0; i < 3; i++) other.push((await hello(await widget(`127.0.2.${i + 1}`, 'chat-flood'))).t);
    expect(other).toEqual(['welcome', 'welcome', 'error']);
    // A returning visitor (one who has chatted here) is not new; a made-up token is.
    expect((await hello(await widget('127.0.0.18', 'chat-flood'), { visitor: returning })).t).toBe('welcome');
    const madeUp = await hello(await widget('127.0.0.18', 'chat-flood'), { visitor: 'm'.repeat(32) });
    expect(madeUp).toMatchObject({ t: 'error', code: 'rate_limited' });

    // New chats: three per network, then a clear refusal that stores nothing.
    const chats: string[] = [];
    const chatting: WidgetClient[] = [];
    for (let i = 0; i < 4; i++) {
      const w = await widget('127.0.0.19', 'chat-open');
      await hello(w);
      chatting.push(w);
      const said = await say(w, `key-newchat-${i}000`, `New chat ${i}`);
      chats.push(said.t === 'ack' ? 'ack' : String(said.code));
    }
    expect(chats).toEqual(['ack', 'ack', 'ack', 'rate_limited']);
    // A file or a message left offline opens a conversation too: refused alike, over HTTP as problem+json.
    const late = await widget('127.0.0.19', 'chat-open');
    const lateWelcome = await hello(late);
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/v1/widget/attachments?${credentials(lateWelcome.visitor as string, 'chat-open')}&key=key-late-file-01&name=a.txt`,
      headers: { 'content-type': 'text/plain', origin: shopOrigin },
      payload: 'hello',
      remoteAddress: '127.0.0.19',
    });
    expect(upload.statusCode).toBe(429);
    expect(upload.headers['content-type']).toContain('application/problem+json');
    expect(upload.json()).toMatchObject({ code: 'RATE_LIMITED' });
    late.send({ t: 'offline', key: 'key-late-offline1', name: 'Late', email: 'late@north.test', body: 'Call me' });
    expect(await late.next((f) => f.t === 'error' && f.key === 'key-late-offline1')).toMatchObject({
      code: 'rate_limited',
    });
    // Nothing else is lost: a visitor whose chat is open goes on talking.
    expect((await say(chatting[0]!, 'key-newchat-0001', 'New chat 0, still here')).t).toBe('ack');
    const stored = await queryRows<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM messages WHERE body_text LIKE 'New chat %' OR body_text = 'Call me'`,
    );
    expect(stored[0]!.n).toBe(4);
  });
});
