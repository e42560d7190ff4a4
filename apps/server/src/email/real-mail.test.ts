import type { ConversationDetail, Message } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';

/**
 * Mail as it really arrives (shapes from Python's e-mail test corpus and common clients), delivered
 * through a real SMTP session and read back through the desk's HTTP API.
 */
describe('real-world mail through SMTP', () => {
  let k: EmailKit;
  let agent: Session;
  beforeAll(async () => {
    k = await startEmailKit();
    agent = await signIn(k.app, k.agency.northAgent.email);
  });
  afterAll(() => k.stop());

  const record = async (rfcId: string) =>
    k.rows<{ conversation_id: string | null; message_id: string | null; raw: Uint8Array | null }>(
      sql`SELECT conversation_id, message_id, raw FROM email_messages WHERE rfc_message_id = ${rfcId} AND direction = 'in' ORDER BY created_at`,
    );
  const deskMessage = async (conversationId: string | null, messageId: string | null): Promise<Message> => {
    const response = await agent.request({ method: 'GET', url: `/api/v1/conversations/${conversationId}` });
    expect(response.statusCode).toBe(200);
    const found = (response.json() as ConversationDetail).messages.find((m) => m.id === messageId);
    if (!found) throw new Error(`message ${messageId} is not on the desk`);
    return found;
  };
  const deliver = async (raw: Buffer | string, from = 'sender@example.com') => {
    const result = await k.send(raw, { from, to: ['support@north.test'] });
    expect(result.code, result.response).toBe(250);
  };
  const deliverFixture = async (name: string) => deliver(await k.fixture(`real-mail/${name}`));

  it('stores a message with NUL bytes in its header and body (no endless 451), its raw source untouched', async () => {
    const raw = Buffer.from(
      'From: "Nul\0 Sender" <nul@example.com>\r\nTo: support@north.test\r\nSubject: order\0 4410\r\n' +
        'Message-ID: <nul-0001@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="n"\r\n\r\n' +
        '--n\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nWhere is\0 my order 4410?\r\n' +
        '--n\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Where is\0 my order 4410?</p>\r\n' +
        '--n\r\nContent-Type: text/plain; name="no\0te.txt"\r\nContent-Disposition: attachment; filename="no\0te.txt"\r\n\r\nbytes\0kept\r\n--n--\r\n',
      'latin1',
    );
    await deliver(raw);
    const [row] = await record('<nul-0001@example.com>');
    expect(row?.conversation_id).toBeTruthy();
    expect(Buffer.from(row!.raw!).equals(raw)).toBe(true);
    const message = await deskMessage(row!.conversation_id, row!.message_id);
    expect(message.bodyText).toContain('my order 4410?');
    expect(message.bodyText).not.toContain('\0');
    expect(message.author.name).not.toContain('\0');
    expect(message.attachments.map((a) => a.filename)).toEqual(['note.txt']);
    const [conversation] = await k.rows<{ subject: string }>(
      sql`SELECT subject FROM conversations WHERE id = ${row!.conversation_id}`,
    );
    expect(conversation!.subject).toBe('order 4410');
  });

  it('recovers the body of a message whose header block has no blank line after it', async () => {
    await deliverFixture('header-without-blank-line.eml');
    const [row] = await record('<no-blank-line-0001@dom.example>');
    const message = await deskMessage(row!.conversation_id, row!.message_id);
    expect(message.bodyText).toBe(
      "counter to RFC 5322, there's no separating newline here\nand my order 5150 never arrived.",
    );
    const [conversation] = await k.rows<{ subject: string }>(
      sql`SELECT subject FROM conversations WHERE id = ${row!.conversation_id}`,
    );
    expect(conversation!.subject).toBe("here's something interesting");
  });

  it('shows a GroupWise forward (an empty text part and a message/rfc822 part) inline, with its attachments', async () => {
    await deliverFixture('groupwise-forward.eml');
    const [row] = await record('<65E6F0A1020000A10004C3B2@gwia.gw.example.org>');
    const message = await deskMessage(row!.conversation_id, row!.message_id);
    expect(message.bodyText).toContain('Forwarded message');
    expect(message.bodyText).toContain('From: Hank Marsh <hank@example.net>');
    expect(message.bodyText).toContain('Subject: Broken heater');
    expect(message.bodyText).toContain('The heater from order 7731 stopped working after two days.');
    expect(message.attachments.map((a) => [a.filename, a.contentType]).sort()).toEqual([
      ['Broken heater.eml', 'message/rfc822'],
      ['receipt-7731.pdf', 'application/pdf'],
    ]);
  });

  it('shows every message of a MIME digest inline', async () => {
    await deliverFixture('digest.eml');
    const [row] = await record('<digest-0002@lists.example.org>');
    const message = await deskMessage(row!.conversation_id, row!.message_id);
    expect(message.bodyText).toContain("Today's Topics:");
    const ivy = message.bodyText.indexOf('My tent pole from order 3310 snapped on the first night.');
    const jack = message.bodyText.indexOf('Mine too, North Gear sent a spare within a week.');
    expect(ivy).toBeGreaterThan(0);
    expect(jack).toBeGreaterThan(ivy);
    expect(message.bodyText).toContain('From: Ivy Stone <ivy@example.net>');
    expect(message.bodyText).toContain('Subject: Re: Tent pole snapped');
  });
});
