import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { openSecret } from '../platform/secrets/index.js';

/** The admin form loads an inbox's e-mail settings; secrets come back only as "set". */
describe('e-mail inbox settings', () => {
  let t: TestApp;
  const password = 'imap-password-never-shown';
  let url: string;
  beforeAll(async () => {
    t = await startTestApp();
    url = `/api/v1/clients/${t.agency.north.id}/inboxes/${t.agency.north.inboxId}/email-settings`;
  });
  afterAll(() => t.close());

  const secretUrl = () => `/api/v1/clients/${t.agency.north.id}/inboxes/${t.agency.north.inboxId}/email-webhook-secret`;
  const storedWebhookSecret = async () =>
    (
      await queryRows<{ webhook_secret: string | null }>(
        t.database.db,
        sql`SELECT webhook_secret FROM email_inbox_configs WHERE client_id = ${t.agency.north.id} AND inbox_id = ${t.agency.north.inboxId}`,
      )
    )[0]?.webhook_secret ?? null;
  const auditedSecrets = async () =>
    (
      await queryRows<{ data: { webhookSecret?: string } }>(
        t.database.db,
        sql`SELECT data FROM audit_log WHERE entity_id = ${t.agency.north.inboxId} AND action = 'email_inbox.configured'
          AND data ? 'webhookSecret' ORDER BY id`,
      )
    ).map((row) => row.data.webhookSecret);

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
    const made = await owner.request({ method: 'POST', url: secretUrl() });
    expect(made.statusCode).toBe(201);
    const { secret } = made.json() as { secret: string };
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

  it('makes the webhook signing secret itself, shows it once, keeps it sealed and audits only that it changed', async () => {
    const owner = await signIn(t.app, t.agency.owner.email);
    const made = await owner.request({ method: 'POST', url: secretUrl() });
    expect(made.statusCode).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const { secret } = made.json() as { secret: string };
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64')).toHaveLength(32);
    // Then only "set": in the settings, in the audit log, and sealed in the database.
    const loaded = await owner.request({ method: 'GET', url });
    expect(loaded.json()).toMatchObject({ webhookSecretSet: true });
    expect(loaded.body).not.toContain(secret.slice(6, 20));
    const stored = await storedWebhookSecret();
    expect(stored).toMatch(/^sb1:/);
    expect(openSecret(String(stored))).toBe(secret);
    const audit = await queryRows<{ data: unknown }>(t.database.db, sql`SELECT data FROM audit_log`);
    expect(JSON.stringify(audit)).not.toContain(secret.slice(6, 20));
    expect((await auditedSecrets()).slice(-2)).toEqual(['set', 'changed']);
    // A secret of the manager's own choosing is no longer taken; null closes the webhook.
    const chosen = await owner.request({ method: 'PUT', url, payload: { webhookSecret: 'my-own-secret-0123456789' } });
    expect(chosen.statusCode).toBe(400);
    expect(openSecret(String(await storedWebhookSecret()))).toBe(secret);
    expect((await owner.request({ method: 'PUT', url, payload: { webhookSecret: null } })).statusCode).toBe(204);
    expect((await owner.request({ method: 'GET', url })).json()).toMatchObject({ webhookSecretSet: false });
    expect(await storedWebhookSecret()).toBeNull();
    expect((await auditedSecrets()).at(-1)).toBe('removed');
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
    expect((await agent.request({ method: 'POST', url: secretUrl() })).statusCode).toBe(403);
    const owner = await signIn(t.app, t.agency.owner.email);
    const wrong = await owner.request({
      method: 'GET',
      url: `/api/v1/clients/${t.agency.north.id}/inboxes/${t.agency.south.inboxId}/email-settings`,
    });
    expect(wrong.statusCode).toBe(404);
  });
});
