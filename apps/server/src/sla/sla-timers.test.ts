import type { DeskEvent, SlaPolicyInput } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { receiveIncomingMessage } from '../conversations/index.js';
import { listMessages } from '../conversations/message-repository.js';
import { postMessage } from '../conversations/post-message.js';
import { updateConversation } from '../conversations/update-conversation.js';
import { type Database, queryRows } from '../db/index.js';
import { createJobRunner, type JobLogger, type JobRunner } from '../platform/jobs/index.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { defaultSlaPolicy } from './default-sla-policy.js';
import { defineSlaTimerJob } from './fire-sla-timer.js';
import { upsertSlaPolicy } from './sla-repository.js';
import { startSlaWorker } from './start-sla-worker.js';

const quiet: JobLogger = {
  info: () => {},
  warn: () => {},
  error: (details, message) => console.error(message, details),
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(100);
  }
}

// 24/7; a one-minute first response for every priority but low; warn at 90% (54 s in).
const base = defaultSlaPolicy('UTC');
const policy: SlaPolicyInput = {
  ...base,
  warnAtPercent: 90,
  calendar: { ...base.calendar, mode: 'always' },
  targets: {
    low: { firstResponse: 600, nextResponse: 600, resolution: 6000 },
    normal: { firstResponse: 1, nextResponse: 1, resolution: 600 },
    high: { firstResponse: 1, nextResponse: 1, resolution: 600 },
    urgent: { firstResponse: 1, nextResponse: 1, resolution: 600 },
  },
};

describe('SLA timers are durable and fire once', () => {
  let database: Database;
  let agency: Agency;
  const published: DeskEvent[] = [];
  const events: DeskEventPublisher = { publish: async (event) => void published.push(event) };
  let worker: { runner: JobRunner; sla: { stop: () => Promise<void> } } | null = null;

  const startWorker = async () => {
    const runner = createJobRunner(database, { logger: quiet, pollingIntervalSeconds: 0.5 });
    await runner.start();
    const sla = await startSlaWorker({ database, runner, events, sweepEveryMs: 500, onError: (e) => console.error(e) });
    worker = { runner, sla };
    return runner;
  };
  const stopWorker = async () => {
    await worker?.sla.stop();
    await worker?.runner.stop();
    worker = null;
  };
  const slaEvents = (conversationId: string) =>
    queryRows<{ metric: string; kind: string }>(
      database.db,
      sql`SELECT metric, kind FROM sla_events WHERE conversation_id = ${conversationId} ORDER BY id`,
    );
  const timeline = (conversationId: string) =>
    queryRows<{ action: string }>(
      database.db,
      sql`SELECT activity->>'action' AS action FROM messages
        WHERE conversation_id = ${conversationId} AND activity->>'action' LIKE 'sla.%' ORDER BY created_at`,
    );
  const open = (name: string, receivedAt: Date) =>
    database.db.transaction(async (tx) => {
      const received = await receiveIncomingMessage(tx, {
        clientId: agency.north.id,
        inboxId: agency.north.inboxId,
        channel: 'email',
        sender: { sourceId: `${name}@example.com`, name, email: `${name}@example.com` },
        subject: `Timer ${name}`,
        bodyText: 'Please answer',
        receivedAt,
      });
      return received.conversationId;
    });
  const scope = () => ({
    kind: 'agency' as const,
    userId: agency.northAgent.id,
    role: 'agent' as const,
    clientIds: [agency.north.id],
  });

  beforeAll(async () => {
    database = await openTestDatabase();
    agency = await createAgency(database.db);
    await upsertSlaPolicy(database.db, agency.north.id, policy);
  });
  afterAll(async () => {
    await stopWorker();
    await database.close();
  });

  it('schedules warnings, survives a restart of the job runner, and fires each warning and breach exactly once', async () => {
    await startWorker();
    // Received 40 s ago: the warning comes due in ~14 s, the breach in ~20 s (room for a loaded machine).
    const receivedAt = new Date(Date.now() - 40_000);
    const untouched = await open('untouched', receivedAt);
    const answered = await open('answered', receivedAt);
    const lowered = await open('lowered', receivedAt);
    const waiting = await open('waiting', receivedAt);
    const warnAt = receivedAt.getTime() + 54_000;
    const dueAt = receivedAt.getTime() + 60_000;

    // The worker turned each change into durable timers (warning and breach per conversation).
    await waitFor(async () => {
      const pending = await queryRows(
        database.db,
        sql`SELECT id FROM conversations WHERE sla_timers_requested_at IS NOT NULL`,
      );
      return pending.length === 0;
    });
    const timers = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'sla.timer' AND state = 'created'`,
    );
    expect(timers[0]!.n).toBeGreaterThanOrEqual(8);

    // The worker goes away before anything is due.
    await stopWorker();
    expect(Date.now()).toBeLessThan(warnAt);

    // While it is down: one conversation is answered, one lowered to a priority with a far target, one
    // put to waiting on the customer. Their scheduled timers are now stale.
    await postMessage(database.db, {
      scope: scope(),
      authorName: 'Nora North',
      conversationId: answered,
      input: { kind: 'reply', body: 'Here is your answer.', visibleToClient: false },
      events,
    });
    for (const [id, input] of [
      [lowered, { priority: 'low' as const }],
      [waiting, { status: 'pending' as const }],
    ] as const) {
      await updateConversation(database.db, {
        scope: scope(),
        actorName: 'Nora North',
        conversationId: id,
        input,
        events,
      });
    }
    // The warning time passes with no worker running: nothing may have fired.
    await sleep(Math.max(0, warnAt - Date.now()) + 200);
    expect(await slaEvents(untouched)).toEqual([]);

    // A real restart of the job runner against the same database.
    const runner = await startWorker();
    await waitFor(async () => (await slaEvents(untouched)).length === 1);
    expect(await slaEvents(untouched)).toEqual([{ metric: 'first_response', kind: 'warning' }]);

    // A duplicate delivery of the same timer is a no-op.
    const job = defineSlaTimerJob({ db: database.db, events });
    await runner.send(job, {
      clientId: agency.north.id,
      conversationId: untouched,
      metric: 'first_response',
      kind: 'warning',
      fireAt: new Date(warnAt).toISOString(),
    });

    await waitFor(async () => (await slaEvents(untouched)).length === 2);
    expect(Date.now()).toBeGreaterThanOrEqual(dueAt - 1_000);
    // Restart once more after everything was due: nothing fires twice.
    await stopWorker();
    await startWorker();
    await sleep(2_000);

    expect(await slaEvents(untouched)).toEqual([
      { metric: 'first_response', kind: 'warning' },
      { metric: 'first_response', kind: 'breach' },
    ]);
    expect(await timeline(untouched)).toEqual([{ action: 'sla.warning' }, { action: 'sla.breach' }]);
    expect(
      published.flatMap((e) =>
        e.type === 'sla.warning' || e.type === 'sla.breach' ? [[e.type, e.conversationId]] : [],
      ),
    ).toEqual([
      ['sla.warning', untouched],
      ['sla.breach', untouched],
    ]);
    for (const id of [answered, lowered, waiting]) expect(await slaEvents(id)).toEqual([]);
    // The client's portal sees the breach (its SLA record), never the agency's internal warning.
    const portalView = await listMessages(database.db, agency.north.id, untouched, { clientView: true });
    expect(portalView.messages.map((m) => m.activity?.action).filter(Boolean)).toEqual(['sla.breach']);
  });
});
