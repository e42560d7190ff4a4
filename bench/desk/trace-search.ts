/**
 * Where a desk search's time goes: replays the desk benchmark's search samples (same seed, same words, same
 * agents) and prints, per query, the statements the product sent and each one's time, then a summary.
 * npx tsx bench/desk/trace-search.ts [--queries 200] [--url postgres://…/switchboard_bench] [--dump file.sql]
 *   [--explain WORD …]: EXPLAIN (ANALYZE, BUFFERS) every statement of the samples searching WORD
 *   [--buffers]: after each query, its statements' shared buffers and execution time (EXPLAIN ANALYZE, run
 *   again: warm), a measure that the machine's load does not change
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ConversationListQuery } from '@switchboard/contracts';
import pg from 'pg';
import { listDeskConversations } from '../../apps/server/src/conversations/index.js';
import { openDatabase } from '../../apps/server/src/db/index.js';
import type { Scope } from '../../apps/server/src/platform/scope.js';
import { Random } from '../lib/random.js';
import { summarize } from '../lib/stats.js';
import { ENGLISH_WORDS, PERSIAN_WORDS } from './vocabulary.js';

type AgencyScope = Extract<Scope, { kind: 'agency' }>;
const { values } = parseArgs({
  options: {
    queries: { type: 'string' },
    url: { type: 'string' },
    dump: { type: 'string' },
    explain: { type: 'string', multiple: true },
    buffers: { type: 'boolean' },
  },
});
const url = values.url ?? 'postgres://postgres:postgres@127.0.0.1:5432/switchboard_bench';
const queries = Number(values.queries ?? 200);

const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
const agencies = await database.executeSql(
  `SELECT u.id, u.role, coalesce(array_agg(ac.client_id::text) FILTER (WHERE ac.client_id IS NOT NULL), '{}') AS clients
     FROM agency_users u LEFT JOIN agent_clients ac ON ac.agent_id = u.id
    WHERE u.active GROUP BY u.id, u.role ORDER BY u.id`,
);
const agents: AgencyScope[] = (agencies.rows as { id: string; role: AgencyScope['role']; clients: string[] }[])
  .filter((r) => r.role === 'agent' && r.clients.length)
  .map((r) => ({ kind: 'agency', userId: r.id, role: r.role, clientIds: r.clients }));
const clients = await database.executeSql('SELECT id, locale FROM clients');
const locale = new Map((clients.rows as { id: string; locale: string }[]).map((r) => [r.id, r.locale]));

const statements: { text: string; values: unknown[]; ms: number }[] = [];
const original = pg.Client.prototype.query;
// biome-ignore lint/suspicious/noExplicitAny: wrapping pg's overloaded query() to time the statements
(pg.Client.prototype as any).query = function (this: pg.Client, config: unknown, v?: unknown, cb?: unknown) {
  const c = config as { text?: string; values?: unknown[] };
  const entry = {
    text: typeof config === 'string' ? config : (c.text ?? ''),
    values: c.values ?? (Array.isArray(v) ? v : []),
    ms: 0,
  };
  const t0 = performance.now();
  const done = () => {
    entry.ms = performance.now() - t0;
  };
  if (entry.text) statements.push(entry);
  // Pool.query passes a callback (values, callback); a plain client.query returns a promise.
  const callback = typeof v === 'function' ? v : cb;
  const timed =
    typeof callback === 'function'
      ? (...args: unknown[]) => {
          done();
          return (callback as (...a: unknown[]) => unknown)(...args);
        }
      : undefined;
  // biome-ignore lint/suspicious/noExplicitAny: see above
  const result = (original as any).call(
    this,
    config,
    typeof v === 'function' ? timed : v,
    typeof v === 'function' ? cb : (timed ?? cb),
  );
  if (!timed && result && typeof result.then === 'function') result.then(done, done);
  return result;
};

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
const rng = new Random(hash('desk search (q, agent clients)'));
const totals: number[] = [];
const rows: string[] = [];
const dump: string[] = [];
const explained: string[] = [];
const work: { buffers: number; ms: number }[] = [];
for (let i = 0; i < 5 + queries; i++) {
  const agent = rng.pick(agents);
  const ids = agent.clientIds as string[];
  const language = locale.get(rng.pick(ids)) ?? 'en';
  const words = language === 'fa' ? PERSIAN_WORDS.filter((w) => !w.includes('\u200c')) : ENGLISH_WORDS;
  const q = rng.pick(words);
  statements.length = 0;
  const t0 = performance.now();
  const result = await listDeskConversations(database.db, agent, { limit: 50, q } as ConversationListQuery);
  const total = performance.now() - t0;
  if (i < 5) continue;
  totals.push(total);
  let buffers = 0;
  let executed = 0;
  if (values.buffers) {
    const sent = [...statements];
    for (const s of sent) {
      const plan = await database.executeSql(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${s.text}`, s.values);
      const top = (plan.rows[0] as Record<string, unknown>)['QUERY PLAN'] as {
        Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
        'Execution Time': number;
      }[];
      buffers += top[0]!.Plan['Shared Hit Blocks'] + top[0]!.Plan['Shared Read Blocks'];
      executed += top[0]!['Execution Time'];
    }
    work.push({ buffers, ms: executed });
  }
  rows.push(
    `${total.toFixed(1).padStart(7)} ms  clients ${ids.length}  rows ${String(result.items.length).padStart(2)}  ` +
      `q ${q.padEnd(14)} statements ${statements.map((s) => s.ms.toFixed(1)).join(' + ')}` +
      (values.buffers ? `  buffers ${buffers}  executed ${executed.toFixed(1)} ms` : ''),
  );
  if (values.explain?.includes(q)) {
    const sent = [...statements];
    for (const s of sent) {
      const plan = await database.executeSql(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.values);
      explained.push(`-- q=${q} clients ${ids.length} (${s.ms.toFixed(1)} ms when measured)`);
      for (const row of plan.rows) explained.push(String((row as Record<string, unknown>)['QUERY PLAN']));
    }
  }
  for (const s of statements)
    dump.push(`-- q=${q} ${s.ms.toFixed(1)} ms\n${s.text};\n-- params ${JSON.stringify(s.values)}\n`);
}
pg.Client.prototype.query = original;
for (const line of rows) console.log(line);
for (const line of explained) console.log(line);
const stats = summarize(totals);
console.log(`n ${stats.n}  p50 ${stats.p50.toFixed(1)}  p95 ${stats.p95.toFixed(1)}  p99 ${stats.p99.toFixed(1)} ms`);
if (work.length) {
  const b = summarize(work.map((w) => w.buffers));
  const e = summarize(work.map((w) => w.ms));
  console.log(`buffers per query p50 ${b.p50} p95 ${b.p95} p99 ${b.p99}`);
  console.log(
    `execution (EXPLAIN ANALYZE, warm) p50 ${e.p50.toFixed(1)} p95 ${e.p95.toFixed(1)} p99 ${e.p99.toFixed(1)} ms`,
  );
}
if (values.dump) writeFileSync(values.dump, dump.join('\n'));
await database.close();
