export { consoleJobLogger } from './console-job-logger.js';
export {
  type ClientScopedPayload,
  defaultRetryPolicy,
  defineJob,
  type JobContext,
  type JobDefinition,
  type JobDefinitionInput,
  type JobLogger,
  type JobPayloadSchema,
  type JobQueuePolicy,
  type JobRetryPolicy,
} from './define-job.js';
export { createJobRunner, type JobRunner, type JobRunnerOptions, type SendJobOptions } from './job-runner.js';
