import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../../test/app.js';
import { findChatInboxByKey } from '../../chat/chat-repository.js';
import { queryRows } from '../../db/index.js';
import { inboxes } from '../../db/schema.js';
import { sealStoredSecrets } from './seal-stored-secrets.js';

/**
 * M7: stored secrets are sealed (AES-256-GCM) — a copy of the database holds no mailbox password, chat
 * identity secret or Twilio auth token in clear, in any table, the audit log included. Rows stored in
 * clear before keep working and are sealed by the start-up pass.
 */
describe('secrets at rest', () => {
  let t: TestApp;
  const imapPassword = 'm7-imap-password-never-stored-in-clear';
  const identitySecret = 'm7-identity-secret-0123456789abcdef-abc';
  const authToken = 'm7-twilio-auth-token-0123456789';
  const legacySecret = 'm7-legacy-clear-identity-secret-0123456789';

  /** Every row of every table, as text. */
  const everything = async () => {
    const tables = await queryRows<{ name: string }>(
      t.database.db,
      sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const dumps: string[] = [];
    for (const { name } of tables) {
      const [row] = await queryRows<{ dump: string }>(
        t.database.db,
        sql`SELECT coalesce(string_agg(t::text, E'\n'), '') AS dump FROM ${sql.identifier(name)} t`,
      );
      dumps.push(row!.dump);
    }
    return dumps.join('\n');
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('keeps no mailbox password, webhook signing secret, identity secret or Twilio token in clear anywhere', async () => {
    const manager = await signIn(t.app, t.agency.supervisor.email);
    const clientUrl = `/api/v1/clients/${t.agency.north.id}`;
    const imap = await manager.request({
      method: 'PUT',
      url: `${clientUrl}/inboxes/${t.agency.north.inboxId}/email-settings`,
      payload: {
        imap: { host: 'imap.north.test', port: 993, secure: true, user: 'care', password: imapPassword },
      },
    });
    expect(imap.statusCode, imap.body).toBe(204);
    const webhook = await manager.request({
      method: 'POST',
      url: `${clientUrl}/inboxes/${t.agency.north.inboxId}/email-webhook-secret`,
    });
    expect(webhook.statusCode, webhook.body).toBe(201);
    const webhookSecret = (webhook.json() as { secret: string }).secret;
    const chat = await manager.request({
      method: 'POST',
      url: `${clientUrl}/inboxes`,
      payload: { name: 'North chat', settings: { channel: 'chat', identitySecret } },
    });
    expect(chat.statusCode, chat.body).toBe(201);
    const queue = await manager.request({
      method: 'POST',
      url: `${clientUrl}/phone/queues`,
      payload: { name: 'Main', maxWaitSeconds: 60 },
    });
    expect(queue.statusCode, queue.body).toBe(201);
    const line = await manager.request({
      method: 'POST',
      url: `${clientUrl}/phone/lines`,
      payload: {
        name: 'North line',
        number: '+15550007001',
        provider: 'twilio',
        accountSid: `AC${'b'.repeat(32)}`,
        authToken,
        queueId: (queue.json() as { id: string }).id,
      },
    });
    expect(line.statusCode, line.body).toBe(201);

    const dump = await everything();
    expect(dump).toContain('imap.north.test');
    for (const secret of [imapPassword, identitySecret, authToken, webhookSecret.slice('whsec_'.length)]) {
      expect(dump).not.toContain(secret);
    }
    // Still usable: the widget's lookup opens the sealed secret.
    const key = (chat.json() as { key: string }).key;
    expect((await findChatInboxByKey(t.database.db, key))?.settings.identitySecret).toBe(identitySecret);
  });

  it('reads a secret stored in clear before sealing, and the start-up pass seals it', async () => {
    await t.database.db.insert(inboxes).values({
      clientId: t.agency.south.id,
      name: 'Old South chat',
      channel: 'chat',
      key: 'm7-legacy-chat-inbox',
      settings: { channel: 'chat', allowedOrigins: [], identitySecret: legacySecret },
    });
    expect(await everything()).toContain(legacySecret);
    expect((await findChatInboxByKey(t.database.db, 'm7-legacy-chat-inbox'))?.settings.identitySecret).toBe(
      legacySecret,
    );
    expect(await sealStoredSecrets(t.database.db)).toBe(1);
    expect(await everything()).not.toContain(legacySecret);
    expect((await findChatInboxByKey(t.database.db, 'm7-legacy-chat-inbox'))?.settings.identitySecret).toBe(
      legacySecret,
    );
    expect(await sealStoredSecrets(t.database.db)).toBe(0);
  });
});
