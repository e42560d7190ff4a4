import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { openDatabase, queryRows } from '../db/index.js';
import { sendRaw } from './email-test-kit.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/**
 * Crash safety: a burst of SMTP deliveries while the server process is killed with SIGKILL several
 * times and restarted. The sender retries whatever got no 250; afterwards every message exists
 * exactly once and none is missing.
 */
describe('SMTP acknowledgement survives kill -9', () => {
  it('stores every acknowledged message exactly once across repeated SIGKILLs', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-crash-'));
    const serverUrl = process.env.TEST_DATABASE_URL;
    // On PostgreSQL the child gets a fresh database of its own; on PGlite it keeps its data in dataDir.
    const pgDatabase = serverUrl ? await openTestDatabase() : null;
    const databaseUrl = pgDatabase ? await urlOf(pgDatabase) : '';
    const port = await freePort();
    let child: ChildProcess | null = null;
    const start = () =>
      new Promise<void>((resolve, reject) => {
        child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'smtp-crash-child.ts')], {
          env: {
            ...process.env,
            CRASH_DATABASE_URL: databaseUrl,
            CRASH_DATA_DIR: dataDir,
            CRASH_SMTP_PORT: String(port),
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        });
        child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
        child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
      });
    await start();

    const total = 60;
    const acked = new Set<number>();
    const raw = (n: number) =>
      `From: Burst ${n} <burst${n % 7}@example.com>\r\nTo: support@north.test\r\nSubject: burst ${n}\r\nMessage-ID: <burst-${n}@example.com>\r\n\r\nmessage number ${n}\r\n`;
    let killing = true;
    const killer = (async () => {
      for (let round = 0; round < 3 && killing; round++) {
        await new Promise((resolve) => setTimeout(resolve, 700));
        const victim = child!;
        victim.removeAllListeners('exit');
        const exited = new Promise((resolve) => victim.once('exit', resolve));
        victim.kill('SIGKILL');
        await exited;
        await start();
      }
    })();
    const deadline = Date.now() + 150_000;
    const worker = async (ids: number[]) => {
      for (const n of ids) {
        // Like a real MTA: retry until accepted; a restarting PGlite server may take many seconds under load.
        while (!acked.has(n) && Date.now() < deadline) {
          const result = await sendRaw(port, raw(n), { to: ['support@north.test'] });
          if (result.code === 250) acked.add(n);
          else await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    const lanes = Array.from({ length: 4 }, (_, lane) =>
      Array.from({ length: total }, (_, n) => n).filter((n) => n % 4 === lane),
    );
    await Promise.all(lanes.map(worker));
    killing = false;
    await killer;
    const finalChild = child as ChildProcess | null;
    finalChild?.removeAllListeners('exit');
    const gone = new Promise((resolve) => finalChild?.once('exit', resolve));
    finalChild?.kill('SIGTERM');
    await gone;

    expect(acked.size).toBe(total);
    const database = pgDatabase ?? (await openDatabase({ dataDir }));
    const rows = await queryRows<{ source_id: string; n: number }>(
      database.db,
      sql`SELECT source_id, count(*)::int AS n FROM messages WHERE source_id LIKE '<burst-%' GROUP BY source_id`,
    );
    expect(rows.length).toBe(total);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const [emails] = await queryRows<{ n: number }>(
      database.db,
      sql`SELECT count(*)::int AS n FROM email_messages WHERE rfc_message_id LIKE '<burst-%'`,
    );
    expect(emails!.n).toBe(total);
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  }, 240_000);
});

async function urlOf(database: { executeSql: (q: string) => Promise<{ rows: Record<string, unknown>[] }> }) {
  const [row] = (await database.executeSql('SELECT current_database() AS name')).rows;
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${String(row!.name)}`;
  return url.toString();
}
