import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../../test/app.js';
import { queryRows } from '../../db/index.js';
import { kbItems } from '../../db/schema.js';
import { type PhoneKit, startPhoneKit } from '../phone-test-kit.js';

/** A manager sets up a client's phone: queues, lines (Twilio and CTI), the consent notice; nobody else can. */
describe("a client's phone setup", () => {
  let k: PhoneKit;
  let manager: Session;
  let scriptGroupId: string;
  const base = () => `/api/v1/clients/${k.agency.north.id}/phone`;
  beforeAll(async () => {
    k = await startPhoneKit();
    manager = await signIn(k.app, k.agency.supervisor.email);
    const [script] = await k.database.db
      .insert(kbItems)
      .values({
        clientId: k.agency.north.id,
        groupId: crypto.randomUUID(),
        kind: 'script',
        language: 'en',
        title: 'Returns line script',
        bodyHtml: '<p>Greet, verify the order number.</p>',
        bodyText: 'Greet, verify the order number.',
        searchTitle: 'Returns line script',
        searchBody: 'Greet, verify the order number.',
        updatedByName: 'Test',
      })
      .returning();
    scriptGroupId = script!.groupId;
  });
  afterAll(() => k.stop());

  it('adds a queue and a Twilio line with an IVR and a script; the auth token is never returned', async () => {
    const queue = await manager.request({
      method: 'POST',
      url: `${base()}/queues`,
      payload: { name: 'Returns', holdAudioUrl: 'https://cdn.example.com/returns.mp3', maxWaitSeconds: 90 },
    });
    expect(queue.statusCode, queue.body).toBe(201);
    const returnsQueueId = (queue.json() as { id: string }).id;
    const created = await manager.request({
      method: 'POST',
      url: `${base()}/lines`,
      payload: {
        name: 'Returns line',
        number: '+15550001777',
        provider: 'twilio',
        accountSid: `AC${'a'.repeat(32)}`,
        authToken: 'returns-line-auth-token-0001',
        queueId: k.north.queueId,
        greeting: 'Thanks for calling North returns.',
        record: true,
        scriptGroupId,
        ivr: {
          prompt: 'For returns press 1, anything else press 2.',
          options: [
            { digit: '1', queueId: returnsQueueId },
            { digit: '2', queueId: k.north.queueId },
          ],
        },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ provider: 'twilio', ctiToken: null, scriptGroupId, record: true });
    expect(created.body).not.toContain('returns-line-auth-token-0001');
    // The line has its own phone inbox, carrying the number.
    const [inbox] = await queryRows<{ channel: string; number: string }>(
      k.database.db,
      sql`SELECT channel, settings->>'number' AS number FROM inboxes WHERE id = ${(created.json() as { inboxId: string }).inboxId}`,
    );
    expect(inbox).toEqual({ channel: 'phone', number: '+15550001777' });

    const setup = (await manager.request({ method: 'GET', url: base() })).json() as {
      lines: { name: string }[];
      queues: { name: string; maxWaitSeconds: number }[];
      scripts: { title: string }[];
    };
    expect(setup.lines.map((l) => l.name)).toContain('Returns line');
    expect(setup.queues.find((q) => q.name === 'Returns')?.maxWaitSeconds).toBe(90);
    expect(setup.scripts.map((s) => s.title)).toEqual(['Returns line script']);
    expect(JSON.stringify(setup)).not.toContain('returns-line-auth-token-0001');

    // An incoming call on the new number is answered with its greeting and IVR.
    const voice = await k.twilioPost(
      'voice',
      {
        CallSid: `CA${'b'.repeat(32)}`,
        From: '+15557000001',
        To: '+15550001777',
        CallStatus: 'ringing',
        Direction: 'inbound',
      },
      {
        line: {
          ...k.north,
          number: '+15550001777',
          accountSid: `AC${'a'.repeat(32)}`,
          authToken: 'returns-line-auth-token-0001',
        },
      },
    );
    expect(voice.statusCode, voice.body).toBe(200);
    expect(voice.body).toContain('Thanks for calling North returns.');
    expect(voice.body).toContain('For returns press 1');
  });

  it('a CTI line shows its token once, and the PBX can post with it', async () => {
    const created = await manager.request({
      method: 'POST',
      url: `${base()}/lines`,
      payload: { name: 'Office PBX', number: '+15550001888', provider: 'cti', queueId: k.north.queueId },
    });
    expect(created.statusCode, created.body).toBe(201);
    const { ctiToken, id } = created.json() as { ctiToken: string; id: string };
    expect(ctiToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const setup = await manager.request({ method: 'GET', url: base() });
    expect(setup.body).not.toContain(ctiToken);
    const posted = await k.app.inject({
      method: 'POST',
      url: `/api/v1/phone/cti/${ctiToken}`,
      payload: { event: 'newCall', callId: 'pbx-1', from: '+15557000002', to: '+15550001888', direction: 'in' },
    });
    expect(posted.statusCode, posted.body).toBeLessThan(300);
    const [call] = await queryRows<{ line_id: string }>(
      k.database.db,
      sql`SELECT line_id FROM phone_calls WHERE provider_call_id = 'pbx-1'`,
    );
    expect(call?.line_id).toBe(id);
  });

  it("refuses another client's queue, a number already taken, a Twilio line without credentials, bad input", async () => {
    const post = (payload: object) => manager.request({ method: 'POST', url: `${base()}/lines`, payload });
    const foreignQueue = await post({ name: 'X', number: '+15550001999', provider: 'cti', queueId: k.south.queueId });
    expect(foreignQueue.statusCode).toBe(400);
    expect(foreignQueue.headers['content-type']).toContain('application/problem+json');
    expect(foreignQueue.json()).toMatchObject({ code: 'QUEUE_NOT_OF_CLIENT' });
    const taken = await post({ name: 'X', number: k.south.number, provider: 'cti', queueId: k.north.queueId });
    expect(taken.statusCode).toBe(409);
    expect(
      (await post({ name: 'X', number: '+15550001999', provider: 'twilio', queueId: k.north.queueId })).statusCode,
    ).toBe(400);
    expect((await post({ name: 'X', number: '555-CALL', provider: 'cti', queueId: k.north.queueId })).statusCode).toBe(
      400,
    );
    const badQueue = await manager.request({
      method: 'POST',
      url: `${base()}/queues`,
      payload: { name: 'Q', holdAudioUrl: 'javascript:alert(1)' },
    });
    expect(badQueue.statusCode).toBe(400);
    const ivrForeign = await manager.request({
      method: 'PATCH',
      url: `${base()}/lines/${k.north.lineId}`,
      payload: { ivr: { prompt: 'Press 1', options: [{ digit: '1', queueId: k.south.queueId }] } },
    });
    expect(ivrForeign.statusCode).toBe(400);
    expect(ivrForeign.json()).toMatchObject({ code: 'QUEUE_NOT_OF_CLIENT' });
    const nothing = await manager.request({ method: 'PATCH', url: `${base()}/lines/${k.north.lineId}`, payload: {} });
    expect(nothing.json()).toMatchObject({ code: 'NOTHING_TO_CHANGE' });
  });

  it('changes a line, a queue and the consent notice, with an audit record; an agent may not', async () => {
    const line = await manager.request({
      method: 'PATCH',
      url: `${base()}/lines/${k.north.lineId}`,
      payload: { greeting: 'Welcome to North.', record: false, name: 'North main' },
    });
    expect(line.statusCode, line.body).toBe(200);
    expect(line.json()).toMatchObject({ greeting: 'Welcome to North.', record: false, name: 'North main' });
    const queue = await manager.request({
      method: 'PUT',
      url: `${base()}/queues/${k.north.queueId}`,
      payload: { name: 'Main', holdAudioUrl: null, maxWaitSeconds: 45 },
    });
    expect(queue.json()).toMatchObject({ holdAudioUrl: null, maxWaitSeconds: 45 });
    const settings = await manager.request({
      method: 'PATCH',
      url: `${base()}/settings`,
      payload: { consentNotice: 'Calls are recorded to train our staff.', retentionDays: 90 },
    });
    expect(settings.json()).toMatchObject({
      consentNotice: 'Calls are recorded to train our staff.',
      retentionDays: 90,
    });
    const audit = await queryRows<{ action: string }>(
      k.database.db,
      sql`SELECT action FROM audit_log WHERE client_id = ${k.agency.north.id} AND action LIKE 'phone_%' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'phone_line.updated',
        'phone_queue.updated',
        'phone_settings.updated',
        'phone_line.created',
      ]),
    );
    const agent = await signIn(k.app, k.agency.northAgent.email);
    expect((await agent.request({ method: 'GET', url: base() })).statusCode).toBe(403);
    expect(
      (await agent.request({ method: 'PATCH', url: `${base()}/settings`, payload: { consentNotice: 'x' } })).statusCode,
    ).toBe(403);
  });
});
