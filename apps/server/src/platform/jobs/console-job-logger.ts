import type { JobLogger } from './define-job.js';

/** Used when the caller passes no logger: failures must still be seen, routine progress need not. */
export const consoleJobLogger: JobLogger = {
  info: () => {},
  warn: (details, message) => console.warn(message, details),
  error: (details, message) => console.error(message, details),
};
