import type { Problem } from '@switchboard/contracts';

export type FieldError = { path: string; message: string };

/** Every failed API call surfaces as one of these, carrying the server's problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];

  constructor(problem: Pick<Problem, 'status' | 'code' | 'title'> & { detail?: string; errors?: FieldError[] }) {
    super(problem.detail ?? problem.title);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
  }
}

export const isProblem = (error: unknown, status?: number): error is ProblemError =>
  error instanceof ProblemError && (status === undefined || error.status === status);
