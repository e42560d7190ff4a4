import { InboxSettings } from '@switchboard/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { hashPassword } from '../auth/password.js';
import type { Database } from '../db/index.js';
import { demoSignIns, findDemoCredentials, seedDemo } from './index.js';

const persian = /[\u0600-\u06FF]/;
const now = new Date('2025-03-01T12:00:00Z');

type Row = Record<string, unknown>;

describe('seedDemo', () => {
  let database: Database;
  let first: { seeded: boolean };
  const query = async (text: string, values?: unknown[]) => (await database.executeSql(text, values)).rows;
  const count = async (table: string) => (await query(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n as number;
  const tables = [
    'agency_users',
    'client_users',
    'clients',
    'agent_clients',
    'inboxes',
    'contacts',
    'contact_identities',
    'conversations',
    'messages',
    'audit_log',
  ];

  beforeAll(async () => {
    database = await openTestDatabase();
    const started = performance.now();
    first = await seedDemo(database.db, { now });
    console.info(`seedDemo took ${Math.round(performance.now() - started)} ms on ${database.kind}`);
  });
  afterAll(() => database.close());

  it('creates the demo staff, clients and their users', async () => {
    expect(first).toEqual({ seeded: true });
    expect(await count('agency_users')).toBe(5);
    expect(await count('client_users')).toBe(4);
    expect(await count('clients')).toBe(2);
    const emails = (await query('SELECT email FROM agency_users UNION ALL SELECT email FROM client_users')).map(
      (r) => r.email,
    );
    for (const signIn of demoSignIns) expect(emails).toContain(signIn.email);
    expect(demoSignIns).toHaveLength(7);

    const served = await query(
      `SELECT u.email, c.slug FROM agent_clients ac JOIN agency_users u ON u.id = ac.agent_id
       JOIN clients c ON c.id = ac.client_id ORDER BY u.email, c.slug`,
    );
    expect(served.map((r) => `${r.email}:${r.slug}`)).toEqual([
      'agent1@demo.test:acme',
      'agent1@demo.test:golestan',
      'agent2@demo.test:acme',
      'agent3@demo.test:golestan',
    ]);
  });

  it('gives each client an e-mail, chat and phone inbox with valid settings', async () => {
    const inboxes = await query('SELECT channel, settings, key FROM inboxes');
    expect(inboxes.map((r) => r.channel).sort()).toEqual(['chat', 'chat', 'email', 'email', 'phone', 'phone']);
    for (const inbox of inboxes) {
      expect(() => InboxSettings.parse(inbox.settings)).not.toThrow();
      expect(inbox.key).toMatch(/^[A-Za-z0-9_-]{24}$/);
    }
  });

  it('writes Golestan in Persian and Acme in English', async () => {
    const rows = await query(
      `SELECT c.slug, m.body_text, m.language FROM messages m JOIN clients c ON c.id = m.client_id`,
    );
    const acme = rows.filter((r) => r.slug === 'acme');
    const golestan = rows.filter((r) => r.slug === 'golestan');
    expect(acme.some((r) => persian.test(String(r.body_text)))).toBe(false);
    expect(golestan.filter((r) => persian.test(String(r.body_text))).length).toBeGreaterThan(golestan.length * 0.9);
    expect(new Set(golestan.map((r) => r.language))).toEqual(new Set(['fa']));
    expect(new Set(acme.map((r) => r.language))).toEqual(new Set(['en']));
  });

  it('keeps every message, identity and author within its conversation’s client', async () => {
    expect(await count('conversations')).toBeGreaterThanOrEqual(250);
    const [crossed] = await query(`
      SELECT
        (SELECT count(*)::int FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.client_id <> c.client_id) AS messages,
        (SELECT count(*)::int FROM conversations c JOIN contacts k ON k.id = c.contact_id
          WHERE k.client_id <> c.client_id) AS contacts,
        (SELECT count(*)::int FROM conversations c JOIN inboxes i ON i.id = c.inbox_id
          WHERE i.client_id <> c.client_id OR i.channel <> c.channel) AS inboxes,
        (SELECT count(*)::int FROM contact_identities ci JOIN contacts k ON k.id = ci.contact_id
          WHERE k.client_id <> ci.client_id) AS identities,
        (SELECT count(*)::int FROM conversations c WHERE c.assignee_id IS NOT NULL AND NOT EXISTS
          (SELECT 1 FROM agent_clients ac WHERE ac.client_id = c.client_id AND ac.agent_id = c.assignee_id)) AS assignees,
        (SELECT count(*)::int FROM messages m WHERE m.author_type = 'agent' AND NOT EXISTS
          (SELECT 1 FROM agent_clients ac WHERE ac.client_id = m.client_id AND ac.agent_id = m.author_id)) AS authors
    `);
    expect(crossed).toEqual({ messages: 0, contacts: 0, inboxes: 0, identities: 0, assignees: 0, authors: 0 });
  });

  it('numbers conversations 1..N per client and records N as the client’s sequence', async () => {
    const rows = await query(`
      SELECT c.slug, c.conversation_seq AS seq, count(v.id)::int AS n, count(DISTINCT v.number)::int AS distinct_numbers,
             min(v.number) AS min, max(v.number) AS max
      FROM clients c JOIN conversations v ON v.client_id = c.id GROUP BY c.slug, c.conversation_seq`);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.min).toBe(1);
      expect(row.max).toBe(row.n);
      expect(row.distinct_numbers).toBe(row.n);
      expect(row.seq).toBe(row.max);
    }
  });

  it('derives waiting, response, resolution and preview fields from the messages', async () => {
    const conversations = await query('SELECT * FROM conversations');
    const messages = await query('SELECT * FROM messages ORDER BY conversation_id, created_at');
    const byConversation = new Map<string, Row[]>();
    for (const m of messages) {
      const id = m.conversation_id as string;
      byConversation.set(id, [...(byConversation.get(id) ?? []), m]);
    }
    const statuses = new Set<unknown>();
    const time = (value: unknown) => (value === null ? null : new Date(value as string).getTime());

    for (const conversation of conversations) {
      statuses.add(conversation.status);
      const thread = byConversation.get(conversation.id as string) ?? [];
      expect(thread.length).toBeGreaterThan(0);
      const times = thread.map((m) => time(m.created_at)!);
      for (let i = 1; i < times.length; i++) expect(times[i]).toBeGreaterThan(times[i - 1]!);
      expect(times.at(-1)).toBeLessThanOrEqual(now.getTime());
      expect(time(conversation.created_at)).toBe(times[0]);

      const conversational = thread.filter((m) => m.kind === 'incoming' || m.kind === 'outgoing');
      const last = conversational.at(-1) as Row;
      expect(time(conversation.last_message_at)).toBe(time(last.created_at));
      expect(conversation.preview).toBe(String(last.body_text).replace(/\s+/g, ' ').trim().slice(0, 140));

      // Waiting: open, and the customer wrote last; since their first message after our last reply.
      const lastReply = conversational.findLastIndex((m) => m.kind === 'outgoing');
      const unanswered = conversational.slice(lastReply + 1);
      const expectedWaiting =
        conversation.status === 'open' && unanswered.length > 0 ? time(unanswered[0]!.created_at) : null;
      expect(time(conversation.waiting_since)).toBe(expectedWaiting);

      const firstReply = conversational.find((m) => m.kind === 'outgoing');
      if (firstReply) expect(time(conversation.first_response_at)).toBe(time(firstReply.created_at));
      if (conversation.channel !== 'phone' && !firstReply) expect(conversation.first_response_at).toBeNull();
      expect(conversation.resolved_at === null).toBe(conversation.status !== 'resolved');
      if (conversation.assignee_id === null) expect(conversation.first_response_at).toBeNull();
    }
    expect(statuses).toEqual(new Set(['open', 'pending', 'snoozed', 'resolved']));
    const waiting = conversations.filter((c) => c.waiting_since !== null);
    expect(waiting.some((c) => c.assignee_id === null)).toBe(true);
    expect(waiting.some((c) => c.assignee_id !== null)).toBe(true);
    expect(conversations.some((c) => (c.flags as string[]).includes('emergency'))).toBe(true);
    expect(new Set(conversations.map((c) => c.channel))).toEqual(new Set(['email', 'chat', 'phone']));
    expect(messages.some((m) => m.kind === 'note' && m.visible_to_client === true)).toBe(true);
    expect(messages.some((m) => m.kind === 'note' && m.visible_to_client === false)).toBe(true);
    expect(messages.some((m) => m.kind === 'activity' && m.activity !== null)).toBe(true);
  });

  it('gives no agent more open conversations on a channel than their capacity, across the clients they serve', async () => {
    const loads = await query(`
      SELECT u.email, CASE WHEN c.channel = 'api' THEN 'email' ELSE c.channel::text END AS channel,
        count(*)::int AS n, (u.capacity->>(CASE WHEN c.channel = 'api' THEN 'email' ELSE c.channel::text END))::int AS capacity
      FROM conversations c JOIN agency_users u ON u.id = c.assignee_id
      WHERE c.status = 'open' GROUP BY u.email, u.capacity, 2`);
    expect(loads.length).toBeGreaterThan(0);
    const over = loads.filter((row) => (row.n as number) > (row.capacity as number));
    expect(over).toEqual([]);
    // The shared agent's e-mail room is used by both clients, not filled twice.
    const shared = loads.find((row) => row.email === 'agent1@demo.test' && row.channel === 'email');
    expect(shared?.n).toBeGreaterThan(0);
  });

  it('seeds an open, an answered and an overdue escalation for each client', async () => {
    const rows = await query(
      `SELECT c.slug, e.status, e.due_at < $1 AS overdue, e.overdue_at IS NOT NULL AS marked FROM escalations e
        JOIN clients c ON c.id = e.client_id ORDER BY c.slug, e.created_at DESC`,
      [now.toISOString()],
    );
    const expected = [
      { status: 'open', overdue: false, marked: false },
      { status: 'answered', overdue: false, marked: false },
      { status: 'open', overdue: true, marked: true },
    ];
    expect(rows).toEqual([
      ...expected.map((row) => ({ slug: 'acme', ...row })),
      ...expected.map((row) => ({ slug: 'golestan', ...row })),
    ]);
  });

  it('does nothing when the demo is already there', async () => {
    const before = await Promise.all(tables.map(count));
    expect(await seedDemo(database.db, { now })).toEqual({ seeded: false });
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });

  // Last: it changes the demo's credentials.
  it('lists every credential the demo publishes until each is changed or deactivated', async () => {
    const found = await findDemoCredentials(database.db);
    expect(found).toHaveLength(5 + 4 + 2);
    expect(found).toContain('the sign-in admin@demo.test with the demo password');
    expect(found.filter((item) => item.startsWith('the phone line'))).toHaveLength(2);

    await query(`UPDATE agency_users SET password_hash = $1 WHERE email <> 'agent3@demo.test'`, [
      await hashPassword('a password nobody published'),
    ]);
    await query(`UPDATE agency_users SET active = false WHERE email = 'agent3@demo.test'`);
    await query(`UPDATE client_users SET password_hash = $1`, [await hashPassword('another one')]);
    expect(await findDemoCredentials(database.db)).toHaveLength(2);
    await query(`UPDATE phone_lines SET account_sid = 'AC0123', cti_token_hash = NULL`);
    expect(await findDemoCredentials(database.db)).toEqual([]);
  });
});
