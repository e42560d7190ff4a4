import type { KbItemKind, Locale } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { type SearchRow, searchItemRows, setFuzzyThreshold } from './kb-repository.js';
import { anyWordQuery, normaliseText, searchWords } from './normalise-text.js';

export const allKinds: readonly KbItemKind[] = ['answer', 'article', 'canned', 'script'];

export type KbSearchOptions = {
  clientId: string;
  text: string;
  language: Locale;
  kinds?: readonly KbItemKind[];
  publicOnly?: boolean;
  limit?: number;
  /** `query`: words typed into a search box (prefixes count); `message`: a customer's prose. */
  mode?: 'query' | 'message';
};

/** Persian script in the text means Persian; otherwise the fallback. */
export const detectLanguage = (text: string, fallback: Locale): Locale =>
  /[\u0600-\u06FF]/.test(text) ? 'fa' : /[a-z]/i.test(text) ? 'en' : fallback;

/**
 * Full-text search in one client's knowledge base, in one language, tolerant of typos. The query goes
 * through the same normalisation as the stored text, so ي/ی, ك/ک and ۱۲۳/١٢٣/123 all meet.
 */
export async function searchKnowledgeBase(db: Db, options: KbSearchOptions): Promise<SearchRow[]> {
  const mode = options.mode ?? 'query';
  const tsquery = anyWordQuery(options.text, { prefix: mode === 'query' });
  const fuzzyText = normaliseText(options.text);
  if (!tsquery && !fuzzyText) return [];
  const request = {
    clientId: options.clientId,
    language: options.language,
    tsquery,
    fuzzyText,
    kinds: options.kinds ?? allKinds,
    publicOnly: options.publicOnly ?? false,
    limit: options.limit ?? 10,
  };
  return db.transaction(async (tx) => {
    // A short query may be all typos; a long message matches titles only when they read alike,
    // unless no word matched at all, when a misspelt message still deserves its closest titles.
    await setFuzzyThreshold(tx, mode === 'query' ? 0.45 : 0.8);
    const rows = await searchItemRows(tx, request);
    const fuzzyWords = searchWords(options.text).filter((word) => word.length >= 4);
    if (rows.length > 0 || fuzzyWords.length === 0) return rows;
    // Nothing matched: try each longer word against the titles, misspellings included.
    await setFuzzyThreshold(tx, 0.4);
    return searchItemRows(tx, { ...request, fuzzyWords });
  });
}
