import type { ConversationDetail, ConversationSummary, DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { queryRows } from '../db/index.js';
import { contacts, conversations } from '../db/schema.js';

type Page = { items: ConversationSummary[]; nextCursor: string | null };

describe('the agent desk', () => {
  let t: TestApp;
  let north: Session;
  let owner: Session;
  beforeAll(async () => {
    t = await startTestApp();
    north = await signIn(t.app, t.agency.northAgent.email);
    owner = await signIn(t.app, t.agency.owner.email);
  });
  afterAll(() => t.close());

  const list = async (session: Session, query = '') =>
    (await session.request({ method: 'GET', url: `/api/v1/conversations?${query}` })).json() as Page;

  it("shows an agent only the clients they serve, and a supervisor every client's", async () => {
    expect((await list(north)).items.map((c) => c.client.slug)).toEqual(['north']);
    const all = await list(owner);
    expect(new Set(all.items.map((c) => c.client.slug))).toEqual(new Set(['north', 'south']));
  });

  it('lists waiting conversations oldest first (sort=waiting) and pages with a cursor through every row once', async () => {
    const { db } = t.database;
    const [contact] = await db.select().from(contacts).where(sql`client_id = ${t.agency.north.id}`);
    const base = Date.now() - 3_600_000;
    await db.insert(conversations).values(
      Array.from({ length: 25 }, (_, i) => ({
        clientId: t.agency.north.id,
        number: 100 + i,
        inboxId: t.agency.north.inboxId,
        contactId: contact!.id,
        channel: 'email' as const,
        subject: `Paging ${i}`,
        // Three rows share a waiting time, so the cursor must break ties by id.
        waitingSince: new Date(base + Math.max(i, 2) * 60_000),
        priority: i % 5 === 0 ? ('urgent' as const) : ('normal' as const),
      })),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let previous = '';
    do {
      const page: Page = await list(north, `status=open&sort=waiting&limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      for (const item of page.items) {
        expect(item.waitingSince! >= previous).toBe(true);
        previous = item.waitingSince!;
        seen.push(item.id);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(26);
    expect(new Set(seen).size).toBe(26);
  });

  it('filters by priority, channel, assignee and client, and searches message text', async () => {
    expect((await list(north, 'status=open&priority=urgent')).items.every((c) => c.priority === 'urgent')).toBe(true);
    expect((await list(north, 'status=open&priority=urgent')).items).toHaveLength(5);
    expect((await list(north, 'channel=chat')).items).toHaveLength(0);
    expect((await list(north, 'assignee=me')).items).toHaveLength(0);
    expect((await list(north, 'assignee=none')).items.length).toBeGreaterThan(0);
    const found = await list(owner, `q=${encodeURIComponent('week')}`);
    expect(found.items.map((c) => c.client.slug).sort()).toEqual(['north', 'south']);
    const scoped = await list(owner, `q=week&clientId=${t.agency.south.id}`);
    expect(scoped.items.map((c) => c.client.slug)).toEqual(['south']);
  });

  it('rejects a malformed cursor with a clear 400', async () => {
    const response = await north.request({ method: 'GET', url: '/api/v1/conversations?cursor=bm9wZQ' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'CURSOR_INVALID' });
  });

  it('opens a conversation with its thread, customer and their other conversations', async () => {
    const response = await north.request({
      method: 'GET',
      url: `/api/v1/conversations/${t.agency.north.conversationId}`,
    });
    const detail = response.json() as ConversationDetail;
    expect(detail.contact.email).toBe(t.agency.north.contactEmail);
    expect(detail.messages.map((m) => m.kind)).toEqual(['incoming', 'note']);
    expect(detail.otherConversations.length).toBe(20); // the newest 20
  });

  it('replies: the first response is marked, the waiting clock stops, and every open desk hears of it', async () => {
    const ws = await t.app.injectWS('/api/v1/ws', { headers: { cookie: owner.cookie } });
    const received: DeskEvent[] = [];
    ws.on('message', (data: Buffer) => received.push(JSON.parse(String(data)) as DeskEvent));
    const url = `/api/v1/conversations/${t.agency.north.conversationId}`;
    const reply = await north.request({
      method: 'POST',
      url: `${url}/messages`,
      payload: { kind: 'reply', body: 'Your order ships tomorrow.' },
    });
    expect(reply.statusCode).toBe(201);
    const detail = (await north.request({ method: 'GET', url })).json() as ConversationDetail;
    expect(detail.firstResponseAt).not.toBeNull();
    expect(detail.waitingSince).toBeNull();
    expect(detail.messages.at(-1)).toMatchObject({ kind: 'outgoing', bodyText: 'Your order ships tomorrow.' });
    await expect.poll(() => received.map((e) => e.type)).toContain('message.created');
    ws.terminate();
  });

  it('logs every change with actor and time on the timeline and in the audit log', async () => {
    const url = `/api/v1/conversations/${t.agency.north.conversationId}`;
    const response = await north.request({
      method: 'PATCH',
      url,
      payload: { status: 'resolved', priority: 'high', assigneeId: t.agency.northAgent.id, tags: ['shipping'] },
    });
    expect(response.statusCode).toBe(200);
    const detail = response.json() as ConversationDetail;
    expect(detail).toMatchObject({ status: 'resolved', priority: 'high', assignee: { name: 'Nora North' } });
    expect(detail.resolvedAt).not.toBeNull();
    const activity = detail.messages.filter((m) => m.kind === 'activity');
    expect(activity.map((m) => m.activity?.action).sort()).toEqual(['assign', 'priority', 'status', 'tags']);
    expect(activity.every((m) => m.author.name === 'Nora North')).toBe(true);
    const audit = await queryRows<{ action: string; actor_id: string }>(
      t.database.db,
      sql`SELECT action, actor_id FROM audit_log WHERE entity_id = ${t.agency.north.conversationId} ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'conversation.status',
        'conversation.priority',
        'conversation.assign',
        'message.replied',
      ]),
    );
    expect(audit.every((a) => a.actor_id === t.agency.northAgent.id)).toBe(true);
  });

  it('refuses to assign a conversation to an agent who does not serve its client', async () => {
    const response = await owner.request({
      method: 'PATCH',
      url: `/api/v1/conversations/${t.agency.north.conversationId}`,
      payload: { assigneeId: t.agency.southAgent.id },
    });
    expect(response.statusCode).toBe(400);
  });

  it('keeps internal notes internal unless shared with the client', async () => {
    const url = `/api/v1/conversations/${t.agency.north.conversationId}/messages`;
    const note = await north.request({ method: 'POST', url, payload: { kind: 'note', body: 'Customer is a VIP' } });
    expect(note.json()).toMatchObject({ kind: 'note', visibleToClient: false });
    const shared = await north.request({
      method: 'POST',
      url,
      payload: { kind: 'note', body: 'Refund approved by the warehouse', visibleToClient: true },
    });
    expect(shared.json()).toMatchObject({ kind: 'note', visibleToClient: true });
  });
});
