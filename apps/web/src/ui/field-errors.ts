import type { z } from 'zod';
import { ProblemError } from '../api/problem-error';

export type FieldErrors = Record<string, string>;

/** Field messages keyed by their top-level path ("settings.address" → "settings.address"). */
export const fieldErrorsFromZod = (error: z.ZodError): FieldErrors =>
  Object.fromEntries(error.issues.map((issue) => [issue.path.join('.'), issue.message]));

export const fieldErrorsFromProblem = (error: unknown): FieldErrors => {
  if (!(error instanceof ProblemError)) return {};
  // Server paths may be "/body/email", "body.email" or "email"; keep the part after "body".
  return Object.fromEntries(
    error.errors.map((field) => [
      field.path
        .replace(/^\//, '')
        .replaceAll('/', '.')
        .replace(/^body\.?/, ''),
      field.message,
    ]),
  );
};
