import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { type EmailKit, sql, startEmailKit } from '../email/email-test-kit.js';
import { seedKnowledgeBase } from '../kb/index.js';

type Delivery = { kind: string; to_address: string; subject: string; body_text: string; rfc_message_id: string };

/**
 * Escalation to the client end to end on the server: the agent asks, the client is e-mailed and sees it
 * in the portal, the customer is told an update follows (with help links), the client answers by
 * replying to the e-mail over a real SMTP session, the agent relays; and the client's auto-relay choice.
 */
describe('escalation to the client', () => {
  let k: EmailKit;
  let agent: Session;
  let owner: Session;
  let northPortal: Session;
  let southPortal: Session;
  let helpItemId: string;

  const deliveries = (kind: string) =>
    k.rows<Delivery>(
      sql`SELECT kind, to_address, subject, body_text, rfc_message_id FROM email_deliveries WHERE kind = ${kind} ORDER BY created_at`,
    );
  const conversationCount = () => k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations`);
  const escalate = async (body: object) => {
    const response = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${k.agency.north.conversationId}/escalations`,
      payload: body,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as { id: string; state: string; dueAt: string; createdAt: string };
  };
  const replyMail = (options: {
    from: string;
    inReplyTo?: string;
    subject: string;
    body: string;
    id: string;
    headers?: string[];
  }) =>
    [
      `From: ${options.from}`,
      'To: support@north.test',
      `Subject: ${options.subject}`,
      `Message-ID: <${options.id}@client.test>`,
      ...(options.inReplyTo ? [`In-Reply-To: ${options.inReplyTo}`, `References: ${options.inReplyTo}`] : []),
      ...(options.headers ?? []),
      'Content-Type: text/plain; charset=utf-8',
      '',
      options.body,
      '',
      '> the question quoted below',
      '',
    ].join('\r\n');

  beforeAll(async () => {
    k = await startEmailKit();
    const seeded = await seedKnowledgeBase(k.database.db, { clientId: k.agency.north.id, slug: 'acme' });
    const [first] = await k.rows<{ id: string }>(
      sql`SELECT id FROM kb_items WHERE client_id = ${k.agency.north.id} AND visibility = 'public' AND language = 'en' ORDER BY title LIMIT 1`,
    );
    expect(seeded.size).toBeGreaterThan(0);
    helpItemId = first!.id;
    agent = await signIn(k.app, k.agency.northAgent.email);
    owner = await signIn(k.app, k.agency.owner.email);
    northPortal = await signIn(k.app, k.agency.north.clientUserEmail);
    southPortal = await signIn(k.app, k.agency.south.clientUserEmail);
  });
  afterAll(() => k.stop());

  it('offers the client’s notice in the customer’s language and public help articles', async () => {
    const draft = (
      await agent.request({
        method: 'GET',
        url: `/api/v1/conversations/${k.agency.north.conversationId}/escalation-draft`,
      })
    ).json() as { language: string; customerNotice: string; kbArticles: { itemId: string; url: string }[] };
    expect(draft.language).toBe('en');
    expect(draft.customerNotice).toContain('North Gear Customer');
    expect(draft.customerNotice).toContain('within 24 hours');
    expect(draft.kbArticles.map((a) => a.itemId)).toContain(helpItemId);
    expect(draft.kbArticles[0]!.url).toMatch(/^http:\/\/localhost:3000\/help\/north\?/);
  });

  let escalationId: string;
  let requestMail: Delivery;

  it('e-mails the client, tells the customer, flags the desk and logs it', async () => {
    const escalation = await escalate({ question: 'Can we refund order 1042 after 40 days?', kbItemIds: [helpItemId] });
    escalationId = escalation.id;
    expect(escalation.state).toBe('open');
    expect(new Date(escalation.dueAt).getTime() - new Date(escalation.createdAt).getTime()).toBeCloseTo(
      24 * 3600_000,
      -4,
    );

    [requestMail] = (await deliveries('escalation')) as [Delivery];
    expect(requestMail.to_address).toBe('owner@north.test');
    expect(requestMail.subject).toMatch(/^Question about North #1: north order question \[ESC-[0-9A-F]{10}\]$/);
    expect(requestMail.body_text).toContain('Can we refund order 1042 after 40 days?');
    expect(requestMail.body_text).toContain(`http://localhost:3000/portal/escalations/${escalationId}`);

    const [notice] = await deliveries('reply');
    expect(notice!.to_address).toBe('customer@north-customer.test');
    expect(notice!.body_text).toContain('update within 24 hours');
    expect(notice!.body_text).toMatch(
      /These articles may help in the meantime:\n- .+: http:\/\/localhost:3000\/help\/north\?lang=en&q=/,
    );

    const [conversation] = await k.rows<{ flags: string[]; waiting_since: Date | null }>(
      sql`SELECT flags, waiting_since FROM conversations WHERE id = ${k.agency.north.conversationId}`,
    );
    expect(conversation!.flags).toContain('awaiting-client');
    expect(conversation!.waiting_since).toBeNull();
    const timeline = await k.rows<{ kind: string; author_name: string; action: string | null }>(
      sql`SELECT kind, author_name, activity->>'action' AS action FROM messages WHERE conversation_id = ${k.agency.north.conversationId} ORDER BY created_at, id`,
    );
    expect(timeline.slice(-2)).toEqual([
      { kind: 'note', author_name: 'Nora North', action: 'escalation.requested' },
      { kind: 'outgoing', author_name: 'Nora North', action: null },
    ]);
    const audit = await k.rows<{ action: string; actor_kind: string }>(
      sql`SELECT action, actor_kind FROM audit_log WHERE action LIKE 'escalation.%'`,
    );
    expect(audit).toEqual([{ action: 'escalation.requested', actor_kind: 'agency_user' }]);
  });

  it('shows the question in the portal of its own client only', async () => {
    const list = (await northPortal.request({ method: 'GET', url: '/api/v1/portal/escalations' })).json() as {
      id: string;
      state: string;
      question: string;
    }[];
    expect(list).toMatchObject([
      { id: escalationId, state: 'open', question: 'Can we refund order 1042 after 40 days?' },
    ]);
    expect(
      (await northPortal.request({ method: 'GET', url: '/api/v1/portal/escalations?state=overdue' })).json(),
    ).toEqual([]);
    expect((await southPortal.request({ method: 'GET', url: '/api/v1/portal/escalations' })).json()).toEqual([]);
    const foreign = await southPortal.request({ method: 'GET', url: `/api/v1/portal/escalations/${escalationId}` });
    expect(foreign.statusCode).toBe(404);
    const desk = (
      await agent.request({ method: 'GET', url: `/api/v1/conversations/${k.agency.north.conversationId}/escalations` })
    ).json() as { id: string }[];
    expect(desk.map((e) => e.id)).toEqual([escalationId]);
  });

  it('refuses a reply to the escalation e-mail from anyone but the client’s users, without opening a ticket', async () => {
    const before = (await conversationCount())[0]!.n;
    for (const from of ['stranger@elsewhere.test', k.agency.south.clientUserEmail, k.agency.north.contactEmail]) {
      const result = await k.send(
        replyMail({
          from,
          inReplyTo: requestMail.rfc_message_id,
          subject: `Re: ${requestMail.subject}`,
          body: 'Sure, refund it.',
          id: `probe-${from}`,
        }),
        { from, to: ['support@north.test'] },
      );
      expect(result.code).toBe(250);
    }
    // The client user's out-of-office is no answer either.
    const away = await k.send(
      replyMail({
        from: k.agency.north.clientUserEmail,
        inReplyTo: requestMail.rfc_message_id,
        subject: `Automatic reply: ${requestMail.subject}`,
        body: 'I am away until Monday.',
        id: 'away-1',
        headers: ['Auto-Submitted: auto-replied'],
      }),
      { from: k.agency.north.clientUserEmail, to: ['support@north.test'] },
    );
    expect(away.code).toBe(250);
    expect((await conversationCount())[0]!.n).toBe(before);
    const [row] = await k.rows<{ status: string }>(sql`SELECT status FROM escalations WHERE id = ${escalationId}`);
    expect(row!.status).toBe('open');
    const setAside = await k.rows<{ kind: string; n: number }>(
      sql`SELECT kind, count(*)::int AS n FROM email_messages WHERE kind LIKE 'escalation_%' GROUP BY kind ORDER BY kind`,
    );
    expect(setAside).toEqual([
      { kind: 'escalation_auto_reply', n: 1 },
      { kind: 'escalation_refused', n: 3 },
    ]);
  });

  it('takes the client user’s e-mail reply as the answer, not as a customer message', async () => {
    const before = (await conversationCount())[0]!.n;
    const customerMessages = async () =>
      (
        await k.rows<{ n: number }>(
          sql`SELECT count(*)::int AS n FROM messages WHERE conversation_id = ${k.agency.north.conversationId} AND kind = 'incoming'`,
        )
      )[0]!.n;
    const incomingBefore = await customerMessages();
    const result = await k.send(
      replyMail({
        from: 'North Gear Owner <owner@north.test>',
        inReplyTo: requestMail.rfc_message_id,
        subject: `Re: ${requestMail.subject}`,
        body: 'Yes, refund it as a goodwill gesture.',
        id: 'answer-1',
      }),
      { from: 'owner@north.test', to: ['support@north.test'] },
    );
    expect(result.code).toBe(250);
    expect((await conversationCount())[0]!.n).toBe(before);
    expect(await customerMessages()).toBe(incomingBefore);

    const escalation = (
      await agent.request({ method: 'GET', url: `/api/v1/conversations/${k.agency.north.conversationId}/escalations` })
    ).json() as {
      state: string;
      answer: string;
      answeredBy: string;
      answeredVia: string;
    }[];
    expect(escalation[0]).toMatchObject({
      state: 'answered',
      answer: 'Yes, refund it as a goodwill gesture.',
      answeredBy: 'North Gear Owner',
      answeredVia: 'email',
    });
    expect(k.seen).toContainEqual({ type: 'escalation.answered', conversationId: k.agency.north.conversationId });
    const [answer] = await k.rows<{ kind: string; author_type: string; body_text: string }>(
      sql`SELECT kind, author_type, body_text FROM messages WHERE activity->>'action' = 'escalation.answered'`,
    );
    expect(answer).toEqual({
      kind: 'note',
      author_type: 'client_user',
      body_text: 'Yes, refund it as a goodwill gesture.',
    });
    const [conversation] = await k.rows<{ flags: string[] }>(
      sql`SELECT flags FROM conversations WHERE id = ${k.agency.north.conversationId}`,
    );
    expect(conversation!.flags).toEqual(['client-answered']);
    // The portal cannot answer what is already answered.
    const again = await northPortal.request({
      method: 'POST',
      url: `/api/v1/portal/escalations/${escalationId}/answer`,
      payload: { answer: 'again' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('relays the answer to the customer as the agent edited it, once', async () => {
    const relay = await agent.request({
      method: 'POST',
      url: `/api/v1/escalations/${escalationId}/relay`,
      payload: { body: 'Good news: we will refund order 1042 in full.' },
    });
    expect(relay.statusCode, relay.body).toBe(200);
    expect(relay.json()).toMatchObject({ state: 'relayed', relayedBy: 'Nora North' });
    const replies = await deliveries('reply');
    expect(replies.at(-1)).toMatchObject({
      to_address: 'customer@north-customer.test',
      body_text: expect.stringContaining('Good news: we will refund order 1042 in full.'),
    });
    const twice = await agent.request({
      method: 'POST',
      url: `/api/v1/escalations/${escalationId}/relay`,
      payload: { body: 'x' },
    });
    expect(twice.statusCode).toBe(409);
    const [conversation] = await k.rows<{ flags: string[] }>(
      sql`SELECT flags FROM conversations WHERE id = ${k.agency.north.conversationId}`,
    );
    expect(conversation!.flags).toEqual([]);
  });

  it('relays automatically when the client chose so, and uses the client’s own notice', async () => {
    const put = await owner.request({
      method: 'PUT',
      url: `/api/v1/clients/${k.agency.north.id}/escalation-settings`,
      payload: {
        autoRelay: true,
        noticeTemplates: { en: 'Dear {{customer}}, {{client}} will reply within {{hours}} hours.' },
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      autoRelay: true,
      noticeTemplates: { en: 'Dear {{customer}}, {{client}} will reply within {{hours}} hours.' },
    });
    const escalation = await escalate({ question: 'Is the tent waterproof?' });
    expect((await deliveries('reply')).at(-1)!.body_text).toContain(
      'Dear North Gear Customer, North Gear will reply within 24 hours.',
    );
    const answered = await northPortal.request({
      method: 'POST',
      url: `/api/v1/portal/escalations/${escalation.id}/answer`,
      payload: { answer: 'Yes, up to 3000 mm.' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: 'relayed', answeredVia: 'portal', relayedBy: 'Switchboard' });
    expect((await deliveries('reply')).at(-1)!.body_text).toContain('Yes, up to 3000 mm.');
    const audit = await k.rows<{ action: string; actor_kind: string }>(
      sql`SELECT action, actor_kind FROM audit_log WHERE action LIKE 'escalation.%' ORDER BY id`,
    );
    expect(audit.slice(-3)).toEqual([
      { action: 'escalation.requested', actor_kind: 'agency_user' },
      { action: 'escalation.answered', actor_kind: 'client_user' },
      { action: 'escalation.relayed', actor_kind: 'system' },
    ]);
  });

  it('refuses bad input with problem details', async () => {
    const empty = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${k.agency.north.conversationId}/escalations`,
      payload: { question: '   ' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.headers['content-type']).toContain('application/problem+json');
    const foreign = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${k.agency.south.conversationId}/escalations`,
      payload: { question: 'probe' },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
