import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PortalConversationDetail, PortalConversationSummary } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { createLocalDiskStorage } from '../platform/storage/index.js';

type Page = { items: PortalConversationSummary[]; nextCursor: string | null };

describe("the client portal's communication history", () => {
  let t: TestApp;
  let client: Session;
  beforeAll(async () => {
    t = await startTestApp();
    client = await signIn(t.app, t.agency.north.clientUserEmail);
    const agent = await signIn(t.app, t.agency.northAgent.email);
    const url = `/api/v1/conversations/${t.agency.north.conversationId}/messages`;
    await agent.request({ method: 'POST', url, payload: { kind: 'reply', body: 'Your parcel left the warehouse.' } });
    await agent.request({
      method: 'POST',
      url,
      payload: { kind: 'note', body: 'Courier confirmed', visibleToClient: true },
    });
  });
  afterAll(() => t.close());

  const history = async (query = '') =>
    (await client.request({ method: 'GET', url: `/api/v1/portal/conversations?${query}` })).json() as Page;

  it("lists the client's conversations with channel, participants and counts", async () => {
    const page = await history();
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      number: 1,
      channel: 'email',
      contact: { email: t.agency.north.contactEmail },
      messageCount: 3,
    });
    expect(page.items[0]!.participants).toEqual(expect.arrayContaining(['North Gear Customer', 'Nora North']));
  });

  it('shows every message and shared note, never an internal one', async () => {
    const response = await client.request({ method: 'GET', url: '/api/v1/portal/conversations/1' });
    const detail = response.json() as PortalConversationDetail;
    const texts = detail.messages.map((m) => m.bodyText);
    expect(texts).toContain('Your parcel left the warehouse.');
    expect(texts).toContain('Courier confirmed');
    expect(JSON.stringify(detail)).not.toContain(t.agency.north.noteText);
  });

  it('searches the history, but an internal note cannot be found by its words', async () => {
    expect((await history('q=parcel')).items).toHaveLength(1);
    expect((await history(`q=${encodeURIComponent('secret note')}`)).items).toHaveLength(0);
  });

  it('serves attachments of what the client may see, and not those of internal notes', async () => {
    const storage = createLocalDiskStorage(path.join(tmpdir(), 'switchboard-files'));
    await storage.put('test/portal-attachment.txt', Buffer.from('packing list'));
    const [hidden] = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM messages WHERE client_id = ${t.agency.north.id} AND kind = 'note' AND NOT visible_to_client LIMIT 1`,
    );
    const [shown] = await queryRows<{ id: string }>(
      t.database.db,
      sql`SELECT id FROM messages WHERE client_id = ${t.agency.north.id} AND kind = 'incoming' LIMIT 1`,
    );
    const attach = async (messageId: string) =>
      (
        await queryRows<{ id: string }>(
          t.database.db,
          sql`INSERT INTO attachments (client_id, message_id, filename, content_type, size, storage_key, sha256)
            VALUES (${t.agency.north.id}, ${messageId}, 'list.txt', 'text/plain', 12, 'test/portal-attachment.txt', 'x')
            RETURNING id`,
        )
      )[0]!.id;
    const url = (id: string) => `/api/v1/email/attachments/${id}/content`;
    const onNote = await attach(hidden!.id);
    const onMessage = await attach(shown!.id);
    expect((await client.request({ method: 'GET', url: url(onMessage) })).body).toBe('packing list');
    expect((await client.request({ method: 'GET', url: url(onNote) })).statusCode).toBe(404);
    const agent = await signIn(t.app, t.agency.northAgent.email);
    expect((await agent.request({ method: 'GET', url: url(onNote) })).statusCode).toBe(200);
  });

  it('answers 404 for a number the client does not have', async () => {
    const response = await client.request({ method: 'GET', url: '/api/v1/portal/conversations/999' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });
});
