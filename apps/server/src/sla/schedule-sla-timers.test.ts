import type { SlaPolicyInput } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { receiveIncomingMessages } from '../conversations/receive-incoming-messages.js';
import { type Database, jsonRows, queryRows } from '../db/index.js';
import { createJobRunner, type JobRunner } from '../platform/jobs/index.js';
import { defaultSlaPolicy } from './default-sla-policy.js';
import { defineSlaTimerJob } from './fire-sla-timer.js';
import { scheduleSlaTimersOf } from './schedule-sla-timers.js';
import { clearTimerRequests, readTimerRequests, upsertSlaPolicy } from './sla-repository.js';

// 24/7 with far targets: nothing comes due while the test runs; every conversation gets four timers
// (first response and resolution, a warning and a breach each).
const base = defaultSlaPolicy('UTC');
const policy: SlaPolicyInput = { ...base, calendar: { ...base.calendar, mode: 'always' } };

describe('SLA timers scheduled for many conversations at once', () => {
  let database: Database;
  let agency: Agency;
  let runner: JobRunner;
  const job = () => defineSlaTimerJob({ db: database.db, events: { publish: async () => {} } });
  const deps = () => ({ db: database.db, runner, job: job() });
  const open = (n: number, clientId: string, inboxId: string) =>
    database.db.transaction((tx) =>
      receiveIncomingMessages(
        tx,
        Array.from({ length: n }, (_, i) => ({
          clientId,
          inboxId,
          channel: 'email' as const,
          sender: { sourceId: `batch${i}@example.com`, name: `Batch ${i}`, email: `batch${i}@example.com` },
          subject: `Batch ${i}`,
          bodyText: 'Please answer',
        })),
      ),
    );
  const queuedFor = (conversationIds: string[]) =>
    queryRows<{ conversation_id: string; n: number }>(
      database.db,
      sql`SELECT data->>'conversationId' AS conversation_id, count(*)::int AS n FROM pgboss.job
        WHERE name = 'sla.timer' AND data->>'conversationId' IN (SELECT jsonb_array_elements_text(${jsonRows(conversationIds)}))
        GROUP BY 1`,
    );
  const requested = (conversationIds: string[]) =>
    queryRows<{ id: string }>(
      database.db,
      sql`SELECT id FROM conversations WHERE id::text IN (SELECT jsonb_array_elements_text(${jsonRows(conversationIds)})) AND sla_timers_requested_at IS NOT NULL`,
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    await upsertSlaPolicy(database.db, agency.north.id, policy);
    await upsertSlaPolicy(database.db, agency.south.id, { ...policy, enabled: false });
    runner = createJobRunner(database, { pollingIntervalSeconds: 0.5 });
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await database.close();
  });

  it("queues every conversation's warnings and breaches in one go and clears their requests; a second pass queues nothing", async () => {
    const north = (await open(5, agency.north.id, agency.north.inboxId)).map((r) => r.conversationId);
    const south = (await open(2, agency.south.id, agency.south.inboxId)).map((r) => r.conversationId);
    const keys = [
      ...north.map((conversationId) => ({ clientId: agency.north.id, conversationId })),
      ...south.map((conversationId) => ({ clientId: agency.south.id, conversationId })),
    ];
    expect(await requested([...north, ...south])).toHaveLength(7);

    expect(await scheduleSlaTimersOf(deps(), keys)).toBe(5 * 4);
    const queued = await queuedFor([...north, ...south]);
    expect(queued.map((q) => q.conversation_id).sort()).toEqual([...north].sort());
    expect(queued.every((q) => q.n === 4)).toBe(true);
    // South's policy is off: no timers, but its requests are answered all the same.
    expect(await requested([...north, ...south])).toEqual([]);

    expect(await scheduleSlaTimersOf(deps(), keys)).toBe(0);
  });

  it('a repeated request queues no duplicate timer, and a key of another client schedules nothing', async () => {
    const [first] = await open(1, agency.north.id, agency.north.inboxId);
    const key = { clientId: agency.north.id, conversationId: first!.conversationId };
    expect(await scheduleSlaTimersOf(deps(), [key])).toBe(4);
    await database.db.execute(
      sql`UPDATE conversations SET sla_timers_requested_at = clock_timestamp() WHERE id = ${key.conversationId}`,
    );
    // The wrong client for this conversation: not read, not cleared.
    expect(await scheduleSlaTimersOf(deps(), [{ ...key, clientId: agency.south.id }])).toBe(0);
    expect(await requested([key.conversationId])).toHaveLength(1);
    // Same due times, same singleton keys: the queue refuses them; the request is cleared.
    expect(await scheduleSlaTimersOf(deps(), [key])).toBe(0);
    expect(await queuedFor([key.conversationId])).toEqual([{ conversation_id: key.conversationId, n: 4 }]);
    expect(await requested([key.conversationId])).toEqual([]);
  });

  it('sends no timer for a warning or breach the conversation already recorded', async () => {
    const [first] = await open(1, agency.north.id, agency.north.inboxId);
    const key = { clientId: agency.north.id, conversationId: first!.conversationId };
    // The first response's warning was recorded (say by a timer of an earlier schedule) for this cycle.
    await database.db.execute(
      sql`INSERT INTO sla_events (client_id, conversation_id, metric, kind, cycle_started_at, due_at)
        SELECT client_id, id, 'first_response', 'warning', (sla_clock->'firstResponse'->>'startedAt')::timestamptz, now()
        FROM conversations WHERE id = ${key.conversationId}`,
    );
    expect(await scheduleSlaTimersOf(deps(), [key])).toBe(3);
    const kinds = await queryRows<{ metric: string; kind: string }>(
      database.db,
      sql`SELECT data->>'metric' AS metric, data->>'kind' AS kind FROM pgboss.job
        WHERE name = 'sla.timer' AND data->>'conversationId' = ${key.conversationId} ORDER BY 1, 2`,
    );
    expect(kinds).toEqual([
      { metric: 'first_response', kind: 'breach' },
      { metric: 'resolution', kind: 'breach' },
      { metric: 'resolution', kind: 'warning' },
    ]);
  });

  it('a request made after the read stays set, to the microsecond', async () => {
    const [first] = await open(1, agency.north.id, agency.north.inboxId);
    const key = { clientId: agency.north.id, conversationId: first!.conversationId };
    const read = await readTimerRequests(database.db, [key]);
    expect(read).toHaveLength(1);
    // A change lands within the same millisecond as the read request, one microsecond later.
    await database.db.execute(
      sql`UPDATE conversations SET sla_timers_requested_at = sla_timers_requested_at + interval '1 microsecond'
        WHERE id = ${key.conversationId}`,
    );
    await clearTimerRequests(database.db, read);
    expect(await requested([key.conversationId])).toHaveLength(1);
    await clearTimerRequests(database.db, await readTimerRequests(database.db, [key]));
    expect(await requested([key.conversationId])).toEqual([]);
  });
});
