// The keyset cursor is shared by every slice's lists; it lives in the platform.
export { type Cursor, decodeCursor, encodeCursor } from '../platform/cursor.js';

/** Postgres reports timestamps as Date (pg) or string depending on the driver and query style. */
export const iso = (value: Date | string): string => new Date(value).toISOString();
export const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

/** A sort key for a cursor; rows that are not waiting sort last under Postgres' 'infinity'. */
export const sortKey = (value: Date | string | number): string =>
  value === Number.POSITIVE_INFINITY || value === 'infinity' ? 'infinity' : new Date(value).toISOString();
