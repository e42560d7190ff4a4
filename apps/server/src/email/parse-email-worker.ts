import { parseEmail } from './parse-email.js';

/** Runs in a worker thread of the e-mail parser pool (parse-email-pool.ts). */
export default function parseInWorker(task: { raw: Uint8Array; envelopeFrom: string | null }) {
  return parseEmail(Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength), task.envelopeFrom);
}
