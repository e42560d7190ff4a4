import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Agency, createAgency } from '../../test/fixtures.js';
import { testReactions } from '../../test/reactions.js';
import { listMessages } from '../conversations/message-repository.js';
import { postMessage } from '../conversations/post-message.js';
import { updateConversation } from '../conversations/update-conversation.js';
import { type Database, queryRows } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/desk-events.js';
import { fireDueSlaTimers } from './fire-due-sla-timers.js';
import { upsertSlaPolicy } from './sla-repository.js';
import { alwaysOpenPolicy, openNorthConversation } from './sla-test-kit.js';
import { startSlaWorker } from './start-sla-worker.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await sleep(100);
  }
}

// 24/7; a one-minute first response for every priority but low; warn at 90% (54 s in).
const policy = alwaysOpenPolicy(
  { firstResponse: 1, nextResponse: 1, resolution: 600 },
  { low: { firstResponse: 600, nextResponse: 600, resolution: 6000 }, warnAtPercent: 90 },
);

describe('SLA timers are durable and fire once', () => {
  let database: Database;
  let agency: Agency;
  const published: DeskEvent[] = [];
  const events: DeskEventPublisher = { publish: async (event) => void published.push(event) };
  let worker: { stop: () => Promise<void> } | null = null;

  const startWorker = async () => {
    worker = await startSlaWorker({
      reactions: testReactions,
      database,
      events,
      pollEveryMs: 250,
      onError: (e) => console.error(e),
    });
  };
  const stopWorker = async () => {
    await worker?.stop();
    worker = null;
  };
  const nextTimers = async (ids: string[]) =>
    Object.fromEntries(
      (
        await queryRows<{ id: string; at: Date | null }>(
          database.db,
          sql`SELECT id, sla_next_timer_at AS at FROM conversations WHERE id IN (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
        )
      ).map((row) => [row.id, row.at === null ? null : new Date(row.at).getTime()]),
    );
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
  const open = (name: string, receivedAt: Date) => openNorthConversation(database.db, agency, name, receivedAt);
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

  it('keeps the next warning or breach on the conversation, survives a restart of the worker, and fires each exactly once', async () => {
    await startWorker();
    // Received 40 s ago: the warning comes due in ~14 s, the breach in ~20 s (room for a loaded machine).
    const receivedAt = new Date(Date.now() - 40_000);
    const untouched = await open('untouched', receivedAt);
    const answered = await open('answered', receivedAt);
    const lowered = await open('lowered', receivedAt);
    const waiting = await open('waiting', receivedAt);
    const warnAt = receivedAt.getTime() + 54_000;
    const dueAt = receivedAt.getTime() + 60_000;

    // Each conversation carries its next timer, its warning, in the same write as its due times.
    expect(await nextTimers([untouched, answered, lowered, waiting])).toEqual({
      [untouched]: warnAt,
      [answered]: warnAt,
      [lowered]: warnAt,
      [waiting]: warnAt,
    });

    // The worker goes away before anything is due.
    await stopWorker();
    expect(Date.now()).toBeLessThan(warnAt);

    // While it is down: one conversation is answered, one lowered to a priority with a far target, one
    // put to waiting on the customer. Their scheduled timers are now stale.
    await postMessage(database.db, {
      reactions: testReactions,
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
        reactions: testReactions,
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

    // The changes moved the others' timers: a reply met the first response, the low priority's warning is
    // 9 hours out, waiting on the customer pauses the clock. The resolution target (10 hours) remains.
    const resolutionWarnAt = receivedAt.getTime() + 540 * 60_000;
    expect(await nextTimers([answered, lowered, waiting])).toEqual({
      [answered]: resolutionWarnAt,
      [lowered]: resolutionWarnAt,
      [waiting]: null,
    });

    // A real restart of the worker against the same database.
    await startWorker();
    await waitFor(async () => (await slaEvents(untouched)).length === 1);
    expect(await slaEvents(untouched)).toEqual([{ metric: 'first_response', kind: 'warning' }]);
    expect((await nextTimers([untouched]))[untouched]).toBe(dueAt);

    // Looked at again for the same instant (another worker, a crash after the commit): a no-op.
    await stopWorker();
    await database.db.execute(
      sql`UPDATE conversations SET sla_next_timer_at = ${new Date(warnAt)} WHERE id = ${untouched}`,
    );
    expect(await fireDueSlaTimers({ reactions: testReactions, db: database.db, events })).toBe(1);
    expect(await slaEvents(untouched)).toEqual([{ metric: 'first_response', kind: 'warning' }]);
    expect((await nextTimers([untouched]))[untouched]).toBe(dueAt);
    await startWorker();

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
    // After the breach, the resolution target's warning is what lies ahead.
    expect((await nextTimers([untouched]))[untouched]).toBe(resolutionWarnAt);
    // The client's portal sees the breach (its SLA record), never the agency's internal warning.
    const portalView = await listMessages(database.db, agency.north.id, untouched, { clientView: true });
    expect(portalView.map((m) => m.activity?.action).filter(Boolean)).toEqual(['sla.breach']);
  });
});
