import type { DbOrTx } from '../db/index.js';
import {
  countConversationPages,
  fillMissingSearchDocuments,
  fillSearchDocumentsOnPages,
} from './search-document-repository.js';

type BuildOptions = {
  /** Table pages per statement (each statement its own transaction: short locks, resumable). */
  pagesPerBatch?: number;
  /** Share the work: this call takes the batches whose index modulo `count` is `index`. */
  lane?: { index: number; count: number };
  onProgress?: (built: number) => void;
  /** Stops between batches when it returns true (server shutting down). */
  shouldStop?: () => boolean;
};

/**
 * Builds the search documents of conversations that have none: data that existed before search
 * documents did. New messages keep documents current by themselves (triggers), and a conversation a
 * message reaches before this does gets its whole document then, so running this again, or beside
 * live traffic, is safe. Walks the table in physical order, so the messages are read nearly in order, then
 * picks up conversations that moved (an update) behind the walk.
 * Returns how many documents it built.
 */
export async function buildSearchDocuments(db: DbOrTx, options: BuildOptions = {}): Promise<number> {
  const step = options.pagesPerBatch ?? 100;
  const lane = options.lane ?? { index: 0, count: 1 };
  // Rows added after this count get their documents from the triggers.
  const pages = await countConversationPages(db);
  let built = 0;
  for (let batch = lane.index, from = batch * step; from < pages + 1; batch += lane.count, from = batch * step) {
    if (options.shouldStop?.()) break;
    built += await fillSearchDocumentsOnPages(db, from, from + step);
    options.onProgress?.(built);
  }
  // Conversations updated during the walk may have moved to pages it had passed: pick them up wherever
  // they are (an anti-join over the table, cheap once few are missing), until none is left.
  for (let added = -1; added !== 0 && !options.shouldStop?.(); ) {
    added = await fillMissingSearchDocuments(db, 2_000);
    built += added;
    options.onProgress?.(built);
  }
  return built;
}
