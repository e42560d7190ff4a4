import { CreateAutomationRuleRequest, type DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { createAutomationRule } from '../automation/create-automation-rule.js';
import { type Database, queryRows } from '../db/index.js';
import { fireDueSlaTimers } from './fire-due-sla-timers.js';
import { upsertSlaPolicy } from './sla-repository.js';
import { alwaysOpenPolicy, openNorthConversation } from './sla-test-kit.js';

// A one-minute first response: a conversation received two minutes ago is past due.
// Low priority: a first response within 5 hours (warning at 4), for the rule in the last test.
const policy = alwaysOpenPolicy(
  { firstResponse: 1, nextResponse: 1, resolution: 600 },
  { low: { firstResponse: 300, nextResponse: 300, resolution: 600 } },
);

describe('fireDueSlaTimers', () => {
  let database: Database;
  let agency: Agency;
  const published: DeskEvent[] = [];
  const events = { publish: async (event: DeskEvent) => void published.push(event) };

  const open = (name: string, receivedAt: Date) => openNorthConversation(database.db, agency, name, receivedAt);
  const breaches = (ids: string[]) =>
    queryRows<{ conversation_id: string }>(
      database.db,
      sql`SELECT conversation_id FROM sla_events WHERE kind = 'breach' AND conversation_id IN (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
  const nextTimer = async (id: string) => {
    const [row] = await queryRows<{ at: string | null }>(
      database.db,
      sql`SELECT sla_next_timer_at AS at FROM conversations WHERE id = ${id}`,
    );
    return row?.at ? new Date(row.at) : null;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    await upsertSlaPolicy(database.db, agency.north.id, policy);
  });
  afterAll(() => database.close());

  it('fires what is due once, even with two workers at it together', async () => {
    const receivedAt = new Date(Date.now() - 120_000);
    const ids = [];
    for (let i = 0; i < 30; i++) ids.push(await open(`burst${i}`, receivedAt));
    const looked = await Promise.all([
      fireDueSlaTimers({ reactions: testReactions, db: database.db, events }, 200),
      fireDueSlaTimers({ reactions: testReactions, db: database.db, events }, 200),
    ]);
    // Each conversation was taken by one of the two: the other skipped the rows it held.
    expect(looked[0]! + looked[1]!).toBe(30);
    expect((await breaches(ids)).length).toBe(30);
    expect(published.filter((e) => e.type === 'sla.breach').length).toBe(30);
    // Next comes the resolution target's warning (at 80 % of 600 minutes).
    for (const id of ids) expect(await nextTimer(id)).toEqual(new Date(receivedAt.getTime() + 480 * 60_000));
    expect(await fireDueSlaTimers({ reactions: testReactions, db: database.db, events }, 200)).toBe(0);
  });

  it('takes at most a batch at a time, soonest first', async () => {
    const receivedAt = new Date(Date.now() - 120_000);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await open(`batch${i}`, new Date(receivedAt.getTime() - (5 - i) * 1000)));
    expect(await fireDueSlaTimers({ reactions: testReactions, db: database.db, events }, 2)).toBe(2);
    expect((await breaches(ids)).map((r) => r.conversation_id).sort()).toEqual(ids.slice(0, 2).sort());
    expect(await fireDueSlaTimers({ reactions: testReactions, db: database.db, events }, 200)).toBe(3);
    expect((await breaches(ids)).length).toBe(5);
  });

  it('one conversation failing costs only itself: retried a minute later, the others fire', async () => {
    const receivedAt = new Date(Date.now() - 120_000);
    const good = await open('good', receivedAt);
    const bad = await open('bad', receivedAt);
    // A real failure inside the database for one conversation's SLA event.
    await database.db.execute(
      sql.raw(`CREATE FUNCTION fail_sla_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused for the test'; END $$`),
    );
    await database.db.execute(
      sql.raw(`CREATE TRIGGER fail_sla_event BEFORE INSERT ON sla_events FOR EACH ROW
        WHEN (NEW.conversation_id = '${bad}') EXECUTE FUNCTION fail_sla_event()`),
    );
    const errors: unknown[] = [];
    const at = new Date();
    try {
      expect(
        await fireDueSlaTimers({
          reactions: testReactions,
          db: database.db,
          events,
          now: () => at,
          onError: (e) => errors.push(e),
        }),
      ).toBe(2);
    } finally {
      await database.db.execute(sql.raw('DROP TRIGGER fail_sla_event ON sla_events'));
      await database.db.execute(sql.raw('DROP FUNCTION fail_sla_event()'));
    }
    expect(String((errors[0] as Error).cause ?? errors[0])).toContain('refused for the test');
    expect((await breaches([good, bad])).map((r) => r.conversation_id)).toEqual([good]);
    expect(await nextTimer(bad)).toEqual(new Date(at.getTime() + 60_000));
    // A minute on, it fires.
    await fireDueSlaTimers({
      reactions: testReactions,
      db: database.db,
      events,
      now: () => new Date(at.getTime() + 61_000),
    });
    expect((await breaches([good, bad])).length).toBe(2);
  });

  it('keeps the next timer that a rule reacting to the breach saved, not the one computed before it ran', async () => {
    await createAutomationRule(
      database.db,
      { kind: 'agency', userId: agency.owner.id, role: 'owner', clientIds: [agency.north.id] },
      CreateAutomationRuleRequest.parse({
        clientId: agency.north.id,
        name: 'Late first responses go low',
        events: ['sla.breached'],
        actions: [{ type: 'set_priority', priority: 'low' }],
      }),
    );
    const receivedAt = new Date(Date.now() - 120_000);
    const id = await open('lowered', receivedAt);
    await fireDueSlaTimers({ reactions: testReactions, db: database.db, events });
    expect((await breaches([id])).length).toBe(1);
    // Low: the first response's warning at 80 % of 5 hours — not the normal priority's resolution warning.
    expect(await nextTimer(id)).toEqual(new Date(receivedAt.getTime() + 240 * 60_000));
  });
});
