import { CsrfToken, Problem } from '@switchboard/contracts';
import type { z } from 'zod';
import { ProblemError } from './problem-error';

const base = '/api/v1';
const unsafeMethods = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

let csrfToken: Promise<string> | null = null;

const fetchCsrfToken = async (): Promise<string> => {
  const response = await fetch(`${base}/auth/csrf`, { credentials: 'same-origin' });
  if (!response.ok) throw await toProblemError(response);
  return CsrfToken.parse(await response.json()).token;
};

/** The session changes on sign-in and sign-out, and the CSRF token is bound to it. */
export const resetCsrfToken = (): void => {
  csrfToken = null;
};

const csrf = (): Promise<string> => {
  csrfToken ??= fetchCsrfToken().catch((error: unknown) => {
    csrfToken = null;
    throw error;
  });
  return csrfToken;
};

const toProblemError = async (response: Response): Promise<ProblemError> => {
  const text = await response.text().catch(() => '');
  try {
    const parsed = Problem.partial().safeParse(JSON.parse(text));
    if (parsed.success && parsed.data.title) {
      return new ProblemError({
        status: parsed.data.status ?? response.status,
        code: parsed.data.code ?? 'error',
        title: parsed.data.title,
        detail: parsed.data.detail,
        errors: parsed.data.errors,
      });
    }
  } catch {
    // Not JSON: a proxy page or an empty body; fall through to a generic problem.
  }
  return new ProblemError({
    status: response.status,
    code: response.status === 429 ? 'rate_limited' : 'http_error',
    title: response.statusText || `HTTP ${response.status}`,
    detail: text.slice(0, 300) || undefined,
  });
};

type RequestOptions = { method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; body?: unknown; signal?: AbortSignal };

const send = async (path: string, options: RequestOptions, retried = false): Promise<Response> => {
  const method = options.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (unsafeMethods.has(method)) headers['x-csrf-token'] = await csrf();

  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ProblemError({ status: 0, code: 'network', title: 'Network error', detail: String(error) });
  }

  // A stale token (the session rotated) earns one retry with a fresh one.
  if (response.status === 403 && unsafeMethods.has(method) && !retried) {
    const problem = await toProblemError(response.clone());
    if (problem.code === 'CSRF_INVALID') {
      resetCsrfToken();
      return send(path, options, true);
    }
  }
  if (!response.ok) throw await toProblemError(response);
  return response;
};

/** Calls the API and parses the answer with its contract schema, so drift shows up as an error, not a blank. */
export const api = async <S extends z.ZodType>(
  path: string,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> => {
  const response = await send(path, options);
  const body: unknown = response.status === 204 ? null : await response.json();
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new ProblemError({
      status: 502,
      code: 'invalid_response',
      title: 'Unexpected response from the server',
      detail: `${options.method ?? 'GET'} ${path}: ${parsed.error.issues
        .slice(0, 3)
        .map((issue) => `${issue.path.join('.')} ${issue.message}`)
        .join('; ')}`,
    });
  }
  return parsed.data;
};

/** For answers that are text, not JSON (an e-mail's raw source). */
export const apiText = async (path: string, options: RequestOptions = {}): Promise<string> =>
  (await send(path, options)).text();

/** For calls whose answer carries nothing (204). */
export const apiVoid = async (path: string, options: RequestOptions): Promise<void> => {
  await send(path, options);
};

/**
 * Sends a file as the request body (its type as content-type), reporting upload progress from 0 to 1;
 * fetch cannot report it, so this one call uses XMLHttpRequest. The answer is parsed like `api`'s.
 */
export const uploadFile = async <S extends z.ZodType>(
  path: string,
  file: File,
  schema: S,
  onProgress: (fraction: number) => void,
): Promise<z.output<S>> => {
  const token = await csrf();
  const response = await new Promise<Response>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${base}${path}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    request.setRequestHeader('content-type', file.type || 'application/octet-stream');
    request.setRequestHeader('x-csrf-token', token);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () =>
      resolve(new Response(request.responseText, { status: request.status, statusText: request.statusText }));
    request.onerror = () =>
      reject(new ProblemError({ status: 0, code: 'network', title: 'Network error', detail: path }));
    request.send(file);
  });
  if (!response.ok) throw await toProblemError(response);
  const parsed = schema.safeParse(await response.json());
  if (!parsed.success) {
    throw new ProblemError({ status: 502, code: 'invalid_response', title: 'Unexpected response from the server' });
  }
  return parsed.data;
};

export const toQueryString = (params: Record<string, string | number | undefined | null>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};
