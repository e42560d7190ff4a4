/**
 * PostgreSQL refuses U+0000 in text and jsonb, so a mail with a NUL byte in its subject, body or a
 * file name failed its transaction and was answered 451 on every retry until the sender gave up.
 * Every string of the parsed e-mail loses its NULs (nothing a reader could see); byte contents
 * (attachments, the raw source, kept as it came) are left alone.
 */
export function stripNulCharacters<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\0') ? value.replaceAll('\0', '') : value) as T;
  if (Array.isArray(value)) return value.map(stripNulCharacters) as T;
  if (value === null || typeof value !== 'object' || Buffer.isBuffer(value) || value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, stripNulCharacters(v)])) as T;
}
