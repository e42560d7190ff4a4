import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { type EmailKit, signedWebhookHeaders, sql, startEmailKit } from './email-test-kit.js';

describe('inbound webhook, raw source and attachments', () => {
  let k: EmailKit;
  let owner: Session;
  let secret: string;
  const secretUrl = () => `/api/v1/clients/${k.agency.north.id}/inboxes/${k.agency.north.inboxId}/email-webhook-secret`;
  beforeAll(async () => {
    k = await startEmailKit();
    owner = await signIn(k.app, k.agency.owner.email);
    const made = await owner.request({ method: 'POST', url: secretUrl() });
    expect(made.statusCode, made.body).toBe(201);
    secret = (made.json() as { secret: string }).secret;
  });
  afterAll(() => k.stop());

  const pushWith = (raw: Buffer | string, headers: Record<string, string>, key = 'key-north') =>
    k.app.inject({ method: 'POST', url: `/api/v1/inbound/email/${key}`, headers, payload: raw });
  const push = (raw: Buffer | string, key = 'key-north') => pushWith(raw, signedWebhookHeaders(secret, raw), key);
  const storedCount = async (rfcId: string) =>
    (
      await k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM email_messages WHERE rfc_message_id = ${rfcId}`)
    )[0]!.n;
  const mail = (id: string, body = 'Hello, where is my order?') =>
    Buffer.from(
      `From: Kim <kim@customer.test>\r\nTo: support@north.test\r\nSubject: Order ${id}\r\n` +
        `Message-ID: <${id}@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n`,
    );
  /** What an outsider is told: the same problem for every refusal. */
  const refusal = (response: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }) => {
    expect(response.statusCode).toBe(401);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    const { instance: _instance, ...problem } = response.json() as Record<string, unknown>;
    return problem;
  };

  it('takes a signed raw MIME message once, and refuses a wrong secret or key alike', async () => {
    const raw = await k.fixture('19-attachment-pdf.eml');
    const unknownKey = refusal(await push(raw, 'key-nobody'));
    const otherSecret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    expect(refusal(await pushWith(raw, signedWebhookHeaders(otherSecret, raw)))).toEqual(unknownKey);
    // South's inbox has no signing secret: North's signature opens nothing there.
    expect(refusal(await push(raw, 'key-south'))).toEqual(unknownKey);
    const headers = signedWebhookHeaders(secret, raw);
    const first = await pushWith(raw, headers);
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ outcome: 'created' });
    const [row] = await k.rows<{ n: number; via: string }>(
      sql`SELECT count(*)::int AS n, min(via) AS via FROM email_messages WHERE rfc_message_id = '<attach-pdf-0001@example.com>'`,
    );
    expect(row).toEqual({ n: 1, via: 'webhook' });
    // A provider's retry of the same request, and the same message sent anew, are both recognised.
    expect((await pushWith(raw, headers)).json()).toMatchObject({ outcome: 'duplicate' });
    expect((await push(raw)).json()).toMatchObject({ outcome: 'duplicate' });
    expect(await storedCount('<attach-pdf-0001@example.com>')).toBe(1);
  });

  it('answers a signed empty body by its code', async () => {
    const empty = await push('');
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'EMAIL_BODY_EMPTY' });
  });

  it('refuses a changed body under a signature made for another, and stores nothing', async () => {
    const signed = mail('tamper-0001');
    const changed = mail('tamper-0001', 'Please refund 5000 EUR to the account below.');
    expect(refusal(await pushWith(changed, signedWebhookHeaders(secret, signed)))).toEqual(
      refusal(await push(signed, 'key-nobody')),
    );
    expect(await storedCount('<tamper-0001@customer.test>')).toBe(0);
  });

  it('refuses a stale or future timestamp, missing signature headers and the old bearer secret', async () => {
    const raw = mail('stale-0001');
    const minutes = (n: number) => new Date(Date.now() + n * 60_000);
    const unknown = refusal(await push(raw, 'key-nobody'));
    expect(refusal(await pushWith(raw, signedWebhookHeaders(secret, raw, { at: minutes(-6) })))).toEqual(unknown);
    expect(refusal(await pushWith(raw, signedWebhookHeaders(secret, raw, { at: minutes(6) })))).toEqual(unknown);
    const { 'webhook-signature': _signature, ...unsigned } = signedWebhookHeaders(secret, raw);
    expect(refusal(await pushWith(raw, unsigned))).toEqual(unknown);
    expect(refusal(await pushWith(raw, { 'content-type': 'message/rfc822' }))).toEqual(unknown);
    // The secret itself as a bearer (how the webhook was authorised before signing) opens nothing.
    expect(
      refusal(await pushWith(raw, { 'content-type': 'message/rfc822', authorization: `Bearer ${secret}` })),
    ).toEqual(unknown);
    expect(await storedCount('<stale-0001@customer.test>')).toBe(0);
    // Within the tolerance it is taken.
    expect((await pushWith(raw, signedWebhookHeaders(secret, raw, { at: minutes(-4) }))).statusCode).toBe(202);
  });

  it('stores a webhook-id sent twice (even at once) once, answering the second as a duplicate', async () => {
    const raw = mail('replay-0001');
    const headers = signedWebhookHeaders(secret, raw, { id: 'msg_replay_0001' });
    const answers = await Promise.all([pushWith(raw, headers), pushWith(raw, headers)]);
    expect(
      answers.map((a) => a.statusCode),
      answers.map((a) => a.body).join(' | '),
    ).toEqual([202, 202]);
    expect(answers.map((a) => (a.json() as { outcome: string }).outcome).sort()).toEqual(['created', 'duplicate']);
    const again = await pushWith(raw, headers);
    expect(again.json()).toEqual({ outcome: 'duplicate', conversationId: answers[0]!.json().conversationId });
    expect(await storedCount('<replay-0001@customer.test>')).toBe(1);
    const receipts = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM email_webhook_receipts WHERE webhook_id = 'msg_replay_0001'`,
    );
    expect(receipts[0]!.n).toBe(1);
  });

  it('forgets receipts from before the replay window when the next message comes', async () => {
    await k.rows(sql`INSERT INTO email_webhook_receipts (client_id, inbox_id, webhook_id, received_at)
      VALUES (${k.agency.north.id}, ${k.agency.north.inboxId}, 'msg_long_ago', now() - interval '1 hour')`);
    const raw = mail('prune-0001');
    expect((await push(raw)).statusCode).toBe(202);
    const left = await k.rows<{ webhook_id: string }>(
      sql`SELECT webhook_id FROM email_webhook_receipts WHERE webhook_id = 'msg_long_ago'`,
    );
    expect(left).toEqual([]);
  });

  it('a rotated secret replaces the old one at once', async () => {
    const rotated = await owner.request({ method: 'POST', url: secretUrl() });
    expect(rotated.statusCode).toBe(201);
    const next = (rotated.json() as { secret: string }).secret;
    expect(next).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(next).not.toBe(secret);
    const raw = mail('rotated-0001');
    refusal(await pushWith(raw, signedWebhookHeaders(secret, raw)));
    secret = next;
    expect((await push(raw)).statusCode).toBe(202);
  });

  it('serves the raw source and attachments to agents of the client only', async () => {
    const [mail] = await k.rows<{ message_id: string }>(
      sql`SELECT message_id FROM email_messages WHERE rfc_message_id = '<attach-pdf-0001@example.com>'`,
    );
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const raw = await agent.request({ method: 'GET', url: `/api/v1/email/messages/${mail!.message_id}/raw` });
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toBe('message/rfc822');
    expect(raw.body).toContain('Message-ID: <attach-pdf-0001@example.com>');
    const [file] = await k.rows<{ id: string }>(sql`SELECT id FROM attachments WHERE message_id = ${mail!.message_id}`);
    const download = await agent.request({ method: 'GET', url: `/api/v1/email/attachments/${file!.id}/content` });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain('attachment');
    expect(download.body.startsWith('%PDF')).toBe(true);
    const south = await signIn(k.app, k.agency.southAgent.email);
    expect(
      (await south.request({ method: 'GET', url: `/api/v1/email/messages/${mail!.message_id}/raw` })).statusCode,
    ).toBe(404);
    expect(
      (await south.request({ method: 'GET', url: `/api/v1/email/attachments/${file!.id}/content` })).statusCode,
    ).toBe(404);
  });

  it('keeps a small raw source in the e-mail row and a large one in storage; both download byte for byte', async () => {
    const small = await k.fixture('01-gmail-new.eml');
    const line = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n';
    const large = Buffer.from(
      `From: Big Sender <big@customer.test>\r\nTo: support@north.test\r\nSubject: A long story\r\n` +
        `Message-ID: <large-raw-0001@customer.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n` +
        line.repeat(4000),
    );
    expect(large.length).toBeGreaterThan(256 * 1024);
    const agent = await signIn(k.app, k.agency.northAgent.email);
    for (const [raw, inRow] of [
      [small, true],
      [large, false],
    ] as const) {
      const pushed = await push(raw);
      expect(pushed.statusCode).toBe(202);
      const rfcId = /^Message-ID: *(<[^>]+>)/im.exec(raw.toString('latin1'))![1]!;
      const [row] = await k.rows<{ message_id: string; in_row: boolean; raw_key: string | null; raw_size: number }>(
        sql`SELECT message_id, raw IS NOT NULL AS in_row, raw_key, raw_size FROM email_messages WHERE rfc_message_id = ${rfcId}`,
      );
      const messageId = row!.message_id;
      expect(row).toMatchObject({ in_row: inRow, raw_size: raw.length });
      expect(row!.raw_key === null).toBe(inRow);
      const details = await agent.request({ method: 'GET', url: `/api/v1/email/messages/${messageId}` });
      expect((details.json() as { rawUrl: string }).rawUrl).toBe(`/api/v1/email/messages/${messageId}/raw`);
      const download = await agent.request({ method: 'GET', url: `/api/v1/email/messages/${messageId}/raw` });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(raw)).toBe(true);
    }
  });

  it('serves "show images" HTML on request', async () => {
    expect((await push(await k.fixture('23-remote-images.eml'))).statusCode).toBe(202);
    const [mail] = await k.rows<{ message_id: string }>(
      sql`SELECT message_id FROM email_messages WHERE rfc_message_id = '<remote-img-0001@example.com>'`,
    );
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const details = await agent.request({ method: 'GET', url: `/api/v1/email/messages/${mail!.message_id}` });
    expect(details.json()).toMatchObject({
      remoteImages: true,
      rawUrl: `/api/v1/email/messages/${mail!.message_id}/raw`,
    });
    const shown = await agent.request({
      method: 'GET',
      url: `/api/v1/email/messages/${mail!.message_id}/html-with-images`,
    });
    expect((shown.json() as { html: string }).html).toContain('src="https://tracker.example.net/pixel.gif?u=kim"');
  });
});
