import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { type Database, queryRows } from '../db/index.js';
import { agencyUsers, agentClients, conversations } from '../db/schema.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createJobRunner, type JobRunner } from '../platform/jobs/index.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { routeBacklog } from './route-conversation.js';
import { upsertRoutingSettings } from './routing-settings-repository.js';
import { jobTimers } from './routing-timers.js';
import { startRoutingWorker } from './start-routing-worker.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the reassign timer', () => {
  let database: Database;
  let agency: Agency;
  let runner: JobRunner;
  const events = deskEventsOn(createMemoryEventBus());

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    runner = createJobRunner(database, { pollingIntervalSeconds: 0.5 });
  }, 240_000);
  afterAll(async () => {
    await runner.stop();
    await events.close();
    await database.close();
  });

  it('takes back an unanswered assignment once its time is up and routes it to someone else; answered work stays', async () => {
    const { db } = database;
    const north = agency.north;
    await db.execute(sql`UPDATE conversations SET status = 'resolved', waiting_since = NULL`);
    await upsertRoutingSettings(db, north.id, { reassignAfterSeconds: 30 });
    const agents = await db
      .insert(agencyUsers)
      .values(
        ['Quiet Quinn', 'Ready Rae'].map((name, i) => ({
          email: `timer${i}@agency.test`,
          name,
          passwordHash: 'x',
          capacity: { email: 3, chat: 1, phone: 1 },
          presence: i === 0 ? ('online' as const) : ('away' as const),
          deskSeenAt: new Date(),
        })),
      )
      .returning();
    const [quinn, rae] = agents;
    await db.insert(agentClients).values(agents.map((a) => ({ clientId: north.id, agentId: a.id })));
    const waitingSince = new Date(Date.now() - 600_000);
    const [unanswered, answered] = await db
      .insert(conversations)
      .values(
        [501, 502].map((number) => ({
          clientId: north.id,
          number,
          inboxId: north.inboxId,
          contactId: north.contactId,
          channel: 'email' as const,
          subject: `Timer ${number}`,
          waitingSince,
        })),
      )
      .returning();

    // Routed 40 s ago: the 30 s check is already due, but nothing works the queue yet.
    await runner.start();
    const pass = await routeBacklog(db, { events, timers: jobTimers(runner), now: new Date(Date.now() - 40_000) });
    expect(pass.assigned.map((a) => a.agentId)).toEqual([quinn!.id, quinn!.id]);
    // Quinn answered one of them; Rae comes online.
    await db.execute(sql`UPDATE conversations SET waiting_since = NULL WHERE id = ${answered!.id}`);
    await db.execute(sql`UPDATE agency_users SET presence = 'online', desk_seen_at = now() WHERE id = ${rae!.id}`);

    const worker = await startRoutingWorker({
      database,
      runner,
      events,
      sweepEveryMs: 600_000,
      presenceGraceSeconds: 3600,
    });
    try {
      const assigneeOf = async (id: string) =>
        (await db.select({ a: conversations.assigneeId }).from(conversations).where(sql`id = ${id}`))[0]!.a;
      await waitFor(async () => (await assigneeOf(unanswered!.id)) === rae!.id);
      expect(await assigneeOf(answered!.id)).toBe(quinn!.id);
      const takenBack = await queryRows<{ n: string }>(
        db,
        sql`SELECT count(*) AS n FROM messages WHERE conversation_id = ${unanswered!.id} AND activity->>'reason' = 'unanswered'`,
      );
      expect(Number(takenBack[0]!.n)).toBe(1);
      await waitFor(async () => {
        const jobs = await database.executeSql(
          `SELECT state FROM pgboss.job WHERE name = 'routing.reassign-unanswered' AND data->>'clientId' = $1`,
          [north.id],
        );
        return jobs.rows.some((r) => r.state === 'completed');
      });
      // One check for that pass, fired once; Rae's fresh assignment got its own, due in 30 s.
      const jobs = await database.executeSql(
        `SELECT state, start_after > now() AS later FROM pgboss.job WHERE name = 'routing.reassign-unanswered' ORDER BY created_on`,
      );
      expect(jobs.rows).toEqual([
        { state: 'completed', later: false },
        { state: 'created', later: true },
      ]);
    } finally {
      await worker.stop();
    }
  }, 240_000);
});
