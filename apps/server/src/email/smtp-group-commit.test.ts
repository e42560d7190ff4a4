import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../test/app.js';
import { defaultSlaPolicy } from '../sla/default-sla-policy.js';
import { findEmailInboxByAddress } from './email-repository.js';
import { type EmailKit, sendRaw, sql, startEmailKit } from './email-test-kit.js';
import { commitPreparedEmails, prepareEmail } from './receive-email.js';

const mail = (id: string, extra = '') =>
  `From: Group ${id} <group.${id}@example.com>\r\nTo: support@north.test\r\nSubject: group commit ${id}\r\nMessage-ID: <${id}@group.example>\r\n${extra}\r\nbody of ${id}\r\n`;

/** Group commit: messages arriving together share one transaction, and still each stand on their own. */
describe('SMTP group commit', () => {
  let k: EmailKit;
  beforeAll(async () => {
    k = await startEmailKit();
  });
  afterAll(() => k.stop());
  const count = async (table: 'messages' | 'email_messages', id: string) => {
    const column = table === 'messages' ? sql`source_id` : sql`rfc_message_id`;
    const [row] = await k.rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM ${sql.raw(table)} WHERE ${column} = ${`<${id}@group.example>`}`,
    );
    return row!.n;
  };

  it('stores a parallel burst, retries and replies included, each once and threaded', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `burst-${i}`);
    // Every message twice at once (a sender's retry racing the first attempt), in parallel sessions.
    const results = await Promise.all([...ids, ...ids].map((id) => sendRaw(k.smtp.port, mail(id))));
    expect(results.every((r) => r.code === 250)).toBe(true);
    for (const id of ids) {
      expect(await count('messages', id)).toBe(1);
      expect(await count('email_messages', id)).toBe(1);
    }
    // Replies arriving together with a new message land in their parents' conversations.
    const replies = await Promise.all([
      sendRaw(
        k.smtp.port,
        mail('reply-0', 'In-Reply-To: <burst-0@group.example>\r\n').replace('group.reply-0@', 'group.burst-0@'),
      ),
      sendRaw(
        k.smtp.port,
        mail('reply-1', 'In-Reply-To: <burst-1@group.example>\r\n').replace('group.reply-1@', 'group.burst-1@'),
      ),
      sendRaw(k.smtp.port, mail('fresh')),
    ]);
    expect(replies.map((r) => r.code)).toEqual([250, 250, 250]);
    const pairs = await k.rows<{ parent: string; child: string }>(
      sql`SELECT p.conversation_id AS parent, c.conversation_id AS child FROM messages p JOIN messages c
        ON c.source_id = replace(p.source_id, 'burst-', 'reply-')
        WHERE p.source_id IN ('<burst-0@group.example>', '<burst-1@group.example>')`,
    );
    expect(pairs).toHaveLength(2);
    expect(pairs.every((p) => p.parent === p.child)).toBe(true);
  });

  it('runs what one message runs for each message of a batch: SLA clock, automation rules', async () => {
    const owner = await signIn(k.app, k.agency.owner.email);
    const policy = await owner.request({
      method: 'PUT',
      url: `/api/v1/clients/${k.agency.north.id}/sla-policy`,
      payload: { ...defaultSlaPolicy('UTC'), calendar: { ...defaultSlaPolicy('UTC').calendar, mode: 'always' } },
    });
    expect(policy.statusCode).toBe(200);
    const rule = await owner.request({
      method: 'POST',
      url: '/api/v1/automation/rules',
      payload: {
        clientId: k.agency.north.id,
        name: 'Batch urgent',
        events: ['conversation.created', 'message.received'],
        conditions: [{ type: 'words', op: 'contains_any', values: ['urgent'] }],
        actions: [{ type: 'set_priority', priority: 'urgent' }],
      },
    });
    expect(rule.statusCode).toBe(201);
    const inbox = (await findEmailInboxByAddress(k.database.db, 'support@north.test'))!;
    const { deps } = k;
    const raw = (id: string, body: string) => Buffer.from(mail(id).replace(`body of ${id}`, body));
    const batch = await Promise.all(
      [raw('sla-1', 'please help, urgent'), raw('sla-2', 'a calm question'), raw('sla-3', 'urgent too')].map((r) =>
        prepareEmail(deps, { raw: r, inbox, via: 'smtp' }),
      ),
    );
    expect(batch.every((prepared) => prepared.batchable)).toBe(true);
    const settled = await commitPreparedEmails(deps, batch);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const rows = await k.rows<{
      source_id: string;
      priority: string;
      first_response_due_at: Date | null;
      runs: number;
    }>(
      sql`SELECT m.source_id, c.priority, c.first_response_due_at,
          (SELECT count(*)::int FROM automation_runs r WHERE r.conversation_id = c.id) AS runs
        FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.source_id LIKE '<sla-%' ORDER BY m.source_id`,
    );
    expect(rows.map((r) => [r.source_id, r.priority, r.runs])).toEqual([
      ['<sla-1@group.example>', 'urgent', 1],
      ['<sla-2@group.example>', 'normal', 0],
      ['<sla-3@group.example>', 'urgent', 1],
    ]);
    expect(rows.every((r) => r.first_response_due_at !== null)).toBe(true);
  });

  it('fails only the message that fails, not the others of its batch', async () => {
    const inbox = (await findEmailInboxByAddress(k.database.db, 'support@north.test'))!;
    const { deps } = k;
    const prepare = (id: string) => prepareEmail(deps, { raw: Buffer.from(mail(id)), inbox, via: 'smtp' });
    const [first, bad, last] = await Promise.all([prepare('iso-1'), prepare('iso-2'), prepare('iso-3')]);
    // Not batchable, so it is stored on its own path, where it fails after writing its rows.
    const failing = {
      ...bad!,
      batchable: null,
      store: async (...args: Parameters<typeof bad.store>) => {
        await bad!.store(...args);
        throw new Error('this one fails');
      },
    };
    const settled = await commitPreparedEmails(deps, [first!, failing, last!]);
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await count('messages', 'iso-1')).toBe(1);
    expect(await count('messages', 'iso-2')).toBe(0);
    expect(await count('messages', 'iso-3')).toBe(1);
    expect(await count('email_messages', 'iso-2')).toBe(0);
  });
});
