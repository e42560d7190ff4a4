import pg from 'pg';
import { buildSearchDocuments } from '../../apps/server/src/conversations/build-search-documents.js';
import { countMissingSearchDocuments } from '../../apps/server/src/conversations/search-document-repository.js';
import { openDatabase } from '../../apps/server/src/db/index.js';

type Log = (line: string) => void;

/**
 * Builds the per-conversation search documents the data set lacks (a load, or a data set loaded before
 * search documents existed) with the product's own backfill (`buildSearchDocuments`) on several connections
 * (`--backfill-lanes`, default two: the machine's cores). For a large backfill the documents' GIN index
 * is dropped first and built afterwards (a bulk build is far cheaper than a million index insertions).
 * Returns the seconds it took, or null when nothing was missing.
 */
export async function ensureSearchDocuments(url: string, options: { lanes: number }, log: Log): Promise<number | null> {
  const started = performance.now();
  const database = await openDatabase({ databaseUrl: url, poolSize: options.lanes });
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const missing = await countMissingSearchDocuments(database.db);
    if (missing === 0) return null;
    const total = Number((await admin.query('SELECT count(*) AS n FROM conversations')).rows[0].n);
    log(
      `search documents: ${missing.toLocaleString('en')} of ${total.toLocaleString('en')} conversations lack one; building`,
    );
    // The documents' GIN index, as the migration defines it (also when an interrupted run dropped them).
    const indexes =
      missing > 50_000
        ? [
            {
              name: 'conversation_search_idx',
              def: 'CREATE INDEX IF NOT EXISTS conversation_search_idx ON conversation_search USING gin (search_keys(client_id, activity_day), search_all)',
            },
          ]
        : [];
    for (const ix of indexes) await admin.query(`DROP INDEX IF EXISTS ${ix.name}`);

    // Lanes (connections) taking alternate batches of table pages.
    const lanes = Array.from({ length: options.lanes }, (_, i) => i);
    const built = lanes.map(() => 0);
    const t0 = performance.now();
    let last = { t: t0, n: 0 };
    const timer = setInterval(() => {
      const t = performance.now();
      const n = built.reduce((a, b) => a + b, 0);
      log(
        `    ${((t - t0) / 1000).toFixed(0).padStart(5)} s  ${n.toLocaleString('en')} of ${missing.toLocaleString('en')} ` +
          `(${((100 * n) / missing).toFixed(1)}%)  ${Math.round(((n - last.n) / (t - last.t)) * 1000).toLocaleString('en')} conversations/s`,
      );
      last = { t, n };
    }, 10_000);
    try {
      await Promise.all(
        lanes.map((lane) =>
          buildSearchDocuments(database.db, {
            lane: { index: lane, count: lanes.length },
            onProgress: (n) => {
              built[lane] = n;
            },
          }),
        ),
      );
    } finally {
      clearInterval(timer);
    }
    const fillSeconds = (performance.now() - t0) / 1000;
    log(`    built ${built.reduce((a, b) => a + b, 0).toLocaleString('en')} documents in ${fillSeconds.toFixed(0)} s`);
    await Promise.all(
      indexes.map(async (ix) => {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        try {
          await client.query(`SET maintenance_work_mem = '1GB'`);
          const t = performance.now();
          await client.query(ix.def);
          log(`    ${((performance.now() - t) / 1000).toFixed(1).padStart(6)} s  ${ix.def.slice(0, 110)}`);
        } finally {
          await client.end();
        }
      }),
    );
    await admin.query('VACUUM (ANALYZE) conversation_search');
    const seconds = (performance.now() - started) / 1000;
    log(`search documents ready in ${seconds.toFixed(0)} s`);
    return seconds;
  } finally {
    await admin.end();
    await database.close();
  }
}
