import { CreateAutomationRuleRequest } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { createAutomationRule } from '../automation/create-automation-rule.js';
import { type Database, queryRows, type Tx } from '../db/index.js';
import { contacts } from '../db/schema.js';
import { upsertSlaPolicy } from '../sla/sla-repository.js';
import { alwaysOpenPolicy } from '../sla/sla-test-kit.js';
import { type IncomingMessage, receiveIncomingMessage, receiveIncomingMessages } from './index.js';

/**
 * The single way in (chat, phone, API, one e-mail) and the batch (SMTP group commit) must do the same
 * thing to the same message: the same inputs, through each entry in a database of its own set up the
 * same way, leave the same rows and answer the same desk events.
 */

type Side = { database: Database; agency: Agency; conversations: Map<string, string> };
type Entry = (tx: Tx, input: IncomingMessage) => Promise<unknown>;

// The inputs' own times, well before this run's "now" (which the comparison leaves out).
const inputDay = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 30 * 86_400_000;
const at = (minute: number) => new Date(inputDay + 9 * 3_600_000 + minute * 60_000);

/** What both entries answer, in one shape: the conversation, message and customer, and the desk events. */
const viaSingle: Entry = async (tx, input) => {
  const received = await receiveIncomingMessage(tx, input, testReactions);
  return {
    conversationId: received.conversationId,
    messageId: received.message.id,
    contactId: received.contactId,
    created: received.created,
    duplicate: received.duplicate,
    deskEvents: received.automation?.deskEvents ?? [],
  };
};
const viaBatch: Entry = async (tx, input) => {
  const [received] = await receiveIncomingMessages(tx, [input], testReactions);
  return {
    conversationId: received!.conversationId,
    messageId: received!.message.id,
    contactId: received!.contactId,
    created: received!.created,
    duplicate: received!.duplicate,
    deskEvents: received!.automation?.deskEvents ?? [],
  };
};

type Step = { name: string; before?: (side: Side) => Promise<void>; input: (side: Side) => IncomingMessage };

const email = (side: Side, address: string, name: string, bodyText: string, extra: Partial<IncomingMessage> = {}) => ({
  clientId: side.agency.north.id,
  inboxId: side.agency.north.inboxId,
  channel: 'email' as const,
  sender: { sourceId: address, name, email: address },
  subject: 'Order 1042',
  bodyText,
  ...extra,
});

const steps: Step[] = [
  {
    name: 'a new customer',
    input: (side) =>
      email(side, 'new@example.com', 'Nia New', 'Where is my order?', {
        sourceId: '<m1@example.com>',
        receivedAt: at(1),
      }),
  },
  {
    name: 'a known customer',
    input: (side) =>
      email(side, side.agency.north.contactEmail, 'North Gear Customer', 'Hello again', { receivedAt: at(2) }),
  },
  {
    // Two contacts share the address (imported twice); the newer one was stored first.
    name: 'two duplicate contacts with the same address',
    before: async (side) => {
      const clientId = side.agency.north.id;
      await side.database.db.insert(contacts).values({
        clientId,
        name: 'Twin Newer',
        email: 'twin@example.com',
        createdAt: new Date(inputDay - 86_400_000),
      });
      await side.database.db.insert(contacts).values({
        clientId,
        name: 'Twin Older',
        email: 'twin@example.com',
        createdAt: new Date(inputDay - 2 * 86_400_000),
      });
    },
    input: (side) => email(side, 'twin@example.com', 'Twin', 'Which one of us?', { receivedAt: at(3) }),
  },
  {
    name: 'a reply threading into its conversation (a rule fires on message.received)',
    input: (side) =>
      email(side, 'new@example.com', 'Nia New', 'I would like a refund', {
        conversationId: side.conversations.get('a new customer')!,
        receivedAt: at(4),
      }),
  },
  {
    name: 'a resolved conversation reopened',
    before: async (side) => {
      const id = side.conversations.get('a known customer')!;
      await side.database.db.execute(
        sql`UPDATE conversations SET status = 'resolved', resolved_at = ${at(5).toISOString()}::timestamptz WHERE id = ${id}`,
      );
    },
    input: (side) =>
      email(side, side.agency.north.contactEmail, 'North Gear Customer', 'It broke again', {
        conversationId: side.conversations.get('a known customer')!,
        receivedAt: at(6),
      }),
  },
  {
    name: 'Persian text',
    input: (side) => ({
      ...email(side, 'sara@example.ir', 'سارا', 'سلام، سفارش من کجاست؟', { receivedAt: at(7) }),
      sender: { sourceId: 'sara@example.ir', name: 'سارا', email: 'sara@example.ir', locale: 'fa' },
      subject: 'سفارش ۱۰۴۲',
    }),
  },
  {
    // A chat visitor the channel already knows as a customer (by their identity), without an address.
    name: 'a message with contactId',
    input: (side) => ({
      clientId: side.agency.north.id,
      inboxId: side.agency.north.inboxId,
      channel: 'chat',
      sender: { sourceId: 'visitor-7', name: 'Visitor 7', email: null, phone: null },
      contactId: side.agency.north.contactId,
      subject: 'Chat',
      bodyText: 'Are you there?',
      sourceId: 'chat:visitor-7:k1',
      receivedAt: at(8),
    }),
  },
  {
    name: 'an outbound call with placedBy',
    input: (side) => ({
      clientId: side.agency.north.id,
      inboxId: side.agency.north.inboxId,
      channel: 'phone',
      sender: { sourceId: '+15550100', name: '+15550100', phone: '+15550100' },
      subject: 'Call to +15550100',
      bodyText: 'Outgoing call to +15550100.',
      sourceId: 'call:test:1',
      receivedAt: at(9),
      placedBy: { agentId: side.agency.northAgent.id, agentName: 'Nora North' },
    }),
  },
  {
    name: 'a redelivery of the first message',
    input: (side) =>
      email(side, 'new@example.com', 'Nia New', 'Where is my order?', {
        sourceId: '<m1@example.com>',
        receivedAt: at(1),
      }),
  },
];

async function setUp(): Promise<Side> {
  const database = await openTestDatabase();
  const agency = await createAgency(database.db);
  await upsertSlaPolicy(
    database.db,
    agency.north.id,
    alwaysOpenPolicy({ firstResponse: 15, nextResponse: 30, resolution: 240 }),
  );
  const owner = {
    kind: 'agency' as const,
    userId: agency.owner.id,
    role: 'owner' as const,
    clientIds: [agency.north.id, agency.south.id],
  };
  const rules = [
    {
      name: 'New conversations are tagged',
      events: ['conversation.created'],
      actions: [{ type: 'add_tags', tags: ['new'] }],
    },
    {
      name: 'Refunds are billing',
      events: ['message.received'],
      conditions: [{ type: 'words', op: 'contains_any', values: ['refund'] }],
      actions: [{ type: 'add_tags', tags: ['billing'] }],
    },
  ];
  for (const rule of rules)
    await createAutomationRule(
      database.db,
      owner,
      CreateAutomationRuleRequest.parse({ clientId: agency.north.id, ...rule }),
    );
  return { database, agency, conversations: new Map() };
}

type Row = Record<string, unknown> & { id: string };
type Snapshot = Record<
  'contacts' | 'contactIdentities' | 'conversations' | 'messages' | 'automationRuns' | 'rules',
  Row[]
> &
  Record<string, Row[]>;

/** What a message does, table by table, in an order that needs no ids (ids and "now" are normalised after). */
async function snapshot(side: Side): Promise<Snapshot> {
  const db = side.database.db;
  const dump = (query: ReturnType<typeof sql>) =>
    queryRows<{ row: Row }>(db, sql`SELECT to_jsonb(t) AS row FROM (${query}) t`).then((rows) =>
      rows.map((r) => r.row),
    );
  return {
    contacts: await dump(
      sql`SELECT c.* FROM contacts c JOIN clients k ON k.id = c.client_id ORDER BY k.slug, c.created_at, c.name`,
    ),
    rules: await dump(sql`SELECT id, name, events, position FROM automation_rules ORDER BY position`),
    contactIdentities: await dump(
      sql`SELECT ci.* FROM contact_identities ci JOIN clients k ON k.id = ci.client_id ORDER BY k.slug, ci.source_id`,
    ),
    conversations: await dump(
      sql`SELECT c.* FROM conversations c JOIN clients k ON k.id = c.client_id ORDER BY k.slug, c.number`,
    ),
    messages: await dump(
      sql`SELECT m.* FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN clients k ON k.id = m.client_id
        ORDER BY k.slug, c.number, m.created_at, m.body_text`,
    ),
    searchDocuments: await dump(
      sql`SELECT d.* FROM conversation_search d JOIN conversations c ON c.id = d.conversation_id
        JOIN clients k ON k.id = d.client_id ORDER BY k.slug, c.number`,
    ),
    slaEvents: await dump(
      sql`SELECT e.* FROM sla_events e JOIN conversations c ON c.id = e.conversation_id
        JOIN clients k ON k.id = e.client_id ORDER BY k.slug, c.number, e.metric, e.kind`,
    ),
    automationRuns: await dump(
      sql`SELECT r.* FROM automation_runs r JOIN conversations c ON c.id = r.conversation_id
        JOIN clients k ON k.id = r.client_id ORDER BY k.slug, c.number, r.rule_name, r.event, r.event_key`,
    ),
    audit: await dump(
      // The serial id only counts rows; the order they were written in is kept.
      sql`SELECT a.client_id, a.actor_kind, a.actor_id, a.action, a.entity, a.entity_id, a.data, a.at
        FROM audit_log a ORDER BY a.id`,
    ),
  };
}

const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const timestamp = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/;

/**
 * Ids become their order of first appearance (the fixture's own by name); any time from this run (a
 * `now()`) becomes "now", while the times the inputs gave stay as they are.
 */
function normaliser(agency: Agency, runStarted: number, rows: Snapshot) {
  const names = new Map<string, string>();
  for (const [role, fixture] of Object.entries(agency))
    for (const [key, value] of Object.entries(fixture))
      if (typeof value === 'string' && /^[0-9a-f-]{36}$/i.test(value)) names.set(value, `${role}.${key}`);
  for (const role of Object.keys(agency)) names.set((agency as Record<string, { id: string }>)[role]!.id, role);
  // Rows by what they are, so one extra row does not renumber every id after it.
  const number = new Map(rows.conversations.map((c) => [c.id, c.number]));
  for (const c of rows.contacts) if (!names.has(c.id)) names.set(c.id, `contact(${c.name})`);
  for (const c of rows.conversations) if (!names.has(c.id)) names.set(c.id, `conversation#${c.number}`);
  for (const r of rows.rules) names.set(r.id, `rule(${r.name})`);
  for (const i of rows.contactIdentities) names.set(i.id, `identity(${i.source_id})`);
  for (const r of rows.automationRuns)
    names.set(r.id, `run(${r.rule_name} ${r.event} #${number.get(r.conversation_id as string)})`);
  for (const m of rows.messages)
    names.set(m.id, `message(#${number.get(m.conversation_id as string)} ${String(m.body_text).slice(0, 24)})`);
  const name = (id: string) => {
    const key = id.toLowerCase();
    if (!names.has(key)) names.set(key, `id${names.size}`);
    return names.get(key)!;
  };
  const walk = (value: unknown): unknown => {
    if (value instanceof Date) return value.getTime() >= runStarted ? 'now' : value.toISOString();
    if (typeof value === 'string') {
      if (timestamp.test(value)) {
        const time = Date.parse(value.replace(' ', 'T'));
        if (!Number.isNaN(time)) return time >= runStarted ? 'now' : new Date(time).toISOString();
      }
      return value.replace(uuid, name);
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk;
}

describe('one incoming path: a single message is a batch of one', () => {
  let single: Side;
  let batch: Side;
  // Fixtures date their rows minutes before now; the inputs' times are a month earlier.
  const runStarted = Date.now() - 86_400_000;

  beforeAll(async () => {
    single = await setUp();
    batch = await setUp();
  });
  afterAll(async () => {
    await single?.database.close();
    await batch?.database.close();
  });

  it('the single and the batch entry leave the same rows and answer the same events, case by case', async () => {
    const answers: { single: unknown[]; batch: unknown[] } = { single: [], batch: [] };
    for (const step of steps) {
      for (const [side, entry, into] of [
        [single, viaSingle, answers.single],
        [batch, viaBatch, answers.batch],
      ] as const) {
        await step.before?.(side);
        const answer = await side.database.db
          .transaction((tx) => entry(tx, step.input(side)))
          .catch((error: Error) => ({ error: error.message.split('\n')[0] }));
        const conversationId = (answer as { conversationId?: string }).conversationId;
        if (conversationId && !side.conversations.has(step.name)) side.conversations.set(step.name, conversationId);
        into.push({ step: step.name, answer });
      }
    }
    const singleRows = await snapshot(single);
    const batchRows = await snapshot(batch);
    const singleSeen = normaliser(single.agency, runStarted, singleRows);
    const batchSeen = normaliser(batch.agency, runStarted, batchRows);
    // Rows first (they name the remaining ids in a deterministic order), then the answers.
    const left = { rows: singleSeen(singleRows), answers: singleSeen(answers.single) };
    const right = { rows: batchSeen(batchRows), answers: batchSeen(answers.batch) };
    // Table by table and step by step, so a difference reads as the case it belongs to.
    const tables = left.rows as Record<string, unknown[]>;
    for (const table of Object.keys(tables))
      expect.soft((right.rows as Record<string, unknown[]>)[table], table).toEqual(tables[table]);
    for (const [n, step] of steps.entries())
      expect.soft((right.answers as unknown[])[n], step.name).toEqual((left.answers as unknown[])[n]);

    // And the cases did what they are about (so "the same" is not "the same nothing").
    const rows = left.rows as Record<string, Record<string, unknown>[]>;
    const messages = rows.messages!;
    expect(messages.find((m) => m.body_text === 'سلام، سفارش من کجاست؟')?.language).toBe('fa');
    expect(messages.find((m) => m.source_id === 'call:test:1')).toMatchObject({
      kind: 'outgoing',
      author_type: 'agent',
    });
    expect(messages.filter((m) => m.source_id === '<m1@example.com>')).toHaveLength(1);
    expect(rows.automationRuns!.map((r) => r.rule_name)).toContain('Refunds are billing');
    expect(rows.conversations!.some((c) => c.first_response_due_at !== null)).toBe(true);
    // The channel's own customer is kept, and a call the agency placed starts no clock and runs no rule.
    expect(messages.find((m) => m.body_text === 'Are you there?')?.author_id).toBe('north.contactId');
    expect(rows.conversations!.find((c) => c.subject === 'Call to +15550100')).toMatchObject({
      waiting_since: null,
      sla_clock: null,
      tags: [],
    });
    const twin = messages.find((m) => m.body_text === 'Which one of us?');
    const older = rows.contacts!.find((c) => c.name === 'Twin Older');
    expect(twin?.author_id).toBe(older?.id);
  });

  it('several customers in one batch (the SMTP group commit) leave the same rows as the same messages one by one', async () => {
    // Steps that need nothing an earlier step made, each from its own sender (what the batch's caller guarantees).
    const independent = [
      'a new customer',
      'two duplicate contacts with the same address',
      'Persian text',
      'a message with contactId',
      'an outbound call with placedBy',
    ].map((name) => steps.find((step) => step.name === name)!);
    const oneByOne = await setUp();
    const together = await setUp();
    try {
      const answers: { oneByOne: unknown[]; together: unknown[] } = { oneByOne: [], together: [] };
      for (const step of independent) {
        await step.before?.(oneByOne);
        await step.before?.(together);
        answers.oneByOne.push(await oneByOne.database.db.transaction((tx) => viaSingle(tx, step.input(oneByOne))));
      }
      const received = await together.database.db.transaction((tx) =>
        receiveIncomingMessages(
          tx,
          independent.map((step) => step.input(together)),
          testReactions,
        ),
      );
      for (const r of received)
        answers.together.push({
          conversationId: r.conversationId,
          messageId: r.message.id,
          contactId: r.contactId,
          created: r.created,
          duplicate: r.duplicate,
          deskEvents: r.automation?.deskEvents ?? [],
        });
      const leftRows = await snapshot(oneByOne);
      const rightRows = await snapshot(together);
      const leftSeen = normaliser(oneByOne.agency, runStarted, leftRows);
      const rightSeen = normaliser(together.agency, runStarted, rightRows);
      const left = leftSeen(leftRows) as Record<string, unknown[]>;
      const right = rightSeen(rightRows) as Record<string, unknown[]>;
      // One transaction gives its rows one now() and writes audit rows statement by statement, not message by
      // message: contacts and audit rows are compared as sets (their order says nothing here).
      const sorted = (rows: unknown[]) => rows.map((row) => JSON.stringify(row)).sort();
      for (const table of Object.keys(left))
        if (table === 'audit' || table === 'contacts')
          expect.soft(sorted(right[table]!), table).toEqual(sorted(left[table]!));
        else expect.soft(right[table], table).toEqual(left[table]);
      expect(rightSeen(answers.together)).toEqual(leftSeen(answers.oneByOne));
      const bodies = (right.messages as { body_text: string }[]).map((m) => m.body_text);
      for (const step of independent) expect(bodies).toContain(step.input(together).bodyText);
    } finally {
      await oneByOne.database.close();
      await together.database.close();
    }
  });

  it("refuses another client's customer or conversation named by the channel, and writes nothing", async () => {
    const side = await setUp();
    try {
      const { north, south } = side.agency;
      const counts = async () =>
        (
          await queryRows<{ messages: number; contacts: number; conversations: number }>(
            side.database.db,
            sql`SELECT (SELECT count(*) FROM messages)::int AS messages, (SELECT count(*) FROM contacts)::int AS contacts,
              (SELECT count(*) FROM conversations)::int AS conversations`,
          )
        )[0]!;
      const before = await counts();
      const receive = (extra: Partial<IncomingMessage>) =>
        side.database.db.transaction((tx) =>
          viaSingle(tx, email(side, 'mallory@example.com', 'Mallory', 'Let me in', { receivedAt: at(1), ...extra })),
        );
      await expect(receive({ contactId: south.contactId })).rejects.toThrow(/contact is not the client's/);
      await expect(receive({ conversationId: south.conversationId })).rejects.toThrow(
        /conversation is not the client's/,
      );
      expect(await counts()).toEqual(before);
      // The same message with the client's own ids goes in.
      await receive({ contactId: north.contactId, conversationId: north.conversationId });
      expect((await counts()).messages).toBe(before.messages + 1);
    } finally {
      await side.database.close();
    }
  });
});
