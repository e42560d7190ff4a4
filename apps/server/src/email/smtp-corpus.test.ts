import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineDeliverEmailJob } from './deliver-email.js';
import { upsertEmailInboxConfig } from './email-repository.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';
import { queueEmailReply } from './queue-email-reply.js';

type Received = { conversationId: string | null; kind: string; messageId: string | null };
type MessageRow = {
  body_text: string;
  body_html: string | null;
  language: string;
  kind: string;
  activity: Record<string, unknown> | null;
};

/**
 * The fixture corpus (fixtures/*.eml: Gmail, Outlook, Apple Mail and Thunderbird threads, forwards,
 * five charsets, Persian, attachments, inline images, bounces, out-of-office, newsletter replies,
 * malformed MIME), each delivered through a real SMTP session, in order, with what must result.
 */
describe('e-mail corpus through SMTP', () => {
  let k: EmailKit;
  const received = async (rfcId: string): Promise<Received> => {
    const [row] = await k.rows<Received>(
      sql`SELECT conversation_id AS "conversationId", kind, message_id AS "messageId" FROM email_messages WHERE rfc_message_id = ${rfcId} AND direction = 'in'`,
    );
    if (!row) throw new Error(`${rfcId} was not stored`);
    return row;
  };
  const message = async (id: string | null) =>
    (
      await k.rows<MessageRow>(
        sql`SELECT body_text, body_html, language, kind, activity FROM messages WHERE id = ${id}`,
      )
    )[0]!;
  const files = (id: string | null) =>
    k.rows<{ filename: string; content_type: string; size: number }>(
      sql`SELECT filename, content_type, size FROM attachments WHERE message_id = ${id} ORDER BY filename`,
    );
  const conversation = async (id: string | null) =>
    (
      await k.rows<{ number: number; status: string; subject: string; client_id: string; waiting_since: Date | null }>(
        sql`SELECT number, status, subject, client_id, waiting_since FROM conversations WHERE id = ${id}`,
      )
    )[0]!;
  const deliver = async (name: string, replace: Record<string, string> = {}, to = ['support@north.test']) => {
    const result = await k.send(await k.fixture(name, replace), { from: 'sender@example.com', to });
    expect(result.code, `${name}: ${result.response}`).toBe(250);
  };

  beforeAll(async () => {
    k = await startEmailKit();
    const { north } = k.agency;
    await upsertEmailInboxConfig(k.database.db, {
      clientId: north.id,
      inboxId: north.inboxId,
      autoAck: { en: { subject: 'We received your message', body: 'Thank you, we will answer soon.' } },
    });
  });
  afterAll(() => k.stop());

  it('has at least 40 real-shaped messages', async () => {
    const names = await readdir(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures'));
    expect(names.filter((n) => n.endsWith('.eml')).length).toBeGreaterThanOrEqual(40);
  });

  it('refuses an unknown recipient at RCPT with 550', async () => {
    const result = await k.send(await k.fixture('01-gmail-new.eml'), { to: ['nobody@north.test'] });
    expect(result.code).toBe(550);
  });

  it('threads a Gmail conversation by In-Reply-To and by References alone, folding the quote', async () => {
    await deliver('01-gmail-new.eml');
    await deliver('02-gmail-reply.eml');
    await deliver('03-gmail-references-only.eml');
    const first = await received('<CAF=alice001@mail.gmail.com>');
    expect((await received('<CAF=alice002@mail.gmail.com>')).conversationId).toBe(first.conversationId);
    expect((await received('<CAF=alice003@mail.gmail.com>')).conversationId).toBe(first.conversationId);
    const reply = await message((await received('<CAF=alice002@mail.gmail.com>')).messageId);
    expect(reply.body_text).toBe('Any news? It is a gift for Saturday.');
    expect(reply.body_html).toContain('class="sb-quote"');
    expect((await conversation(first.conversationId)).subject).toBe('Where is my order 1042?');
    expect(k.seen.some((e) => e.type === 'conversation.created' && e.conversationId === first.conversationId)).toBe(
      true,
    );
  });

  it('sends one auto-acknowledgement for a new conversation, with the ticket token', async () => {
    const first = await received('<CAF=alice001@mail.gmail.com>');
    const acks = await k.rows<{ subject: string; to_address: string; in_reply_to: string }>(
      sql`SELECT subject, to_address, in_reply_to FROM email_deliveries WHERE kind = 'auto_ack' AND conversation_id = ${first.conversationId}`,
    );
    const { number } = await conversation(first.conversationId);
    expect(acks).toEqual([
      {
        subject: `We received your message [North #${number}]`,
        to_address: 'alice.walker@gmail.com',
        in_reply_to: '<CAF=alice001@mail.gmail.com>',
      },
    ]);
  });

  it('threads Outlook by Thread-Index when the reply carries no In-Reply-To', async () => {
    await deliver('04-outlook-new.eml');
    await deliver('05-outlook-reply-thread-index.eml');
    const first = await received('<DB9PR01MB0001ABCD@DB9PR01MB0001.eurprd01.prod.outlook.com>');
    const reply = await received('<DB9PR01MB0002EFGH@DB9PR01MB0001.eurprd01.prod.outlook.com>');
    expect(reply.conversationId).toBe(first.conversationId);
    const html = (await message(first.messageId)).body_html!;
    expect(html).not.toContain('<style');
    expect((await message(reply.messageId)).body_text).toBe('I attached no photo, but it is the main zipper.');
  });

  it('threads Apple Mail and Thunderbird replies', async () => {
    for (const name of ['06-apple-new.eml', '07-apple-reply.eml', '08-thunderbird-new.eml', '09-thunderbird-reply.eml'])
      await deliver(name);
    const apple = await received('<5F1C2B3A-0D4E-4A6B-9C8D-7E6F5A4B3C2D@icloud.com>');
    expect((await received('<9A8B7C6D-5E4F-4321-ABCD-EF0123456789@icloud.com>')).conversationId).toBe(
      apple.conversationId,
    );
    expect(
      (await message((await received('<9A8B7C6D-5E4F-4321-ABCD-EF0123456789@icloud.com>')).messageId)).body_html,
    ).toContain('sb-quote');
    const tb = await received('<4b2c1d0e-1111-2222-3333-444455556666@example.org>');
    const tbReply = await received('<7c8d9e0f-aaaa-bbbb-cccc-ddddeeeeffff@example.org>');
    expect(tbReply.conversationId).toBe(tb.conversationId);
    expect((await message(tbReply.messageId)).body_text).toBe('Thank you, Friday works.');
  });

  it('opens forwards as new conversations and keeps the forwarded text and message', async () => {
    await deliver('10-forward-inline.eml');
    await deliver('11-forward-as-attachment.eml');
    const inline = await received('<CAF=erin001@mail.gmail.com>');
    expect((await message(inline.messageId)).body_text).toContain('Total: 129.00 EUR');
    const attached = await received('<fwd-attach-0001@proton.test>');
    expect(await files(attached.messageId)).toEqual([
      expect.objectContaining({ filename: 'courier.eml', content_type: 'message/rfc822' }),
    ]);
  });

  it('decodes ISO-2022-JP, windows-1256, KOI8-R, GB18030, base64 UTF-8 and Latin-1 quoted-printable', async () => {
    const expected: [string, string, string][] = [
      ['12-charset-iso-2022-jp.eml', '<jp-0001@example.jp>', '日本語のメールです'],
      ['13-charset-windows-1256.eml', '<w1256-0001@example.ir>', 'سلام، سفارش من هنوز'],
      ['14-charset-koi8-r.eml', '<koi8-0001@example.ru>', 'Здравствуйте! Где мой заказ?'],
      ['15-charset-gb18030.eml', '<gb-0001@example.cn>', '你好，我的订单还没有到。'],
      ['16-charset-utf8-base64.eml', '<utf8b64-0001@example.net>', 'Thank you so much! 🎉'],
      [
        '44-latin1-quoted-printable.eml',
        '<latin1-qp-0001@example.de>',
        'Schöne Grüße, wo bleibt meine Bestellung? Die Jacke ist für meinen Sohn.',
      ],
    ];
    for (const [name, id, text] of expected) {
      await deliver(name);
      expect((await message((await received(id)).messageId)).body_text, name).toContain(text);
    }
    const jp = await received('<jp-0001@example.jp>');
    expect((await conversation(jp.conversationId)).subject).toBe('注文について');
    expect((await conversation((await received('<latin1-qp-0001@example.de>')).conversationId)).subject).toBe(
      'Grüße und eine Frage',
    );
  });

  it('threads a Persian conversation and marks it Persian', async () => {
    await deliver('17-persian-gmail.eml');
    await deliver('18-persian-reply.eml');
    const first = await received('<CAF=sara001@mail.gmail.com>');
    const reply = await received('<CAF=sara002@mail.gmail.com>');
    expect(reply.conversationId).toBe(first.conversationId);
    expect((await conversation(first.conversationId)).subject).toBe('سؤال درباره ارسال');
    const text = await message(reply.messageId);
    expect(text.language).toBe('fa');
    expect(text.body_text).toBe('ممنون، منتظر می‌مانم.');
  });

  it('stores attachments (RFC 2231 names, winmail.dat, calendar) and shows cid images inline', async () => {
    for (const name of [
      '19-attachment-pdf.eml',
      '20-attachment-rfc2231-names.eml',
      '21-inline-image-cid.eml',
      '22-winmail-dat.eml',
      '45-calendar-invite.eml',
    ])
      await deliver(name);
    expect(await files((await received('<attach-pdf-0001@example.com>')).messageId)).toEqual([
      { filename: 'invoice.pdf', content_type: 'application/pdf', size: 69 },
    ]);
    expect((await files((await received('<attach-2231-0001@example.ir>')).messageId)).map((f) => f.filename)).toEqual([
      'photo.png',
      'فاکتور.pdf',
    ]);
    const inline = await received('<inline-cid-0001@example.com>');
    const [image] = await k.rows<{ id: string }>(
      sql`SELECT id FROM attachments WHERE message_id = ${inline.messageId}`,
    );
    expect((await message(inline.messageId)).body_html).toContain(
      `src="/api/v1/email/attachments/${image!.id}/content"`,
    );
    expect((await files((await received('<tnef-0001@corp.example>')).messageId)).map((f) => f.filename)).toContain(
      'winmail.dat',
    );
    expect((await files((await received('<invite-0001@example.com>')).messageId)).map((f) => f.content_type)).toContain(
      'text/calendar',
    );
  });

  it('blocks remote images until asked, keeping them for "show images"', async () => {
    await deliver('23-remote-images.eml');
    const mail = await received('<remote-img-0001@example.com>');
    const html = (await message(mail.messageId)).body_html!;
    expect(html).not.toMatch(/\ssrc="https?:/);
    expect(html).toContain('data-blocked-src="https://tracker.example.net/pixel.gif?u=kim"');
    const [row] = await k.rows<{ remote_images: boolean; html_with_images: string }>(
      sql`SELECT remote_images, html_with_images FROM email_messages WHERE rfc_message_id = '<remote-img-0001@example.com>'`,
    );
    expect(row!.remote_images).toBe(true);
    expect(row!.html_with_images).toContain('src="http://images.example.net/photo.jpg"');
  });

  it('attaches a DSN bounce to the reply it concerns as a delivery failure, without a new ticket', async () => {
    const dave = await received('<4b2c1d0e-1111-2222-3333-444455556666@example.org>');
    const [agentMessage] = await k.rows<{
      id: string;
    }>(sql`INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text)
      VALUES (${k.agency.north.id}, ${dave.conversationId}, 'outgoing', 'agent', 'Nora', 'It ships tomorrow.') RETURNING id`);
    const deliveryId = await k.database.db.transaction((tx) =>
      queueEmailReply(tx, {
        clientId: k.agency.north.id,
        conversationId: dave.conversationId!,
        messageId: agentMessage!.id,
        body: 'It ships tomorrow.',
      }),
    );
    // Sent for real (to the mail catcher): only a report about mail that went out is a delivery failure.
    await defineDeliverEmailJob({ db: k.database.db, storage: k.storage, events: k.events }).handler(
      { clientId: k.agency.north.id, deliveryId: deliveryId! },
      {
        jobId: 'corpus',
        retryCount: 0,
        signal: new AbortController().signal,
        logger: { info: () => {}, warn: () => {}, error: () => {} },
      },
    );
    const [sent] = await k.rows<{ rfc_message_id: string }>(
      sql`SELECT rfc_message_id FROM email_deliveries WHERE id = ${deliveryId}`,
    );
    const before = await k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations`);
    await deliver('24-dsn-bounce.eml', { ORIGINAL_ID: sent!.rfc_message_id });
    const bounce = await received('<20240308090000.DSN1@mx.example.org>');
    expect(bounce.kind).toBe('bounce');
    expect(bounce.conversationId).toBe(dave.conversationId);
    const notice = await message(bounce.messageId);
    expect(notice.kind).toBe('activity');
    expect(notice.activity).toMatchObject({
      action: 'email.delivery_failed',
      recipient: 'dave@example.org',
      code: '5.1.1',
    });
    expect((await message(agentMessage!.id)).activity).toMatchObject({ delivery: { status: 'failed' } });
    await deliver('25-dsn-bounce-unknown.eml');
    expect((await received('<dsn-unknown-0001@googlemail.com>')).conversationId).toBeNull();
    expect(await k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations`)).toEqual(before);
  });

  it('takes a standard delivery-status report from a relay (not a mailer-daemon) as a bounce, opening no ticket', async () => {
    const before = await k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations`);
    await deliver('47-dsn-rfc3464-relay.eml', {
      DSN_ID: '<dsn-relay-0001@relay.example.net>',
      ORIGINAL_ID: '<not-ours-0001@north.test>',
      RECIPIENT: 'dave@example.org',
    });
    expect(await received('<dsn-relay-0001@relay.example.net>')).toMatchObject({
      kind: 'bounce',
      conversationId: null,
    });
    expect(await k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM conversations`)).toEqual(before);
  });

  it('attaches an out-of-office without reopening or restarting the clock; an unthreaded one opens nothing', async () => {
    const alice = await received('<CAF=alice001@mail.gmail.com>');
    await k.rows(
      sql`UPDATE conversations SET status = 'resolved', waiting_since = NULL WHERE id = ${alice.conversationId}`,
    );
    await deliver('26-out-of-office-reply.eml');
    const ooo = await received('<ooo-alice-0001@mail.gmail.com>');
    expect(ooo).toMatchObject({ conversationId: alice.conversationId, kind: 'auto_reply' });
    expect(await conversation(alice.conversationId)).toMatchObject({ status: 'resolved', waiting_since: null });
    await deliver('27-out-of-office-unthreaded.eml');
    expect((await received('<ooo-leo-0001@corp.example>')).conversationId).toBeNull();
  });

  it('keeps replies of different people to one newsletter apart, and each person’s replies together', async () => {
    for (const name of [
      '28-newsletter-reply-frank.eml',
      '29-newsletter-reply-grace.eml',
      '30-newsletter-reply-frank-again.eml',
    ])
      await deliver(name);
    const frank = await received('<nl-reply-frank-0001@proton.test>');
    const grace = await received('<nl-reply-grace-0001@example.edu>');
    expect(grace.conversationId).not.toBe(frank.conversationId);
    expect((await received('<nl-reply-frank-0002@proton.test>')).conversationId).toBe(frank.conversationId);
  });

  it('never acknowledges list, bulk, no-reply or automatic mail', async () => {
    for (const name of ['31-mailing-list.eml', '32-noreply-sender.eml']) await deliver(name);
    const acks = await k.rows<{ to_address: string }>(
      sql`SELECT to_address FROM email_deliveries WHERE kind = 'auto_ack'`,
    );
    const to = acks.map((a) => a.to_address);
    for (const address of [
      'outdoor-list@lists.example.org',
      'no-reply@marketplace.example',
      'leo@corp.example',
      'mailer-daemon@googlemail.com',
    ])
      expect(to).not.toContain(address);
    expect(to).toContain('alice.walker@gmail.com');
  });

  it('stores malformed MIME safely', async () => {
    for (const name of [
      '33-malformed-missing-close-boundary.eml',
      '34-malformed-multipart-no-boundary.eml',
      '35-malformed-bad-base64.eml',
    ])
      await deliver(name);
    expect((await message((await received('<malformed-boundary-0001@example.com>')).messageId)).body_text).toContain(
      'boundary that never closes',
    );
    expect((await received('<malformed-noboundary-0001@example.com>')).conversationId).not.toBeNull();
    expect((await message((await received('<malformed-b64-0001@example.com>')).messageId)).body_text).toContain(
      'Hello world',
    );
  });

  it('renders hostile HTML inert', async () => {
    await deliver('36-hostile-html.eml');
    const html = (await message((await received('<hostile-0001@evil.example>')).messageId)).body_html!;
    for (const bad of [
      '<script',
      'onerror',
      'onload',
      'onclick',
      'javascript:',
      '<iframe',
      '<style',
      '<form',
      '<object',
      'style=',
      '//evil.example',
      '<svg',
      '<math',
    ])
      expect(html.toLowerCase(), bad).not.toContain(bad);
    expect(html).toContain('href="https://shop.example/i/1"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
  });

  it('derives an id for mail without Message-ID, so a redelivery is not stored twice', async () => {
    await deliver('37-no-message-id.eml');
    await deliver('37-no-message-id.eml');
    await deliver('01-gmail-new.eml');
    const rows = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM messages WHERE body_text LIKE 'My mail client sends no Message-ID.%'`,
    );
    expect(rows).toEqual([{ n: 1 }]);
    const alice = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM messages WHERE source_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    expect(alice).toEqual([{ n: 1 }]);
  });

  it('threads by ticket token only for the same customer', async () => {
    const alice = await received('<CAF=alice001@mail.gmail.com>');
    const { number } = await conversation(alice.conversationId);
    await deliver('38-token-reply.eml', { ALICE_NUMBER: String(number) });
    await deliver('39-token-other-customer.eml', { ALICE_NUMBER: String(number) });
    expect((await received('<alice-token-0001@mail.gmail.com>')).conversationId).toBe(alice.conversationId);
    // A customer writing again reopens the conversation.
    expect((await conversation(alice.conversationId)).status).toBe('open');
    expect((await received('<mallory-token-0001@evil.example>')).conversationId).not.toBe(alice.conversationId);
  });

  it('falls back to subject only for a reply of the same customer, not for a new topic of another', async () => {
    await deliver('40-subject-fallback.eml');
    await deliver('41-same-subject-new-topic.eml');
    const dave = await received('<4b2c1d0e-1111-2222-3333-444455556666@example.org>');
    expect((await received('<dave-fallback-0001@example.org>')).conversationId).toBe(dave.conversationId);
    expect((await received('<quinn-0001@example.com>')).conversationId).not.toBe(dave.conversationId);
  });

  it('never threads across clients', async () => {
    await deliver('42-cross-client-reply.eml', {}, ['support@south.test']);
    const south = await received('<CAF=alice-south-001@mail.gmail.com>');
    expect((await conversation(south.conversationId)).client_id).toBe(k.agency.south.id);
  });

  it('takes HTML-only and empty messages', async () => {
    await deliver('43-html-only.eml');
    await deliver('46-empty-body.eml');
    expect((await message((await received('<html-only-0001@example.com>')).messageId)).body_text).toContain(
      'I would like to return order 2001.',
    );
    expect((await received('<empty-0001@example.com>')).conversationId).not.toBeNull();
  });

  it('delivered every fixture', async () => {
    const names = (await readdir(path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures'))).filter((n) =>
      n.endsWith('.eml'),
    );
    const [count] = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM email_messages WHERE direction = 'in'`,
    );
    expect(count!.n).toBe(names.length);
  });
});
