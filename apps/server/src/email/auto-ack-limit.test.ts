import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertEmailInboxConfig } from './email-repository.js';
import { type EmailKit, sql, startEmailKit } from './email-test-kit.js';

const mail = (from: string, id: string) =>
  `From: ${from}\r\nTo: support@north.test\r\nSubject: New question ${id}\r\nMessage-ID: <${id}@ack.example>\r\n\r\nQuestion ${id}\r\n`;

/** Acknowledgements are rate-limited per sender, so two auto-responders cannot ping-pong and a flood gets few. */
describe('auto-acknowledgement rate limit', () => {
  let k: EmailKit;
  beforeAll(async () => {
    k = await startEmailKit();
    await upsertEmailInboxConfig(k.database.db, {
      clientId: k.agency.north.id,
      inboxId: k.agency.north.inboxId,
      autoAck: { en: { subject: 'We got it', body: 'Thanks.' } },
    });
  });
  afterAll(() => k.stop());

  const acksTo = async (address: string) =>
    (
      await k.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM email_deliveries WHERE kind = 'auto_ack' AND to_address = ${address}`,
      )
    )[0]!.n;
  const conversationsOf = async (address: string) =>
    (
      await k.rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM conversations c JOIN contacts ct ON ct.id = c.contact_id WHERE ct.email = ${address}`,
      )
    )[0]!.n;

  it('acknowledges at most three new conversations per sender an hour, one by one', async () => {
    for (let i = 0; i < 5; i++) expect((await k.send(mail('flood@one.example', `one-${i}`))).code).toBe(250);
    expect(await conversationsOf('flood@one.example')).toBe(5);
    expect(await acksTo('flood@one.example')).toBe(3);
  });

  it('holds to the limit when the messages arrive together, and other senders are not affected', async () => {
    const burst = Array.from({ length: 6 }, (_, i) => mail('flood@two.example', `two-${i}`));
    const results = await Promise.all([...burst, mail('calm@three.example', 'three-0')].map((raw) => k.send(raw)));
    expect(results.every((r) => r.code === 250)).toBe(true);
    expect(await conversationsOf('flood@two.example')).toBe(6);
    expect(await acksTo('flood@two.example')).toBe(3);
    expect(await acksTo('calm@three.example')).toBe(1);
  });
});
