import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { openDatabase, queryRows } from '../../apps/server/src/db/index.js';
import { intArg, parseArgs } from '../lib/args.js';
import { summarize } from '../lib/stats.js';
import { type BenchMessage, INBOXES, MessageFactory } from './corpus.js';
import { signIn, watchDesk } from './desk.js';
import { summarizeProfiles } from './profile.js';
import { backendPids, backendsCpuSeconds, type Engine, type RunningServer, startServer } from './server.js';

export const EMAIL_USAGE = `npm run bench -- email [options]

Sustained SMTP ingestion into the real server (apps/server/src/main.ts as a child process, demo seed,
fresh DATA_DIR; a fresh PostgreSQL database that is dropped afterwards), driven by parallel SMTP sessions.

  --engine pglite|postgres|both   (default both)
  --messages N        measured messages per engine (default 3000)
  --warmup N          messages sent first and not timed (default 100)
  --sessions S        parallel SMTP sessions, each one connection reused (default 8)
  --reply-share P     share of messages that reply to an earlier acknowledged one, percent (default 30)
  --api-every K       fetch every K-th announced message through the API as well (default 10)
  --seed N            message-mix seed (default 1)
  --cpu-prof          run the server with --cpu-prof and print where its CPU went
  --keep-prof         as --cpu-prof, and keep the .cpuprofile (for bench/email/profile-tree.ts or DevTools)
  --split             PostgreSQL only: the SMTP listener as its own process (--role smtp) beside the web app
                      and workers (--role web,worker), as a deployment may run them; server CPU is both

PostgreSQL: BENCH_PG_SERVER (default postgres://postgres:postgres@127.0.0.1:5432/postgres) names the
server; the benchmark creates sb_bench_email_* there and drops it at the end.`;

const BAR_RATE = 300;
const BAR_P99_MS = 1000;

type Sent = {
  message: BenchMessage;
  parent: BenchMessage | undefined;
  warm: boolean;
  start: number;
  end: number;
  code: number | string;
};

type EngineResult = {
  engine: Engine;
  /** The SMTP listener ran as its own process (--split). */
  split: boolean;
  sessions: number;
  messages: number;
  mix: string;
  rate: number;
  seconds: number;
  txn: ReturnType<typeof summarize>;
  ackToWs: ReturnType<typeof summarize>;
  startToWs: ReturnType<typeof summarize>;
  ackToApi: ReturnType<typeof summarize>;
  errors: Record<string, number>;
  acked: number;
  missing: number;
  duplicated: number;
  noEvent: number;
  threaded: string;
  refusedButStored: number;
  serverCpu: number;
  pgCpu: number;
  /** This process (SMTP sessions, desk WebSocket, API reads), as a share of one core. */
  clientCpu: number;
  load: [number, number];
  loadDuring: number;
};

const now = () => performance.now();
const round = (n: number) => (Number.isFinite(n) ? Math.round(n) : n);
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)}` : '–');

export async function runEmail(argv: readonly string[]): Promise<void> {
  const { flags, values } = parseArgs(argv);
  if (flags.has('help')) {
    console.log(EMAIL_USAGE);
    return;
  }
  const engineArg = values.get('engine') ?? 'both';
  if (!['pglite', 'postgres', 'both'].includes(engineArg)) throw new Error(`--engine: pglite, postgres or both`);
  const engines: Engine[] = engineArg === 'both' ? ['pglite', 'postgres'] : [engineArg as Engine];
  const options = {
    messages: intArg(values, 'messages', 3000),
    warmup: values.get('warmup') === '0' ? 0 : intArg(values, 'warmup', 100),
    sessions: intArg(values, 'sessions', 8),
    replyShare: intArg(values, 'reply-share', 30) / 100,
    apiEvery: intArg(values, 'api-every', 10),
    seed: intArg(values, 'seed', 1),
    cpuProf: flags.has('cpu-prof') || flags.has('keep-prof'),
    keepProf: flags.has('keep-prof'),
    split: flags.has('split'),
  };
  console.log(
    `e-mail ingestion: ${options.messages} messages (+${options.warmup} warm-up), ${options.sessions} sessions, ` +
      `${os.cpus().length} CPUs, load average ${fmtLoad(os.loadavg())}`,
  );
  const results: EngineResult[] = [];
  let failed = false;
  for (const engine of engines) {
    // One engine failing (e.g. the server does not start) still reports the others.
    try {
      results.push(await runEngine(engine, options));
    } catch (error) {
      failed = true;
      console.error(`[${engine}] failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (results.length) printResults(results);
  if (failed) process.exitCode = 1;
}

async function runEngine(
  engine: Engine,
  options: {
    messages: number;
    warmup: number;
    sessions: number;
    replyShare: number;
    apiEvery: number;
    seed: number;
    cpuProf: boolean;
    keepProf: boolean;
    split: boolean;
  },
): Promise<EngineResult> {
  const log = (line: string) => console.log(`[${engine}] ${line}`);
  const profDir = options.cpuProf ? await mkdtemp(path.join(os.tmpdir(), 'sb-bench-email-prof-')) : undefined;
  const startedAt = Date.now();
  const server = await startServer(engine, { cpuProfDir: profDir, split: options.split, log });
  // Ctrl-C during a run still kills the child and drops the database.
  const onSignal = () => {
    void server.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    log(`server up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s (pid ${server.pid}, SMTP ${server.smtpPort})`);
    const cookie = await signIn(server.httpUrl, 'admin@demo.test', 'switchboard');
    const desk = await watchDesk(server.httpUrl, cookie, { apiEvery: options.apiEvery });
    const factory = new MessageFactory(options.seed, options.replyShare);

    const total = options.warmup + options.messages;
    const sent: Sent[] = [];
    const acked: BenchMessage[] = [];
    let issued = 0;
    let measureStart = Number.NaN;
    let cpuAtStart = Number.NaN;
    let clientCpuAtStart = process.cpuUsage();
    let pgCpuAtStart = new Map<number, number>();
    let measureStartWall = 0;

    const loadSamples: number[] = [];
    const loadTimer = setInterval(() => loadSamples.push(os.loadavg()[0]!), 1000);
    const load0 = os.loadavg()[0]!;
    let lastProgress = now();

    const session = async (lane: number) => {
      let connection = await connect(server.smtpPort);
      while (issued < total) {
        const index = issued++;
        const warm = index < options.warmup;
        if (!warm && Number.isNaN(measureStart)) {
          measureStart = now();
          cpuAtStart = server.cpuSeconds();
          clientCpuAtStart = process.cpuUsage();
          measureStartWall = Date.now();
          // Our database's backends only (a backend opened later counts from zero, i.e. all of it).
          if (server.databaseName)
            void backendPids(server.databaseName).then((pids) => {
              pgCpuAtStart = backendsCpuSeconds(pids);
            });
        }
        // Replies answer one of the 500 most recently acknowledged messages.
        const recent = acked.length
          ? acked[acked.length - 1 - Math.floor(Math.random() * Math.min(500, acked.length))]
          : undefined;
        const message = factory.next(recent);
        const parent = message.kind === 'reply' || message.kind === 'reply-fa' ? recent : undefined;
        const start = now();
        const code = await send(connection, message);
        const end = now();
        sent.push({ message, parent, warm, start, end, code });
        if (code === 250) acked.push(message);
        else if (typeof code === 'string') {
          connection.close();
          connection = await connect(server.smtpPort);
        }
        if (lane === 0 && end - lastProgress > 5000) {
          lastProgress = end;
          log(`${sent.length}/${total} sent, ${acked.length} acknowledged`);
        }
      }
      connection.quit();
    };
    await Promise.all(Array.from({ length: options.sessions }, (_, lane) => session(lane)));
    const measured = sent.filter((s) => !s.warm);
    const measureEnd = Math.max(...measured.map((s) => s.end));
    const serverCpu = server.cpuSeconds() - cpuAtStart;
    const clientUsage = process.cpuUsage(clientCpuAtStart);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6;
    const measureEndWall = Date.now();
    let pgCpu = Number.NaN;
    if (server.databaseName) {
      pgCpu = 0;
      for (const [pid, cpu] of backendsCpuSeconds(await backendPids(server.databaseName)))
        pgCpu += cpu - (pgCpuAtStart.get(pid) ?? 0);
    }
    clearInterval(loadTimer);
    const load1 = os.loadavg()[0]!;
    const seconds = (measureEnd - measureStart) / 1000;

    // Give the last events a moment to arrive, then stop the server and count rows in its database.
    const wsDeadline = now() + 5000;
    while (desk.events.size < acked.length && now() < wsDeadline) await new Promise((r) => setTimeout(r, 50));
    await desk.close();
    await server.stopProcess();
    const rows = await countRows(server);

    const ok = measured.filter((s) => s.code === 250);
    const errors: Record<string, number> = {};
    for (const s of sent) if (s.code !== 250) errors[String(s.code)] = (errors[String(s.code)] ?? 0) + 1;
    let missing = 0;
    let duplicated = 0;
    let noEvent = 0;
    let refusedButStored = 0;
    const ackToWs: number[] = [];
    const startToWs: number[] = [];
    const ackToApi: number[] = [];
    let repliesThreaded = 0;
    let replies = 0;
    for (const s of sent) {
      const row = rows.get(s.message.rfcId);
      if (s.code !== 250) {
        if (row) refusedButStored++;
        continue;
      }
      if (!row) {
        missing++;
        continue;
      }
      if (row.emailRows !== 1 || row.messageRows > 1) duplicated++;
      if (s.parent) {
        replies++;
        if (row.conversationId && row.conversationId === rows.get(s.parent.rfcId)?.conversationId) repliesThreaded++;
      }
      const seen = row.messageId ? desk.events.get(row.messageId) : undefined;
      if (seen === undefined) noEvent++;
      if (s.warm) continue;
      if (seen !== undefined) {
        ackToWs.push(seen - s.end);
        startToWs.push(seen - s.start);
      }
      const api = row.messageId ? desk.apiVisible.get(row.messageId) : undefined;
      if (api !== undefined) ackToApi.push(api - s.end);
    }
    if (desk.apiErrors) errors['api-read'] = desk.apiErrors;

    if (profDir) {
      console.log(`\n[${engine}] server CPU profile (${profDir}):`);
      const fromMs = measureStartWall - server.spawnedAt;
      console.log(await summarizeProfiles(profDir, { fromMs, toMs: fromMs + (measureEndWall - measureStartWall) }));
      if (options.keepProf)
        console.log(
          `[${engine}] profile kept: npx tsx bench/email/profile-tree.ts --dir ${profDir} --from-ms ${fromMs} --to-ms ${fromMs + (measureEndWall - measureStartWall)}`,
        );
      else await rm(profDir, { recursive: true, force: true });
    }
    return {
      engine,
      split: options.split,
      sessions: options.sessions,
      messages: options.messages,
      mix: mixLabel(factory.counts),
      rate: ok.length / seconds,
      seconds,
      txn: summarize(ok.map((s) => s.end - s.start)),
      ackToWs: summarize(ackToWs),
      startToWs: summarize(startToWs),
      ackToApi: summarize(ackToApi),
      errors,
      acked: sent.filter((s) => s.code === 250).length,
      missing,
      duplicated,
      noEvent,
      threaded: `${repliesThreaded}/${replies}`,
      refusedButStored,
      serverCpu: serverCpu / seconds,
      pgCpu: pgCpu / seconds,
      clientCpu: clientCpu / seconds,
      load: [load0, load1],
      loadDuring: loadSamples.length ? loadSamples.reduce((a, b) => a + b, 0) / loadSamples.length : load1,
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await server.stop();
  }
}

function connect(port: number): Promise<SMTPConnection> {
  const connection = new SMTPConnection({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    name: 'bench.client.test',
    connectionTimeout: 30_000,
    socketTimeout: 120_000,
  });
  return new Promise((resolve, reject) => {
    connection.once('error', reject);
    connection.connect(() => {
      connection.removeListener('error', reject);
      connection.on('error', () => {});
      resolve(connection);
    });
  });
}

/** One SMTP transaction (MAIL, RCPT, DATA) on a live session: 250, the refusal's code, or a socket error. */
function send(connection: SMTPConnection, message: BenchMessage): Promise<number | string> {
  return new Promise((resolve) => {
    connection.send({ from: 'mta@relay.example', to: [INBOXES[message.inbox]] }, message.raw, (error, info) => {
      if (!error) {
        resolve(Number(String(info.response).slice(0, 3)) || 250);
        return;
      }
      const code = error.responseCode;
      if (code && (error.code === 'EENVELOPE' || error.code === 'EMESSAGE') && code !== 421) {
        connection.reset(() => resolve(code));
        return;
      }
      resolve(code ? `${code}/${error.code ?? 'error'}` : (error.code ?? 'socket'));
    });
  });
}

type Row = { emailRows: number; messageRows: number; messageId: string | null; conversationId: string | null };

/** Every bench Message-ID with its e-mail record count and message row count, from the server's own database. */
async function countRows(server: RunningServer): Promise<Map<string, Row>> {
  const database = await openDatabase({ databaseUrl: server.databaseUrl, dataDir: server.dataDir });
  try {
    const rows = await queryRows<{
      rfc: string;
      email_rows: number;
      message_rows: number;
      message_id: string | null;
      conversation_id: string | null;
    }>(
      database.db,
      sql`SELECT e.rfc_message_id AS rfc, count(*)::int AS email_rows,
            (SELECT count(*)::int FROM messages m WHERE m.source_id = e.rfc_message_id) AS message_rows,
            min(e.message_id::text) AS message_id, min(e.conversation_id::text) AS conversation_id
          FROM email_messages e
          WHERE e.direction = 'in' AND e.rfc_message_id LIKE '<bench-%'
          GROUP BY e.rfc_message_id`,
    );
    return new Map(
      rows.map((r) => [
        r.rfc,
        {
          emailRows: r.email_rows,
          messageRows: r.message_rows,
          messageId: r.message_id,
          conversationId: r.conversation_id,
        },
      ]),
    );
  } finally {
    await database.close();
  }
}

function mixLabel(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${Math.round((100 * v) / total)}%`)
    .join(', ');
}

const fmtLoad = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');

function printResults(results: EngineResult[]) {
  const pair = (s: ReturnType<typeof summarize>) => `${ms(s.p50)} / ${ms(s.p99)}`;
  console.log('\n### Inputs\n');
  console.log('| engine | sessions | messages | mix | load avg (1 min) start → end, mean during |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const r of results)
    console.log(
      `| ${r.engine}${r.split ? ' (split: web+worker, smtp)' : ''} | ${r.sessions} | ${r.messages} | ${r.mix} | ${r.load[0].toFixed(2)} → ${r.load[1].toFixed(2)}, ${r.loadDuring.toFixed(2)} |`,
    );
  console.log('\n### Results (latencies in ms, p50 / p99)\n');
  console.log(
    '| engine | msg/s | SMTP txn (MAIL→250) | 250 → desk event | 250 → in API thread (n) | MAIL → desk event | errors | server CPU | PG CPU | bench client CPU |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    const errors =
      Object.entries(r.errors)
        .map(([k, v]) => `${k}: ${v}`)
        .join(', ') || '0';
    console.log(
      `| ${r.engine} | **${round(r.rate)}** (${r.seconds.toFixed(1)} s) | ${pair(r.txn)} | ${pair(r.ackToWs)} | ${pair(r.ackToApi)} (${r.ackToApi.n}) | ${pair(r.startToWs)} | ${errors} | ${(100 * r.serverCpu).toFixed(0)} % | ${Number.isFinite(r.pgCpu) ? `${(100 * r.pgCpu).toFixed(0)} %` : '–'} | ${(100 * r.clientCpu).toFixed(0)} % |`,
    );
  }
  console.log('\n### CPU per acknowledged message (ms; less distorted by other load than msg/s)\n');
  console.log('| engine | server | PostgreSQL | bench client | all three |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const per = (share: number) => (Number.isFinite(share) ? (1000 * share) / r.rate : Number.NaN);
    const [server, pgMs, client] = [per(r.serverCpu), per(r.pgCpu), per(r.clientCpu)];
    const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '–');
    console.log(
      `| ${r.engine} | ${fmt(server)} | ${fmt(pgMs)} | ${fmt(client)} | ${fmt(server + (Number.isFinite(pgMs) ? pgMs : 0) + client)} |`,
    );
  }
  console.log('\n### Correctness\n');
  console.log(
    '| engine | acknowledged (250) | missing | not exactly once | no desk event | replies threaded | refused but stored |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results)
    console.log(
      `| ${r.engine} | ${r.acked} | ${r.missing} | ${r.duplicated} | ${r.noEvent} | ${r.threaded} | ${r.refusedButStored} |`,
    );
  console.log('');
  for (const r of results) {
    const p99 = Math.max(r.startToWs.p99, r.ackToApi.n ? r.ackToApi.p99 : 0);
    const rateOk = r.engine !== 'postgres' || r.rate >= BAR_RATE;
    const verdict = [
      r.engine === 'postgres'
        ? `${round(r.rate)} msg/s ${rateOk ? '≥' : '<'} ${BAR_RATE}`
        : `${round(r.rate)} msg/s (bar is for PostgreSQL)`,
      `p99 visible ${ms(p99)} ms ${p99 <= BAR_P99_MS ? '≤' : '>'} ${BAR_P99_MS}`,
      r.missing + r.duplicated === 0 ? 'every 250 stored exactly once' : 'CORRECTNESS FAILED',
    ];
    console.log(`${r.engine}: ${verdict.join('; ')}`);
  }
  console.log(
    '\nserver CPU = the server process (one Node.js thread plus its helpers) as % of one core over the measured window;' +
      "\nPG CPU = the backends of the benchmark's database as % of one core. 250 → desk event is negative when the" +
      '\ndesk heard of the message before the sender read its 250 (the event is published after the commit, before the reply).',
  );
}
