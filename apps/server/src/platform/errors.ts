import { type ErrorCode, errorCodes } from '@switchboard/contracts';

export type { ErrorCode };

/** Every failure Switchboard reports on purpose, by its code (packages/contracts). Turned into problem+json in one place (http/problem.ts). */
export const errorStatus = errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = errorStatus[code];
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this', code: ErrorCode = 'FORBIDDEN') =>
  new AppError(code, message);
