import { Transform } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/errors.js';
import type { Storage } from '../../platform/storage/index.js';
import type { RecordingRow } from '../phone-repository.js';

/**
 * Plays a stored recording with HTTP range support (browsers seek audio with `Range: bytes=a-b`).
 * The caller has already checked that the recording is in the requester's scope.
 */
export async function streamRecording(
  storage: Storage,
  recording: RecordingRow,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (recording.status !== 'stored' || !recording.storageKey) throw notFound('Recording');
  const { size } = await storage.stat(recording.storageKey);
  reply.header('accept-ranges', 'bytes');
  reply.header('content-type', recording.contentType ?? 'audio/wav');
  reply.header('cache-control', 'private, no-store');
  reply.header('x-content-type-options', 'nosniff');
  const range = parseRange(request.headers.range, size);
  if (range === 'invalid') {
    reply.header('content-range', `bytes */${size}`);
    return reply.status(416).send();
  }
  const stream = await storage.get(recording.storageKey);
  if (!range) {
    reply.header('content-length', String(size));
    return reply.send(stream);
  }
  reply.status(206);
  reply.header('content-range', `bytes ${range.start}-${range.end}/${size}`);
  reply.header('content-length', String(range.end - range.start + 1));
  return reply.send(stream.pipe(slice(range.start, range.end)));
}

function parseRange(header: string | undefined, size: number): { start: number; end: number } | null | 'invalid' {
  if (!header) return null;
  const match = header.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return 'invalid';
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'invalid';
  return { start, end };
}

/** Passes on only bytes `start..end` (inclusive) of the stream. */
function slice(start: number, end: number): Transform {
  let position = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const from = Math.max(start - position, 0);
      const to = Math.min(end + 1 - position, chunk.length);
      position += chunk.length;
      done(null, from < to ? chunk.subarray(from, to) : undefined);
    },
  });
}
