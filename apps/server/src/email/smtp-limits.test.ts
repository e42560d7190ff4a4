import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailKit, openSmtpSession, sendRaw, sql, startEmailKit } from './email-test-kit.js';

const mail = (id: string, body = `body of ${id}\r\n`) =>
  `From: Limits <limits.${id}@example.com>\r\nTo: support@north.test\r\nSubject: limits ${id}\r\nMessage-ID: <${id}@limits.example>\r\n\r\n${body}`;
/** `lines` lines of 78 characters, none starting with a dot. */
const filler = (lines: number, seed = 'x') => `${seed.repeat(76)}\r\n`.repeat(lines);

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** Opens a session and reads its greeting. */
const greet = async (port: number, host = '127.0.0.1') => {
  const session = openSmtpSession(port, host);
  return { session, greeting: await session.reply() };
};

const storedCount = async (k: EmailKit, id: string) =>
  (
    await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM email_messages WHERE rfc_message_id = ${`<${id}@limits.example>`}`,
    )
  )[0]!.n;

describe('SMTP session and transaction limits', () => {
  let k: EmailKit;
  beforeAll(async () => {
    k = await startEmailKit({
      maxBytes: 1024 * 1024,
      // Dual stack, so the test has two remote addresses: 127.0.0.1 and ::1.
      listener: { host: '::', maxSessions: 3, maxSessionsPerIp: 2, maxRecipients: 1, maxFailedRecipients: 3 },
    });
  });
  afterAll(() => k.stop());

  it('refuses a session past the per-address limit with 421 while another address still gets in', async () => {
    const first = await greet(k.smtp.port);
    const second = await greet(k.smtp.port);
    expect([first.greeting.code, second.greeting.code]).toEqual([220, 220]);
    const third = await greet(k.smtp.port);
    expect(third.greeting.code).toBe(421);
    await third.session.closed;
    // Another address is not held to this address's count.
    const other = await greet(k.smtp.port, '::1');
    expect(other.greeting.code).toBe(220);
    // A session that ends gives its place back.
    expect((await first.session.command('QUIT')).code).toBe(221);
    await first.session.closed;
    await until(async () => {
      const again = await greet(k.smtp.port);
      again.session.socket.destroy();
      await again.session.closed;
      return again.greeting.code === 220;
    });
    for (const { session } of [second, other]) {
      session.socket.destroy();
      await session.closed;
    }
  });

  it('refuses a session past the total limit with 421', async () => {
    const open = [await greet(k.smtp.port), await greet(k.smtp.port), await greet(k.smtp.port, '::1')];
    expect(open.map((s) => s.greeting.code)).toEqual([220, 220, 220]);
    const refused = await greet(k.smtp.port, '::1');
    expect(refused.greeting.code).toBe(421);
    await refused.session.closed;
    for (const { session } of open) {
      session.socket.destroy();
      await session.closed;
    }
  });

  it('answers a recipient past the limit with 452 and delivers to the ones accepted', async () => {
    await until(async () => (await sendRaw(k.smtp.port, mail('warmup'))).code === 250);
    const { session } = await greet(k.smtp.port);
    await session.command('EHLO sender.example');
    expect((await session.command('MAIL FROM:<limits.rcpt@example.com>')).code).toBe(250);
    expect((await session.command('RCPT TO:<support@north.test>')).code).toBe(250);
    const over = await session.command('RCPT TO:<support@south.test>');
    expect(over.code).toBe(452);
    expect((await session.command('DATA')).code).toBe(354);
    await session.write(`${mail('rcpt')}.\r\n`);
    expect((await session.reply()).code).toBe(250);
    expect(await storedCount(k, 'rcpt')).toBe(1);
    await session.command('QUIT');
    await session.closed;
  });

  it('closes a session with 421 after too many unknown recipients', async () => {
    const { session } = await greet(k.smtp.port);
    await session.command('EHLO sender.example');
    await session.command('MAIL FROM:<harvester@example.com>');
    const codes: number[] = [];
    for (let n = 0; n < 4; n++) codes.push((await session.command(`RCPT TO:<guess${n}@north.test>`)).code);
    expect(codes).toEqual([550, 550, 550, 421]);
    await session.closed;
    expect(session.isClosed()).toBe(true);
  });

  it('refuses an oversized message with 552 and keeps the session usable', async () => {
    const { session } = await greet(k.smtp.port);
    await session.command('EHLO sender.example');
    await session.command('MAIL FROM:<limits.big@example.com>');
    await session.command('RCPT TO:<support@north.test>');
    expect((await session.command('DATA')).code).toBe(354);
    await session.write(`${mail('big', filler(20_000))}.\r\n`);
    expect((await session.reply()).code).toBe(552);
    expect((await session.command('MAIL FROM:<limits.after@example.com>')).code).toBe(250);
    expect((await session.command('RCPT TO:<support@north.test>')).code).toBe(250);
    expect((await session.command('DATA')).code).toBe(354);
    await session.write(`${mail('after-big')}.\r\n`);
    expect((await session.reply()).code).toBe(250);
    expect(await storedCount(k, 'big')).toBe(0);
    expect(await storedCount(k, 'after-big')).toBe(1);
    await session.command('QUIT');
  });
});

describe('SMTP DATA goes to a spool file past its share of memory', () => {
  let k: EmailKit;
  let spoolDir: string;
  beforeAll(async () => {
    spoolDir = await mkdtemp(path.join(tmpdir(), 'sb-spool-'));
    // 4 KB of memory shared by every session: anything larger goes to the spool.
    k = await startEmailKit({ maxBytes: 4 * 1024 * 1024, listener: { spoolDir, dataMemoryBytes: 4096 } });
  });
  afterAll(async () => {
    await k.stop();
    await rm(spoolDir, { recursive: true, force: true });
  });
  const spooled = async () => (await readdir(spoolDir)).length;
  const source = async (id: string) => {
    const [row] = await k.rows<{ raw: Uint8Array | null; raw_key: string | null }>(
      sql`SELECT raw, raw_key FROM email_messages WHERE rfc_message_id = ${`<${id}@limits.example>`}`,
    );
    if (!row) return null;
    if (row.raw) return Buffer.from(row.raw).toString('latin1');
    return text(await k.storage.get(row.raw_key!));
  };

  it('stores a large message from its spool file byte for byte, its source in storage', async () => {
    const raw = mail('spooled-large', filler(13_000, 'l'));
    expect((await k.send(raw)).code).toBe(250);
    const stored = await source('spooled-large');
    expect(stored && createHash('sha256').update(stored).digest('hex')).toBe(
      createHash('sha256').update(raw).digest('hex'),
    );
    const [row] = await k.rows<{ raw_key: string | null }>(
      sql`SELECT raw_key FROM email_messages WHERE rfc_message_id = '<spooled-large@limits.example>'`,
    );
    expect(row!.raw_key).not.toBeNull();
    expect(await spooled()).toBe(0);
  });

  it('keeps a small message that went to the spool in its row, as any small message', async () => {
    const raw = mail('spooled-small', filler(100, 's'));
    expect((await k.send(raw)).code).toBe(250);
    expect(await source('spooled-small')).toBe(raw);
    const [row] = await k.rows<{ raw_key: string | null }>(
      sql`SELECT raw_key FROM email_messages WHERE rfc_message_id = '<spooled-small@limits.example>'`,
    );
    expect(row!.raw_key).toBeNull();
    expect(await spooled()).toBe(0);
  });

  it('writes DATA to the spool as it arrives and removes the file of a sender that hangs up', async () => {
    const { session } = await greet(k.smtp.port);
    await session.command('EHLO sender.example');
    await session.command('MAIL FROM:<limits.gone@example.com>');
    await session.command('RCPT TO:<support@north.test>');
    expect((await session.command('DATA')).code).toBe(354);
    await session.write(mail('gone', filler(8_000, 'g')));
    // Before the message ends, its bytes are on disk, not in the process.
    await until(async () => (await spooled()) === 1);
    session.socket.destroy();
    await session.closed;
    await until(async () => (await spooled()) === 0);
    expect(await storedCount(k, 'gone')).toBe(0);
  });
});
