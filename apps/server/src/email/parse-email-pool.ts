import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ParsedEmail } from './parse-email.js';

export type EmailParser = (raw: Buffer, envelopeFrom: string | null) => Promise<ParsedEmail>;

export type EmailParserPool = { parse: EmailParser; close: () => Promise<void> };

/**
 * MIME parsing (mailparser, charsets, quoted-history folding) on worker threads, so a burst of mail
 * does not queue the SMTP sessions, SQL and WebSocket frames that share the main thread behind it.
 * One thread per core but the main thread's, at least one. `execArgv` defaults to the process's own
 * (`--import tsx` under `npm start`, which the worker needs to load TypeScript).
 */
export function createEmailParserPool(options: { threads?: number; execArgv?: string[] } = {}): EmailParserPool {
  const threads = options.threads ?? Math.max(1, availableParallelism() - 1);
  const pool = new Piscina({
    filename: new URL('./parse-email-worker.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  });
  return {
    parse: async (raw, envelopeFrom) => {
      const parsed = (await pool.run({ raw, envelopeFrom })) as ParsedEmail;
      // Buffers arrive as plain Uint8Arrays from the worker; the rest of the pipeline expects Buffers.
      for (const attachment of parsed.attachments) {
        const bytes = attachment.content as Uint8Array;
        attachment.content = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      }
      return parsed;
    },
    close: () => pool.destroy(),
  };
}
