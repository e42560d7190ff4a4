import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../../apps/server/src/db/index.js';
import { itemText } from '../../apps/server/src/kb/create-kb-item.js';
import { loadEvaluationSets, runEvaluation } from '../../apps/server/src/kb/evaluation/run-evaluation.js';
import { searchKnowledgeBase } from '../../apps/server/src/kb/search-knowledge-base.js';
import { demoKnowledge, seedKnowledgeBase } from '../../apps/server/src/kb/seed-knowledge-base.js';
import { createAgency } from '../../apps/server/test/fixtures.js';
import { intArg, parseArgs } from '../lib/args.js';
import { CopyWriter, esc } from '../lib/copy.js';
import { benchDatabaseUrl, ensureDatabase } from '../lib/database.js';
import { summarize } from '../lib/stats.js';

export const KB_USAGE = `npm run bench -- kb [options]

  --items N     knowledge-base items in one client for the latency measurement (default 100000)
  --queries N   measured searches per kind (default 300)

  BENCH_DATABASE_URL   default postgres://postgres:postgres@127.0.0.1:5432/switchboard_bench_kb (rebuilt each run)`;

/**
 * Suggestion quality on the evaluation set (precision@1/@3 per language, on the demo knowledge bases),
 * then search latency with N items in a single client (the worst case: every item competes).
 */
export async function runKb(argv: readonly string[]): Promise<void> {
  const { flags, values } = parseArgs(argv);
  if (flags.has('help')) {
    console.log(KB_USAGE);
    return;
  }
  const itemCount = intArg(values, 'items', 100_000);
  const queries = intArg(values, 'queries', 300);
  const url = benchDatabaseUrl('switchboard_bench_kb');
  await ensureDatabase(url, true);
  // A pathological plan is cut off after 10 s instead of holding the run for hours.
  const timed = new URL(url);
  timed.searchParams.set('options', '-c statement_timeout=10000');
  const database = await openDatabase({ databaseUrl: timed.toString(), poolSize: 4 });
  try {
    const agency = await createAgency(database.db);
    const acme = {
      clientId: agency.north.id,
      seeded: await seedKnowledgeBase(database.db, { clientId: agency.north.id, slug: 'acme' }),
    };
    const golestan = {
      clientId: agency.south.id,
      seeded: await seedKnowledgeBase(database.db, { clientId: agency.south.id, slug: 'golestan' }),
    };
    const sets = loadEvaluationSets();
    console.log('Suggestion quality (evaluation set, demo knowledge bases)');
    for (const result of await runEvaluation(database.db, sets, { acme, golestan })) {
      console.log(
        `  ${result.language}: ${result.cases} messages  precision@1 ${result.precisionAt1.toFixed(3)}  precision@3 ${result.precisionAt3.toFixed(3)}`,
      );
      for (const miss of result.misses)
        console.log(`    miss: ${miss.message.slice(0, 70)} → expected ${miss.expected}`);
    }

    const started = performance.now();
    await loadNoise(url, agency.north.id, itemCount);
    await database.executeSql('ANALYZE kb_items');
    console.log(
      `\nLoaded ${itemCount.toLocaleString('en')} items into one client in ${Math.round(performance.now() - started)} ms`,
    );

    const messages = sets.flatMap((set) => set.cases.map((c) => ({ text: c.message, language: set.language })));
    const typed = [
      'return policy',
      'retrun',
      'warranty claim',
      'tent pole',
      'discount code',
      'کد تخفیف',
      'ارکیده',
      'سفارش',
      'boots size',
      'refund',
    ].map((text) => ({ text, language: /[\u0600-\u06FF]/.test(text) ? ('fa' as const) : ('en' as const) }));
    console.log(`Search latency, one client with ${itemCount.toLocaleString('en')} items (bar: p95 ≤ ${BAR_MS} ms)`);
    for (const [label, mode, texts] of [
      ['suggestions (customer messages)', 'message', messages],
      ['search box (typed words, typos)', 'query', typed],
    ] as const) {
      const search = (i: number) => {
        const { text, language } = texts[i % texts.length]!;
        return searchKnowledgeBase(database.db, { clientId: agency.north.id, text, language, limit: 5, mode });
      };
      const s = await measure(search, queries);
      console.log(
        `  ${label}: n=${s.n}${s.stopped ? ' (stopped early)' : ''}${s.timeouts ? ` timeouts ${s.timeouts}` : ''}  p50 ${s.p50.toFixed(1)} ms  p95 ${s.p95.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  max ${s.max.toFixed(1)} ms`,
      );
    }
  } finally {
    await database.close();
  }
}

const BAR_MS = 50;
const WARM_UP = 10;

/**
 * Times `queries` calls after a warm-up. A statement timeout (set on the connection) counts as an
 * infinite sample; a run whose median passes 20 × the bar after 10 queries stops early.
 */
async function measure(search: (i: number) => Promise<unknown>, queries: number) {
  for (let i = 0; i < WARM_UP; i++) await search(i).catch(() => undefined);
  const samples: number[] = [];
  let timeouts = 0;
  let stopped = false;
  for (let i = 0; i < queries; i++) {
    const t0 = performance.now();
    try {
      await search(WARM_UP + i);
      samples.push(performance.now() - t0);
    } catch (error) {
      const code =
        (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
      if (code !== '57014') throw error;
      timeouts++;
      samples.push(Number.POSITIVE_INFINITY);
    }
    if (samples.length === 10 && summarize(samples).p50 > 20 * BAR_MS) {
      stopped = true;
      break;
    }
  }
  return { ...summarize(samples), timeouts, stopped };
}

/**
 * Items written from the demo knowledge bases' own vocabulary, so they compete with the real answers.
 * Streamed through `COPY … FROM STDIN` (Postgres computes the generated tsvector and maintains the GIN
 * indexes as rows arrive); the stored columns come from the product's own `itemText`.
 */
async function loadNoise(url: string, clientId: string, count: number): Promise<void> {
  const words = { en: new Set<string>(), fa: new Set<string>() };
  for (const knowledge of Object.values(demoKnowledge)) {
    for (const item of knowledge.items) {
      for (const language of ['en', 'fa'] as const) {
        const text = item[language];
        if (text)
          for (const w of `${text.title} ${text.keywords ?? ''} ${text.body}`.match(/[\p{L}]{3,}/gu) ?? [])
            words[language].add(w);
      }
    }
  }
  const vocabulary = { en: [...words.en], fa: [...words.fa] };
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const phrase = (language: 'en' | 'fa', n: number) =>
    Array.from({ length: n }, () => vocabulary[language][Math.floor(random() * vocabulary[language].length)]).join(' ');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // The two GIN indexes are built once after the load (much faster than 100,000 insertions), from
  // their exact catalog definitions.
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE tablename = 'kb_items' AND indexdef LIKE '%USING gin%'`,
  );
  try {
    for (const index of indexes) await client.query(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
    const copy = new CopyWriter(client, 'kb_items', [
      'client_id',
      'group_id',
      'kind',
      'language',
      'title',
      'keywords',
      'body_html',
      'body_text',
      'search_title',
      'search_body',
      'usage_count',
      'updated_by_name',
    ]);
    for (let i = 0; i < count; i++) {
      const language = i % 3 === 0 ? 'fa' : 'en';
      const title = phrase(language, 6);
      const keywords = phrase(language, 8);
      const text = itemText({ title, keywords, body: phrase(language, 60) });
      await copy.row([
        clientId,
        randomUUID(),
        'answer',
        language,
        esc(title),
        esc(keywords),
        esc(text.bodyHtml),
        esc(text.bodyText),
        esc(text.searchTitle),
        esc(text.searchBody),
        String(Math.floor(random() * 20)),
        'bench',
      ]);
    }
    await copy.end();
    await client.query("SET maintenance_work_mem = '256MB'");
    for (const index of indexes) await client.query(index.definition);
  } finally {
    await client.end();
  }
}
