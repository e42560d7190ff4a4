import { z } from 'zod';
import { AppError } from './errors.js';

/** Keyset cursors: the sort value and id of the last row seen, opaque to clients. */
export type Cursor = { at: string; id: string };

export const encodeCursor = (cursor: Cursor): string =>
  Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');

/**
 * Only what `encodeCursor` writes: an ISO instant from year 1 to 9999 (as `toISOString` gives it, read
 * back to the same string) or 'infinity', and a uuid. Date.parse alone takes "1" or "+275760-…", which
 * PostgreSQL then refuses with a 500.
 */
const CursorValue = z.tuple([
  z.union([
    z.literal('infinity'),
    z.iso.datetime({ precision: 3 }).refine((at) => !at.startsWith('0000') && new Date(at).toISOString() === at),
  ]),
  z.uuid(),
]);

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  const cursor = CursorValue.safeParse(value);
  if (!cursor.success)
    throw new AppError('CURSOR_INVALID', 'The cursor is not valid; start again from the first page.');
  return { at: cursor.data[0], id: cursor.data[1] };
}
