import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { ConversationDetail, Escalation } from '@switchboard/contracts';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn } from '../../test/app.js';
import { attachments, conversations, messages } from '../db/schema.js';
import { type EmailKit, sql, startEmailKit } from '../email/email-test-kit.js';
import { startEmailWorker } from '../email/start-email-worker.js';
import { createJobRunner, type JobRunner } from '../platform/jobs/index.js';

/** A real SMTP relay that keeps each message with its envelope recipients. */
async function startRelay() {
  const received: { to: string[]; raw: Buffer }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback(null);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const waitFor = async <T>(read: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

describe('escalation: documents go to the customer with the notice', () => {
  let k: EmailKit;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let runner: JobRunner;
  let worker: { stop: () => Promise<void> };
  let agent: Session;
  const manual = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000)]);

  /** A stored file on a new message of a conversation of `client`. */
  const addFile = async (
    client: 'north' | 'south',
    message: { kind: 'outgoing' | 'incoming'; authorType: 'agent' | 'contact'; conversationId?: string },
    filename: string,
    data: Buffer,
  ) => {
    const c = k.agency[client];
    let conversationId = message.conversationId;
    if (!conversationId) {
      const [other] = await k.database.db
        .insert(conversations)
        .values({
          clientId: c.id,
          number: 100 + Math.floor(Math.random() * 1_000_000),
          inboxId: c.inboxId,
          contactId: c.contactId,
          channel: 'email',
          subject: 'Another conversation',
          status: 'resolved',
        })
        .returning();
      conversationId = other!.id;
    }
    const [row] = await k.database.db
      .insert(messages)
      .values({
        clientId: c.id,
        conversationId,
        kind: message.kind,
        authorType: message.authorType,
        authorName: message.authorType === 'agent' ? 'Nora North' : 'A customer',
        bodyText: `Here is ${filename}`,
      })
      .returning();
    const key = `${c.id}/attachments/${randomBytes(6).toString('hex')}-${filename}`;
    const stored = await k.storage.put(key, data);
    const [file] = await k.database.db
      .insert(attachments)
      .values({
        clientId: c.id,
        messageId: row!.id,
        filename,
        contentType: filename.endsWith('.pdf') ? 'application/pdf' : 'image/png',
        size: stored.size,
        storageKey: key,
        sha256: stored.sha256,
      })
      .returning();
    return file!.id;
  };

  beforeAll(async () => {
    k = await startEmailKit();
    relay = await startRelay();
    runner = createJobRunner(k.database, { pollingIntervalSeconds: 0.5 });
    await runner.start();
    worker = await startEmailWorker({
      database: k.database,
      runner,
      events: k.events,
      storage: k.storage,
      relayUrl: relay.url,
      retry: { limit: 1, delaySeconds: 1 },
    });
    agent = await signIn(k.app, k.agency.northAgent.email);
  });
  afterAll(async () => {
    await worker?.stop();
    await runner?.stop();
    await relay?.close();
    await k?.stop();
  });

  it('attaches the chosen documents to the customer notice e-mail, over a real SMTP session', async () => {
    const north = k.agency.north;
    // A manual the agency sent another customer before: sendable.
    const manualId = await addFile('north', { kind: 'outgoing', authorType: 'agent' }, 'care-manual.pdf', manual);
    // Another customer's upload in another conversation, and a file of another client: never sent.
    const privateId = await addFile(
      'north',
      { kind: 'incoming', authorType: 'contact' },
      'someone-elses-invoice.png',
      randomBytes(500),
    );
    const foreignId = await addFile('south', { kind: 'outgoing', authorType: 'agent' }, 'south-price-list.pdf', manual);

    const response = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${north.conversationId}/escalations`,
      payload: {
        question: 'May we replace the tent under warranty?',
        attachmentIds: [manualId, privateId, foreignId],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect((response.json() as Escalation).state).toBe('open');

    // The notice reached the customer's mailbox through the relay, with the manual attached byte for byte.
    const mail = await waitFor(async () => {
      const raw = relay.received.find((m) => m.to.includes(north.contactEmail));
      return raw ? await simpleParser(raw.raw) : null;
    });
    const parsed = mail as ParsedMail;
    expect(parsed.text).toContain('24');
    expect(parsed.attachments.map((a) => a.filename)).toEqual(['care-manual.pdf']);
    expect(parsed.attachments[0]!.contentType).toBe('application/pdf');
    expect(parsed.attachments[0]!.content.equals(manual)).toBe(true);

    // On the timeline the notice carries the document too, and the audit names what was sent.
    const detail = (
      await agent.request({ method: 'GET', url: `/api/v1/conversations/${north.conversationId}` })
    ).json() as ConversationDetail;
    const notice = detail.messages.find((m) => m.activity?.escalationMessage === 'notice');
    expect(notice?.attachments.map((a) => a.filename)).toEqual(['care-manual.pdf']);
    const audit = await k.rows<{ data: { attachmentIds: string[] } }>(
      sql`SELECT data FROM audit_log WHERE action = 'escalation.requested' AND entity_id = ${north.conversationId}`,
    );
    expect(audit[0]!.data.attachmentIds).toEqual([manualId]);
    const delivery = await k.rows<{ status: string }>(
      sql`SELECT status FROM email_deliveries WHERE message_id = ${notice!.id}`,
    );
    expect(delivery).toEqual([{ status: 'sent' }]);
  });

  it('keeps a document the agent uploads on the conversation (a hidden note) and sends it with the notice', async () => {
    const north = k.agency.north;
    const [conversation] = await k.database.db
      .insert(conversations)
      .values({
        clientId: north.id,
        number: 500_000 + Math.floor(Math.random() * 1_000_000),
        inboxId: north.inboxId,
        contactId: north.contactId,
        channel: 'email',
        subject: 'Which size fits?',
      })
      .returning();
    const guide = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(30_000)]);
    const url = `/api/v1/conversations/${conversation!.id}/escalation-documents?name=${encodeURIComponent('size guide.pdf')}`;
    const upload = await agent.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/pdf' },
      payload: guide,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const document = upload.json() as { id: string; filename: string; size: number; contentType: string };
    expect(document).toMatchObject({ filename: 'size guide.pdf', size: guide.length, contentType: 'application/pdf' });

    // On the timeline as an internal note the client never sees; the bytes are stored.
    const [note] = await k.rows<{ kind: string; visible_to_client: boolean; storage_key: string }>(
      sql`SELECT m.kind, m.visible_to_client, a.storage_key FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE a.id = ${document.id}`,
    );
    expect(note).toMatchObject({ kind: 'note', visible_to_client: false });
    expect(note!.storage_key.startsWith(`${north.id}/`)).toBe(true);

    // Any type is the file itself, a text file too.
    const text = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversation!.id}/escalation-documents?name=notes.txt`,
      headers: { 'content-type': 'text/plain' },
      payload: 'plain words',
    });
    expect(text.statusCode, text.body).toBe(201);
    expect(text.json()).toMatchObject({ filename: 'notes.txt', size: 11, contentType: 'text/plain' });

    // Refused: nothing sent, too large, another client's conversation.
    const empty = await agent.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/pdf' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    const huge = await agent.request({
      method: 'POST',
      url,
      headers: { 'content-type': 'application/pdf' },
      payload: Buffer.alloc(10 * 1024 * 1024 + 1),
    });
    expect(huge.statusCode).toBe(413);
    const foreign = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${k.agency.south.conversationId}/escalation-documents?name=x.pdf`,
      headers: { 'content-type': 'application/pdf' },
      payload: guide,
    });
    expect(foreign.statusCode).toBe(404);

    const response = await agent.request({
      method: 'POST',
      url: `/api/v1/conversations/${conversation!.id}/escalations`,
      payload: { question: 'Which size should we recommend?', attachmentIds: [document.id] },
    });
    expect(response.statusCode, response.body).toBe(201);
    const mail = await waitFor(async () => {
      for (const m of relay.received) {
        const parsed = await simpleParser(m.raw);
        if (parsed.attachments.some((a) => a.filename === 'size guide.pdf')) return parsed;
      }
      return null;
    });
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toContain(north.contactEmail);
    expect(mail.attachments.find((a) => a.filename === 'size guide.pdf')!.content.equals(guide)).toBe(true);
  });
});
