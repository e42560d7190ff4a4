import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';

type Login = { user: string; pass: string } | null;

/** A real session with nodemailer: requireTLS demands STARTTLS, and the certificate is verified against our CA. */
async function send(port: number, ca: Buffer, login: Login, options: { requireTLS?: boolean; id: string }) {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    requireTLS: options.requireTLS ?? true,
    ignoreTLS: options.requireTLS === false,
    tls: { ca, servername: 'localhost' },
    ...(login ? { auth: login } : {}),
  });
  try {
    const info = await transport.sendMail({
      envelope: { from: 'relay@client.example', to: ['support@north.test'] },
      raw: `From: Relay <relay@client.example>\r\nTo: support@north.test\r\nSubject: relayed ${options.id}\r\nMessage-ID: <${options.id}@relay.example>\r\n\r\nhello\r\n`,
    });
    return { code: Number(info.response.slice(0, 3)), message: info.response };
  } catch (error) {
    const e = error as { responseCode?: number; message: string };
    return { code: e.responseCode ?? 0, message: e.message };
  } finally {
    transport.close();
  }
}

/** STARTTLS with a configured certificate, and relay authentication against a hashed password. */
describe('SMTP STARTTLS and relay auth', () => {
  let folder: string;
  let ca: Buffer;
  let secured: EmailKit;
  let plain: EmailKit;
  const right = { user: 'relay-user', pass: 'correct horse battery staple' };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'sb-tls-'));
    const key = path.join(folder, 'key.pem');
    const cert = path.join(folder, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    ca = await readFile(cert);
    const passwordHash = await hashPassword(right.pass);
    secured = await startEmailKit({
      listener: {
        tls: { key: await readFile(key), cert: ca },
        auth: { user: right.user, passwordHash, required: true },
      },
    });
    plain = await startEmailKit();
  });
  afterAll(async () => {
    await secured?.stop();
    await plain?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const stored = async (kit: EmailKit, id: string) =>
    (
      await kit.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM email_messages WHERE rfc_message_id = ${`<${id}@relay.example>`}`,
      )
    )[0]!.n;

  it('accepts mail over STARTTLS from a client that logged in with the right password', async () => {
    const result = await send(secured.smtp.port, ca, right, { id: 'tls-ok' });
    expect(result.code).toBe(250);
    expect(await stored(secured, 'tls-ok')).toBe(1);
  });

  it('answers a wrong password with 535 and stores nothing', async () => {
    const wrongPassword = await send(secured.smtp.port, ca, { ...right, pass: 'wrong password' }, { id: 'tls-bad' });
    expect(wrongPassword.code).toBe(535);
    const wrongUser = await send(secured.smtp.port, ca, { ...right, user: 'someone-else' }, { id: 'tls-bad-user' });
    expect(wrongUser.code).toBe(535);
    expect(await stored(secured, 'tls-bad')).toBe(0);
  });

  it('refuses mail from a session that did not log in when auth is required', async () => {
    const result = await send(secured.smtp.port, ca, null, { id: 'tls-anon' });
    expect(result.code).toBe(530);
    expect(await stored(secured, 'tls-anon')).toBe(0);
  });

  it('takes no credentials before STARTTLS', async () => {
    const result = await send(secured.smtp.port, ca, right, { id: 'tls-clear', requireTLS: false });
    expect(result.code).not.toBe(250);
    expect(result.message).toMatch(/STARTTLS/i);
    expect(await stored(secured, 'tls-clear')).toBe(0);
  });

  it('offers no STARTTLS and no AUTH without a certificate and credentials', async () => {
    const demanding = await send(plain.smtp.port, ca, null, { id: 'plain-tls' });
    expect(demanding.code).not.toBe(250);
    expect(demanding.message).toMatch(/STARTTLS/i);
    const open = await send(plain.smtp.port, ca, null, { id: 'plain-open', requireTLS: false });
    expect(open.code).toBe(250);
  });
});
