// A Switchboard server for `npm run bench -- chat`, in a process of its own: the app with one client,
// a chat inbox and AGENTS agents; or, with ECHO=1, a bare WebSocket echo server for comparison.

import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import { WebSocketServer } from 'ws';
import { buildApp } from '../../apps/server/src/app.js';
import { hashPassword } from '../../apps/server/src/auth/password.js';
import { presenceAvailability } from '../../apps/server/src/chat/index.js';
import { openDatabase } from '../../apps/server/src/db/index.js';
import { agencyUsers, agentClients, clients, inboxes } from '../../apps/server/src/db/schema.js';
import { createJobRunner } from '../../apps/server/src/platform/jobs/index.js';
import { createDeskEvents } from '../../apps/server/src/realtime/create-desk-events.js';
import { startRoutingWorker } from '../../apps/server/src/routing/index.js';
import { startSlaWorker } from '../../apps/server/src/sla/index.js';

const agents = Number(process.env.AGENTS ?? 50);

// The event loop's delay (1 ms resolution) and the CPU time over the measured part of the run: the bench
// sends SIGUSR2 when it starts sending (after setup) and SIGTERM at the end, when these are printed.
// With `BENCH_PROFILE=DIR`, a CPU profile of that same part is written to DIR.
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
let cpuAtStart = process.cpuUsage();
let wallAtStart = performance.now();
const profiler = process.env.BENCH_PROFILE ? new Session() : null;
profiler?.connect();
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    profiler!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
  );
// `BENCH_TRACE_SQL=1`: every PGlite protocol round trip timed, by the statement text it parses (measured part only).
const sqlTimes = new Map<string, { n: number; ms: number; rows: number }>();
let tracing = false;
if (process.env.BENCH_TRACE_SQL === '1') {
  const proto = PGlite.prototype as unknown as { execProtocolStream: (m: Uint8Array, o?: unknown) => Promise<unknown> };
  const original = proto.execProtocolStream;
  let lastSql = '';
  proto.execProtocolStream = async function (this: unknown, message: Uint8Array, options?: unknown) {
    if (!tracing) return original.call(this, message, options);
    if (message[0] === 0x50) {
      // Parse: 'P', length, statement name (C string), query (C string).
      const nameEnd = message.indexOf(0, 5);
      lastSql = Buffer.from(message.subarray(nameEnd + 1, message.indexOf(0, nameEnd + 1)))
        .toString()
        .slice(0, 110);
    } else if (message[0] === 0x51) {
      lastSql = Buffer.from(message.subarray(5, message.length - 1))
        .toString()
        .slice(0, 110);
    }
    const key = lastSql;
    const started = performance.now();
    let rows = 0;
    try {
      const result = (await original.call(this, message, options)) as { name?: string }[];
      if (Array.isArray(result)) rows = result.filter((m) => m.name === 'dataRow').length;
      return result;
    } finally {
      const entry = sqlTimes.get(key) ?? { n: 0, ms: 0, rows: 0 };
      if (message[0] === 0x45 || message[0] === 0x51) entry.n++;
      entry.ms += performance.now() - started;
      entry.rows += rows;
      sqlTimes.set(key, entry);
    }
  };
}

process.on('SIGUSR2', () => {
  tracing = true;
  loopDelay.reset();
  loopDelay.enable();
  cpuAtStart = process.cpuUsage();
  wallAtStart = performance.now();
  if (profiler) void post('Profiler.enable').then(() => post('Profiler.start'));
});
process.on('SIGTERM', async () => {
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuAtStart);
  const ms = (ns: number) => (ns / 1e6).toFixed(1);
  process.stderr.write(
    `  ${process.env.ECHO === '1' ? 'echo' : 'chat'} server while measured (${((performance.now() - wallAtStart) / 1000).toFixed(1)} s): event-loop delay p50 ${ms(loopDelay.percentile(50))} / p99 ${ms(loopDelay.percentile(99))} / max ${ms(loopDelay.max)} ms; CPU ${(cpu.user / 1000).toFixed(0)} ms user + ${(cpu.system / 1000).toFixed(0)} ms system\n`,
  );
  if (sqlTimes.size) {
    const rows = [...sqlTimes].sort((a, b) => b[1].ms - a[1].ms);
    const total = rows.reduce((sum, [, e]) => sum + e.ms, 0);
    process.stderr.write(`  PGlite round trips while measured: ${total.toFixed(0)} ms\n`);
    for (const [key, e] of rows.slice(0, 40))
      process.stderr.write(
        `    ${e.ms.toFixed(0).padStart(6)} ms ${String(e.n).padStart(6)}× ${String(e.rows).padStart(7)} rows  ${key}\n`,
      );
  }
  if (profiler) {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    const file = path.join(
      process.env.BENCH_PROFILE!,
      `chat-${process.env.ECHO === '1' ? 'echo' : 'server'}-${process.pid}.cpuprofile`,
    );
    writeFileSync(file, JSON.stringify(profile));
  }
  process.exit(0);
});

if (process.env.ECHO === '1') {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  server.on('connection', (socket) =>
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary })),
  );
  server.on('listening', () => {
    const { port } = server.address() as { port: number };
    process.stdout.write(`ready http://127.0.0.1:${port}\n`);
  });
} else {
  const database = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined });
  const [client] = await database.db
    .insert(clients)
    .values({ slug: 'bench', name: 'Bench Client', ticketPrefix: 'B' })
    .returning();
  await database.db.insert(inboxes).values({
    clientId: client!.id,
    name: 'Chat',
    channel: 'chat',
    key: 'bench-chat',
    settings: { channel: 'chat', allowedOrigins: ['http://bench.test'], greeting: '', color: '#1c7ed6' },
  });
  const passwordHash = await hashPassword('bench-password');
  const rows = await database.db
    .insert(agencyUsers)
    .values(
      Array.from({ length: agents }, (_, i) => ({
        email: `agent${i}@bench.test`,
        name: `Agent ${i}`,
        role: 'agent' as const,
        passwordHash,
        capacity: { email: 8, chat: 50, phone: 1 },
        // Online, as on a staffed desk: the widgets are offered live chat by the product's own availability.
        presence: 'online' as const,
        deskSeenAt: new Date(),
      })),
    )
    .returning({ id: agencyUsers.id });
  await database.db.insert(agentClients).values(rows.map((r) => ({ clientId: client!.id, agentId: r.id })));
  const events = await createDeskEvents(database);
  const app = await buildApp({
    database,
    events,
    logLevel: 'silent',
    failedSignInsPerMinute: 100_000,
    requestsPerMinute: 10_000_000,
    webDist: null,
    widgetDist: null,
    chatAvailability: presenceAvailability(database.db),
    chatLimits: { messageBurst: 1000, messagesPerSecond: 1000, frameBurst: 1000, framesPerSecond: 1000 },
  });
  // `--workers`: the worker role of `npm start` in this process too (durable jobs, routing's passes after
  // desk events, the SLA timers), all sharing PGlite's one connection with the chat, as in the product.
  if (process.env.BENCH_WORKERS === '1') {
    const runner = createJobRunner(database);
    await runner.start();
    await startRoutingWorker({ database, runner, events });
    await startSlaWorker({ database, events, reactions: app.reactions });
  }
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  process.stdout.write(`ready ${url}\n`);
}
