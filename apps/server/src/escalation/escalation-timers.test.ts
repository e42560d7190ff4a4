import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { testReactions } from '../../test/reactions.js';
import { queryRows } from '../db/index.js';
import { createMemoryEventBus } from '../platform/events/index.js';
import { createJobRunner, type JobRunner } from '../platform/jobs/index.js';
import { deskEventsOn } from '../realtime/create-desk-events.js';
import { escalateToClient } from './escalate-to-client.js';
import { defineEscalationTimerJob, startEscalationWorker } from './escalation-timers.js';

const waitFor = async (check: () => Promise<boolean>, timeoutMs = 30_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};

/**
 * The escalation's own SLA: reminders to the client at half and 23/24 of the window, overdue at its
 * end, as durable pg-boss jobs. The window is shrunk to seconds here; the shares are the 24-hour ones.
 */
describe('escalation timers', () => {
  let t: TestApp;
  const events = deskEventsOn(createMemoryEventBus());
  const seen: string[] = [];
  events.subscribe((event) => seen.push(event.type));
  let runner: JobRunner;
  let worker: { stop: () => Promise<void> };
  const start = async () => {
    runner = createJobRunner(t.database, { pollingIntervalSeconds: 0.5 });
    await runner.start();
    worker = await startEscalationWorker({ database: t.database, runner, events, publicUrl: 'https://desk.test' });
  };
  const stop = async () => {
    await worker.stop();
    await runner.stop();
  };
  const rows = <T>(query: ReturnType<typeof sql>) => queryRows<T>(t.database.db, query);
  const stamps = async (id: string) =>
    (
      await rows<{ first: Date | null; second: Date | null; overdue: Date | null }>(
        sql`SELECT first_reminder_at AS first, second_reminder_at AS second, overdue_at AS overdue FROM escalations WHERE id = ${id}`,
      )
    )[0]!;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await events.close();
    await t.close();
  });

  it('reminds the client twice and marks it overdue, each exactly once across a runner restart', async () => {
    await start();
    const { north, northAgent } = t.agency;
    const { escalation } = await t.database.db.transaction((tx) =>
      escalateToClient(tx, {
        reactions: testReactions,
        clientId: north.id,
        conversationId: north.conversationId,
        question: 'Which warehouse ships to Shiraz?',
        customerNotice: null,
        actor: {
          scope: { kind: 'agency', userId: northAgent.id, role: 'agent', clientIds: [north.id] },
          name: 'Nora North',
        },
        publicUrl: 'https://desk.test',
        dueInHours: 8 / 3600, // reminders at 4 s and ~7.7 s, overdue at 8 s
      }),
    );
    await waitFor(async () => (await stamps(escalation.id)).first !== null);
    expect((await stamps(escalation.id)).second).toBeNull();
    // The process goes away with the later timers still queued in the database.
    await stop();
    await start();
    await waitFor(async () => (await stamps(escalation.id)).overdue !== null);

    // A duplicate delivery of a timer that already fired (a retry, a second worker) changes nothing.
    const job = defineEscalationTimerJob({ db: t.database.db, events, publicUrl: 'https://desk.test' });
    await runner.send(
      job,
      { clientId: north.id, escalationId: escalation.id, step: 'first-reminder' },
      { singletonKey: `${escalation.id}/first-reminder` },
    );
    await waitFor(async () => {
      const [pending] = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'escalation.timer' AND state NOT IN ('completed', 'failed')`,
      );
      return pending!.n === 0;
    });
    await stop();

    const mails = await rows<{ kind: string; n: number }>(
      sql`SELECT kind, count(*)::int AS n FROM escalation_emails WHERE escalation_id = ${escalation.id} GROUP BY kind ORDER BY kind`,
    );
    expect(mails).toEqual([
      { kind: 'overdue', n: 1 },
      { kind: 'reminder', n: 2 },
      { kind: 'request', n: 1 },
    ]);
    const timeline = await rows<{ action: string; step: string | null }>(
      sql`SELECT activity->>'action' AS action, activity->>'step' AS step FROM messages
        WHERE client_id = ${north.id} AND activity->>'escalationId' = ${escalation.id}`,
    );
    // Timers that come due together after the restart may fire in either order; each exactly once.
    const byStep = (a: { action: string; step: string | null }, b: { action: string; step: string | null }) =>
      `${a.action} ${a.step}`.localeCompare(`${b.action} ${b.step}`);
    expect(timeline.sort(byStep)).toEqual([
      { action: 'escalation.overdue', step: 'overdue' },
      { action: 'escalation.reminded', step: 'first-reminder' },
      { action: 'escalation.reminded', step: 'second-reminder' },
      { action: 'escalation.requested', step: null },
    ]);
    const reminders = await rows<{ subject: string; in_reply_to: string | null; body_text: string }>(
      sql`SELECT subject, in_reply_to, body_text FROM email_deliveries WHERE kind = 'escalation' ORDER BY created_at`,
    );
    expect(reminders.map((r) => r.subject.split(' ')[0]).sort()).toEqual([
      'Overdue',
      'Question',
      'Reminder',
      'Reminder',
    ]);
    // Reminders thread under the first e-mail, so the client's reply to any of them finds the escalation.
    expect(reminders.slice(1).every((r) => r.in_reply_to !== null)).toBe(true);
    expect(reminders[1]!.body_text).toContain(`https://desk.test/portal/escalations/${escalation.id}`);
    const audit = await rows<{ action: string; n: number }>(
      sql`SELECT action, count(*)::int AS n FROM audit_log WHERE action IN ('escalation.reminded', 'escalation.overdue') GROUP BY action ORDER BY action`,
    );
    expect(audit).toEqual([
      { action: 'escalation.overdue', n: 1 },
      { action: 'escalation.reminded', n: 2 },
    ]);
    // One desk event per timer that fired (escalateToClient leaves publishing to its caller).
    expect(seen.filter((type) => type === 'escalation.updated').length).toBe(3);
  });

  it('leaves an answered escalation alone when its timers come due', async () => {
    const { south, southAgent } = t.agency;
    const { escalation } = await t.database.db.transaction((tx) =>
      escalateToClient(tx, {
        reactions: testReactions,
        clientId: south.id,
        conversationId: south.conversationId,
        question: 'Do you deliver on Fridays?',
        actor: {
          scope: { kind: 'agency', userId: southAgent.id, role: 'agent', clientIds: [south.id] },
          name: 'Sid South',
        },
        publicUrl: 'https://desk.test',
      }),
    );
    await t.database.db.execute(
      sql`UPDATE escalations SET status = 'answered', answer = 'Yes' WHERE id = ${escalation.id}`,
    );
    // The client answered; then its timers come due (sent here as the worker would have, due now).
    await start();
    const job = defineEscalationTimerJob({ db: t.database.db, events, publicUrl: 'https://desk.test' });
    for (const step of ['first-reminder', 'second-reminder', 'overdue'] as const) {
      await runner.send(
        job,
        { clientId: south.id, escalationId: escalation.id, step },
        { singletonKey: `${escalation.id}/${step}` },
      );
    }
    await waitFor(async () => {
      const [done] = await rows<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'escalation.timer' AND data->>'escalationId' = ${escalation.id} AND state = 'completed'`,
      );
      return done!.n === 3;
    });
    await stop();
    expect(await stamps(escalation.id)).toEqual({ first: null, second: null, overdue: null });
    const [mails] = await rows<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM escalation_emails WHERE escalation_id = ${escalation.id}`,
    );
    expect(mails!.n).toBe(1);
  });
});
