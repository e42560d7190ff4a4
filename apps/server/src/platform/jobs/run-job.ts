import type { JobResult, JobWithMetadata } from 'pg-boss';
import type { JobDefinition, JobLogger } from './define-job.js';

/**
 * One attempt of one job, settled as a pg-boss per-job result rather than a throw, so that a
 * payload that fails its schema is failed for good ('deadletter' without a dead-letter queue is a
 * terminal failure): retrying cannot make it valid.
 */
export async function runJob(
  definition: JobDefinition,
  job: JobWithMetadata<unknown>,
  logger: JobLogger,
): Promise<JobResult> {
  const details = { job: definition.name, jobId: job.id, retryCount: job.retryCount };
  const parsed = definition.payload.safeParse(job.data);
  if (!parsed.success) {
    logger.error(
      { ...details, issues: parsed.error.issues },
      'Job payload does not match its schema; failed without retry',
    );
    return { id: job.id, status: 'deadletter', output: { message: 'Invalid payload', issues: parsed.error.issues } };
  }
  const scoped = { ...details, clientId: parsed.data.clientId };
  try {
    await definition.handler(parsed.data, { jobId: job.id, retryCount: job.retryCount, signal: job.signal, logger });
    return { id: job.id, status: 'completed' };
  } catch (error) {
    const willRetry = job.retryCount < job.retryLimit;
    const failure = describeError(error);
    if (willRetry)
      logger.warn({ ...scoped, retryLimit: job.retryLimit, error: failure }, 'Job failed; it will be retried');
    else logger.error({ ...scoped, retryLimit: job.retryLimit, error: failure }, 'Job failed; no retries left');
    return { id: job.id, status: 'failed', output: failure };
  }
}

function describeError(error: unknown): { name: string; message: string; stack?: string } {
  if (error instanceof Error)
    return { name: error.name, message: error.message, ...(error.stack && { stack: error.stack }) };
  return { name: 'Error', message: String(error) };
}
