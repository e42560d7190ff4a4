import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { defineDeliverEmailJob } from './deliver-email.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';
import { queueEmailReply } from './queue-email-reply.js';

type Delivery = { status: string; rfc_message_id: string; to_address: string };

/**
 * Bounces (RFC 3464 delivery status reports) through real SMTP sessions: only a report about an e-mail we
 * actually sent to the recipient it names marks that delivery failed; any other report is kept for the
 * admin, in no conversation and opening no ticket.
 */
describe('bounces are checked against what was sent', () => {
  let k: EmailKit;
  let conversationId: string;
  const customer = 'alice.walker@gmail.com';
  let dsnCount = 0;

  /** An agent's reply on Alice's conversation, queued and (unless `send` is false) actually sent. */
  const reply = async (send = true): Promise<{ deliveryId: string; rfcId: string }> => {
    const clientId = k.agency.north.id;
    const [message] = await k.rows<{ id: string }>(
      sql`INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text)
        VALUES (${clientId}, ${conversationId}, 'outgoing', 'agent', 'Nora', 'It ships tomorrow.') RETURNING id`,
    );
    const deliveryId = (await k.database.db.transaction((tx) =>
      queueEmailReply(tx, { clientId, conversationId, messageId: message!.id, body: 'It ships tomorrow.' }),
    ))!;
    if (send) {
      // The real delivery job; without a relay it hands the mail to the mail catcher and marks it sent.
      const job = defineDeliverEmailJob({ db: k.database.db, storage: k.storage, events: k.events });
      const logger = { info: () => {}, warn: () => {}, error: () => {} };
      await job.handler(
        { clientId, deliveryId },
        { jobId: 'test', retryCount: 0, signal: new AbortController().signal, logger },
      );
    }
    return { deliveryId, rfcId: (await delivery(deliveryId)).rfc_message_id };
  };
  const delivery = async (id: string) =>
    (await k.rows<Delivery>(sql`SELECT status, rfc_message_id, to_address FROM email_deliveries WHERE id = ${id}`))[0]!;
  const bounce = async (originalId: string, recipient: string) => {
    dsnCount += 1;
    const dsnId = `<dsn-${dsnCount}-${Date.now()}@relay.example.net>`;
    const result = await k.send(
      await k.fixture('47-dsn-rfc3464-relay.eml', { DSN_ID: dsnId, ORIGINAL_ID: originalId, RECIPIENT: recipient }),
    );
    expect(result.code, result.response).toBe(250);
    return dsnId;
  };
  const stored = async (rfcId: string) =>
    (
      await k.rows<{ kind: string; conversation_id: string | null; message_id: string | null }>(
        sql`SELECT kind, conversation_id, message_id FROM email_messages WHERE rfc_message_id = ${rfcId} AND direction = 'in'`,
      )
    )[0]!;
  const conversationCount = async () =>
    (await k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations`))[0]!.n;
  const unmatched = async () => {
    const owner = await signIn(k.app, k.agency.owner.email);
    const response = await owner.request({ method: 'GET', url: '/api/v1/email/bounces' });
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: { rfcMessageId: string; reason: string; originalMessageId: string }[] }).items;
  };

  beforeAll(async () => {
    k = await startEmailKit();
    expect((await k.send(await k.fixture('01-gmail-new.eml'))).code).toBe(250);
    const [alice] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM email_messages WHERE rfc_message_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    conversationId = alice!.conversation_id;
  });
  afterAll(() => k.stop());

  it('marks the delivery failed when a report names a sent e-mail and the recipient it was sent to', async () => {
    const { deliveryId, rfcId } = await reply();
    expect(await delivery(deliveryId)).toMatchObject({ status: 'sent', to_address: customer });
    const before = await conversationCount();
    const dsnId = await bounce(rfcId, customer);
    expect(await delivery(deliveryId)).toMatchObject({ status: 'failed' });
    const record = await stored(dsnId);
    expect(record).toMatchObject({ kind: 'bounce', conversation_id: conversationId });
    const [notice] = await k.rows<{ activity: Record<string, unknown> }>(
      sql`SELECT activity FROM messages WHERE id = ${record.message_id}`,
    );
    expect(notice!.activity).toMatchObject({ action: 'email.delivery_failed', recipient: customer, code: '5.1.1' });
    expect(await conversationCount()).toBe(before);
  });

  it('ignores a forged report naming a sent Message-ID with another recipient, and keeps it for the admin', async () => {
    const { deliveryId, rfcId } = await reply();
    const before = await conversationCount();
    const dsnId = await bounce(rfcId, 'someone.else@example.org');
    expect(await delivery(deliveryId)).toMatchObject({ status: 'sent' });
    expect(await stored(dsnId)).toMatchObject({ kind: 'bounce', conversation_id: null, message_id: null });
    expect(await conversationCount()).toBe(before);
    expect(await unmatched()).toContainEqual(
      expect.objectContaining({ rfcMessageId: dsnId, originalMessageId: rfcId, reason: 'recipient_mismatch' }),
    );
  });

  it('ignores a mailer-daemon bounce naming a sent Message-ID but a recipient it was never sent to', async () => {
    // The daemon's From and subject already made this a bounce before: the recipient check is what refuses it.
    const { deliveryId, rfcId } = await reply();
    const result = await k.send(await k.fixture('24-dsn-bounce.eml', { ORIGINAL_ID: rfcId }));
    expect(result.code, result.response).toBe(250);
    expect(await delivery(deliveryId)).toMatchObject({ status: 'sent', to_address: customer });
    expect(await stored('<20240308090000.DSN1@mx.example.org>')).toMatchObject({
      kind: 'bounce',
      conversation_id: null,
      message_id: null,
    });
    expect(await unmatched()).toContainEqual(
      expect.objectContaining({
        rfcMessageId: '<20240308090000.DSN1@mx.example.org>',
        recipients: ['dave@example.org'],
        reason: 'recipient_mismatch',
      }),
    );
  });

  it('ignores a report about a Message-ID that was never sent (only queued, or unknown)', async () => {
    const queued = await reply(false);
    const before = await conversationCount();
    const first = await bounce(queued.rfcId, customer);
    expect(await delivery(queued.deliveryId)).toMatchObject({ status: 'queued' });
    const second = await bounce('<never-sent-by-us@north.test>', customer);
    expect(await stored(first)).toMatchObject({ conversation_id: null });
    expect(await stored(second)).toMatchObject({ conversation_id: null });
    expect(await conversationCount()).toBe(before);
    const listed = await unmatched();
    expect(listed).toContainEqual(expect.objectContaining({ rfcMessageId: first, reason: 'not_sent' }));
    expect(listed).toContainEqual(expect.objectContaining({ rfcMessageId: second, reason: 'unknown_message' }));
  });

  it('pages the unmatched bounces newest first, each with its inbox, status and diagnostic', async () => {
    const forged = [];
    for (const n of [1, 2, 3]) forged.push(await bounce(`<never-sent-${n}@north.test>`, `stranger${n}@example.org`));
    const owner = await signIn(k.app, k.agency.owner.email);
    type Listed = {
      rfcMessageId: string;
      createdAt: string;
      inboxName: string;
      inboxAddress: string;
      status: string | null;
      diagnostic: string | null;
      recipients: string[];
      reason: string;
    };
    const pages: Listed[][] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `limit=2&cursor=${encodeURIComponent(cursor)}` : 'limit=2';
      const response = await owner.request({ method: 'GET', url: `/api/v1/email/bounces?${query}` });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json() as { items: Listed[]; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      pages.push(body.items);
      cursor = body.nextCursor;
    } while (cursor && pages.length < 50);
    expect(cursor).toBeNull();
    const listed = pages.flat();
    const [{ n }] = (await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM email_messages WHERE kind = 'bounce' AND conversation_id IS NULL`,
    )) as [{ n: number }];
    // Every unmatched bounce exactly once, across more than one page, newest first.
    expect(pages.length).toBeGreaterThan(1);
    expect(listed.map((b) => b.rfcMessageId)).toHaveLength(n);
    expect(new Set(listed.map((b) => b.rfcMessageId)).size).toBe(n);
    const times = listed.map((b) => Date.parse(b.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(listed.slice(0, 3).map((b) => b.rfcMessageId)).toEqual([...forged].reverse());
    expect(listed[0]).toMatchObject({
      inboxName: 'Support',
      inboxAddress: 'support@north.test',
      status: '5.1.1',
      recipients: ['stranger3@example.org'],
      reason: 'unknown_message',
    });
    expect(listed[0]!.diagnostic).toContain('User unknown');
  });

  it('refuses a cursor it did not write with a clear error', async () => {
    const owner = await signIn(k.app, k.agency.owner.email);
    const response = await owner.request({ method: 'GET', url: '/api/v1/email/bounces?cursor=not-a-cursor' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('shows unmatched bounces to managers only, each within its client', async () => {
    const agent = await signIn(k.app, k.agency.northAgent.email);
    expect((await agent.request({ method: 'GET', url: '/api/v1/email/bounces' })).statusCode).toBe(403);
    const portal = await signIn(k.app, k.agency.north.clientUserEmail);
    expect((await portal.request({ method: 'GET', url: '/api/v1/email/bounces' })).statusCode).toBe(403);
  });
});
