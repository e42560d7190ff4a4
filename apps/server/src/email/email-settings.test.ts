import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { openSecret } from '../platform/secrets/index.js';

/** The admin form loads an inbox's e-mail settings; secrets come back only as "set". */
describe('e-mail inbox settings', () => {
  let t: TestApp;
  const secret = 'north-webhook-secret-0123456789';
  const password = 'imap-password-never-shown';
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    url = `/api/v1/clients/${t.agency.north.id}/inboxes/${t.agency.north.inboxId}/email-settings`;
  });
  afterAll(() => t.close());

  const storedImap = async () =>
    (
      await queryRows<{ imap: Record<string, unknown> | null }>(
        t.database.db,
        sql`SELECT imap FROM email_inbox_configs WHERE client_id = ${t.agency.north.id} AND inbox_id = ${t.agency.north.inboxId}`,
      )
    )[0]?.imap ?? null;

  it('starts empty, then shows what was saved without any secret', async () => {
    const owner = await signIn(t.app, t.agency.owner.email);
    const empty = await owner.request({ method: 'GET', url });
    expect(empty.statusCode).toBe(200);
    expect(empty.json()).toEqual({ signature: '', webhookSecretSet: false, imap: null, autoAck: null });

    const autoAck = { en: { subject: 'We got it', body: 'Thanks for writing to {{client}}.' } };
    const saved = await owner.request({
      method: 'PUT',
      url,
      payload: {
        signature: 'North Gear care',
        webhookSecret: secret,
        imap: {
          host: 'imap.north.test',
          port: 993,
          secure: true,
          user: 'care@north.test',
          password,
          mailbox: 'Support',
        },
        autoAck,
      },
    });
    expect(saved.statusCode).toBe(204);
    const loaded = await owner.request({ method: 'GET', url });
    expect(loaded.json()).toEqual({
      signature: 'North Gear care',
      webhookSecretSet: true,
      imap: {
        host: 'imap.north.test',
        port: 993,
        secure: true,
        user: 'care@north.test',
        mailbox: 'Support',
        passwordSet: true,
        allowSelfSignedCertificate: false,
      },
      autoAck,
    });
    expect(loaded.body).not.toContain(secret);
    expect(loaded.body).not.toContain(password);
  });

  it('keeps the stored IMAP password when a change leaves it out', async () => {
    const owner = await signIn(t.app, t.agency.owner.email);
    const changed = await owner.request({
      method: 'PUT',
      url,
      payload: {
        imap: { host: 'imap2.north.test', port: 143, secure: false, user: 'care@north.test', mailbox: 'INBOX' },
      },
    });
    expect(changed.statusCode).toBe(204);
    const stored = await storedImap();
    expect(stored).toMatchObject({ host: 'imap2.north.test', port: 143 });
    // Sealed at rest (M7), and still the same password.
    expect(stored?.password).not.toBe(password);
    expect(openSecret(String(stored?.password))).toBe(password);
  });

  it('asks for a password when a new mailbox has none', async () => {
    const owner = await signIn(t.app, t.agency.owner.email);
    expect((await owner.request({ method: 'PUT', url, payload: { imap: null } })).statusCode).toBe(204);
    const refused = await owner.request({
      method: 'PUT',
      url,
      payload: {
        imap: { host: 'imap.north.test', port: 993, secure: true, user: 'care@north.test', mailbox: 'INBOX' },
      },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(await storedImap()).toBeNull();
  });

  it('is for managers only, and a foreign inbox answers 404', async () => {
    const agent = await signIn(t.app, t.agency.northAgent.email);
    expect((await agent.request({ method: 'GET', url })).statusCode).toBe(403);
    const owner = await signIn(t.app, t.agency.owner.email);
    const wrong = await owner.request({
      method: 'GET',
      url: `/api/v1/clients/${t.agency.north.id}/inboxes/${t.agency.south.inboxId}/email-settings`,
    });
    expect(wrong.statusCode).toBe(404);
  });
});
