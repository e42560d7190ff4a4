import type { Readable } from 'node:stream';

export type StoredObject = { size: number; sha256: string };

export type StoredObjectInfo = { key: string; size: number; modifiedAt: Date };

/**
 * Where attachments, recordings and documents live (DESIGN.md: Files). Keys are relative paths of
 * `[a-zA-Z0-9/_.-]` chosen by the server, never by a user; lead them with the client id
 * (`client-a/attachments/…`) so a client's files can be listed, exported or erased together.
 *
 * A `put` is all or nothing: a reader sees the old object or the complete new one, never part.
 * `get` and `stat` throw AppError NOT_FOUND for a missing key; `delete` of a missing key is a no-op.
 *
 * An S3-compatible implementation (production) fits the same shape:
 * - put: `Upload` from @aws-sdk/lib-storage (multipart for streams), hashing the stream on the way
 *   through; the object only appears when the upload completes, which gives the same atomicity.
 *   Send `ChecksumAlgorithm: 'SHA256'` so the store verifies it too.
 * - get: `GetObjectCommand` → `Body` as a Readable; `NoSuchKey` → NOT_FOUND.
 * - stat / exists: `HeadObjectCommand` (`ContentLength`, `LastModified`); 404 → NOT_FOUND / false.
 * - delete: `DeleteObjectCommand` (already idempotent).
 * The key validation below applies unchanged, so keys stay portable between the two.
 */
export type Storage = {
  put(key: string, data: Buffer | Readable): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  stat(key: string): Promise<StoredObjectInfo>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
};
