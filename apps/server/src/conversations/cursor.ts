import { AppError } from '../platform/errors.js';

/** Keyset cursors: the sort value and id of the last row seen, opaque to clients. */
export type Cursor = { at: string; id: string };

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof at === 'string' &&
      typeof id === 'string' &&
      /^[0-9a-f-]{36}$/.test(id) &&
      (at === 'infinity' || !Number.isNaN(Date.parse(at)))
    ) {
      return { at, id };
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('BAD_REQUEST', 'The cursor is not valid; start again from the first page.');
}

/** Postgres reports timestamps as Date (pg) or string depending on the driver and query style. */
export const iso = (value: Date | string): string => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

/** A sort key for a cursor; rows that are not waiting sort last under Postgres' 'infinity'. */
export const sortKey = (value: Date | string | number): string =>
  value === Number.POSITIVE_INFINITY || value === 'infinity' ? 'infinity' : new Date(value).toISOString();
