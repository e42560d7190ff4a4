import type { ConversationListQuery } from '@switchboard/contracts';
import pg from 'pg';
import { listDeskConversations, searchClientHistory } from '../../apps/server/src/conversations/index.js';
import type { Database } from '../../apps/server/src/db/index.js';
import { managerReach, type Scope } from '../../apps/server/src/platform/scope.js';
import { Random } from '../lib/random.js';
import { summarize } from '../lib/stats.js';
import type { LoadReport } from './generate.js';
import { ENGLISH_WORDS, PERSIAN_WORDS } from './vocabulary.js';

export type MeasureOptions = {
  queries: number;
  explain: boolean;
  /** Only scenarios whose name contains one of these. */
  only: readonly string[];
  statementTimeoutMs: number;
  /** The database without the statement timeout, for counting rows. */
  adminUrl: string;
  load: LoadReport;
  log: (line: string) => void;
};

type AgencyScope = Extract<Scope, { kind: 'agency' }>;
type ClientScope = Extract<Scope, { kind: 'client' }>;

type Context = {
  agents: AgencyScope[];
  supervisors: AgencyScope[];
  clientUsers: (ClientScope & { locale: string })[];
  clientLocale: Map<string, string>;
};

type Kind = 'list' | 'search';
const BAR_MS: Record<Kind, number> = { list: 30, search: 100 };
const PAGE = 50;
const DEEP_PAGES = 20;
const WARM_UP = 5;
/** The smallest depth the deep-cursor scenario reached (less than DEEP_PAGES only on small data sets). */
let shallowest = Number.POSITIVE_INFINITY;

type Sample = {
  /** Runs one query of the scenario and returns its time in ms (only the measured call is timed). */
  run: () => Promise<number>;
};

type Scenario = { name: string; kind: Kind; informative?: boolean; sample: (rng: Random) => Sample };

/**
 * Measures the product's own query functions (`listDeskConversations`, `searchClientHistory`) exactly
 * as the HTTP routes call them, one query at a time, each with fresh random parameters.
 */
export async function measureDesk(database: Database, options: MeasureOptions): Promise<void> {
  const { db } = database;
  const { log } = options;
  const context = await loadContext(database);
  const sizes = await dataSizes(options.adminUrl);
  log('');
  log('data set');
  for (const [name, value] of sizes) log(`  ${name.padEnd(34)} ${value}`);
  log(`  load time                          ${options.load.seconds.toFixed(0)} s`);
  for (const [name, s] of Object.entries(options.load.phases)) log(`    ${name.padEnd(44)} ${s.toFixed(0)} s`);

  const pickWord = (rng: Random, language: string) => {
    const words = language === 'fa' ? PERSIAN_WORDS.filter((w) => !w.includes('\u200c')) : ENGLISH_WORDS;
    return rng.pick(words);
  };
  const time = async (call: () => Promise<unknown>) => {
    const t0 = performance.now();
    await call();
    return performance.now() - t0;
  };
  const desk = (scope: AgencyScope, query: Partial<ConversationListQuery>) =>
    listDeskConversations(db, scope, { limit: PAGE, ...query } as ConversationListQuery);
  const deskList =
    (query: (rng: Random, agent: AgencyScope) => Partial<ConversationListQuery>) =>
    (rng: Random): Sample => {
      const agent = rng.pick(context.agents);
      const q = query(rng, agent);
      return { run: () => time(() => desk(agent, q)) };
    };

  /** Follows nextCursor to page DEEP_PAGES (or the last page, on a small data set) and times that page. */
  const deepPages = (name: string, sort: 'sla' | 'waiting'): Scenario => ({
    name: `${name}, page ${DEEP_PAGES} (cursor)`,
    kind: 'list',
    sample: (rng) => {
      const agent = rng.pick(context.agents);
      return {
        run: async () => {
          let cursor: string | undefined;
          let depth = 1;
          for (; depth < DEEP_PAGES; depth++) {
            const result = await desk(agent, { status: 'open', sort, cursor });
            if (!result.nextCursor) break;
            cursor = result.nextCursor;
          }
          shallowest = Math.min(shallowest, depth);
          return time(() => desk(agent, { status: 'open', sort, cursor }));
        },
      };
    },
  });

  const scenarios: Scenario[] = [
    {
      name: 'inbox: open, by SLA due, page 1',
      kind: 'list',
      sample: deskList(() => ({ status: 'open', sort: 'sla' })),
    },
    deepPages('inbox: open, by SLA due', 'sla'),
    {
      name: 'inbox: open, by waiting time, page 1',
      kind: 'list',
      sample: deskList(() => ({ status: 'open', sort: 'waiting' })),
    },
    deepPages('inbox: open, by waiting time', 'waiting'),
    {
      name: 'inbox: mine, open, by SLA due',
      kind: 'list',
      sample: deskList(() => ({ status: 'open', assignee: 'me', sort: 'sla' })),
    },
    {
      name: 'filter: one client (newest first)',
      kind: 'list',
      sample: deskList((rng, agent) => ({ clientId: rng.pick(agent.clientIds as string[]) })),
    },
    {
      name: 'filter: status',
      kind: 'list',
      sample: deskList((rng) => ({ status: rng.pick(['open', 'pending', 'snoozed', 'resolved'] as const) })),
    },
    { name: 'filter: assignee = me', kind: 'list', sample: deskList(() => ({ assignee: 'me' })) },
    { name: 'filter: assignee = none', kind: 'list', sample: deskList(() => ({ assignee: 'none' })) },
    {
      name: 'filter: channel',
      kind: 'list',
      sample: deskList((rng) => ({ channel: rng.pick(['email', 'chat', 'phone', 'api'] as const) })),
    },
    {
      name: 'filter: priority',
      kind: 'list',
      sample: deskList((rng) => ({ priority: rng.pick(['low', 'normal', 'high', 'urgent'] as const) })),
    },
    {
      name: 'supervisor: all clients, open queue',
      kind: 'list',
      sample: (rng) => {
        const supervisor = rng.pick(context.supervisors);
        return { run: () => time(() => desk(supervisor, { status: 'open', sort: 'sla' })) };
      },
    },
    {
      name: 'desk search (q, agent clients)',
      kind: 'search',
      sample: deskList((rng, agent) => {
        const ids = agent.clientIds as string[];
        const language = context.clientLocale.get(rng.pick(ids)) ?? 'en';
        return { q: pickWord(rng, language) };
      }),
    },
    {
      name: 'portal: client history search (q)',
      kind: 'search',
      sample: (rng) => {
        const user = rng.pick(context.clientUsers);
        const q = pickWord(rng, user.locale);
        return { run: () => time(() => searchClientHistory(db, user, { q, limit: PAGE })) };
      },
    },
  ];

  const wanted = scenarios.filter((s) => options.only.length === 0 || options.only.some((o) => s.name.includes(o)));
  const results: { scenario: Scenario; stats: ReturnType<typeof summarize>; stopped: boolean }[] = [];
  log('');
  // A query cut off by the statement timeout counts as infinitely slow; a scenario whose median is far
  // beyond its bar after 10 queries is stopped early (n shows how many ran) instead of running for hours.
  const measureOnce = async (sample: Sample): Promise<number> => {
    try {
      return await sample.run();
    } catch (error) {
      // Drizzle wraps the driver's error: the SQLSTATE is on the error or its cause.
      const e = error as { code?: string; cause?: { code?: string } };
      if (e.code === '57014' || e.cause?.code === '57014') return Number.POSITIVE_INFINITY;
      throw error;
    }
  };
  for (const scenario of wanted) {
    const rng = new Random(hash(scenario.name));
    const bar = BAR_MS[scenario.kind];
    for (let i = 0; i < WARM_UP; i++) await measureOnce(scenario.sample(rng));
    const samples: number[] = [];
    const t0 = performance.now();
    let stopped = false;
    for (let i = 0; i < options.queries; i++) {
      samples.push(await measureOnce(scenario.sample(rng)));
      if (samples.length >= 10 && summarize(samples).p50 > 20 * bar) {
        stopped = true;
        break;
      }
    }
    const stats = summarize(samples);
    results.push({ scenario, stats, stopped });
    log(
      `  ${scenario.name.padEnd(46)} n=${stats.n} p50 ${ms(stats.p50)} p95 ${ms(stats.p95)} p99 ${ms(stats.p99)} ms` +
        `  (${((performance.now() - t0) / 1000).toFixed(0)} s${stopped ? ', stopped early: far beyond the bar' : ''})`,
    );
    if (scenario.name.includes('(cursor)') && shallowest < DEEP_PAGES) {
      log(
        `    (some agents have fewer than ${DEEP_PAGES} pages of open conversations: shallowest page measured ${shallowest})`,
      );
    }
    if (options.explain) await explainOne(database, scenario, rng, log);
  }

  log('');
  log('| scenario | n | p50 ms | p95 ms | p99 ms | bar (p95) | result |');
  log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const { scenario, stats, stopped } of results) {
    const bar = BAR_MS[scenario.kind];
    const pass = stats.p95 <= bar;
    log(
      `| ${scenario.name} | ${stats.n}${stopped ? ' (stopped)' : ''} | ${ms(stats.p50)} | ${ms(stats.p95)} | ${ms(stats.p99)} | ` +
        `≤ ${bar} | ${pass ? 'pass' : '**FAIL**'} |`,
    );
  }
  log('');
  log(`statement timeout ${options.statementTimeoutMs} ms ("timeout" = cut off); bars from docs/DESIGN quality table`);
}

async function loadContext(database: Database): Promise<Context> {
  const agencies = await database.executeSql(
    `SELECT u.id, u.role, coalesce(array_agg(ac.client_id::text) FILTER (WHERE ac.client_id IS NOT NULL), '{}') AS clients
       FROM agency_users u LEFT JOIN agent_clients ac ON ac.agent_id = u.id
      WHERE u.active GROUP BY u.id, u.role ORDER BY u.id`,
  );
  const agents: AgencyScope[] = [];
  const supervisors: AgencyScope[] = [];
  for (const row of agencies.rows as { id: string; role: AgencyScope['role']; clients: string[] }[]) {
    if (row.role === 'agent') {
      if (row.clients.length) agents.push({ kind: 'agency', userId: row.id, role: row.role, clientIds: row.clients });
    } else if (row.role === 'supervisor') {
      supervisors.push({ kind: 'agency', userId: row.id, role: row.role, clientIds: managerReach });
    }
  }
  const users = await database.executeSql(
    `SELECT u.id, u.client_id, c.locale FROM client_users u JOIN clients c ON c.id = u.client_id ORDER BY u.id`,
  );
  const clientUsers = (users.rows as { id: string; client_id: string; locale: string }[]).map((r) => ({
    kind: 'client' as const,
    userId: r.id,
    clientId: r.client_id,
    locale: r.locale,
  }));
  const clients = await database.executeSql('SELECT id, locale FROM clients');
  const clientLocale = new Map((clients.rows as { id: string; locale: string }[]).map((r) => [r.id, r.locale]));
  if (!agents.length || !supervisors.length || !clientUsers.length) throw new Error('The data set has no users');
  return { agents, supervisors, clientUsers, clientLocale };
}

async function dataSizes(url: string): Promise<[string, string][]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string) => (await client.query(sql)).rows[0] as Record<string, unknown>;
    const count = (n: unknown) => Number(n).toLocaleString('en');
    const out: [string, string][] = [];
    for (const table of ['clients', 'agency_users', 'agent_clients', 'inboxes', 'contacts', 'conversations']) {
      out.push([table, count((await one(`SELECT count(*) AS n FROM ${table}`)).n)]);
    }
    out.push(['search documents', count((await one('SELECT count(*) AS n FROM conversation_search')).n)]);
    const messages = await one(`SELECT count(*) AS n, count(*) FILTER (WHERE language = 'fa') AS fa FROM messages`);
    out.push(['messages', count(messages.n)]);
    out.push(["messages in Persian (language 'fa')", count(messages.fa)]);
    const statuses = await client.query(
      `SELECT status, count(*) AS n FROM conversations WHERE status <> 'resolved' GROUP BY status ORDER BY status`,
    );
    out.push([
      'conversations open / pending / snoozed',
      statuses.rows.map((row) => `${row.status} ${count(row.n)}`).join(', '),
    ]);
    const sizes = await one(`SELECT pg_size_pretty(pg_table_size('messages')) AS messages,
        pg_size_pretty(pg_indexes_size('messages')) AS message_indexes,
        pg_size_pretty(pg_total_relation_size('conversations')) AS conversations,
        pg_size_pretty(pg_table_size('conversation_search')) AS documents,
        coalesce(pg_size_pretty(pg_relation_size(to_regclass('conversation_search_idx'))), 'absent') AS gin,
        pg_size_pretty(pg_database_size(current_database())) AS db`);
    out.push(['messages table (heap + TOAST)', String(sizes.messages)]);
    out.push(['messages indexes', String(sizes.message_indexes)]);
    out.push(['conversations table + indexes', String(sizes.conversations)]);
    out.push(['search documents (heap + TOAST)', String(sizes.documents)]);
    out.push(['their GIN index conversation_search_idx', String(sizes.gin)]);
    out.push(['database size', String(sizes.db)]);
    return out;
  } finally {
    await client.end();
  }
}

/**
 * Runs one more query of the scenario while recording the SQL the product sends, then shows that
 * statement's plan with EXPLAIN (ANALYZE, BUFFERS): the tool to find why a scenario is slow.
 */
async function explainOne(database: Database, scenario: Scenario, rng: Random, log: (line: string) => void) {
  const seen: { text: string; values: unknown[] }[] = [];
  const original = pg.Client.prototype.query;
  // biome-ignore lint/suspicious/noExplicitAny: wrapping pg's overloaded query() to observe the statements
  (pg.Client.prototype as any).query = function (this: pg.Client, config: unknown, values?: unknown, cb?: unknown) {
    if (config && typeof config === 'object' && 'text' in config) {
      const c = config as { text: string; values?: unknown[] };
      seen.push({ text: c.text, values: c.values ?? (Array.isArray(values) ? values : []) });
    } else if (typeof config === 'string') {
      seen.push({ text: config, values: Array.isArray(values) ? values : [] });
    }
    // biome-ignore lint/suspicious/noExplicitAny: see above
    return (original as any).call(this, config, values, cb);
  };
  try {
    await scenario.sample(rng).run();
  } finally {
    pg.Client.prototype.query = original;
  }
  const last = seen.at(-1);
  if (!last) return;
  const plan = await database.executeSql(`EXPLAIN (ANALYZE, BUFFERS) ${last.text}`, last.values);
  log(`    -- ${last.text.replace(/\s+/g, ' ').slice(0, 600)}`);
  log(`    -- params: ${JSON.stringify(last.values).slice(0, 300)}`);
  for (const row of plan.rows) log(`    ${String(row['QUERY PLAN'])}`);
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : 'timeout');

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
