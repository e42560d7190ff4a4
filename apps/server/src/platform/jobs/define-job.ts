import type { z } from 'zod';

/** Every job belongs to exactly one client, so its payload must say which (DESIGN.md: Jobs). */
export type ClientScopedPayload = { clientId: string };

/** A zod schema whose parsed output carries `clientId: string`; a schema without it does not type-check. */
export type JobPayloadSchema = z.ZodType<ClientScopedPayload>;

export type JobLogger = {
  info: (details: Record<string, unknown>, message: string) => void;
  warn: (details: Record<string, unknown>, message: string) => void;
  error: (details: Record<string, unknown>, message: string) => void;
};

export type JobContext = {
  jobId: string;
  /** 0 on the first attempt: handlers are idempotent, so a retry may follow a partly done attempt. */
  retryCount: number;
  /** Aborted when the job expires or the runner stops; long handlers should pass it on. */
  signal: AbortSignal;
  logger: JobLogger;
};

export type JobRetryPolicy = {
  /** Retries after the first attempt before the job is marked failed. */
  limit: number;
  /** Delay before the first retry; doubles (with jitter) on each later one when `backoff` is on. */
  delaySeconds: number;
  backoff: boolean;
  /** Ceiling for the backoff delay. */
  maxDelaySeconds?: number;
};

export type JobDefinition<S extends JobPayloadSchema = JobPayloadSchema> = {
  /** The pg-boss queue name: letters, digits, `_ . - /` (e.g. `sla.check-timer`). */
  name: string;
  payload: S;
  // Method syntax on purpose: the runner keeps definitions of many payload types in one registry.
  handler(payload: z.output<S>, context: JobContext): Promise<void>;
  retry: JobRetryPolicy;
  /** How long one attempt may run before pg-boss counts it as failed and retries it. */
  expireInSeconds: number;
  /**
   * pg-boss queue policy, fixed when the queue is first created. It decides what a send's
   * `singletonKey` means: `standard` only labels the job; `short` keeps one queued job per key;
   * `singleton` one active; `stately` one queued and one active; `exclusive` one queued or active.
   * Under the other policies jobs sent without a key share the empty key, so pick them only for
   * jobs that are always sent with one.
   */
  queuePolicy: JobQueuePolicy;
  /**
   * Jobs of this kind one process works at once: pg-boss fetches them as one batch, runs them side
   * by side, and fetches again at once while batches come back full. At 1 a backlog drains one job
   * per polling interval (new sends still wake the worker at once).
   */
  concurrency: number;
};

export type JobQueuePolicy = 'standard' | 'short' | 'singleton' | 'stately' | 'exclusive';

export type JobDefinitionInput<S extends JobPayloadSchema> = Omit<
  JobDefinition<S>,
  'retry' | 'expireInSeconds' | 'queuePolicy' | 'concurrency'
> & {
  retry?: Partial<JobRetryPolicy>;
  expireInSeconds?: number;
  queuePolicy?: JobQueuePolicy;
  concurrency?: number;
};

const jobNamePattern = /^[a-zA-Z0-9_.\-/]+$/;

export const defaultRetryPolicy: JobRetryPolicy = { limit: 5, delaySeconds: 5, backoff: true, maxDelaySeconds: 3600 };

/** Jobs are data: a name, a payload schema and a handler, registered with and sent through a JobRunner. */
export function defineJob<S extends JobPayloadSchema>(definition: JobDefinitionInput<S>): JobDefinition<S> {
  if (!jobNamePattern.test(definition.name)) {
    throw new Error(`Job name ${JSON.stringify(definition.name)} may only hold letters, digits and _ . - /`);
  }
  const retry = { ...defaultRetryPolicy, ...definition.retry };
  const wholeSeconds = [retry.limit, retry.delaySeconds, retry.maxDelaySeconds ?? 0, definition.expireInSeconds ?? 1];
  const concurrency = definition.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`Job ${definition.name}: concurrency must be 1 or more`);
  // pg-boss only asserts these when a job is sent; a bad definition should fail where it is written.
  if (!wholeSeconds.every((value) => Number.isInteger(value) && value >= 0) || definition.expireInSeconds === 0) {
    throw new Error(
      `Job ${definition.name}: retry limit, delays and expireInSeconds must be whole, non-negative numbers`,
    );
  }
  return {
    ...definition,
    retry,
    expireInSeconds: definition.expireInSeconds ?? 15 * 60,
    queuePolicy: definition.queuePolicy ?? 'standard',
    concurrency,
  };
}
