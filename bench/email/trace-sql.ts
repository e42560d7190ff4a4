/**
 * Diagnosis for `npm run bench -- email`: where one SMTP delivery spends its time on PostgreSQL.
 * Runs the real SMTP listener in-process on a fresh database (demo seed), sends the benchmark's message
 * mix one at a time, and counts every SQL statement (pg.Client#query, wall time until the result) and
 * every storage write per message; then EXPLAIN (ANALYZE, BUFFERS) of the costliest statements inside a
 * rolled-back transaction.
 *
 *   npx tsx bench/email/trace-sql.ts [--messages 300]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import pg from 'pg';
import { openDatabase } from '../../apps/server/src/db/index.js';
import { seedDemo } from '../../apps/server/src/demo/seed-demo.js';
import { startSmtpListener } from '../../apps/server/src/email/index.js';
import { escalationEmailAnswers } from '../../apps/server/src/escalation/index.js';
import { createDnsResolver } from '../../apps/server/src/platform/dns/index.js';
import { createLocalDiskStorage, type Storage } from '../../apps/server/src/platform/storage/index.js';
import { createConversationReactions } from '../../apps/server/src/reactions.js';
import { createDeskEvents } from '../../apps/server/src/realtime/create-desk-events.js';
import { intArg, parseArgs } from '../lib/args.js';
import { DEFAULT_SERVER } from '../lib/database.js';
import { type BenchMessage, INBOXES, MessageFactory } from './corpus.js';

type Stat = { n: number; ms: number; sample: { text: string; values: unknown[] } };
const stats = new Map<string, Stat>();
let tracing = false;
let statements = 0;

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim();

// Count and time every statement any pg.Client (the server's pool) sends.
const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
  this: pg.Client,
  ...args: unknown[]
) {
  const result = original.apply(this, args);
  if (!tracing || !(result instanceof Promise)) return result;
  const config = args[0] as string | { text: string; values?: unknown[] };
  const text = normalise(typeof config === 'string' ? config : config.text);
  const values = (typeof config === 'string' ? undefined : config.values) ?? (Array.isArray(args[1]) ? args[1] : []);
  const started = performance.now();
  statements++;
  return result.then((r: unknown) => {
    const stat = stats.get(text) ?? { n: 0, ms: 0, sample: { text, values } };
    stat.n++;
    stat.ms += performance.now() - started;
    stats.set(text, stat);
    return r;
  });
};

const { values } = parseArgs(process.argv.slice(2));
const count = intArg(values, 'messages', 300);
const dbName = `sb_bench_email_trace_${process.pid}`;
const maintenance = new pg.Client({ connectionString: DEFAULT_SERVER });
await maintenance.connect();
await maintenance.query(`CREATE DATABASE ${pg.escapeIdentifier(dbName)}`);
const url = new URL(DEFAULT_SERVER);
url.pathname = `/${dbName}`;
const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-bench-email-trace-'));
try {
  const database = await openDatabase({ databaseUrl: url.toString() });
  await seedDemo(database.db);
  const events = await createDeskEvents(database);
  const base = createLocalDiskStorage(path.join(dir, 'files'));
  let puts = 0;
  let putMs = 0;
  const storage: Storage = {
    ...base,
    put: async (...args: Parameters<Storage['put']>) => {
      const started = performance.now();
      try {
        return await base.put(...args);
      } finally {
        if (tracing) {
          puts++;
          putMs += performance.now() - started;
        }
      }
    },
  };
  const smtp = await startSmtpListener(
    {
      db: database.db,
      storage,
      events,
      reactions: createConversationReactions({ publicUrl: 'http://localhost:3000' }),
      answers: escalationEmailAnswers,
      dns: createDnsResolver(),
    },
    { port: 0, host: '127.0.0.1', maxBytes: 25 * 1024 * 1024 },
  );
  const connection = new SMTPConnection({ host: '127.0.0.1', port: smtp.port, ignoreTLS: true });
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  const factory = new MessageFactory(1, 0.3);
  const acked: BenchMessage[] = [];
  let totalMs = 0;
  for (let i = 0; i < count + 30; i++) {
    if (i === 30) tracing = true;
    const message = factory.next(acked[acked.length - 1 - Math.floor(Math.random() * Math.min(500, acked.length))]);
    const started = performance.now();
    await new Promise<void>((resolve, reject) =>
      connection.send({ from: 'mta@relay.example', to: [INBOXES[message.inbox]] }, message.raw, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    if (tracing) totalMs += performance.now() - started;
    acked.push(message);
  }
  tracing = false;
  connection.quit();
  console.log(
    `${count} messages one at a time: ${(totalMs / count).toFixed(1)} ms per SMTP transaction, ` +
      `${(statements / count).toFixed(1)} SQL statements per message (${((stats.size && [...stats.values()].reduce((a, s) => a + s.ms, 0)) / count).toFixed(1)} ms), ` +
      `${(puts / count).toFixed(1)} storage writes (${(putMs / count).toFixed(1)} ms)\n`,
  );
  console.log('| per message | mean ms | total ms per message | statement |');
  console.log('| --- | --- | --- | --- |');
  const sorted = [...stats.values()].sort((a, b) => b.ms - a.ms);
  for (const s of sorted.slice(0, 25))
    console.log(
      `| ${(s.n / count).toFixed(2)} | ${(s.ms / s.n).toFixed(2)} | ${(s.ms / count).toFixed(2)} | ${s.sample.text.slice(0, 160)} |`,
    );
  // Plans of the costliest reads, with the parameters they ran with, rolled back.
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  for (const s of sorted.filter((x) => /^(select|update|with)/i.test(x.sample.text)).slice(0, 6)) {
    await client.query('BEGIN');
    try {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${s.sample.text}`, s.sample.values);
      console.log(`\n${s.sample.text.slice(0, 300)}\n${plan.rows.map((r) => `  ${r['QUERY PLAN']}`).join('\n')}`);
    } catch (error) {
      console.log(`\n(no plan: ${(error as Error).message}) ${s.sample.text.slice(0, 200)}`);
    } finally {
      await client.query('ROLLBACK');
    }
  }
  await client.end();
  await smtp.close();
  await events.close();
  await database.close();
} finally {
  await maintenance.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(dbName)} WITH (FORCE)`);
  await maintenance.end();
  await rm(dir, { recursive: true, force: true });
}
