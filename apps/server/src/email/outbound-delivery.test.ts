import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { createJobRunner, type JobRunner } from '../platform/jobs/index.js';
import { upsertEmailInboxConfig } from './email-repository.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';
import { startEmailWorker } from './start-email-worker.js';

const waitFor = async <T>(read: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/** A test relay: a real SMTP server that keeps what it is given, and can be told to refuse. */
async function startRelay() {
  const received: Buffer[] = [];
  let refuse = false;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse) return callback(Object.assign(new Error('4.7.0 try later'), { responseCode: 451 }));
        received.push(Buffer.concat(chunks));
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    setRefuse: (value: boolean) => {
      refuse = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('outbound e-mail through the outbox', () => {
  let k: EmailKit;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let runner: JobRunner;
  let worker: { stop: () => Promise<void> };

  beforeAll(async () => {
    k = await startEmailKit();
    relay = await startRelay();
    runner = createJobRunner(k.database, { pollingIntervalSeconds: 0.5 });
    await runner.start();
    worker = await startEmailWorker({
      database: k.database,
      storage: k.storage,
      runner,
      events: k.events,
      relayUrl: relay.url,
      retry: { limit: 1, delaySeconds: 1 },
    });
    await upsertEmailInboxConfig(k.database.db, {
      clientId: k.agency.north.id,
      inboxId: k.agency.north.inboxId,
      signature: 'North Gear customer care',
    });
  });
  afterAll(async () => {
    await worker.stop();
    await runner.stop();
    await relay.close();
    await k.stop();
  });

  it('sends an agent reply that threads in the customer’s mail client', async () => {
    const delivered = await k.send(await k.fixture('01-gmail-new.eml'));
    expect(delivered.code).toBe(250);
    const [incoming] = await k.rows<{ conversation_id: string; number: number }>(
      sql`SELECT e.conversation_id, c.number FROM email_messages e JOIN conversations c ON c.id = e.conversation_id WHERE e.rfc_message_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const posted = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${incoming!.conversation_id}/messages`,
      payload: { kind: 'reply', body: 'Your tent ships today.\n\nTracking: NG-1042' },
    });
    expect(posted.statusCode).toBe(201);
    const messageId = (posted.json() as { id: string }).id;
    const raw = await waitFor(async () => relay.received[0]);
    const mail = await simpleParser(raw);
    expect(mail.from?.value[0]).toEqual({ address: 'support@north.test', name: 'North Gear' });
    expect(mail.to && 'value' in mail.to ? mail.to.value[0]?.address : null).toBe('alice.walker@gmail.com');
    expect(mail.subject).toBe(`Re: Where is my order 1042? [North #${incoming!.number}]`);
    expect(mail.inReplyTo).toBe('<CAF=alice001@mail.gmail.com>');
    expect([mail.references].flat()).toContain('<CAF=alice001@mail.gmail.com>');
    expect(mail.text).toContain('Tracking: NG-1042');
    expect(mail.text).toContain('North Gear customer care');
    expect(mail.html).toContain('<p>Your tent ships today.</p>');
    const [delivery] = await k.rows<{ rfc_message_id: string; status: string }>(
      sql`SELECT rfc_message_id, status FROM email_deliveries WHERE message_id = ${messageId}`,
    );
    expect(mail.messageId).toBe(delivery!.rfc_message_id);
    await waitFor(
      async () =>
        (
          await k.rows<{ status: string }>(
            sql`SELECT status FROM email_deliveries WHERE message_id = ${messageId} AND status = 'sent'`,
          )
        )[0],
    );

    // The customer's answer to our reply threads back by In-Reply-To.
    const answer = `From: Alice Walker <alice.walker@gmail.com>\r\nTo: support@north.test\r\nSubject: Re: ${mail.subject}\r\nMessage-ID: <CAF=alice-answer@mail.gmail.com>\r\nIn-Reply-To: ${mail.messageId}\r\nReferences: <CAF=alice001@mail.gmail.com> ${mail.messageId}\r\n\r\nThank you!\r\n`;
    expect((await k.send(answer)).code).toBe(250);
    const [threaded] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM email_messages WHERE rfc_message_id = '<CAF=alice-answer@mail.gmail.com>'`,
    );
    expect(threaded!.conversation_id).toBe(incoming!.conversation_id);

    const details = await agent.request({ method: 'GET', url: `/api/v1/email/messages/${messageId}` });
    expect(details.json()).toMatchObject({ direction: 'out', delivery: { status: 'sent', attempts: 1 } });
    // The sent source is kept, byte for byte what the relay got, and can be viewed like a received one.
    const rawUrl = (details.json() as { rawUrl: string | null }).rawUrl;
    expect(rawUrl).toBe(`/api/v1/email/messages/${messageId}/raw`);
    const source = await agent.request({ method: 'GET', url: rawUrl! });
    expect(source.statusCode).toBe(200);
    expect(source.headers['content-type']).toContain('message/rfc822');
    expect(source.body.trimEnd()).toBe(raw.toString().trimEnd());
    expect(source.body).toContain(`Message-ID: ${delivery!.rfc_message_id}`);
    const conversation = await agent.request({
      method: 'GET',
      url: `/api/v1/conversations/${incoming!.conversation_id}`,
    });
    const shown = (conversation.json() as { messages: { id: string; activity: unknown }[] }).messages.find(
      (m) => m.id === messageId,
    );
    expect(shown?.activity).toMatchObject({ delivery: { status: 'sent' } });
  });

  it('retries a refused delivery and shows the failure on the message when it gives up', async () => {
    relay.setRefuse(true);
    const [conversation] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM email_messages WHERE rfc_message_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    const agent = await signIn(k.app, k.agency.northAgent.email);
    const posted = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversation!.conversation_id}/messages`,
      payload: { kind: 'reply', body: 'This one will not get through.' },
    });
    const messageId = (posted.json() as { id: string }).id;
    const failed = await waitFor(
      async () =>
        (
          await k.rows<{ status: string; attempts: number; last_error: string }>(
            sql`SELECT status, attempts, last_error FROM email_deliveries WHERE message_id = ${messageId} AND status = 'failed'`,
          )
        )[0],
      30_000,
    );
    expect(failed.attempts).toBe(2);
    expect(failed.last_error).toContain('try later');
    const details = await agent.request({ method: 'GET', url: `/api/v1/email/messages/${messageId}` });
    expect(details.json()).toMatchObject({ delivery: { status: 'failed', attempts: 2 } });
    relay.setRefuse(false);
  });

  it('keeps mail in the mail catcher when there is no relay', async () => {
    await worker.stop();
    await runner.stop();
    runner = createJobRunner(k.database, { pollingIntervalSeconds: 0.5 });
    await runner.start();
    worker = await startEmailWorker({ database: k.database, storage: k.storage, runner, events: k.events });
    const [conversation] = await k.rows<{ conversation_id: string }>(
      sql`SELECT conversation_id FROM email_messages WHERE rfc_message_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    const agent = await signIn(k.app, k.agency.northAgent.email);
    await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversation!.conversation_id}/messages`,
      payload: { kind: 'reply', body: 'Caught, not sent.' },
    });
    const owner = await signIn(k.app, k.agency.owner.email);
    const caught = await waitFor(async () => {
      const list = (await owner.request({ method: 'GET', url: '/api/v1/mail-catcher' })).json() as {
        items: { id: string; to: string; raw?: string }[];
      };
      return list.items.find((item) => item.to === 'alice.walker@gmail.com');
    });
    // The list is summaries only; one message's source comes from its own route.
    expect(caught.raw).toBeUndefined();
    const one = await owner.request({ method: 'GET', url: `/api/v1/mail-catcher/${caught.id}` });
    expect(one.statusCode).toBe(200);
    expect((one.json() as { raw: string }).raw).toContain('Caught, not sent.');
    expect((await agent.request({ method: 'GET', url: '/api/v1/mail-catcher' })).statusCode).toBe(403);
    expect((await agent.request({ method: 'GET', url: `/api/v1/mail-catcher/${caught.id}` })).statusCode).toBe(403);
    const missing = await owner.request({
      method: 'GET',
      url: '/api/v1/mail-catcher/00000000-0000-4000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });
});
