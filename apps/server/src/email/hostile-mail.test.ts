import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';

const head = (id: string, extra = '') =>
  `From: Eve <eve@evil.example>\r\nTo: support@north.test\r\nSubject: hostile ${id}\r\nMessage-ID: <${id}@evil.example>\r\n${extra}MIME-Version: 1.0\r\n`;

describe('hostile mail never takes the listener down', () => {
  let k: EmailKit;
  beforeAll(async () => {
    k = await startEmailKit({ maxBytes: 3 * 1024 * 1024 });
  });
  afterAll(() => k.stop());
  const stored = async (id: string) =>
    (
      await k.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM email_messages WHERE rfc_message_id = ${`<${id}@evil.example>`}`,
      )
    )[0]!.n;

  it('refuses a message over the size limit with 552', async () => {
    const big = `${head('big')}Content-Type: text/plain\r\n\r\n${'x'.repeat(76).concat('\r\n').repeat(45_000)}`;
    const result = await k.send(big);
    expect(result.code).toBe(552);
    expect(await stored('big')).toBe(0);
  });

  it('stores a message with a 1 MB header line, or refuses it with a 5xx', async () => {
    const raw = `${head('longheader', `X-Junk: ${'a'.repeat(1024 * 1024)}\r\n`)}Content-Type: text/plain\r\n\r\nstill here\r\n`;
    const result = await k.send(raw);
    expect(result.code === 250 || (result.code >= 500 && result.code < 600)).toBe(true);
    if (result.code === 250) expect(await stored('longheader')).toBe(1);
  });

  it('stores deeply nested multiparts', async () => {
    const depth = 300;
    let body = 'Content-Type: text/plain\r\n\r\ndeep inside\r\n';
    for (let i = depth; i > 0; i--)
      body = `Content-Type: multipart/mixed; boundary="b${i}"\r\n\r\n--b${i}\r\n${body}--b${i}--\r\n`;
    const result = await k.send(`${head('nested')}${body}`);
    expect(result.code === 250 || (result.code >= 500 && result.code < 600)).toBe(true);
  });

  it('stores a thousand attachments-worth of broken parts and binary garbage', async () => {
    const garbage = Buffer.concat([
      Buffer.from(`${head('garbage')}Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\n`),
      Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)),
    ]);
    const result = await k.send(garbage);
    expect(result.code === 250 || (result.code >= 500 && result.code < 600)).toBe(true);
  });

  it('still takes ordinary mail afterwards', async () => {
    expect((await k.send(await k.fixture('01-gmail-new.eml'))).code).toBe(250);
    const [row] = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM messages WHERE source_id = '<CAF=alice001@mail.gmail.com>'`,
    );
    expect(row!.n).toBe(1);
  });
});
