import type { DbOrTx } from '../db/index.js';
import { buildSearchDocuments } from './build-search-documents.js';
import { countMissingSearchDocuments } from './search-document-repository.js';

/**
 * Run by the worker at start-up: builds, in the background, the search documents of conversations
 * stored before documents existed (the migration builds them itself for small databases). Until it
 * finishes, those conversations are not found by search; everything else works. Returns a stop function.
 */
export function startSearchBackfill(db: DbOrTx, log: (line: string) => void): { stop: () => Promise<void> } {
  let stopping = false;
  const run = (async () => {
    const missing = await countMissingSearchDocuments(db);
    if (missing <= 0) return;
    log(`Building search documents for ${missing} conversations in the background`);
    const started = Date.now();
    let reported = started;
    const built = await buildSearchDocuments(db, {
      shouldStop: () => stopping,
      onProgress: (n) => {
        if (Date.now() - reported < 30_000) return;
        reported = Date.now();
        log(`Search documents: ${n} of ${missing} built`);
      },
    });
    log(
      `Search documents: ${built} built in ${((Date.now() - started) / 1000).toFixed(0)} s${stopping ? ' (stopped)' : ''}`,
    );
  })().catch((error: unknown) => log(`Search documents: backfill failed: ${String(error)}`));
  return {
    stop: async () => {
      stopping = true;
      await run;
    },
  };
}
