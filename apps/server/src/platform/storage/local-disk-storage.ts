import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, open, readdir, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { AppError } from '../errors.js';
import type { Storage, StoredObject } from './storage.js';
import { assertStorageKey } from './storage-key.js';

export type LocalDiskStorageOptions = {
  /** Refuse (AppError PAYLOAD_TOO_LARGE) and discard an object once it passes this many bytes. */
  maxBytes?: number;
};

/** Where objects are written before they are renamed into place: same file system, so rename is atomic. */
const incomingFolder = '.incoming';
/** A part file this old belongs to a put that died with its process. */
const abandonedAfterMs = 24 * 60 * 60 * 1000;

/** Files under `rootDir/<key>`; the default store for one machine (DATA_DIR/files). */
export function createLocalDiskStorage(rootDir: string, options: LocalDiskStorageOptions = {}): Storage {
  const root = path.resolve(rootDir);
  const incoming = path.join(root, incomingFolder);
  let sweptAbandoned = false;
  // Folders known to exist: a put into one of them needs no mkdir. Forgotten if a rename finds one gone.
  const madeFolders = new Set<string>();
  const ensureFolder = async (folder: string) => {
    if (madeFolders.has(folder)) return;
    await mkdir(folder, { recursive: true });
    madeFolders.add(folder);
  };
  const syncs = new Map<string, FolderSync>();

  const pathOf = (key: string) => {
    assertStorageKey(key);
    return path.join(root, ...key.split('/'));
  };

  const statFile = async (key: string) => {
    const info = await stat(pathOf(key)).catch((error: unknown) => rethrowMissing(error, key));
    if (!info.isFile()) throw missing(key);
    return info;
  };

  return {
    async put(key, data) {
      const target = pathOf(key);
      await ensureFolder(incoming);
      if (!sweptAbandoned) {
        sweptAbandoned = true;
        void sweepAbandoned(incoming).catch(() => {});
      }
      const part = path.join(incoming, `${randomUUID()}.part`);
      const handle = await open(part, 'wx');
      let closed = false;
      try {
        const stored = await writeHashed(handle, data, options.maxBytes, key);
        // Data on disk before the name points at it, or a power cut could leave an empty file under the key.
        await handle.sync();
        await handle.close();
        closed = true;
        const folder = path.dirname(target);
        await ensureFolder(folder).catch((error: unknown) => rethrowConflict(error, key));
        await rename(part, target).catch(async (error: unknown) => {
          if (!isCode(error, 'ENOENT') || !madeFolders.delete(folder)) rethrowConflict(error, key);
          // The folder went away since we made it (removed from outside): make it again, once.
          await ensureFolder(folder).catch((again: unknown) => rethrowConflict(again, key));
          await rename(part, target).catch((again: unknown) => rethrowConflict(again, key));
        });
        await syncFolderShared(syncs, folder);
        return stored;
      } catch (error) {
        if (!closed) await handle.close().catch(() => {});
        await rm(part, { force: true });
        throw error;
      }
    },

    async get(key) {
      const handle = await open(pathOf(key), 'r').catch((error: unknown) => rethrowMissing(error, key));
      const info = await handle.stat();
      if (!info.isFile()) {
        await handle.close();
        throw missing(key);
      }
      return handle.createReadStream();
    },

    async stat(key) {
      const info = await statFile(key);
      return { key, size: info.size, modifiedAt: info.mtime };
    },

    async delete(key) {
      await unlink(pathOf(key)).catch((error: unknown) => {
        if (!isCode(error, 'ENOENT', 'ENOTDIR', 'EISDIR')) throw error;
      });
    },

    async exists(key) {
      return statFile(key).then(
        () => true,
        (error: unknown) => {
          if (error instanceof AppError && error.code === 'NOT_FOUND') return false;
          throw error;
        },
      );
    },
  };
}

async function writeHashed(handle: FileHandle, data: Buffer | Readable, maxBytes: number | undefined, key: string) {
  const hash = createHash('sha256');
  let size = 0;
  if (Buffer.isBuffer(data)) {
    // A buffer in hand (a received e-mail and its attachments): written as it is, no stream around it.
    if (maxBytes !== undefined && data.byteLength > maxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `${key} is larger than the ${maxBytes} bytes allowed`);
    }
    await writeAll(handle, data);
    return { size: data.byteLength, sha256: hash.update(data).digest('hex') } satisfies StoredObject;
  }
  const source = data;
  for await (const chunk of source as AsyncIterable<Buffer | Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += bytes.byteLength;
    if (maxBytes !== undefined && size > maxBytes) {
      throw new AppError('PAYLOAD_TOO_LARGE', `${key} is larger than the ${maxBytes} bytes allowed`);
    }
    hash.update(bytes);
    await writeAll(handle, bytes);
  }
  return { size, sha256: hash.digest('hex') } satisfies StoredObject;
}

/** FileHandle.write may write less than it was given; keep going until the chunk is down. */
async function writeAll(handle: FileHandle, bytes: Uint8Array) {
  for (let offset = 0; offset < bytes.byteLength; ) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.byteLength - offset);
    offset += bytesWritten;
  }
}

type FolderSync = { running: Promise<void> | null; next: Promise<void> | null };

/**
 * `syncFolder`, shared by concurrent puts into one folder: a sync that starts after a rename makes
 * that rename durable, so every put arriving while one sync runs waits for the single next one.
 */
function syncFolderShared(syncs: Map<string, FolderSync>, folder: string): Promise<void> {
  const current = syncs.get(folder) ?? { running: null, next: null };
  syncs.set(folder, current);
  const start = (): Promise<void> => {
    const run = syncFolder(folder).finally(() => {
      current.running = null;
      if (!current.next) syncs.delete(folder);
    });
    current.running = run;
    return run;
  };
  if (!current.running) return start();
  if (!current.next) {
    const waitFor = current.running;
    current.next = waitFor
      .catch(() => {})
      .then(() => {
        current.next = null;
        return start();
      });
  }
  return current.next;
}

/** Makes the rename itself durable; some platforms cannot open a folder for this, which is fine there. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  await handle.sync().catch(() => {});
  await handle.close();
}

async function sweepAbandoned(incoming: string): Promise<void> {
  const cutoff = Date.now() - abandonedAfterMs;
  for (const name of await readdir(incoming).catch(() => [])) {
    const file = path.join(incoming, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < cutoff) await rm(file, { force: true });
  }
}

const missing = (key: string) => new AppError('NOT_FOUND', `No stored object under ${key}`);

function rethrowMissing(error: unknown, key: string): never {
  throw isCode(error, 'ENOENT', 'ENOTDIR') ? missing(key) : error;
}

/** A key can name a file or a folder of other keys, not both (`a/b` and `a/b/c`). */
function rethrowConflict(error: unknown, key: string): never {
  if (isCode(error, 'EEXIST', 'ENOTDIR', 'EISDIR', 'ENOTEMPTY')) {
    throw new AppError('CONFLICT', `${key} collides with another stored object's path`);
  }
  throw error;
}

function isCode(error: unknown, ...codes: string[]): boolean {
  return error instanceof Error && 'code' in error && codes.includes(String(error.code));
}
