import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { testReactions } from '../../test/reactions.js';
import type { RouteEntry } from '../app.js';
import { queryRows } from '../db/index.js';
import { defaultSlaPolicy } from '../sla/default-sla-policy.js';

/**
 * The isolation matrix. It walks the server's own route table, so a route added later is attacked
 * without editing this file: every signed-in route is called by people of the North client (its
 * agent, by session and by API token, and its portal user) with the South client's ids. Each call
 * must be refused (403/404) or answer without a trace of South. A route this file cannot attack
 * (an unknown path parameter, a write without a sample body) fails the test.
 */
describe('client isolation across every route', () => {
  let t: TestApp;
  let attackers: { name: string; session: Session }[];
  let southTokenId: string;
  let southSecrets: string[];
  let southMessageId: string;
  let southAttachmentId: string;
  let southCaughtId: string;
  let southKbItemId: string;
  let southKbCategoryId: string;
  let southRuleId: string;
  let southMacroId: string;
  let southEscalationId: string;
  let southPhone: Awaited<ReturnType<typeof seedPhoneRecords>>;

  beforeAll(async () => {
    t = await startTestApp();
    const { north, south, northAgent, southAgent } = t.agency;
    const southSession = await signIn(t.app, southAgent.email);
    southTokenId = (
      (
        await southSession.request({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'south' } })
      ).json() as {
        id: string;
      }
    ).id;
    const agentSession = await signIn(t.app, northAgent.email);
    const token = (
      (
        await agentSession.request({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'north' } })
      ).json() as {
        token: string;
      }
    ).token;
    attackers = [
      { name: 'North agent (session)', session: agentSession },
      {
        name: 'North agent (API token)',
        session: {
          cookie: '',
          request: (options) =>
            t.app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...(options.headers ?? {}) } }),
        },
      },
      { name: 'North portal user', session: await signIn(t.app, north.clientUserEmail) },
    ];
    // A South message with an e-mail record and an attachment, for the e-mail routes' :messageId and :attachmentId.
    [{ id: southMessageId }] = (await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM messages WHERE client_id = ${south.id} AND kind = 'incoming' LIMIT 1`,
    )) as [{ id: string }];
    await t.database.db.execute(sql`INSERT INTO email_messages (client_id, inbox_id, conversation_id, message_id, direction, kind, rfc_message_id, from_address, raw_key)
      VALUES (${south.id}, ${south.inboxId}, ${south.conversationId}, ${southMessageId}, 'in', 'customer', '<south-1@south.test>', ${south.contactEmail}, 'none')`);
    [{ id: southAttachmentId }] = (await queryRows<{ id: string }>(
      t.database.db,
      sql`INSERT INTO attachments (client_id, message_id, filename, content_type, size, storage_key, sha256)
        VALUES (${south.id}, ${southMessageId}, 'south.pdf', 'application/pdf', 1, 'none', 'none') RETURNING id`,
    )) as [{ id: string }];
    // A South bounce that concerns none of its sent mail: listed by GET /email/bounces, to South's managers only.
    await t.database.db.execute(sql`INSERT INTO email_messages (client_id, inbox_id, direction, kind, rfc_message_id, from_address, subject, bounce)
      VALUES (${south.id}, ${south.inboxId}, 'in', 'bounce', '<south-bounce@relay.test>', 'reports@relay.test', 'South secret bounce',
        '{"originalMessageId":"<south-sent@south.test>","recipients":[],"reason":"unknown_message"}')`);
    // A South mail-catcher entry, for :caughtId.
    [{ id: southCaughtId }] = (await queryRows<{ id: string }>(
      t.database.db,
      sql`INSERT INTO email_caught (client_id, delivery_id, from_address, to_address, subject, rfc_message_id, raw)
        VALUES (${south.id}, gen_random_uuid(), 'support@south.test', ${south.contactEmail}, 'South Flowers', '<c@south.test>', 'raw')
        RETURNING id`,
    )) as [{ id: string }];
    // A South knowledge base, for :itemId and :categoryId.
    const { seedKnowledgeBase } = await import('../kb/seed-knowledge-base.js');
    const southKb = await seedKnowledgeBase(t.database.db, { clientId: south.id, slug: 'golestan' });
    southKbItemId = southKb.get('golestan.orchid')!.fa!;
    [{ id: southKbCategoryId }] = (await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM kb_categories WHERE client_id = ${south.id} LIMIT 1`,
    )) as [{ id: string }];
    // South automation: a rule, a macro, and a notification addressed to the North agent from when
    // they served South (they must not see it now).
    [{ id: southRuleId }] = (await queryRows<{ id: string }>(
      t.database.db,
      sql`INSERT INTO automation_rules (client_id, agency_wide, name, events, conditions, actions)
        VALUES (${south.id}, false, 'South secret rule', '{conversation.created}', '[]', '[{"type":"set_priority","priority":"high"}]')
        RETURNING id`,
    )) as [{ id: string }];
    [{ id: southMacroId }] = (await queryRows<{ id: string }>(
      t.database.db,
      sql`INSERT INTO macros (client_id, agency_wide, name, actions, reply_template)
        VALUES (${south.id}, false, 'South secret macro', '[{"type":"set_priority","priority":"urgent"}]', 'South secret template')
        RETURNING id`,
    )) as [{ id: string }];
    await t.database.db.execute(sql`INSERT INTO desk_notifications (client_id, recipient_id, conversation_id, text)
      VALUES (${south.id}, ${northAgent.id}, ${south.conversationId}, 'South secret notification')`);
    // A South escalation to the client, for :escalationId (no customer notice: the message count below stays put but one).
    const { escalateToClient } = await import('../escalation/index.js');
    southEscalationId = (
      await t.database.db.transaction((tx) =>
        escalateToClient(tx, {
          reactions: testReactions,
          clientId: south.id,
          conversationId: south.conversationId,
          question: 'South escalation question about orchids',
          customerNotice: null,
          actor: { system: true, name: 'South rule' },
          publicUrl: 'http://localhost',
        }),
      )
    ).escalation.id;
    // A South phone line with a call, its recording and a callback task, for the phone routes.
    const phone = await seedPhoneRecords(t, south);
    southPhone = phone;
    southSecrets = [
      'South escalation question about orchids',
      '+15550002999',
      south.id,
      south.conversationId,
      south.contactEmail,
      south.clientUserEmail,
      south.inboxId,
      'South Flowers',
      south.noteText,
      'key-south',
      'ارکیده دوباره گل نمی‌دهد',
      'South secret rule',
      'South secret macro',
      'South secret template',
      'South secret notification',
      'South secret bounce',
    ];
  });
  afterAll(() => t.close());

  const foreignParams = (): Record<string, string> => ({
    clientId: t.agency.south.id,
    conversationId: t.agency.south.conversationId,
    inboxId: t.agency.south.inboxId,
    number: String(t.agency.south.conversationNumber),
    tokenId: southTokenId,
    messageId: southMessageId,
    attachmentId: southAttachmentId,
    caughtId: southCaughtId,
    itemId: southKbItemId,
    categoryId: southKbCategoryId,
    ruleId: southRuleId,
    macroId: southMacroId,
    escalationId: southEscalationId,
    callId: southPhone.callId,
    recordingId: southPhone.recordingId,
    taskId: southPhone.taskId,
    lineId: southPhone.lineId,
    queueId: southPhone.queueId,
  });
  // `userId` means a client user under /clients/:clientId, otherwise a member of agency staff.
  const userIdFor = (url: string) =>
    url.startsWith('/api/v1/clients/') ? t.agency.south.clientUserId : t.agency.southAgent.id;

  const sampleBodies: Record<string, unknown> = {
    'PATCH /api/v1/auth/me': { locale: 'en' },
    'POST /api/v1/api-tokens': { name: 'probe' },
    'PATCH /api/v1/conversations/:conversationId': { priority: 'urgent', status: 'resolved' },
    'POST /api/v1/conversations/:conversationId/messages': { kind: 'reply', body: 'probe reply' },
    'POST /api/v1/clients': { slug: 'probe', name: 'Probe', ticketPrefix: 'P' },
    'PATCH /api/v1/clients/:clientId': { name: 'Hacked' },
    'POST /api/v1/clients/:clientId/users': { email: 'probe@probe.test', name: 'Probe', password: 'probe-password-1' },
    'PATCH /api/v1/clients/:clientId/users/:userId': { name: 'Hacked' },
    'POST /api/v1/clients/:clientId/inboxes': { name: 'Probe', settings: { channel: 'api' } },
    'PATCH /api/v1/clients/:clientId/inboxes/:inboxId': { name: 'Hacked' },
    'POST /api/v1/agency-users': { email: 'probe@agency.test', name: 'Probe', password: 'probe-password-1' },
    'PATCH /api/v1/agency-users/:userId': { name: 'Hacked', role: 'owner' },
    'PUT /api/v1/clients/:clientId/inboxes/:inboxId/email-settings': { signature: 'Hacked', webhookSecret: null },
    'POST /api/v1/clients/:clientId/inboxes/:inboxId/email-webhook-secret': {},
    'POST /api/v1/clients/:clientId/kb/categories': { names: { en: 'Probe' } },
    'PATCH /api/v1/clients/:clientId/kb/categories/:categoryId': { names: { en: 'Hacked' } },
    'POST /api/v1/clients/:clientId/kb/items': { language: 'en', title: 'Hacked', body: 'probe' },
    'PATCH /api/v1/clients/:clientId/kb/items/:itemId': { title: 'Hacked' },
    'POST /api/v1/clients/:clientId/kb/import': {
      filename: 'probe.md',
      contentBase64: Buffer.from('# Hacked').toString('base64'),
      language: 'en',
    },
    'POST /api/v1/clients/:clientId/kb/from-reply': {
      messageId: '00000000-0000-4000-8000-000000000000',
      title: 'Hacked',
    },
    'POST /api/v1/conversations/:conversationId/suggestions/:itemId/use': {},
    'PUT /api/v1/me/presence': { presence: 'away' },
    'PUT /api/v1/clients/:clientId/routing': {
      preferredWaitSeconds: 1,
      specialistRules: [{ tag: 'x', skill: 'hacked' }],
    },
    'POST /api/v1/conversations/:conversationId/escalate-tier': { reason: 'probe escalation' },
    get 'POST /api/v1/automation/rules'() {
      return {
        clientId: t.agency.south.id,
        name: 'Hacked',
        events: ['conversation.created'],
        actions: [{ type: 'set_priority', priority: 'urgent' }],
      };
    },
    get 'PUT /api/v1/automation/rules/order'() {
      return { clientId: t.agency.south.id, ruleIds: [southRuleId] };
    },
    'PATCH /api/v1/automation/rules/:ruleId': { name: 'Hacked', enabled: false },
    get 'POST /api/v1/automation/macros'() {
      return { clientId: t.agency.south.id, name: 'Hacked', replyTemplate: 'probe' };
    },
    'PATCH /api/v1/automation/macros/:macroId': { name: 'Hacked' },
    'POST /api/v1/conversations/:conversationId/macros/:macroId/apply': {},
    'POST /api/v1/notifications/read': { ids: 'all' },
    'PUT /api/v1/clients/:clientId/sla-policy': defaultSlaPolicy('UTC'),
    'POST /api/v1/conversations/:conversationId/escalations': { question: 'probe question' },
    'POST /api/v1/conversations/:conversationId/escalation-documents': { probe: 'a file' },
    'POST /api/v1/escalations/:escalationId/relay': { body: 'probe relay' },
    'POST /api/v1/portal/escalations/:escalationId/answer': { answer: 'probe answer' },
    'PUT /api/v1/clients/:clientId/escalation-settings': { autoRelay: true, noticeTemplates: { en: 'Hacked' } },
    'POST /api/v1/conversations/:conversationId/chat/typing': { on: true },
    'POST /api/v1/conversations/:conversationId/chat/read': {},
    'POST /api/v1/conversations/:conversationId/chat/escalate': {},
    'POST /api/v1/phone/calls/:callId/answer': {},
    'POST /api/v1/phone/calls/:callId/hangup': {},
    'POST /api/v1/phone/calls/:callId/transfer/complete': {},
    'POST /api/v1/phone/calls/:callId/transfer/cancel': {},
    'POST /api/v1/phone/calls/:callId/hold': { hold: true },
    'POST /api/v1/phone/calls/:callId/transfer': { mode: 'blind', target: { kind: 'number', number: '+15550000001' } },
    'POST /api/v1/phone/calls/:callId/result': { resultCode: 'resolved', notes: 'Hacked' },
    'POST /api/v1/phone/calls': { callbackTaskId: '00000000-0000-4000-8000-000000000000' },
    'POST /api/v1/phone/callbacks/:taskId/done': {},
    'PATCH /api/v1/clients/:clientId/phone/lines/:lineId': { greeting: 'Hacked' },
    'PATCH /api/v1/clients/:clientId/phone/settings': { consentNotice: 'Hacked' },
    get 'POST /api/v1/clients/:clientId/phone/lines'() {
      return { name: 'Hacked', number: '+15550009999', provider: 'cti', queueId: southPhone.queueId };
    },
    'POST /api/v1/clients/:clientId/phone/queues': { name: 'Hacked' },
    'PUT /api/v1/clients/:clientId/phone/queues/:queueId': { name: 'Hacked' },
  };

  function attackUrls(route: RouteEntry): string[] {
    const params = foreignParams();
    const url = route.url.replace(/:(\w+)/g, (_, name: string) => {
      const value = name === 'userId' ? userIdFor(route.url) : params[name];
      if (!value) throw new Error(`${route.method} ${route.url}: no foreign value for :${name}; add one to the matrix`);
      return value;
    });
    // A list that can be narrowed to a client is also asked for the foreign client directly.
    return route.method === 'GET' ? [url, `${url}?clientId=${t.agency.south.id}`] : [url];
  }

  it('refuses or hides every foreign record on every route, for every role', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1') && r.access !== 'public');
    expect(routes.length).toBeGreaterThan(15);
    const failures: string[] = [];
    const covered = new Set<string>();
    for (const route of routes) {
      const key = `${route.method} ${route.url}`;
      const body = sampleBodies[key];
      if (route.method !== 'GET' && route.method !== 'DELETE' && body === undefined) {
        failures.push(`${key}: no sample body in the matrix`);
        continue;
      }
      for (const url of attackUrls(route)) {
        for (const attacker of attackers) {
          const response = await attacker.session.request({
            method: route.method as 'GET',
            url,
            ...(body === undefined ? {} : { payload: body as object }),
          });
          const refused = [403, 404].includes(response.statusCode);
          const leaked = southSecrets.filter((secret) => response.body.includes(secret));
          if (response.statusCode >= 500 || (!refused && response.statusCode >= 300 && response.statusCode !== 400)) {
            failures.push(`${attacker.name} ${route.method} ${url}: unexpected ${response.statusCode}`);
          }
          if (leaked.length > 0) failures.push(`${attacker.name} ${route.method} ${url}: leaked ${leaked.join(', ')}`);
          covered.add(key);
        }
      }
    }
    expect(failures).toEqual([]);
    expect([...covered].sort()).toEqual(routes.map((r) => `${r.method} ${r.url}`).sort());
  });

  it('left every South record as it was', async () => {
    const { south, southAgent } = t.agency;
    const [conversation] = await queryRows<{ priority: string; status: string }>(
      t.database.db,
      sql`SELECT priority, status FROM conversations WHERE id = ${south.conversationId}`,
    );
    expect(conversation).toEqual({ priority: 'normal', status: 'open' });
    const [routing] = await queryRows<{ tier: number; rules: number }>(
      t.database.db,
      sql`SELECT (SELECT tier FROM conversations WHERE id = ${south.conversationId}) AS tier,
        (SELECT count(*)::int FROM routing_settings WHERE client_id = ${south.id}) AS rules`,
    );
    expect(routing).toEqual({ tier: 1, rules: 0 });
    const [counts] = await queryRows<{ messages: number; hacked: number; tokens: number }>(
      t.database.db,
      sql`SELECT
        (SELECT count(*)::int FROM messages WHERE client_id = ${south.id}) AS messages,
        (SELECT count(*)::int FROM clients WHERE name = 'Hacked') + (SELECT count(*)::int FROM client_users WHERE name = 'Hacked')
          + (SELECT count(*)::int FROM inboxes WHERE name = 'Hacked') + (SELECT count(*)::int FROM agency_users WHERE name = 'Hacked')
          + (SELECT count(*)::int FROM kb_items WHERE title = 'Hacked') + (SELECT count(*)::int FROM kb_categories WHERE names->>'en' = 'Hacked')
          + (SELECT count(*)::int FROM automation_rules WHERE name = 'Hacked' OR NOT enabled) + (SELECT count(*)::int FROM macros WHERE name = 'Hacked')
          + (SELECT count(*)::int FROM desk_notifications WHERE read_at IS NOT NULL) AS hacked,
        (SELECT count(*)::int FROM api_tokens WHERE agency_user_id = ${southAgent.id} AND revoked_at IS NULL) AS tokens`,
    );
    // The fixture's two messages and the escalation's question.
    expect(counts).toEqual({ messages: 3, hacked: 0, tokens: 1 });
    const [escalation] = await queryRows<{ status: string; answer: string | null; settings: number }>(
      t.database.db,
      sql`SELECT status, answer, (SELECT count(*)::int FROM escalation_settings WHERE client_id = ${south.id}) AS settings
        FROM escalations WHERE id = ${southEscalationId}`,
    );
    expect(escalation).toEqual({ status: 'open', answer: null, settings: 0 });
    const [phone] = await queryRows<{ state: string; result: string | null; task: string; greeting: string }>(
      t.database.db,
      sql`SELECT c.state, c.result_code AS result, k.status AS task, l.greeting
        FROM phone_calls c, phone_callback_tasks k, phone_lines l
        WHERE c.id = ${southPhone.callId} AND k.id = ${southPhone.taskId} AND l.id = ${southPhone.lineId}`,
    );
    expect(phone).toEqual({ state: 'completed', result: null, task: 'open', greeting: '' });
    const [phoneSetup] = await queryRows<{ hacked: number }>(
      t.database.db,
      sql`SELECT (SELECT count(*)::int FROM phone_lines WHERE name = 'Hacked')
        + (SELECT count(*)::int FROM phone_queues WHERE name = 'Hacked')
        + (SELECT count(*)::int FROM phone_client_settings WHERE consent_notice = 'Hacked') AS hacked`,
    );
    expect(phoneSetup).toEqual({ hacked: 0 });
  });

  it('never pushes a foreign client’s events down the desk socket', async () => {
    const { mayReceive } = await import('../realtime/desk-gateway.js');
    const north = {
      kind: 'agency' as const,
      userId: t.agency.northAgent.id,
      role: 'agent' as const,
      clientIds: [t.agency.north.id],
    };
    const portal = { kind: 'client' as const, userId: t.agency.north.clientUserId, clientId: t.agency.north.id };
    const event = (clientId: string, internal: boolean) => ({
      type: 'message.created' as const,
      clientId,
      conversationId: t.agency.north.conversationId,
      messageId: t.agency.north.conversationId,
      internal,
    });
    expect(mayReceive(north, event(t.agency.south.id, false))).toBe(false);
    expect(mayReceive(north, event(t.agency.north.id, true))).toBe(true);
    expect(mayReceive(portal, event(t.agency.north.id, true))).toBe(false);
    expect(mayReceive(portal, event(t.agency.north.id, false))).toBe(true);
    expect(mayReceive(portal, event(t.agency.south.id, false))).toBe(false);
    // Who of the agency is online is not the client's business.
    const presence = {
      type: 'agent.presence' as const,
      clientId: t.agency.north.id,
      agentId: t.agency.northAgent.id,
      presence: 'online' as const,
    };
    expect(mayReceive(portal, presence)).toBe(false);
    expect(mayReceive(north, presence)).toBe(true);
    expect(mayReceive(north, { ...presence, clientId: t.agency.south.id })).toBe(false);
    // A desk notification reaches its recipient only: not a colleague, not a portal user.
    const notification = (recipientId: string) => ({
      type: 'notification.created' as const,
      clientId: t.agency.north.id,
      conversationId: t.agency.north.conversationId,
      recipientId,
    });
    expect(mayReceive(north, notification(t.agency.northAgent.id))).toBe(true);
    expect(mayReceive(north, notification(t.agency.supervisor.id))).toBe(false);
    expect(mayReceive(portal, notification(t.agency.north.clientUserId))).toBe(false);
  });
});

/** South's phone: a line, an ended call on its conversation with a stored recording, an open callback task. */
async function seedPhoneRecords(t: TestApp, south: TestApp['agency']['south']) {
  const db = t.database.db;
  const [queue] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO phone_queues (client_id, name) VALUES (${south.id}, 'South queue') RETURNING id`,
  );
  const [line] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO phone_lines (client_id, inbox_id, number, name, provider, queue_id)
      VALUES (${south.id}, ${south.inboxId}, '+15550002999', 'South line', 'twilio', ${queue!.id}) RETURNING id`,
  );
  const [call] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO phone_calls (client_id, line_id, conversation_id, contact_id, direction, provider, provider_call_id,
        from_number, to_number, state, started_at, ended_at, last_event_at)
      VALUES (${south.id}, ${line!.id}, ${south.conversationId}, ${south.contactId}, 'inbound', 'twilio', 'CAsouth',
        '+15550002999', '+15550002999', 'completed', now(), now(), now()) RETURNING id`,
  );
  const [recording] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO phone_recordings (client_id, call_id, provider_recording_id, kind, source_url, status, storage_key, size, sha256)
      VALUES (${south.id}, ${call!.id}, 'REsouth', 'call', 'https://api.twilio.com/x', 'stored', 'none', 1, 'none') RETURNING id`,
  );
  const [task] = await queryRows<{ id: string }>(
    db,
    sql`INSERT INTO phone_callback_tasks (client_id, contact_id, conversation_id, line_id, caller_number, last_missed_at, due_at)
      VALUES (${south.id}, ${south.contactId}, ${south.conversationId}, ${line!.id}, '+15550002999', now(), now()) RETURNING id`,
  );
  return { lineId: line!.id, queueId: queue!.id, callId: call!.id, recordingId: recording!.id, taskId: task!.id };
}
