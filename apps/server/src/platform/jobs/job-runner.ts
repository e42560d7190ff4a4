import { PgBoss } from 'pg-boss';
import type { z } from 'zod';
import type { Database } from '../../db/index.js';
import { AppError } from '../errors.js';
import { consoleJobLogger } from './console-job-logger.js';
import type { JobDefinition, JobLogger, JobPayloadSchema } from './define-job.js';
import { pgBossConnection } from './pg-boss-connection.js';
import { runJob } from './run-job.js';

export type JobRunnerOptions = {
  logger?: JobLogger;
  /**
   * How often an idle worker looks for due jobs. New jobs wake workers at once through
   * LISTEN/NOTIFY, so this mostly bounds how late a delayed (`startAfter`) or retried job starts.
   */
  pollingIntervalSeconds?: number;
  /** How long `stop()` waits for running handlers before pg-boss fails them back to the queue. */
  stopTimeoutMs?: number;
};

export type SendJobOptions = {
  /** Deduplicates per the job's `queuePolicy` (not under `standard`); a refused duplicate returns null. */
  singletonKey?: string;
  /** Not before this time (a Date) or this many seconds from now. */
  startAfter?: Date | number;
  /** Overrides the job definition's retry limit for this one job. */
  retryLimit?: number;
};

export type JobRunner = {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Validates the payload (AppError BAD_REQUEST when it does not fit) and queues it; the job id, or null when deduplicated. */
  send<S extends JobPayloadSchema>(
    job: JobDefinition<S>,
    payload: z.input<S>,
    options?: SendJobOptions,
  ): Promise<string | null>;
  /** Works this job in this process; before or after `start()`. */
  register<S extends JobPayloadSchema>(job: JobDefinition<S>): Promise<void>;
};

function validPayload<S extends JobPayloadSchema>(job: JobDefinition<S>, payload: z.input<S>): z.output<S> {
  const parsed = job.payload.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`);
    throw new AppError('BAD_REQUEST', `Invalid payload for job ${job.name}: ${issues.join('; ')}`);
  }
  return parsed.data;
}

/** pg-boss's options for one job: the definition's retry policy and expiry, the send's key, start and limit. */
const jobOptions = (job: JobDefinition, sendOptions: SendJobOptions) => ({
  ...(sendOptions.singletonKey !== undefined && { singletonKey: sendOptions.singletonKey }),
  ...(sendOptions.startAfter !== undefined && { startAfter: sendOptions.startAfter }),
  retryLimit: sendOptions.retryLimit ?? job.retry.limit,
  retryDelay: job.retry.delaySeconds,
  retryBackoff: job.retry.backoff,
  ...(job.retry.backoff && job.retry.maxDelaySeconds !== undefined && { retryDelayMax: job.retry.maxDelaySeconds }),
  expireInSeconds: job.expireInSeconds,
});

/**
 * Durable jobs over pg-boss on the application's database, PostgreSQL or PGlite. A process that
 * only sends (a web node) starts a runner and registers nothing. A runner is used once: after
 * `stop()`, open a new one.
 */
export function createJobRunner(database: Database, options: JobRunnerOptions = {}): JobRunner {
  const logger = options.logger ?? consoleJobLogger;
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 2;
  // Cron schedules are not part of this layer's API, so pg-boss's schedule clock stays off.
  const boss = new PgBoss({ ...pgBossConnection(database), useListenNotify: true, schedule: false });
  boss.on('error', (error) => logger.error({ error }, 'Job queue error'));
  boss.on('warning', (warning) => logger.warn({ warning }, 'Job queue warning'));

  const registered = new Map<string, JobDefinition>();
  const queues = new Map<string, Promise<void>>();
  let state: 'new' | 'starting' | 'started' | 'stopped' = 'new';
  let starting: Promise<void> | undefined;

  // pg-boss 12 refuses jobs for a queue that does not exist; creating one is idempotent.
  const ensureQueue = ({ name, queuePolicy }: JobDefinition): Promise<void> => {
    let ready = queues.get(name);
    if (!ready) {
      ready = boss.createQueue(name, { notify: true, policy: queuePolicy }).catch((error: unknown) => {
        queues.delete(name);
        throw error;
      });
      queues.set(name, ready);
    }
    return ready;
  };

  const working = new Set<string>();
  // Idempotent: a job registered while start() is under way can be reached from both paths.
  const work = async (definition: JobDefinition): Promise<void> => {
    if (working.has(definition.name)) return;
    working.add(definition.name);
    await ensureQueue(definition);
    await boss.work(
      definition.name,
      {
        batchSize: definition.concurrency,
        burstWhenBatchFull: true,
        includeMetadata: true,
        perJobResults: true,
        pollingIntervalSeconds,
        notifyPollingIntervalSeconds: pollingIntervalSeconds,
      },
      async (jobs) => Promise.all(jobs.map((job) => runJob(definition, job, logger))),
    );
  };

  const whenStarted = async (): Promise<void> => {
    if (state === 'starting') await starting;
    if (state !== 'started') throw new AppError('INTERNAL', `Job runner is ${state}, not started`);
  };

  return {
    async start() {
      if (state !== 'new') throw new AppError('INTERNAL', `Job runner is already ${state}`);
      state = 'starting';
      starting = (async () => {
        await boss.start();
        await Promise.all([...registered.values()].map(work));
      })();
      try {
        await starting;
        state = 'started';
      } catch (error) {
        state = 'stopped';
        await boss.stop({ graceful: false }).catch(() => {});
        throw error;
      }
    },

    async stop() {
      if (state === 'starting') await starting?.catch(() => {});
      if (state === 'stopped' || state === 'new') {
        state = 'stopped';
        return;
      }
      state = 'stopped';
      await boss.stop({ graceful: true, timeout: options.stopTimeoutMs ?? 10_000 });
    },

    async send(job, payload, sendOptions = {}) {
      const data = validPayload(job, payload);
      await whenStarted();
      await ensureQueue(job);
      return boss.send(job.name, data, jobOptions(job, sendOptions));
    },

    async register(job) {
      if (registered.has(job.name)) throw new AppError('CONFLICT', `Job ${job.name} is already registered`);
      if (state === 'stopped') throw new AppError('INTERNAL', 'Job runner is stopped');
      registered.set(job.name, job);
      if (state === 'starting') await starting;
      if (state === 'started') await work(job);
    },
  };
}
