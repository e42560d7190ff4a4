import os from 'node:os';
import { openDatabase } from '../../apps/server/src/db/index.js';
import { intArg, parseArgs } from '../lib/args.js';
import { benchDatabaseUrl, ensureDatabase, readLoadMarker, writeLoadMarker } from '../lib/database.js';
import { fillSlaDueTimes } from './fill-sla-due-times.js';
import { type DeskSizes, generateDesk, type LoadReport } from './generate.js';
import { measureDesk } from './measure.js';
import { ensureSearchDocuments } from './search-documents.js';

export const DESK_USAGE = `npm run bench -- desk [options]

  --conversations N              conversations to generate (default 1000000)
  --messages-per-conversation N  mean messages per conversation (default 10; total is exactly N x this)
  --contacts N                   contacts (default conversations / 5)
  --queries N                    measured queries per scenario (default 200)
  --regenerate                   drop and rebuild the data set even if it already has these sizes
  --load-only                    generate the data set, skip the measurements
  --explain                      print EXPLAIN (ANALYZE, BUFFERS) of one query per scenario
  --statement-timeout MS         per-query statement_timeout while measuring (default 10000)
  --only a,b                     run only the scenarios whose name contains one of these
  --backfill-lanes N             connections building missing search documents (default 2)
  --skip-backfill                measure without building missing search documents first

  BENCH_DATABASE_URL             default postgres://postgres:postgres@127.0.0.1:5432/switchboard_bench`;

type Marker = { benchmark: 'desk'; sizes: DeskSizes; load: LoadReport; loadedAt: string };

export async function runDesk(argv: readonly string[]): Promise<void> {
  const { flags, values } = parseArgs(argv);
  if (flags.has('help')) {
    console.log(DESK_USAGE);
    return;
  }
  const conversations = intArg(values, 'conversations', 1_000_000);
  const sizes: DeskSizes = {
    conversations,
    messagesPerConversation: intArg(values, 'messages-per-conversation', 10),
    contacts: intArg(values, 'contacts', Math.max(100, Math.round(conversations / 5))),
    clients: 20,
    agents: 200,
    seed: intArg(values, 'seed', 42),
  };
  const queries = intArg(values, 'queries', 200);
  const url = benchDatabaseUrl('switchboard_bench');
  const shownUrl = url.replace(/\/\/[^@/]*@/, '//');
  const log = (line: string) => console.log(line);

  log(`desk benchmark — ${shownUrl}`);
  log(
    `machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM`,
  );

  let marker = flags.has('regenerate') ? null : await readLoadMarker<Marker>(url);
  if (marker && JSON.stringify(marker.sizes) !== JSON.stringify(sizes)) {
    log('the existing data set has other sizes; regenerating');
    marker = null;
  }
  if (!marker) {
    log(
      `generating ${sizes.conversations.toLocaleString('en')} conversations, ` +
        `${(sizes.conversations * sizes.messagesPerConversation).toLocaleString('en')} messages, ` +
        `${sizes.contacts.toLocaleString('en')} contacts, ${sizes.clients} clients, ${sizes.agents} agency users`,
    );
    await ensureDatabase(url, true);
    const migrated = await openDatabase({ databaseUrl: url, poolSize: 1 });
    await migrated.close();
    const load = await generateDesk(url, sizes, log);
    marker = { benchmark: 'desk', sizes, load, loadedAt: new Date().toISOString() };
    await writeLoadMarker(url, marker);
    log(`load finished in ${load.seconds.toFixed(0)} s`);
  } else {
    log(
      `using the data set loaded ${marker.loadedAt} (load took ${marker.load.seconds.toFixed(0)} s); --regenerate rebuilds it`,
    );
  }
  if (flags.has('load-only')) return;

  // Migrations added since the load (new indexes over 10 M rows take minutes) run here, untimed.
  const started = Date.now();
  await (await openDatabase({ databaseUrl: url, poolSize: 1 })).close();
  log(`schema up to date (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  const filled = await fillSlaDueTimes(url);
  if (filled > 0)
    log(`SLA due times given to ${filled.toLocaleString('en')} open conversations loaded before SLA existed`);
  // Search documents of conversations loaded without them (the load's COPY skips the triggers).
  const searchSeconds = flags.has('skip-backfill')
    ? null
    : await ensureSearchDocuments(url, { lanes: intArg(values, 'backfill-lanes', 2) }, log);
  if (searchSeconds !== null && marker && !marker.load.phases['search documents (backfill)']) {
    marker.load.phases['search documents (backfill)'] = searchSeconds;
    await writeLoadMarker(url, marker);
  }

  // Queries run as the product runs them; only a statement timeout is added so a pathological
  // plan cannot stall the benchmark.
  const statementTimeoutMs = intArg(values, 'statement-timeout', 10_000);
  const measured = new URL(url);
  measured.searchParams.set('options', `-c statement_timeout=${statementTimeoutMs}`);
  const database = await openDatabase({ databaseUrl: measured.toString(), poolSize: 2 });
  try {
    const only =
      values
        .get('only')
        ?.split(',')
        .map((s) => s.trim()) ?? [];
    await measureDesk(database, {
      queries,
      explain: flags.has('explain'),
      only,
      statementTimeoutMs,
      adminUrl: url,
      load: marker.load,
      log,
    });
  } finally {
    await database.close();
  }
}
