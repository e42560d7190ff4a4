import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { type Database, queryRows, type Tx } from '../db/index.js';
import type { Scope } from '../platform/scope.js';
import { systemReach } from '../platform/scope.js';
import { buildSearchDocuments } from './build-search-documents.js';
import { findConversationRow } from './conversation-repository.js';
import { listDeskConversations } from './list-desk-conversations.js';
import { postMessage, writeMessage } from './post-message.js';
import { receiveIncomingMessage } from './receive-incoming-message.js';
import { searchClientHistory } from './search-client-history.js';

const events = { publish: async () => {} };

describe('search documents: what a search finds follows what is written', () => {
  let database: Database;
  let agency: Agency;
  let agent: Extract<Scope, { kind: 'agency' }>;
  let portal: Extract<Scope, { kind: 'client' }>;

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    agent = { kind: 'agency', userId: agency.northAgent.id, role: 'agent', clientIds: [agency.north.id] };
    portal = { kind: 'client', userId: agency.north.clientUserId, clientId: agency.north.id };
  });
  afterAll(() => database.close());

  const desk = async (q: string) =>
    (await listDeskConversations(database.db, agent, { q, limit: 50 } as never)).items.map((c) => c.number);
  const history = async (q: string) =>
    (await searchClientHistory(database.db, portal, { q, limit: 50 })).items.map((c) => c.number);
  const receive = (bodyText: string, subject = 'Question', conversationId?: string, receivedAt?: Date) =>
    database.db.transaction((tx) =>
      receiveIncomingMessage(
        tx,
        {
          clientId: agency.north.id,
          inboxId: agency.north.inboxId,
          channel: 'email',
          sender: {
            sourceId: agency.north.contactEmail,
            name: 'North Gear Customer',
            email: agency.north.contactEmail,
          },
          conversationId: conversationId ?? null,
          subject,
          bodyText,
          ...(receivedAt ? { receivedAt } : {}),
        },
        testReactions,
      ),
    );
  const numberOf = async (conversationId: string) =>
    (
      await queryRows<{ number: number }>(
        database.db,
        sql`SELECT number FROM conversations WHERE id = ${conversationId}`,
      )
    )[0]!.number;

  it('finds a new message at once, on the desk and in the portal, by its stemmed words', async () => {
    const received = await receive('The tent poles arrived bent', 'Damaged delivery');
    const number = await numberOf(received.conversationId);
    expect(await desk('tent')).toEqual([number]);
    expect(await history('arriving pole')).toEqual([number]);
    // A later message of the same conversation is added to its document.
    await receive('Also the zipper is broken', 'Damaged delivery', received.conversationId);
    expect(await desk('zippers')).toEqual([number]);
    expect(await history('zipper tent')).toEqual([number]);
  });

  it('finds internal notes on the desk, never in the portal, until the note is shared', async () => {
    const received = await receive('Where is my kayak?');
    const number = await numberOf(received.conversationId);
    const note = await postMessage(database.db, {
      reactions: testReactions,
      scope: agent,
      authorName: 'Nora North',
      conversationId: received.conversationId,
      input: { kind: 'note', body: 'Warehouse mislabelled the pallet', visibleToClient: false },
      events,
    });
    expect(await desk('pallet')).toEqual([number]);
    expect(await history('pallet')).toEqual([]);
    // Words spread over a message and a note: the desk finds the conversation, the portal does not.
    expect(await desk('kayak pallet')).toEqual([number]);
    expect(await history('kayak pallet')).toEqual([]);
    expect(await history('kayak')).toEqual([number]);
    await database.db.execute(sql`UPDATE messages SET visible_to_client = true WHERE id = ${note.id}`);
    expect(await history('pallet')).toEqual([number]);
    await database.db.execute(sql`UPDATE messages SET visible_to_client = false WHERE id = ${note.id}`);
    expect(await history('pallet')).toEqual([]);
  });

  it('does not let the fixture note (inserted with the conversation) be found from the portal', async () => {
    expect(await desk('secret')).toEqual([agency.north.conversationNumber]);
    expect(await history('secret')).toEqual([]);
  });

  it('folds Arabic letter forms and Persian digits, in the text and in the query', async () => {
    // Arabic yeh and kaf, Persian digits, a zero-width non-joiner: stored as written.
    const received = await receive('سفارش شماره ۴۵۲۱ كتاب‌های مرا نرسيده');
    const number = await numberOf(received.conversationId);
    expect(await desk('کتاب')).toEqual([number]);
    expect(await desk('4521')).toEqual([number]);
    expect(await desk('نرسیده')).toEqual([number]);
    expect(await history('كتاب')).toEqual([number]);
    expect(await history('٤٥٢١')).toEqual([number]);
  });

  it('forgets the words of an edited or deleted message', async () => {
    const received = await receive('My lantern flickers');
    const number = await numberOf(received.conversationId);
    await receive('The compass needle sticks', 'Question', received.conversationId);
    expect(await desk('lantern')).toEqual([number]);
    await database.db.execute(
      sql`UPDATE messages SET body_text = 'My stove flickers' WHERE id = ${received.message.id}`,
    );
    expect(await desk('lantern')).toEqual([]);
    expect(await history('stove')).toEqual([number]);
    expect(await desk('compass')).toEqual([number]);
    await database.db.execute(sql`DELETE FROM messages WHERE body_text = 'The compass needle sticks'`);
    expect(await desk('compass')).toEqual([]);
    expect(await history('stove')).toEqual([number]);
  });

  it('finds a conversation by words of a changed subject, part of the subject, or its number', async () => {
    const received = await receive('Hello there', 'Invoice copy');
    const number = await numberOf(received.conversationId);
    expect(await desk('invoice')).toContain(number);
    await database.db.execute(
      sql`UPDATE conversations SET subject = 'Receipt copy' WHERE id = ${received.conversationId}`,
    );
    expect(await desk('invoices')).not.toContain(number);
    expect(await history('receipts')).toContain(number);
    expect(await desk('eipt')).toContain(number); // part of the subject (trigram)
    expect(await desk(`#${number}`)).toEqual([number]);
  });

  it('builds the documents of conversations that have none (data from before), also beside new messages', async () => {
    const received = await receive('Sleeping bag zipper split');
    const number = await numberOf(received.conversationId);
    await database.db.execute(sql`DELETE FROM conversation_search`);
    expect(await desk('sleeping')).toEqual([]);
    // A message reaching a conversation without a document gives it a whole one, old messages included.
    await receive('Any update?', 'Question', received.conversationId);
    expect(await desk('sleeping')).toEqual([number]);
    expect(await buildSearchDocuments(database.db, { pagesPerBatch: 1 })).toBeGreaterThan(2);
    expect(await desk('secret')).toEqual([agency.north.conversationNumber]);
    expect(await history('secret')).toEqual([]);
    expect(await history('kayak')).toHaveLength(1);
    expect(await buildSearchDocuments(database.db)).toBe(0);
    const [missing] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM conversations c WHERE NOT EXISTS
        (SELECT 1 FROM conversation_search s WHERE s.conversation_id = c.id)`,
    );
    expect(missing!.n).toBe(0);
  });

  it('pages a search newest first through every match once, however far back the matches lie', async () => {
    // Matches from an hour to three years ago: each try of the newest days holds fewer than a page.
    const daysAgo = [0, 0.2, 1.5, 3, 6, 6.5, 12, 29, 31, 90, 119, 121, 200, 400, 800, 1100];
    const expected: number[] = [];
    for (const days of daysAgo) {
      const at = new Date(Date.now() - days * 86_400_000 - 60_000);
      const received = await receive(`Headlamp battery drains, case ${days}`, 'Headlamp', undefined, at);
      await database.db.execute(
        sql`UPDATE conversations SET last_message_at = ${at} WHERE id = ${received.conversationId}`,
      );
      expected.push(await numberOf(received.conversationId));
    }
    // The documents' time and day follow each conversation's last activity.
    const [stale] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM conversation_search s JOIN conversations c ON c.id = s.conversation_id
        WHERE s.activity_day <> search_day(c.last_message_at) OR s.last_message_at <> c.last_message_at`,
    );
    expect(stale!.n).toBe(0);
    for (const [limit, list, channel] of [
      [3, 'desk', undefined],
      [4, 'portal', undefined],
      [50, 'desk', undefined],
      [5, 'desk', 'email'], // a filter on the conversation: matches are joined to it before the page is cut
      [2, 'portal', 'email'],
    ] as const) {
      const seen: number[] = [];
      let cursor: string | undefined;
      do {
        const page =
          list === 'desk'
            ? await listDeskConversations(database.db, agent, { q: 'headlamps', channel, limit, cursor } as never)
            : await searchClientHistory(database.db, portal, { q: 'headlamps', channel, limit, cursor });
        seen.push(...page.items.map((c) => c.number));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
    expect(
      (await listDeskConversations(database.db, agent, { q: 'headlamp', channel: 'chat', limit: 5 } as never)).items,
    ).toEqual([]);
    // A new message moves an old conversation to the front.
    const oldest = expected.at(-1)!;
    const [row] = await queryRows<{ id: string }>(
      database.db,
      sql`SELECT id FROM conversations WHERE client_id = ${agency.north.id} AND number = ${oldest}`,
    );
    await receive('Still draining', 'Headlamp', row!.id);
    expect((await desk('headlamp'))[0]).toBe(oldest);
    expect((await history('headlamp'))[0]).toBe(oldest);
  });

  it('finds hyphenated words and quoted phrases (a document is a set of words, without positions)', async () => {
    const received = await receive('The ill-fated canoe order arrived late', 'Order problem');
    const number = await numberOf(received.conversationId);
    expect(await desk('ill-fated')).toEqual([number]);
    expect(await desk('"canoe order"')).toEqual([number]);
    expect(await history('"canoe order" -kayak')).toEqual([number]);
    expect(await history('"canoe order" -late')).toEqual([]);
  });

  it("writes a document once per message: its words and its conversation's new time together", async () => {
    // An old conversation: a new message moves it to today (a new day in the GIN key) and adds words.
    const at = new Date(Date.now() - 5 * 86_400_000);
    const received = await receive('Lantern glass cracked', 'Lantern', undefined, at);
    await database.db.execute(
      sql`UPDATE conversations SET last_message_at = ${at} WHERE id = ${received.conversationId}`,
    );
    const documentWrites = async (write: (tx: Tx) => Promise<unknown>) =>
      database.db.transaction(async (tx) => {
        const count = async () =>
          (
            await queryRows<{ n: number }>(
              tx,
              sql`SELECT (pg_stat_get_xact_tuples_updated('conversation_search'::regclass)
                + pg_stat_get_xact_tuples_inserted('conversation_search'::regclass))::int AS n`,
            )
          )[0]!.n;
        const before = await count();
        await write(tx);
        await tx.execute(sql`SET CONSTRAINTS ALL IMMEDIATE`); // the deferred triggers, as the commit runs them
        return (await count()) - before;
      });
    const conversation = async (tx: Tx) =>
      (await findConversationRow(tx, systemReach('the test'), received.conversationId))!;
    // The customer writes again (ingestion moves the conversation, then stores the message).
    expect(
      await documentWrites((tx) =>
        receiveIncomingMessage(
          tx,
          {
            clientId: agency.north.id,
            inboxId: agency.north.inboxId,
            channel: 'email',
            sender: {
              sourceId: agency.north.contactEmail,
              name: 'North Gear Customer',
              email: agency.north.contactEmail,
            },
            conversationId: received.conversationId,
            subject: 'Lantern',
            bodyText: 'The wick is missing too',
          },
          testReactions,
        ),
      ),
    ).toBe(1);
    await database.db.execute(
      sql`UPDATE conversations SET last_message_at = ${at} WHERE id = ${received.conversationId}`,
    );
    // An agent's reply to it, and a note: one write each; a status activity: none.
    const author = { type: 'agent' as const, id: agency.northAgent.id, name: 'Nora North' };
    expect(
      await documentWrites(async (tx) =>
        writeMessage(tx, await conversation(tx), {
          reactions: testReactions,
          input: { kind: 'reply', body: 'Replacement globe shipped', visibleToClient: true },
          author,
          audit: agent,
        }),
      ),
    ).toBe(1);
    expect(
      await documentWrites(async (tx) =>
        writeMessage(tx, await conversation(tx), {
          reactions: testReactions,
          input: { kind: 'note', body: 'Courier reference pending', visibleToClient: false },
          author,
          audit: agent,
        }),
      ),
    ).toBe(1);
    expect(
      await documentWrites((tx) =>
        tx.execute(sql`INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, language)
          VALUES (${agency.north.id}, ${received.conversationId}, 'activity', 'system', 'Switchboard', 'Priority changed', 'en')`),
      ),
    ).toBe(0);
    const number = await numberOf(received.conversationId);
    expect(await desk('wick globe courier')).toEqual([number]);
    expect(await history('wick globe')).toEqual([number]);
    expect(await history('courier')).toEqual([]);
    expect(await desk('priority')).not.toContain(number);
    const [stale] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM conversation_search s JOIN conversations c ON c.id = s.conversation_id
        WHERE s.activity_day <> search_day(c.last_message_at) OR s.last_message_at <> c.last_message_at`,
    );
    expect(stale!.n).toBe(0);
  });

  it("never finds another client's conversations", async () => {
    const south: Extract<Scope, { kind: 'agency' }> = {
      kind: 'agency',
      userId: agency.southAgent.id,
      role: 'agent',
      clientIds: [agency.south.id],
    };
    expect(await desk('headlamp')).not.toEqual([]);
    expect((await listDeskConversations(database.db, south, { q: 'headlamp', limit: 50 } as never)).items).toEqual([]);
    const southPortal: Extract<Scope, { kind: 'client' }> = {
      kind: 'client',
      userId: agency.south.clientUserId,
      clientId: agency.south.id,
    };
    expect((await searchClientHistory(database.db, southPortal, { q: 'headlamp', limit: 50 })).items).toEqual([]);
  });
});
