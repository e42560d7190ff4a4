import { randomUUID } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export type SmtpSpoolOptions = {
  /** Where messages past their share of memory are written as they arrive. */
  dir: string;
  /** The largest message taken; past it the rest is read and dropped. */
  maxBytes: number;
  /** What one message may hold in memory before it goes to a file. */
  messageMemoryBytes: number;
  /** What every message in flight together may hold in memory; past it new bytes go to files. */
  totalMemoryBytes: number;
  /** How many spooled messages are read back and handled at once (each is in memory whole then). */
  spooledAtOnce: number;
};

export type SpooledMessage =
  | { oversized: true }
  | {
      oversized: false;
      size: number;
      /** Runs `use` with the message's bytes (a spooled one when its turn comes), then lets them go. */
      consume: <T>(use: (raw: Buffer) => Promise<T>) => Promise<T>;
    };

/** A spool file this old belongs to a process that died mid-message (nothing in it was acknowledged). */
const abandonedAfterMs = 24 * 60 * 60 * 1000;

/**
 * SMTP DATA as it arrives: a message keeps its first bytes in memory up to its share (most mail fits)
 * and writes the rest to a spool file, pausing the sender while the disk catches up; so the memory held
 * by DATA in flight is bounded by `totalMemoryBytes` whatever the number and pace of the senders. A
 * spool file is only a buffer: the message is stored (and acknowledged) from what `consume` hands on,
 * and the file is removed when the message is handled or its sender hangs up.
 */
export async function createSmtpSpool(options: SmtpSpoolOptions) {
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  void sweepAbandoned(options.dir).catch(() => {});
  let memoryInUse = 0;
  const inTurn = createTurns(options.spooledAtOnce);

  const receive = (stream: Readable) =>
    new Promise<SpooledMessage>((resolve, reject) => {
      let chunks: Buffer[] = [];
      let held = 0;
      let size = 0;
      let file: WriteStream | null = null;
      let filePath = '';
      let failure: Error | null = null;
      const letGo = () => {
        memoryInUse -= held;
        held = 0;
        chunks = [];
      };
      const dropFile = () => {
        if (file) removeWhenClosed(file, filePath);
        file = null;
        // It may be paused waiting for the file to drain; the rest is read and dropped.
        stream.resume();
      };
      const fail = (error: Error) => {
        failure ??= error;
        letGo();
        dropFile();
      };

      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (failure) return;
        if (size > options.maxBytes) {
          letGo();
          dropFile();
          return;
        }
        if (!file) {
          if (
            held + chunk.length <= options.messageMemoryBytes &&
            memoryInUse + chunk.length <= options.totalMemoryBytes
          ) {
            chunks.push(chunk);
            held += chunk.length;
            memoryInUse += chunk.length;
            return;
          }
          filePath = path.join(options.dir, `${randomUUID()}.eml`);
          file = createWriteStream(filePath, { flags: 'wx', mode: 0o600 });
          file.on('error', fail);
          for (const early of chunks) file.write(early);
          letGo();
        }
        if (!file.write(chunk)) {
          stream.pause();
          file.once('drain', () => stream.resume());
        }
      });
      // The sender hung up mid-message (smtp-server destroys the stream with ECONNECTION).
      stream.on('error', (error) => {
        fail(error);
        reject(error);
      });
      stream.on('end', () => {
        if (failure) {
          reject(failure);
          return;
        }
        if (size > options.maxBytes) {
          resolve({ oversized: true });
          return;
        }
        if (!file) {
          const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          chunks = [];
          resolve({
            oversized: false,
            size,
            consume: (use) =>
              use(raw).finally(() => {
                memoryInUse -= held;
                held = 0;
              }),
          });
          return;
        }
        const spooled = file;
        const spooledPath = filePath;
        spooled.end(() => {
          if (failure) {
            reject(failure);
            return;
          }
          resolve({
            oversized: false,
            size,
            consume: (use) =>
              inTurn(async () => {
                let raw: Buffer;
                try {
                  raw = await readFile(spooledPath);
                } finally {
                  removeWhenClosed(spooled, spooledPath);
                }
                return use(raw);
              }),
          });
        });
      });
    });

  return { receive, memoryInUse: () => memoryInUse };
}

/** Removes a spool file once its stream let go of it (a file still opening would be created after the removal). */
function removeWhenClosed(file: WriteStream, filePath: string) {
  const remove = () => void rm(filePath, { force: true }).catch(() => {});
  if (file.closed) {
    remove();
    return;
  }
  file.once('close', remove);
  file.destroy();
}

/** At most `atOnce` pieces of work at a time; the others wait their turn, first come first served. */
function createTurns(atOnce: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(work: () => Promise<T>): Promise<T> => {
    if (running < atOnce) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      // The turn passes to the next in line, or the slot frees.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

async function sweepAbandoned(dir: string) {
  const cutoff = Date.now() - abandonedAfterMs;
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.eml')) continue;
    const file = path.join(dir, name);
    const info = await stat(file).catch(() => null);
    if (info && info.mtimeMs < cutoff) await rm(file, { force: true });
  }
}
