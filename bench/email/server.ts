import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startDnsServer } from '../../apps/web/e2e/dns-server.js';
import { DEFAULT_SERVER } from '../lib/database.js';
import { DOMAINS } from './corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type Engine = 'pglite' | 'postgres';

export type RunningServer = {
  engine: Engine;
  pid: number;
  httpUrl: string;
  smtpPort: number;
  databaseUrl: string | undefined;
  databaseName: string | undefined;
  dataDir: string;
  /** Date.now() when the process was spawned. */
  spawnedAt: number;
  /** Seconds of CPU (user + system) the server process has used so far, from /proc. */
  cpuSeconds: () => number;
  /** Stops the server process (SIGTERM, then SIGKILL after 10 s); the data stays for inspection. */
  stopProcess: () => Promise<void>;
  /** Stops the process if running, drops the database, removes DATA_DIR. */
  stop: () => Promise<void>;
};

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

const CLK_TCK = 100;

/** utime + stime of a process, in seconds (Linux /proc; NaN elsewhere). */
export function processCpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return Number.NaN;
  }
}

/** The backends connected to one database (the server's pool), by pid, from pg_stat_activity. */
export async function backendPids(databaseName: string): Promise<number[]> {
  return withMaintenance(async (c) => {
    const r = await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [databaseName]);
    return r.rows.map((row) => row.pid);
  });
}

/** CPU seconds of the given PostgreSQL backends (only ours: the server is shared with other work). */
export const backendsCpuSeconds = (pids: readonly number[]): Map<number, number> =>
  new Map(pids.map((pid) => [pid, processCpuSeconds(pid)]));

async function withMaintenance<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.BENCH_PG_SERVER ?? DEFAULT_SERVER });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Starts the real server entry (`apps/server/src/main.ts`, as `npm start` does) as a child process on a
 * fresh DATA_DIR, free ports and, for PostgreSQL, a fresh database that `stop` drops again. With `split`
 * (PostgreSQL only), two processes on the same database, as a deployment may run them: the web app and
 * workers (`--role web,worker`, which migrates and seeds), then the SMTP listener (`--role smtp`).
 */
export async function startServer(
  engine: Engine,
  options: { cpuProfDir?: string | undefined; split?: boolean; log: (line: string) => void },
): Promise<RunningServer> {
  if (options.split && engine !== 'postgres') throw new Error('--split needs PostgreSQL: PGlite serves one process');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'sb-bench-email-'));
  const [port, smtpPort] = [await freePort(), await freePort()];
  let databaseUrl: string | undefined;
  let dbName: string | undefined;
  if (engine === 'postgres') {
    dbName = `sb_bench_email_${process.pid}_${Date.now().toString(36)}`;
    await withMaintenance((c) => c.query(`CREATE DATABASE ${pg.escapeIdentifier(dbName!)}`));
    const url = new URL(process.env.BENCH_PG_SERVER ?? DEFAULT_SERVER);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const dropDatabase = async () => {
    if (!dbName) return;
    await withMaintenance((c) => c.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName!)} WITH (FORCE)`));
  };
  // The sender checks ask DNS about every message (SPF, DMARC): a local authoritative server answers them as a
  // mail provider's would (SPF passes for loopback, DMARC p=none), so the figure is Switchboard's, not this
  // machine's resolver's (here it answers ~15 lookups/s). BENCH_SYSTEM_DNS=1 asks the system's resolver.
  const dns = process.env.BENCH_SYSTEM_DNS === '1' ? null : await startDnsServer(0, senderDnsRecords());
  const env = {
    ...process.env,
    ...(dns && { DNS_SERVERS: `127.0.0.1:${dns.port}` }),
    // Not NODE_ENV=production: production refuses the demo's published sign-ins, which the bench uses.
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    SMTP_PORT: String(smtpPort),
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
    DATABASE_URL: databaseUrl ?? '',
    SMTP_RELAY_URL: '',
    // Every bench session comes from loopback: one address must be allowed all of them.
    SMTP_MAX_SESSIONS_PER_IP: '10000',
  };
  const spawnedAt = Date.now();
  const children: ServerProcess[] = [];
  let stopped = false;
  const stopProcess = async () => {
    for (const child of [...children].reverse()) await child.stop();
  };
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopProcess();
    await dropDatabase().catch((error: unknown) => options.log(`could not drop ${dbName}: ${String(error)}`));
    await dns?.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (options.split) {
      children.push(await spawnServerProcess(['--role', 'web,worker'], env, /is running on/, options.cpuProfDir));
      children.push(await spawnServerProcess(['--role', 'smtp'], env, /SMTP listener on port \d+/, options.cpuProfDir));
    } else {
      children.push(await spawnServerProcess([], env, /SMTP listener on port \d+/, options.cpuProfDir));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    engine,
    pid: children.at(-1)!.pid,
    httpUrl: `http://127.0.0.1:${port}`,
    smtpPort,
    databaseUrl,
    databaseName: dbName,
    dataDir,
    spawnedAt,
    cpuSeconds: () => children.reduce((sum, child) => sum + processCpuSeconds(child.pid), 0),
    stopProcess,
    stop,
  };
}

type ServerProcess = { pid: number; stop: () => Promise<void> };

/** One `main.ts` child, resolved once its stdout shows `ready` (rejected if it exits first or takes 180 s). */
async function spawnServerProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  cpuProfDir: string | undefined,
): Promise<ServerProcess> {
  const nodeArgs = ['--import', 'tsx'];
  if (cpuProfDir) nodeArgs.push('--cpu-prof', '--cpu-prof-dir', cpuProfDir);
  const child: ChildProcess = spawn(
    process.execPath,
    [...nodeArgs, path.join(root, 'apps/server/src/main.ts'), ...args],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderrTail = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`server did not start in 180 s\n${stderrTail}`)), 180_000);
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (ready.test(out)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before it was ready\n${stderrTail}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }
  child.stdout!.resume();
  return { pid: child.pid!, stop };
}

/** SPF and DMARC of the bench's sender domains, as their providers publish them (mail from loopback passes SPF). */
function senderDnsRecords(): Record<string, string[]> {
  return Object.fromEntries(
    DOMAINS.flatMap((domain) => [
      [domain, ['v=spf1 ip4:127.0.0.1 -all']],
      [`_dmarc.${domain}`, ['v=DMARC1; p=none']],
    ]),
  );
}
