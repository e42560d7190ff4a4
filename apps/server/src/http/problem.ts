import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, errorStatus } from '../platform/errors.js';

type ProblemBody = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { path: string; message: string }[];
};

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign-in required',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
};

export function sendProblem(reply: FastifyReply, problem: Omit<ProblemBody, 'type' | 'title'> & { title?: string }) {
  const body: ProblemBody = {
    type: `https://switchboard.dev/problems/${problem.code.toLowerCase().replaceAll('_', '-')}`,
    title: problem.title ?? titles[problem.status] ?? 'Error',
    ...problem,
  };
  return reply.status(problem.status).type('application/problem+json').send(body);
}

/** Fastify's own error codes that are the client's fault, mapped to ours. */
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_VALIDATION: 'BAD_REQUEST',
  FST_CSRF_INVALID_TOKEN: 'CSRF_INVALID',
  FST_CSRF_MISSING_SECRET: 'CSRF_INVALID',
};

/**
 * A constraint the database enforced that the use-case did not check first (a race, or an id that
 * does not exist): the caller's mistake, not ours. Drivers nest the Postgres error under `cause`.
 */
function databaseConstraint(error: unknown): (Omit<ProblemBody, 'type' | 'title'> & { title?: string }) | null {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '23503')
      return { status: 400, code: 'BAD_REQUEST', detail: 'The request refers to something that does not exist.' };
    if (e.code === '23505') return { status: 409, code: 'CONFLICT', detail: 'That already exists.' };
  }
  return null;
}

/** The one place errors become HTTP: RFC 9457 problem+json, never a stack trace, never a 500 for bad input. */
export function registerProblemHandlers(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      return sendProblem(reply, {
        status: 400,
        code: 'BAD_REQUEST',
        detail: 'The request does not match the expected shape.',
        errors: error.validation.map((issue) => ({
          path: [error.validationContext, issue.instancePath.replaceAll('/', '.').replace(/^\./, '')]
            .filter(Boolean)
            .join('.'),
          message: issue.message ?? 'invalid',
        })),
      });
    }
    if (error instanceof AppError) {
      return sendProblem(reply, { status: error.status, code: error.code, detail: error.message });
    }
    const constraint = databaseConstraint(error);
    if (constraint) return sendProblem(reply, constraint);
    const mapped = error.code ? fastifyCodes[error.code] : undefined;
    if (mapped) return sendProblem(reply, { status: errorStatus[mapped], code: mapped, detail: error.message });
    if (error instanceof SyntaxError || (error.statusCode && error.statusCode >= 400 && error.statusCode < 500)) {
      const status = error.statusCode ?? 400;
      return sendProblem(reply, {
        status,
        code: status === 429 ? 'RATE_LIMITED' : 'BAD_REQUEST',
        detail: error.message,
      });
    }
    if (isResponseSerializationError(error)) request.log.error({ err: error }, 'response did not match its schema');
    else request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, { status: 500, code: 'INTERNAL', detail: 'Something went wrong on our side.' });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, { status: 404, code: 'NOT_FOUND', detail: `No route ${request.method} ${request.url}` }),
  );
}
