import os from 'node:os';
import type { DeskEvent } from '@switchboard/contracts';
import { sql } from 'drizzle-orm';
import { type Database, openDatabase, queryRows } from '../../apps/server/src/db/index.js';
import { createJobRunner } from '../../apps/server/src/platform/jobs/index.js';
import { capacityChannelOf, decideOne } from '../../apps/server/src/routing/decide-assignments.js';
import { compareQueued } from '../../apps/server/src/routing/queue-order.js';
import { routeBacklog } from '../../apps/server/src/routing/route-conversation.js';
import { loadBacklog, loadRoutingAgents } from '../../apps/server/src/routing/routing-repository.js';
import { loadRoutingRules } from '../../apps/server/src/routing/routing-settings-repository.js';
import { jobTimers } from '../../apps/server/src/routing/routing-timers.js';
import { intArg, parseArgs } from '../lib/args.js';
import { benchDatabaseUrl, ensureDatabase } from '../lib/database.js';
import { generateRoutingScenario, type RoutingSizes } from './generate.js';

export const ROUTING_USAGE = `npm run bench -- routing [options]

  --conversations N   waiting conversations (default 10000)
  --agents N          online agents (default 200)
  --clients N         clients (default 20)
  --engine E          postgres | pglite | both (default both)
  --seed N            scenario seed (default 42)

  BENCH_DATABASE_URL  default postgres://postgres:postgres@127.0.0.1:5432/switchboard_bench_routing`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/** Per-decision latency: the same in-memory decision the pass makes, timed one conversation at a time. */
async function measureDecisions(db: Database['db']) {
  const agents = await loadRoutingAgents(db);
  const clientIds = [...new Set(agents.flatMap((a) => a.clientIds))];
  const backlog = await loadBacklog(db, clientIds, 100_000);
  const rules = await loadRoutingRules(db, clientIds);
  const byClient = new Map<string, typeof agents>();
  for (const agent of agents) for (const c of agent.clientIds) byClient.set(c, [...(byClient.get(c) ?? []), agent]);
  const now = Date.now();
  const samples: number[] = [];
  for (const conversation of backlog.sort(compareQueued)) {
    const started = process.hrtime.bigint();
    const decision = decideOne(
      conversation,
      byClient.get(conversation.clientId) ?? [],
      rules.get(conversation.clientId)!,
      now,
    );
    if (decision.kind === 'assign') decision.agent.load[capacityChannelOf(conversation.channel)] += 1;
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return {
    count: samples.length,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    max: samples.at(-1) ?? 0,
  };
}

async function runOn(engine: 'postgres' | 'pglite', sizes: RoutingSizes, log: (line: string) => void) {
  const url = benchDatabaseUrl('switchboard_bench_routing');
  let database: Database;
  if (engine === 'postgres') {
    await ensureDatabase(url, true);
    database = await openDatabase({ databaseUrl: url, poolSize: 4 });
  } else {
    database = await openDatabase({});
  }
  const { db } = database;
  try {
    let started = Date.now();
    await generateRoutingScenario(db, sizes);
    log(`[${engine}] scenario generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const runner = createJobRunner(database, { pollingIntervalSeconds: 60 });
    await runner.start();
    const decisions = await measureDecisions(db);
    let published = 0;
    const events = { publish: async (_event: DeskEvent) => void published++ };

    const steps: string[] = [];
    started = performance.now();
    const pass = await routeBacklog(db, {
      events,
      timers: jobTimers(runner),
      onStep: (step, ms) => steps.push(`${step} ${ms.toFixed(0)}`),
    });
    const passMs = performance.now() - started;
    await runner.stop();

    const [check] = await queryRows<{ over: number; foreign: number; assigned: number; waiting: number }>(
      db,
      sql`SELECT
        (SELECT count(*)::int FROM (
          SELECT c.assignee_id, CASE WHEN c.channel = 'api' THEN 'email' ELSE c.channel::text END AS ch, count(*) AS n
          FROM conversations c WHERE c.status = 'open' AND c.assignee_id IS NOT NULL GROUP BY 1, 2
        ) l JOIN agency_users u ON u.id = l.assignee_id WHERE l.n > (u.capacity->>l.ch)::int) AS over,
        (SELECT count(*)::int FROM conversations c WHERE c.assignee_id IS NOT NULL AND NOT EXISTS (
          SELECT 1 FROM agent_clients ac WHERE ac.client_id = c.client_id AND ac.agent_id = c.assignee_id)) AS foreign,
        (SELECT count(*)::int FROM conversations WHERE assignee_id IS NOT NULL) AS assigned,
        (SELECT count(*)::int FROM conversations WHERE assignee_id IS NULL) AS waiting`,
    );
    const reasons = new Map<string, number>();
    for (const a of pass.assigned) reasons.set(a.reason, (reasons.get(a.reason) ?? 0) + 1);
    const holds = new Map<string, number>();
    for (const h of pass.holds) holds.set(h.reason, (holds.get(h.reason) ?? 0) + 1);
    log(
      `[${engine}] backlog pass: ${pass.considered.toLocaleString('en')} considered, ${pass.assigned.length.toLocaleString('en')} assigned in ${passMs.toFixed(0)} ms ` +
        `(read, decide, write assignments + timeline + audit, schedule timers); ${published} desk events`,
    );
    log(`[${engine}]   steps (ms): ${steps.join(', ')}`);
    log(`[${engine}]   by reason: ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ')}`);
    log(`[${engine}]   still waiting: ${[...holds].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`);
    log(
      `[${engine}] per decision (${decisions.count.toLocaleString('en')} decisions, in memory): p50 ${decisions.p50.toFixed(4)} ms, p99 ${decisions.p99.toFixed(4)} ms, max ${decisions.max.toFixed(3)} ms`,
    );
    log(
      `[${engine}] invariants after the pass: agents over capacity ${check!.over}, assignments outside the agent's clients ${check!.foreign}; ` +
        `${check!.assigned.toLocaleString('en')} assigned, ${check!.waiting.toLocaleString('en')} waiting`,
    );
    log(
      `[${engine}] bars: backlog ≤ 1000 ms → ${passMs <= 1000 ? 'met' : 'NOT met'}; decision p99 ≤ 2 ms → ${decisions.p99 <= 2 ? 'met' : 'NOT met'}`,
    );
  } finally {
    await database.close();
  }
}

export async function runRouting(argv: readonly string[]): Promise<void> {
  const { flags, values } = parseArgs(argv);
  if (flags.has('help')) {
    console.log(ROUTING_USAGE);
    return;
  }
  const sizes: RoutingSizes = {
    conversations: intArg(values, 'conversations', 10_000),
    agents: intArg(values, 'agents', 200),
    clients: intArg(values, 'clients', 20),
    seed: intArg(values, 'seed', 42),
  };
  const engine = values.get('engine') ?? 'both';
  const log = (line: string) => console.log(line);
  log('routing benchmark');
  log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, load ${os.loadavg()[0]!.toFixed(1)}`,
  );
  log(
    `inputs: ${sizes.conversations.toLocaleString('en')} waiting conversations, ${sizes.agents} online agents (capacity e-mail 60, chat 5, phone 2; 2–4 clients each), ${sizes.clients} clients, seed ${sizes.seed}`,
  );
  for (const e of engine === 'both' ? (['postgres', 'pglite'] as const) : [engine as 'postgres' | 'pglite']) {
    await runOn(e, sizes, log);
  }
}
