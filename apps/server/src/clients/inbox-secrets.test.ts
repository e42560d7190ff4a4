import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { findChatInboxByKey } from '../chat/chat-repository.js';
import { queryRows } from '../db/index.js';

/**
 * L10: a chat inbox's identity secret is shown once, to the manager who created it; lists, detail, changes
 * and the audit log never carry it, and agents never see it.
 */
describe("a chat inbox's identity secret", () => {
  let t: TestApp;
  const secret = 'l10-identity-secret-0123456789abcdef-xyz';
  const rotated = 'l10-rotated-secret-0123456789abcdef-uvw';
  let inboxId: string;
  let inboxKey: string;
  const base = () => `/api/v1/clients/${t.agency.north.id}/inboxes`;
  const settings = {
    channel: 'chat',
    allowedOrigins: ['https://north.test'],
    greeting: 'Hi',
    color: '#1c7ed6',
    preChat: [],
    businessHours: null,
    locale: 'auto',
  };
  const auditText = async () =>
    (await queryRows<{ data: string }>(t.database.db, sql`SELECT data::text AS data FROM audit_log`))
      .map((r) => r.data)
      .join('\n');

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is returned once on creation to the manager, and never in the audit log', async () => {
    const manager = await signIn(t.app, t.agency.supervisor.email);
    const created = await manager.request({
      method: 'POST',
      url: base(),
      payload: { name: 'North chat', settings: { ...settings, identitySecret: secret } },
    });
    expect(created.statusCode, created.body).toBe(201);
    const inbox = created.json() as { id: string; key: string; settings: { identitySecret?: string } };
    expect(inbox.settings.identitySecret).toBe(secret);
    inboxId = inbox.id;
    inboxKey = inbox.key;
    const audit = await auditText();
    expect(audit).not.toContain(secret);
  });

  it('is redacted in the list, for agents and managers alike', async () => {
    for (const email of [t.agency.northAgent.email, t.agency.supervisor.email]) {
      const caller = await signIn(t.app, email);
      const list = await caller.request({ method: 'GET', url: base() });
      expect(list.statusCode).toBe(200);
      expect(list.body).not.toContain(secret);
      const chat = (list.json() as { id: string; settings: Record<string, unknown> }[]).find((i) => i.id === inboxId);
      expect(chat?.settings).toMatchObject({ channel: 'chat', identitySecretSet: true });
      expect(chat?.settings.identitySecret).toBeUndefined();
    }
  });

  it('survives a change that leaves it out, and a rotation is neither echoed nor audited in clear', async () => {
    const manager = await signIn(t.app, t.agency.supervisor.email);
    const renamed = await manager.request({
      method: 'PATCH',
      url: `${base()}/${inboxId}`,
      payload: { name: 'North live chat', settings: { ...settings, greeting: 'Hello' } },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    expect(renamed.body).not.toContain(secret);
    expect((await findChatInboxByKey(t.database.db, inboxKey))?.settings.identitySecret).toBe(secret);

    const rotation = await manager.request({
      method: 'PATCH',
      url: `${base()}/${inboxId}`,
      payload: { settings: { ...settings, identitySecret: rotated } },
    });
    expect(rotation.statusCode, rotation.body).toBe(200);
    expect(rotation.body).not.toContain(rotated);
    expect(rotation.json()).toMatchObject({ settings: { identitySecretSet: true } });
    expect((await findChatInboxByKey(t.database.db, inboxKey))?.settings.identitySecret).toBe(rotated);
    const audit = await auditText();
    expect(audit).not.toContain(secret);
    expect(audit).not.toContain(rotated);

    const off = await manager.request({
      method: 'PATCH',
      url: `${base()}/${inboxId}`,
      payload: { settings: { ...settings, identitySecret: '' } },
    });
    expect(off.json()).toMatchObject({ settings: { identitySecretSet: false } });
    expect((await findChatInboxByKey(t.database.db, inboxKey))?.settings.identitySecret).toBe('');
  });
});
