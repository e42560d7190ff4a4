import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEmail } from './parse-email.js';
import { createEmailParserPool } from './parse-email-pool.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('the e-mail parser pool (worker threads)', () => {
  // Real worker threads, which load the TypeScript worker through tsx as `npm start` does.
  const pool = createEmailParserPool({ threads: 2, execArgv: ['--import', 'tsx'] });
  afterAll(() => pool.close());

  it('parses every fixture exactly as the main thread does, attachments as Buffers', async () => {
    const names = (await readdir(fixtures)).filter((name) => name.endsWith('.eml'));
    expect(names.length).toBeGreaterThanOrEqual(40);
    const raws = await Promise.all(names.map((name) => readFile(path.join(fixtures, name))));
    const pooled = await Promise.all(raws.map((raw) => pool.parse(raw, 'sender@example.test')));
    let attachments = 0;
    for (const [n, raw] of raws.entries()) {
      const here = await parseEmail(raw, 'sender@example.test');
      expect(pooled[n], names[n]).toEqual(here);
      for (const attachment of pooled[n]!.attachments) {
        expect(Buffer.isBuffer(attachment.content)).toBe(true);
        attachments++;
      }
    }
    expect(attachments).toBeGreaterThan(0);
  });

  it('a call that fails in its worker rejects that call only; the pool goes on', async () => {
    const broken = pool.parse(null as unknown as Buffer, null);
    const fine = pool.parse(Buffer.from('Subject: hi\r\nMessage-ID: <a@b>\r\n\r\nHello'), null);
    await expect(broken).rejects.toThrow();
    expect((await fine).subject).toBe('hi');
    expect((await pool.parse(Buffer.from('Subject: again\r\n\r\nHello'), null)).subject).toBe('again');
  });
});
