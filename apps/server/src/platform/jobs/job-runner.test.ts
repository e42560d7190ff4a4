import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDatabase } from '../../../test/database.js';
import type { Database } from '../../db/index.js';
import { AppError } from '../errors.js';
import { defineJob, type JobLogger } from './define-job.js';
import { createJobRunner, type JobRunner } from './job-runner.js';

const reminderPayload = z.object({ clientId: z.string().min(1), appointmentId: z.string() });

type LogLine = { level: 'info' | 'warn' | 'error'; message: string; details: Record<string, unknown> };

function recordingLogger(lines: LogLine[]): JobLogger {
  return {
    info: (details, message) => lines.push({ level: 'info', message, details }),
    warn: (details, message) => lines.push({ level: 'warn', message, details }),
    error: (details, message) => lines.push({ level: 'error', message, details }),
  };
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job runner', () => {
  let database: Database;
  const runners: JobRunner[] = [];
  const logs: LogLine[] = [];
  const newRunner = () => {
    const runner = createJobRunner(database, { logger: recordingLogger(logs), pollingIntervalSeconds: 0.5 });
    runners.push(runner);
    return runner;
  };

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.stop();
    logs.length = 0;
  });
  afterAll(() => database.close());

  it('handles a sent job once, with its payload', async () => {
    const handled: unknown[] = [];
    const job = defineJob({ name: 'test.once', payload: reminderPayload, handler: async (p) => void handled.push(p) });
    const runner = newRunner();
    await runner.register(job);
    await runner.start();
    const id = await runner.send(job, { clientId: 'client-a', appointmentId: 'ap-1' });
    expect(id).toEqual(expect.any(String));
    await waitFor(() => handled.length > 0);
    await sleep(1200); // two polling intervals: a second delivery would show up by now
    expect(handled).toEqual([{ clientId: 'client-a', appointmentId: 'ap-1' }]);
  });

  it('retries a failing handler until it succeeds, logging each failure', async () => {
    const attempts: number[] = [];
    const job = defineJob({
      name: 'test.flaky',
      payload: reminderPayload,
      retry: { limit: 3, delaySeconds: 0, backoff: false },
      handler: async (_payload, { retryCount }) => {
        attempts.push(retryCount);
        if (attempts.length < 3) throw new Error(`mail relay down (${attempts.length})`);
      },
    });
    const runner = newRunner();
    await runner.register(job);
    await runner.start();
    await runner.send(job, { clientId: 'client-a', appointmentId: 'ap-2' });
    await waitFor(() => attempts.length === 3);
    await sleep(1200);
    expect(attempts).toEqual([0, 1, 2]);
    const warnings = logs.filter((line) => line.level === 'warn' && line.details.job === 'test.flaky');
    expect(warnings).toHaveLength(2);
    expect(warnings[0]?.details).toMatchObject({ clientId: 'client-a', error: { message: 'mail relay down (1)' } });
  });

  it('runs a delayed job after its time, not before', async () => {
    let handledAt = 0;
    const job = defineJob({
      name: 'test.delayed',
      payload: reminderPayload,
      handler: async () => {
        handledAt = Date.now();
      },
    });
    const runner = newRunner();
    await runner.register(job);
    await runner.start();
    const sentAt = Date.now();
    await runner.send(job, { clientId: 'client-a', appointmentId: 'ap-3' }, { startAfter: new Date(sentAt + 2000) });
    await sleep(1500);
    expect(handledAt).toBe(0);
    await waitFor(() => handledAt > 0);
    expect(handledAt - sentAt).toBeGreaterThanOrEqual(1950);
  });

  it('refuses an invalid payload at send', async () => {
    const job = defineJob({ name: 'test.invalid', payload: reminderPayload, handler: async () => {} });
    const runner = newRunner();
    await runner.start();
    const refused = runner.send(job, { clientId: '', appointmentId: 'ap-4' });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('clientId') });
    // @ts-expect-error a payload without clientId does not type-check either
    await expect(runner.send(job, { appointmentId: 'ap-4' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('fails a job whose stored payload no longer fits its schema, without retrying', async () => {
    let calls = 0;
    const loose = defineJob({
      name: 'test.schema-drift',
      payload: z.object({ clientId: z.string() }),
      retry: { limit: 3, delaySeconds: 0, backoff: false },
      handler: async () => {},
    });
    const strict = defineJob({
      name: 'test.schema-drift',
      payload: reminderPayload,
      handler: async () => void calls++,
    });
    const runner = newRunner();
    await runner.start();
    await runner.send(loose, { clientId: 'client-a' });
    await runner.register(strict);
    await waitFor(() => logs.some((line) => line.level === 'error' && line.details.job === 'test.schema-drift'));
    await sleep(1200);
    expect(calls).toBe(0);
    expect(logs.filter((line) => line.details.job === 'test.schema-drift')).toHaveLength(1);
    const { rows } = await database.executeSql(`SELECT state FROM pgboss.job WHERE name = 'test.schema-drift'`);
    expect(rows).toEqual([{ state: 'failed' }]);
  });

  it('keeps jobs across a restart', async () => {
    const handled: unknown[] = [];
    const job = defineJob({
      name: 'test.durable',
      payload: reminderPayload,
      handler: async (p) => void handled.push(p),
    });
    const sender = newRunner();
    await sender.start();
    await sender.send(job, { clientId: 'client-b', appointmentId: 'ap-5' });
    await sender.stop();
    expect(handled).toEqual([]);

    const worker = newRunner();
    await worker.register(job);
    await worker.start();
    await waitFor(() => handled.length > 0);
    expect(handled).toEqual([{ clientId: 'client-b', appointmentId: 'ap-5' }]);
  });

  it('deduplicates by singleton key', async () => {
    const job = defineJob({
      name: 'test.singleton',
      payload: reminderPayload,
      queuePolicy: 'short',
      handler: async () => {},
    });
    const runner = newRunner();
    await runner.start();
    const first = await runner.send(job, { clientId: 'client-a', appointmentId: 'ap-6' }, { singletonKey: 'ap-6' });
    const second = await runner.send(job, { clientId: 'client-a', appointmentId: 'ap-6' }, { singletonKey: 'ap-6' });
    expect(first).toEqual(expect.any(String));
    expect(second).toBeNull();
  });
});

// Type-level: a payload schema without `clientId: string` is refused by defineJob.
defineJob({
  name: 'test.type-check',
  // @ts-expect-error clientId is required
  payload: z.object({ appointmentId: z.string() }),
  handler: async () => {},
});
