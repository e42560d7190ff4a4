import { AppError } from '../errors.js';

const keyPattern = /^[a-zA-Z0-9/_.-]+$/;
export const maxKeyLength = 512;

/**
 * Refuses a key that could leave the storage root or mean different things on different stores.
 * Beyond the character set: no leading or doubled `/`, and no segment that starts with a dot, which
 * rules out `.` and `..` and keeps the local store's hidden working folder out of reach.
 */
export function assertStorageKey(key: string): void {
  const refuse = (why: string) => new AppError('BAD_REQUEST', `Invalid storage key ${JSON.stringify(key)}: ${why}`);
  if (key.length === 0 || key.length > maxKeyLength) throw refuse(`must be 1 to ${maxKeyLength} characters`);
  if (!keyPattern.test(key)) throw refuse('only letters, digits and / _ . - are allowed');
  if (key.startsWith('/') || key.endsWith('/')) throw refuse('must be a relative path to a file');
  for (const segment of key.split('/')) {
    if (segment === '') throw refuse('has an empty path segment');
    if (segment.startsWith('.')) throw refuse('a path segment may not start with "."');
  }
}
