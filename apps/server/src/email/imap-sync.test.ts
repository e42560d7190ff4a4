import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('IMAP against a real Dovecot', () => {
  let k: EmailKit;
  let dovecot: Awaited<ReturnType<typeof startDovecot>>;
  let sync: ImapSync;
  const mail = (n: number) =>
    `From: Imap Customer <imap${n}@example.com>\r\nTo: support@north.test\r\nSubject: imap ${n}\r\nMessage-ID: <imap-${n}@example.com>\r\n\r\nvia imap ${n}\r\n`;
  const append = async (n: number) => {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await client.connect();
    await client.append('INBOX', mail(n));
    await client.logout();
  };
  const count = async () =>
    (await k.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM messages WHERE source_id LIKE '<imap-%'`))[0]!.n;

  beforeAll(async () => {
    k = await startEmailKit();
    dovecot = await startDovecot();
    await upsertEmailInboxConfig(k.database.db, {
      clientId: k.agency.north.id,
      inboxId: k.agency.north.inboxId,
      imap: {
        host: '127.0.0.1',
        port: dovecot.port,
        secure: false,
        user: dovecot.user,
        password: dovecot.password,
        mailbox: 'INBOX',
      },
    });
  });
  afterAll(async () => {
    await sync?.stop();
    await dovecot.stop();
    await k.stop();
  });

  it('takes what was there, then new mail by IDLE, each once, also across a reconnect', async () => {
    await append(1);
    await append(2);
    sync = await startImapSync(k.deps, { onError: (e) => console.error('imap', e) });
    await sync.ready;
    expect(await count()).toBe(2);
    await append(3);
    await waitFor(async () => (await count()) === 3);
    await sync.stop();
    await append(4);
    sync = await startImapSync(k.deps, { onError: (e) => console.error('imap', e) });
    await sync.ready;
    await waitFor(async () => (await count()) === 4);
    const rows = await k.rows<{ source_id: string; n: number }>(
      sql`SELECT source_id, count(*)::int AS n FROM messages WHERE source_id LIKE '<imap-%' GROUP BY source_id ORDER BY 1`,
    );
    expect(rows).toEqual([1, 2, 3, 4].map((n) => ({ source_id: `<imap-${n}@example.com>`, n: 1 })));
    const [state] = await k.rows<{ last_uid: number; last_error: string | null }>(
      sql`SELECT last_uid, last_error FROM email_imap_states`,
    );
    expect(state).toEqual({ last_uid: 4, last_error: null });
    const [via] = await k.rows<{ via: string }>(
      sql`SELECT DISTINCT via FROM email_messages WHERE rfc_message_id LIKE '<imap-%'`,
    );
    expect(via!.via).toBe('imap');
  });
});
