import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { openSmtpSession, sendRaw } from './email-test-kit.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const mib = 1024 * 1024;
const sessions = 400;
const perSession = 2 * mib;
const chunk = Buffer.from(`${'m'.repeat(1022)}\r\n`.repeat(64));

const mail = (id: string) =>
  `From: Flood <flood@example.com>\r\nTo: support@north.test\r\nSubject: ${id}\r\nMessage-ID: <${id}@flood.example>\r\n\r\n`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A flood of sessions that each send a few megabytes of DATA slowly: the listener keeps each session's
 * share of memory small (the rest goes to its spool file as it arrives), so its memory stays within a
 * fixed bound whatever the senders do, and ordinary mail still gets through meanwhile.
 */
describe('SMTP memory under a flood of slow DATA', () => {
  it(`stays within a fixed memory bound while ${sessions} sessions each send ${perSession / mib} MB, and still takes mail`, async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-flood-'));
    const spoolDir = path.join(dataDir, 'spool');
    const pgDatabase = process.env.TEST_DATABASE_URL ? await openTestDatabase() : null;
    const child = await startChild({
      MEMORY_DATABASE_URL: pgDatabase ? await urlOf(pgDatabase) : '',
      MEMORY_DATA_DIR: dataDir,
      MEMORY_LISTENER_OPTIONS: JSON.stringify({ maxSessions: 2 * sessions, maxSessionsPerIp: 2 * sessions, spoolDir }),
    });
    try {
      expect((await sendRaw(child.port, `${mail('warmup')}warm-up\r\n`)).code).toBe(250);
      const baseline = await child.memory();
      let peak = baseline.rss;
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, (await child.memory()).rss);
          await pause(250);
        }
      })();

      const flood = await Promise.all(
        Array.from({ length: sessions }, async (_, n) => {
          const session = openSmtpSession(child.port);
          await session.reply();
          await session.command('EHLO flood.example');
          await session.command('MAIL FROM:<flood@example.com>');
          await session.command('RCPT TO:<support@north.test>');
          const data = await session.command('DATA');
          expect(data.code).toBe(354);
          await session.write(mail(`flood-${n}`));
          return session;
        }),
      );
      // Slowly: a chunk per session, then a pause, until each has sent its share (and never ends it).
      const sending = (async () => {
        for (let sent = 0; sent < perSession; sent += chunk.length) {
          await Promise.all(flood.map((session) => session.write(chunk)));
          await pause(20);
        }
      })();
      // Ordinary mail in the middle of the flood.
      await pause(500);
      const ordinary = await sendRaw(child.port, `${mail('ordinary')}an ordinary message\r\n`);
      await sending;
      // Until what the senders wrote reached the spool (or the server holds it some other way).
      const expected = sessions * (perSession - 512 * 1024);
      const deadline = Date.now() + 90_000;
      let spooled = await sizeOf(spoolDir);
      while (Date.now() < deadline && spooled < expected) {
        await pause(250);
        spooled = await sizeOf(spoolDir);
      }
      sampling = false;
      await sampler;
      peak = Math.max(peak, (await child.memory()).rss);

      const growthMib = (peak - baseline.rss) / mib;
      console.log(
        `flood: rss ${Math.round(baseline.rss / mib)} MB → peak ${Math.round(peak / mib)} MB, spooled ${Math.round(spooled / mib)} MB`,
      );
      // Held in memory, the flood's DATA alone would be 800 MB.
      expect(growthMib).toBeLessThan(200);
      expect(spooled).toBeGreaterThanOrEqual(expected);
      expect(ordinary.code).toBe(250);
      expect(await child.stored('<ordinary@flood.example>')).toBe(1);

      // Senders that hang up leave no spool file behind.
      for (const session of flood) session.socket.destroy();
      await Promise.all(flood.map((session) => session.closed));
      const emptyBy = Date.now() + 30_000;
      while (Date.now() < emptyBy && (await readdir(spoolDir)).length > 0) await pause(100);
      expect(await readdir(spoolDir)).toEqual([]);
      expect(await child.stored('<flood-0@flood.example>')).toBe(0);
    } finally {
      await child.stop();
      await pgDatabase?.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

async function sizeOf(folder: string) {
  const names = await readdir(folder).catch(() => [] as string[]);
  const sizes = await Promise.all(
    names.map((name) =>
      stat(path.join(folder, name)).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

async function startChild(env: Record<string, string>) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(here, 'smtp-memory-child.ts')],
    { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (text: Buffer) => {
      const ready = /ready (\d+)/.exec(text.toString());
      if (ready) resolve(Number(ready[1]));
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  let nextId = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  child.on('message', (message: { id: number; value: unknown }) => {
    waiting.get(message.id)?.(message.value);
    waiting.delete(message.id);
  });
  const ask = <T>(request: Record<string, string>) =>
    new Promise<T>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve as (value: unknown) => void);
      child.send({ id, ...request });
    });
  return {
    port,
    memory: () => ask<NodeJS.MemoryUsage>({ type: 'memory' }),
    stored: (rfcMessageId: string) => ask<number>({ type: 'stored', rfcMessageId }),
    stop: async () => {
      child.removeAllListeners('exit');
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
}

async function urlOf(database: { executeSql: (q: string) => Promise<{ rows: Record<string, unknown>[] }> }) {
  const [row] = (await database.executeSql('SELECT current_database() AS name')).rows;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${String(row!.name)}`;
  return url.toString();
}
