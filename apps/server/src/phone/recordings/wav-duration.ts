import type { Storage } from '../../platform/storage/index.js';

/** Seconds of audio in a stored PCM WAV, from its `fmt ` and `data` chunks; null when it is not one. */
export async function wavDurationSeconds(storage: Storage, key: string): Promise<number | null> {
  const head = await readHead(storage, key, 4096);
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE')
    return null;
  let offset = 12;
  let byteRate = 0;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    if (id === 'fmt ' && offset + 16 <= head.length) byteRate = head.readUInt32LE(offset + 16);
    if (id === 'data') {
      if (!byteRate) return null;
      const { size: fileSize } = await storage.stat(key);
      const dataBytes = size === 0xffffffff || size === 0 ? fileSize - offset - 8 : size;
      return Math.round(dataBytes / byteRate);
    }
    offset += 8 + size + (size % 2);
  }
  return null;
}

async function readHead(storage: Storage, key: string, bytes: number): Promise<Buffer> {
  const stream = await storage.get(key);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes);
}
