import type { ConversationDetail, EmailOfMessage } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { type EmailKit, signedWebhookHeaders, sql, startEmailKit } from './email-test-kit.js';

const mail = (from: string, id: string, body: string, extra = '') =>
  `From: ${from}\r\nTo: support@north.test\r\nSubject: About my order\r\nDate: Thu, 7 Mar 2024 10:00:00 +0000\r\nMessage-ID: <${id}>\r\n${extra}\r\n${body}\r\n`;
const reply = (from: string, id: string, to: string, body: string) =>
  mail(from, id, body, `In-Reply-To: <${to}>\r\nReferences: <${to}>\r\n`).replace('About my order', 'Re: my order');

/**
 * A Message-ID is the sender's promise, not a fact: a broken generator or a forger reuses one. A
 * redelivery is the same Message-ID with the same content; another message under that id is kept and
 * marked, and replies to either still find their own conversation.
 */
describe('a reused Message-ID', () => {
  let k: EmailKit;
  let agent: Session;
  let secret: string;
  beforeAll(async () => {
    k = await startEmailKit();
    agent = await signIn(k.app, k.agency.northAgent.email);
    const owner = await signIn(k.app, k.agency.owner.email);
    const set = await owner.request({
      method: 'POST',
      url: `/api/v1/clients/${k.agency.north.id}/inboxes/${k.agency.north.inboxId}/email-webhook-secret`,
    });
    expect(set.statusCode).toBe(201);
    secret = (set.json() as { secret: string }).secret;
  });
  afterAll(() => k.stop());

  const records = (rfcId: string) =>
    k.rows<{ conversation_id: string | null; message_id: string | null }>(
      sql`SELECT conversation_id, message_id FROM email_messages WHERE rfc_message_id = ${rfcId} AND direction = 'in' ORDER BY created_at`,
    );
  const bodyOf = async (row: { conversation_id: string | null; message_id: string | null }) => {
    const response = await agent.request({ method: 'GET', url: `/api/v1/conversations/${row.conversation_id}` });
    return (response.json() as ConversationDetail).messages.find((m) => m.id === row.message_id)?.bodyText;
  };
  const emailOf = async (messageId: string | null) => {
    const response = await agent.request({ method: 'GET', url: `/api/v1/email/messages/${messageId}` });
    expect(response.statusCode).toBe(200);
    return response.json() as EmailOfMessage;
  };
  const smtp = async (raw: string) => {
    const result = await k.send(raw, { from: 'sender@example.com', to: ['support@north.test'] });
    expect(result.code, result.response).toBe(250);
  };
  // The webhook stores one e-mail in a transaction of its own (receiveEmail), SMTP in group commits.
  const webhook = async (raw: string) => {
    const response = await k.app.inject({
      method: 'POST',
      url: '/api/v1/inbound/email/key-north',
      headers: signedWebhookHeaders(secret, raw),
      payload: raw,
    });
    expect(response.statusCode).toBe(202);
    return (response.json() as { outcome: string }).outcome;
  };

  it('over SMTP: keeps the second message, marks it, still drops redeliveries, and threads replies to each', async () => {
    const id = 'reused-0001@mailer.example';
    const first = mail('Rita <rita@example.com>', id, 'My order 8801 is late.');
    const second = mail('Sam <sam@example.net>', id, 'Please cancel order 9902.');
    for (const raw of [first, first, second, second]) await smtp(raw);
    const rows = await records(`<${id}>`);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.conversation_id).not.toBe(rows[0]!.conversation_id);
    expect(await bodyOf(rows[0]!)).toBe('My order 8801 is late.');
    expect(await bodyOf(rows[1]!)).toBe('Please cancel order 9902.');
    expect(await emailOf(rows[0]!.message_id)).toMatchObject({ reusedMessageId: false });
    expect(await emailOf(rows[1]!.message_id)).toMatchObject({ rfcMessageId: `<${id}>`, reusedMessageId: true });
    await smtp(reply('Rita <rita@example.com>', 'rita-0002@example.com', id, 'Any news?'));
    await smtp(reply('Sam <sam@example.net>', 'sam-0002@example.net', id, 'Cancelled yet?'));
    expect((await records('<rita-0002@example.com>'))[0]!.conversation_id).toBe(rows[0]!.conversation_id);
    expect((await records('<sam-0002@example.net>'))[0]!.conversation_id).toBe(rows[1]!.conversation_id);
  });

  it('by webhook: the same, one e-mail per transaction', async () => {
    const id = 'reused-0002@mailer.example';
    const first = mail('Tia <tia@example.com>', id, 'The zipper of order 4471 broke.');
    const second = mail('Tia <tia@example.com>', id, 'And the hood of order 4471 tore.');
    expect(await webhook(first)).toBe('created');
    expect(await webhook(first)).toBe('duplicate');
    expect(['created', 'continued']).toContain(await webhook(second));
    expect(await webhook(second)).toBe('duplicate');
    const rows = await records(`<${id}>`);
    expect(rows).toHaveLength(2);
    expect(await bodyOf(rows[1]!)).toBe('And the hood of order 4471 tore.');
    expect(await emailOf(rows[1]!.message_id)).toMatchObject({ reusedMessageId: true });
  });
});
