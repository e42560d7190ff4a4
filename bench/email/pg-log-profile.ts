/**
 * Diagnosis for `npm run bench -- email`: PostgreSQL time per statement shape, from the server's own log.
 * Run the benchmark with every statement logged by the server's connections only, then read the log from
 * where it stood before the run:
 *
 *   offset=$(stat -c %s /var/log/postgresql/postgresql-15-main.log)
 *   PGOPTIONS='-c log_min_duration_statement=0 -c log_parameter_max_length=0' npm run bench -- email --engine postgres
 *   npx tsx bench/email/pg-log-profile.ts --log /var/log/postgresql/postgresql-15-main.log --from $offset \
 *     [--db sb_bench_email_] [--messages 2100] [--top 40]
 *
 * (`PGOPTIONS` reaches every connection node-postgres opens in the benchmark and its server child.) The
 * log's `duration` is the backend's wall time for each protocol step (parse, bind, execute, or a simple
 * query): on a quiet machine close to its CPU time, plus the WAL flush for COMMIT. Shapes are the
 * statement text with literals and whitespace folded.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { intArg, parseArgs } from '../lib/args.js';

const { values } = parseArgs(process.argv.slice(2));
const logPath = values.get('log') ?? '/var/log/postgresql/postgresql-15-main.log';
const from = Number(values.get('from') ?? 0);
const dbPrefix = values.get('db') ?? 'sb_bench_email_';
const messages = intArg(values, 'messages', 0);
const top = intArg(values, 'top', 40);

type Shape = { n: number; executes: number; ms: number; phases: Record<string, number> };
const shapes = new Map<string, Shape>();
const headRe =
  /^\S+ \S+ \S+ \[(\d+)\] \S*@(\S*) LOG:\s+duration: ([\d.]+) ms\s+(parse|bind|execute|statement)( [^:]*)?: (.*)$/;
const prefixRe = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/;

let current: { phase: string; ms: number; text: string[] } | null = null;
let total = 0;
const flush = () => {
  if (!current) return;
  const shape = normalise(current.text.join(' '));
  const s = shapes.get(shape) ?? { n: 0, executes: 0, ms: 0, phases: {} };
  s.n++;
  if (current.phase === 'execute' || current.phase === 'statement') s.executes++;
  s.ms += current.ms;
  s.phases[current.phase] = (s.phases[current.phase] ?? 0) + current.ms;
  shapes.set(shape, s);
  total += current.ms;
  current = null;
};

function normalise(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/'(?:[^']|'')*'/g, "'?'")
    .replace(/\b\d+(\.\d+)?\b/g, 'N')
    .replace(/"pgboss"\."\w+"/g, 'pgboss.x')
    .trim()
    .slice(0, 220);
}

const lines = createInterface({ input: createReadStream(logPath, { start: from }) });
for await (const line of lines) {
  if (prefixRe.test(line)) {
    flush();
    const m = headRe.exec(line);
    if (!m || !m[2]!.startsWith(dbPrefix)) continue;
    current = { phase: m[4]!, ms: Number(m[3]), text: [m[6]!] };
  } else if (current && line.startsWith('\t')) current.text.push(line.trim());
}
flush();

const sorted = [...shapes].sort((a, b) => b[1].ms - a[1].ms);
const executes = sorted.reduce((a, [, s]) => a + s.executes, 0);
console.log(
  `PostgreSQL statement time in ${dbPrefix}*: ${total.toFixed(0)} ms over ${executes} statements` +
    (messages
      ? ` = ${(total / messages).toFixed(2)} ms and ${(executes / messages).toFixed(1)} statements per message`
      : ''),
);
const phaseTotals: Record<string, number> = {};
for (const [, s] of sorted) for (const [k, v] of Object.entries(s.phases)) phaseTotals[k] = (phaseTotals[k] ?? 0) + v;
console.log(
  `by protocol step: ${Object.entries(phaseTotals)
    .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
    .join(', ')}`,
);
console.log('\n  ms total |  share | executes |  ms/exec | per msg | parse/bind/execute ms | shape');
for (const [shape, s] of sorted.slice(0, top)) {
  console.log(
    `${s.ms.toFixed(0).padStart(10)} | ${((100 * s.ms) / total).toFixed(1).padStart(5)} % | ${String(s.executes).padStart(8)} | ${(s.ms / Math.max(1, s.executes)).toFixed(3).padStart(8)} | ${messages ? (s.executes / messages).toFixed(2).padStart(7) : '      –'} | ${['parse', 'bind', 'execute'].map((k) => (s.phases[k] ?? 0).toFixed(0)).join('/')} | ${shape}`,
  );
}
