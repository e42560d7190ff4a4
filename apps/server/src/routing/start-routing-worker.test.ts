import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import type { Database } from '../db/index.js';
import { conversations } from '../db/schema.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createJobRunner, type JobRunner } from '../platform/jobs/index.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { startRoutingWorker } from './start-routing-worker.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Which backlogs an event's pass reads: its client's, gathered with the others' of the same moment; the sweep reads all. */
describe('routing passes scheduled by desk events', () => {
  let database: Database;
  let agency: Agency;
  let runner: JobRunner;
  let worker: Awaited<ReturnType<typeof startRoutingWorker>>;
  const events = deskEventsOn(createMemoryEventBus());
  let number = 700;

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    const { db } = database;
    await db.execute(sql`UPDATE conversations SET status = 'resolved', waiting_since = NULL`);
    // Nora serves North, Sid serves South; both at their desks.
    await db.execute(sql`UPDATE agency_users SET presence = 'online', desk_seen_at = now()
      WHERE id IN (${agency.northAgent.id}, ${agency.southAgent.id})`);
    runner = createJobRunner(database, { pollingIntervalSeconds: 0.5 });
    await runner.start();
    worker = await startRoutingWorker({
      database,
      runner,
      events,
      debounceMs: 50,
      sweepEveryMs: 600_000,
      presenceGraceSeconds: 3600,
    });
    // The start-up sweep is behind us before anything waits.
    await worker.sweep();
  }, 240_000);
  afterAll(async () => {
    await worker.stop();
    await runner.stop();
    await events.close();
    await database.close();
  });

  /** A waiting conversation written straight to the database: no event announces it. */
  const waiting = async (client: 'north' | 'south') => {
    const { id, inboxId, contactId } = agency[client];
    const [row] = await database.db
      .insert(conversations)
      .values({
        clientId: id,
        number: number++,
        inboxId,
        contactId,
        channel: 'email',
        subject: `Waiting ${number}`,
        waitingSince: new Date(Date.now() - 60_000),
      })
      .returning({ id: conversations.id });
    return row!.id;
  };
  const assigneeOf = async (id: string) =>
    (await database.db.select({ a: conversations.assigneeId }).from(conversations).where(sql`id = ${id}`))[0]!.a;

  it("an event routes its own client's backlog, not another client's; the sweep routes the rest", async () => {
    const north = await waiting('north');
    const south = await waiting('south');
    await events.publish({ type: 'conversation.created', clientId: agency.north.id, conversationId: north });
    await waitFor(async () => (await assigneeOf(north)) === agency.northAgent.id);
    // The pass (and the one its own assignment event caused) read North only.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await assigneeOf(south)).toBeNull();

    // Nobody told the worker about South's conversation: the periodic sweep is the safety net.
    await worker.sweep();
    expect(await assigneeOf(south)).toBe(agency.southAgent.id);
  });

  it('events of several clients close together are gathered into a pass that routes each of them', async () => {
    const north = await waiting('north');
    const south = await waiting('south');
    await events.publish({ type: 'conversation.created', clientId: agency.north.id, conversationId: north });
    await events.publish({ type: 'conversation.created', clientId: agency.south.id, conversationId: south });
    await waitFor(
      async () =>
        (await assigneeOf(north)) === agency.northAgent.id && (await assigneeOf(south)) === agency.southAgent.id,
    );
  });

  it('a client whose agents were all away is routed once one comes online, by their presence event or else the sweep', async () => {
    const { db } = database;
    await db.execute(sql`UPDATE agency_users SET presence = 'away' WHERE id = ${agency.northAgent.id}`);
    const first = await waiting('north');
    await events.publish({ type: 'conversation.created', clientId: agency.north.id, conversationId: first });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await assigneeOf(first)).toBeNull();
    // Online again, announced for the clients Nora serves.
    await db.execute(sql`UPDATE agency_users SET presence = 'online' WHERE id = ${agency.northAgent.id}`);
    await events.publish({
      type: 'agent.presence',
      clientId: agency.north.id,
      agentId: agency.northAgent.id,
      presence: 'online',
    });
    await waitFor(async () => (await assigneeOf(first)) === agency.northAgent.id);

    // Away and back without any event at all (another process's lost wake-up): the sweep still routes it.
    await db.execute(sql`UPDATE agency_users SET presence = 'away' WHERE id = ${agency.northAgent.id}`);
    const second = await waiting('north');
    await events.publish({ type: 'conversation.created', clientId: agency.north.id, conversationId: second });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await db.execute(sql`UPDATE agency_users SET presence = 'online' WHERE id = ${agency.northAgent.id}`);
    expect(await assigneeOf(second)).toBeNull();
    await worker.sweep();
    expect(await assigneeOf(second)).toBe(agency.northAgent.id);
  });
});
