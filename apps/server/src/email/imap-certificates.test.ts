import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, type Server } from 'node:tls';
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { startDovecot } from './dovecot-test-server.js';
import { upsertEmailInboxConfig } from './email-repository.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';
import { type ImapSync, startImapSync } from './start-imap-sync.js';

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 15_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * M7: Switchboard checks the certificate of a client's IMAP server before it sends the mailbox password.
 * A server with a self-signed certificate (here a real Dovecot, and a fake one that records what it is
 * sent) is refused unless that mailbox opts out, which the settings show and the audit log records.
 */
describe('IMAP server certificates', () => {
  let k: EmailKit;
  let dir: string;
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let fake: Server;
  let fakePort: number;
  let sync: ImapSync | undefined;
  const received: Buffer[] = [];
  const password = 'mailbox-password';

  beforeAll(async () => {
    k = await startEmailKit();
    dir = await mkdtemp(path.join(tmpdir(), 'sb-imap-cert-'));
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    // Right name (127.0.0.1), untrusted issuer: only the trust check can refuse it.
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2'],
        ...['-keyout', key, '-out', cert, '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
    execFileSync('chmod', ['644', cert, key]);
    dovecot = await startDovecot({ tls: { cert, key } });
    expect(dovecot.password).toBe(password);
    // The test's own client accepts the certificate, to put one message there.
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: true,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
      tls: { rejectUnauthorized: false },
    });
    await client.connect();
    await client.append(
      'INBOX',
      'From: Cert Customer <cert@example.com>\r\nTo: support@north.test\r\nSubject: cert\r\nMessage-ID: <imap-cert-1@example.com>\r\n\r\nhello\r\n',
    );
    await client.logout();
    // A fake IMAP server with the same certificate, recording everything a client tells it.
    fake = createServer({ cert: await readFile(cert), key: await readFile(key) }, (socket) => {
      socket.write('* OK [CAPABILITY IMAP4rev1] fake ready\r\n');
      socket.on('data', (chunk: Buffer) => {
        received.push(chunk);
        for (const line of chunk.toString('latin1').split('\r\n').filter(Boolean)) {
          socket.write(`${line.split(' ')[0]} OK done\r\n`);
        }
      });
      socket.on('error', () => {});
    });
    fakePort = await new Promise<number>((resolve) =>
      fake.listen(0, '127.0.0.1', () => resolve((fake.address() as { port: number }).port)),
    );
  });
  afterAll(async () => {
    await sync?.stop();
    await new Promise((resolve) => fake.close(resolve));
    await dovecot.stop();
    await rm(dir, { recursive: true, force: true });
    await k.stop();
  });

  const mailbox = (port: number) => ({
    host: '127.0.0.1',
    port,
    secure: true,
    user: 'mailbox',
    password,
    mailbox: 'INBOX',
  });
  const imported = async () =>
    (
      await k.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM messages WHERE source_id = '<imap-cert-1@example.com>'`,
      )
    )[0]!.n;

  it('refuses a self-signed server, and the mailbox password never reaches it', async () => {
    await upsertEmailInboxConfig(k.database.db, {
      clientId: k.agency.north.id,
      inboxId: k.agency.north.inboxId,
      imap: mailbox(dovecot.port),
    });
    await upsertEmailInboxConfig(k.database.db, {
      clientId: k.agency.south.id,
      inboxId: k.agency.south.inboxId,
      imap: mailbox(fakePort),
    });
    const logBefore = (await dovecot.log()).length;
    sync = await startImapSync(k.deps);
    const errors = () =>
      k.rows<{ last_error: string | null }>(sql`SELECT last_error FROM email_imap_states WHERE last_error IS NOT NULL`);
    await waitFor(async () => (await errors()).length === 2);
    await sync.stop();
    sync = undefined;
    for (const { last_error } of await errors()) expect(last_error).toMatch(/certificate/i);
    expect(await imported()).toBe(0);
    const told = Buffer.concat(received).toString('latin1');
    expect(told).not.toContain(password);
    expect(told).not.toContain(Buffer.from(password).toString('base64'));
    expect((await dovecot.log()).slice(logBefore)).not.toMatch(/Login: user=<mailbox>/);
  });

  it('follows a self-signed server once its mailbox opts out, shown in the settings and audited', async () => {
    await upsertEmailInboxConfig(k.database.db, {
      clientId: k.agency.south.id,
      inboxId: k.agency.south.inboxId,
      imap: null,
    });
    const manager = await signIn(k.app, k.agency.supervisor.email);
    const url = `/api/v1/clients/${k.agency.north.id}/inboxes/${k.agency.north.inboxId}/email-settings`;
    const saved = await manager.request({
      method: 'PUT',
      url,
      payload: { imap: { ...mailbox(dovecot.port), allowSelfSignedCertificate: true } },
    });
    expect(saved.statusCode, saved.body).toBe(204);
    const shown = await manager.request({ method: 'GET', url });
    expect(shown.json()).toMatchObject({ imap: { allowSelfSignedCertificate: true, passwordSet: true } });
    const [audit] = await k.rows<{ actor_id: string; data: Record<string, unknown> }>(
      sql`SELECT actor_id, data FROM audit_log WHERE action = 'email_inbox.certificate_check_disabled'`,
    );
    expect(audit).toMatchObject({ actor_id: k.agency.supervisor.id, data: { host: '127.0.0.1' } });
    const logBefore = (await dovecot.log()).length;
    sync = await startImapSync(k.deps);
    await sync.ready;
    expect(await imported()).toBe(1);
    expect((await dovecot.log()).slice(logBefore)).toMatch(/Login: user=<mailbox>/);
  });
});
