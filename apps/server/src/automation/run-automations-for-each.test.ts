import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { receiveIncomingMessage } from '../conversations/index.js';
import { type Database, queryRows } from '../db/index.js';
import type { AutomationEvent } from './automation-event.js';
import { insertRule } from './automation-repository.js';
import { runAutomationsForEach } from './run-automations.js';

/** The batch path decides from facts read once for all events, and must decide as one-by-one would. */
describe('automation for a batch of events (runAutomationsForEach)', () => {
  let database: Database;
  let agency: Agency;

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
  });
  afterAll(() => database.close());

  const receive = (clientId: string, inboxId: string, sender: string, text: string, conversationId?: string) =>
    database.db.transaction(async (tx) => {
      const received = await receiveIncomingMessage(
        tx,
        {
          clientId,
          inboxId,
          channel: 'email',
          sender: { sourceId: sender, name: sender, email: sender },
          conversationId: conversationId ?? null,
          subject: 'Order 1042',
          bodyText: text,
        },
        testReactions,
      );
      return { conversationId: received.conversationId, messageId: received.message.id };
    });
  const conversation = async (id: string) => {
    const [row] = await queryRows<{ tags: string[]; priority: string }>(
      database.db,
      sql`SELECT tags, priority FROM conversations WHERE id = ${id}`,
    );
    return row!;
  };

  it('runs only the events a rule holds for, and an event after a rule changed its conversation sees the change', async () => {
    const { north, south } = agency;
    // Messages first, rules after: nothing ran while they were stored.
    const refund = await receive(north.id, north.inboxId, 'ria@example.com', 'I would like a refund');
    const hello = await receive(north.id, north.inboxId, 'hal@example.com', 'Hello there');
    const southRefund = await receive(south.id, south.inboxId, 'sam@example.com', 'A refund, please');
    const thanks = await receive(north.id, north.inboxId, 'ria@example.com', 'Thanks!', refund.conversationId);
    await insertRule(database.db, {
      clientId: north.id,
      agencyWide: false,
      name: 'Refunds are billing',
      events: ['message.received'],
      conditions: [{ type: 'words', op: 'contains_any', values: ['refund'] }],
      actions: [{ type: 'add_tags', tags: ['billing'] }],
    });
    await insertRule(database.db, {
      clientId: north.id,
      agencyWide: false,
      name: 'Billing is high priority',
      events: ['message.received'],
      conditions: [{ type: 'tags', op: 'has_any', values: ['billing'] }],
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    await insertRule(database.db, {
      clientId: north.id,
      agencyWide: false,
      name: 'Never for new conversations here',
      events: ['conversation.created'],
      conditions: [],
      actions: [{ type: 'add_tags', tags: ['new'] }],
    });
    const event = (clientId: string, at: { conversationId: string; messageId: string }): AutomationEvent => ({
      type: 'message.received',
      clientId,
      ...at,
    });

    const results = await database.db.transaction((tx) =>
      runAutomationsForEach(
        tx,
        [
          event(north.id, refund),
          event(north.id, hello),
          event(south.id, southRefund),
          // Read before the first event's rules ran, this conversation had no tag; it has one now.
          event(north.id, thanks),
        ],
        { deps: {}, reactions: testReactions },
      ),
    );

    expect(results.map((r) => r.runs)).toEqual([2, 0, 0, 1]);
    expect(results[0]!.deskEvents).toContainEqual({
      type: 'conversation.updated',
      clientId: north.id,
      conversationId: refund.conversationId,
    });
    expect(results[1]!.deskEvents).toEqual([]);
    expect(await conversation(refund.conversationId)).toEqual({ tags: ['billing'], priority: 'high' });
    expect(await conversation(hello.conversationId)).toMatchObject({ tags: [], priority: 'normal' });
    expect(await conversation(southRefund.conversationId)).toMatchObject({ tags: [] });
    const runs = await queryRows<{ rule_name: string; event_key: string }>(
      database.db,
      sql`SELECT rule_name, event_key FROM automation_runs ORDER BY created_at`,
    );
    expect(runs).toEqual([
      { rule_name: 'Refunds are billing', event_key: `message.received:${refund.messageId}` },
      { rule_name: 'Billing is high priority', event_key: `message.received:${refund.messageId}` },
      { rule_name: 'Billing is high priority', event_key: `message.received:${thanks.messageId}` },
    ]);
  });
});
