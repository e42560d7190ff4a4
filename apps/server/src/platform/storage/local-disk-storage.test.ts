import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalDiskStorage } from './local-disk-storage.js';
import type { Storage } from './storage.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** toEqual walks a Buffer byte by byte through the matcher machinery: seconds for a megabyte. */
const expectSameBytes = (actual: Buffer, expected: Buffer) => {
  expect(actual.length).toBe(expected.length);
  expect(actual.equals(expected)).toBe(true);
};

describe('local disk storage', () => {
  let root: string;
  let storage: Storage;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'sb-storage-'));
    storage = createLocalDiskStorage(root, { maxBytes: 4 * 1024 * 1024 });
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stores and returns a binary buffer with its size and sha256', async () => {
    const data = Buffer.concat([Buffer.from([0, 255, 0, 13, 10]), randomBytes(70_000)]);
    const stored = await storage.put('client-a/attachments/scan.pdf', data);
    expect(stored).toEqual({ size: data.length, sha256: sha256(data) });
    expectSameBytes(await buffer(await storage.get('client-a/attachments/scan.pdf')), data);
    expect(await storage.stat('client-a/attachments/scan.pdf')).toMatchObject({ size: data.length });
    expect(await storage.exists('client-a/attachments/scan.pdf')).toBe(true);
  });

  it('stores a stream, hashing it on the way through', async () => {
    const chunks = Array.from({ length: 40 }, () => randomBytes(32 * 1024));
    const whole = Buffer.concat(chunks);
    const stored = await storage.put('client-b/recordings/call-1.wav', Readable.from(chunks));
    expect(stored).toEqual({ size: whole.length, sha256: sha256(whole) });
    expectSameBytes(await buffer(await storage.get('client-b/recordings/call-1.wav')), whole);
  });

  it('replaces an object whole and leaves no part files behind', async () => {
    await storage.put('client-a/notes.txt', Buffer.from('first'));
    await storage.put('client-a/notes.txt', Buffer.from('second version'));
    expect((await buffer(await storage.get('client-a/notes.txt'))).toString()).toBe('second version');
    expect(await readdir(path.join(root, '.incoming'))).toEqual([]);
  });

  it('keeps the old object when a put fails part way', async () => {
    await storage.put('client-a/contract.pdf', Buffer.from('signed contract'));
    const failing = new Readable({
      read() {
        this.push(Buffer.from('half a new contr'));
        this.destroy(new Error('upload aborted'));
      },
    });
    await expect(storage.put('client-a/contract.pdf', failing)).rejects.toThrow('upload aborted');
    const tooLarge = Readable.from([randomBytes(3 * 1024 * 1024), randomBytes(3 * 1024 * 1024)]);
    await expect(storage.put('client-a/contract.pdf', tooLarge)).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect((await buffer(await storage.get('client-a/contract.pdf'))).toString()).toBe('signed contract');
    expect(await readdir(path.join(root, '.incoming'))).toEqual([]);
  });

  it('refuses keys that could escape the root or are not portable', async () => {
    const bad = [
      '../etc/passwd',
      'client-a/../../x',
      '/etc/passwd',
      'a//b',
      'a/',
      '.incoming/x',
      'a/./b',
      'a\\b',
      'ü.txt',
      '',
    ];
    for (const key of bad) {
      await expect(storage.put(key, Buffer.from('x')), key).rejects.toMatchObject({ code: 'BAD_REQUEST' });
      await expect(storage.get(key), key).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    await expect(storage.exists('../x')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(storage.delete('../x')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('takes concurrent puts of different keys', async () => {
    const objects = Array.from({ length: 25 }, (_, n) => ({
      key: `client-c/batch/${n}.bin`,
      data: randomBytes(10_000 + n),
    }));
    const stored = await Promise.all(objects.map(({ key, data }) => storage.put(key, data)));
    expect(stored.map((s) => s.sha256)).toEqual(objects.map(({ data }) => sha256(data)));
    for (const { key, data } of objects) expectSameBytes(await buffer(await storage.get(key)), data);
  });

  it('answers NOT_FOUND for a missing key and deletes idempotently', async () => {
    await expect(storage.get('client-a/none.bin')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(storage.stat('client-a/none.bin')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(storage.get('client-a')).rejects.toMatchObject({ code: 'NOT_FOUND' }); // a folder is not an object
    await expect(storage.get('client-a/notes.txt/deeper')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await storage.exists('client-a/none.bin')).toBe(false);
    await storage.put('client-a/gone.txt', Buffer.from('x'));
    await storage.delete('client-a/gone.txt');
    await storage.delete('client-a/gone.txt');
    expect(await storage.exists('client-a/gone.txt')).toBe(false);
  });

  it('refuses a key that would turn a stored object into a folder', async () => {
    await expect(storage.put('client-a/notes.txt/child', Buffer.from('x'))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(storage.put('client-a/attachments', Buffer.from('x'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});
