import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';

describe('inbound webhook, raw source and attachments', () => {
  let k: EmailKit;
  const secret = 'north-webhook-secret-0123456789';
  beforeAll(async () => {
    k = await startEmailKit();
    const owner = await signIn(k.app, k.agency.owner.email);
    const set = await owner.request({
      method: 'PUT',
      url: `/api/v1/clients/${k.agency.north.id}/inboxes/${k.agency.north.inboxId}/email-settings`,
      payload: { webhookSecret: secret },
    });
    expect(set.statusCode).toBe(204);
  });
  afterAll(() => k.stop());

  const push = (raw: Buffer | string, auth: string | null, key = 'key-north') =>
    k.app.inject({
      method: 'POST',
      url: `/api/v1/inbound/email/${key}`,
      headers: { 'content-type': 'message/rfc822', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
      payload: raw,
    });

  it('takes raw MIME with the inbox secret, once, and refuses a wrong secret or key alike', async () => {
    const raw = await k.fixture('19-attachment-pdf.eml');
    expect((await push(raw, 'wrong-secret-0123456789')).statusCode).toBe(401);
    expect([401, 403]).toContain((await push(raw, null)).statusCode); // no Bearer: the CSRF guard refuses first
    expect((await push(raw, secret, 'key-south')).statusCode).toBe(401);
    const first = await push(raw, secret);
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({ outcome: 'created' });
    expect((await push(raw, secret)).json()).toMatchObject({ outcome: 'duplicate' });
    const [row] = await k.rows<{ n: number; via: string }>(
      sql`SELECT count(*)::int AS n, min(via) AS via FROM email_messages WHERE rfc_message_id = '<attach-pdf-0001@example.com>'`,
    );
    expect(row).toEqual({ n: 1, via: 'webhook' });
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
      const pushed = await push(raw, secret);
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
    await push(await k.fixture('23-remote-images.eml'), secret);
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
