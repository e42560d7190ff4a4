import type { KbItemKind, Locale } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { lexemeFrequencies, messageTerms } from './distinctive-terms.js';
import {
  type SearchRequest,
  type SearchRow,
  searchItemRows,
  setFuzzyThreshold,
  textLexemes,
} from './kb-search-repository.js';
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

/** Candidates ranked per search: enough for any real knowledge base's matches, bounded for a huge one. */
const strongCandidates = 100;
const otherCandidates = 50;
const fuzzyCandidates = 30;
/** Longer texts have too many trigrams for the title index to narrow anything down. */
const fuzzyTextMax = 64;

/**
 * Full-text search in one client's knowledge base, in one language, tolerant of typos. The query goes
 * through the same normalisation as the stored text, so ي/ی, ك/ک and ۱۲۳/١٢٣/123 all meet.
 */
export async function searchKnowledgeBase(db: Db, options: KbSearchOptions): Promise<SearchRow[]> {
  const mode = options.mode ?? 'query';
  const fuzzyText = normaliseText(options.text).slice(0, 200);
  const words = anyWordQuery(options.text, { prefix: mode === 'query' });
  if (!words && !fuzzyText) return [];
  const base = {
    clientId: options.clientId,
    language: options.language,
    kinds: options.kinds ?? allKinds,
    publicOnly: options.publicOnly ?? false,
    limit: options.limit ?? 10,
    fuzzyText,
    fuzzyLimit: fuzzyCandidates,
    fuzzyTexts: [],
  };
  return db.transaction(async (tx) => {
    let request: SearchRequest;
    if (mode === 'query') {
      const typed = { text: words, form: 'words' as const };
      request = { ...base, rankQuery: typed, candidates: [{ query: typed, limit: strongCandidates }] };
    } else {
      const [lexemes, frequencies] = await Promise.all([
        textLexemes(tx, options.language, words.replace(/ \| /g, ' ')),
        lexemeFrequencies(tx, db),
      ]);
      const terms = messageTerms(lexemes, frequencies);
      const lexemeQuery = (text: string) => ({ text, form: 'lexemes' as const });
      request = {
        ...base,
        rankQuery: lexemeQuery(terms.any),
        candidates: [
          { query: lexemeQuery(terms.strongest), limit: strongCandidates },
          { query: lexemeQuery(terms.distinctive), limit: otherCandidates },
          { query: lexemeQuery(terms.any), limit: otherCandidates },
        ],
      };
    }
    const rows = await searchItemRows(tx, request);
    if (rows.length >= request.limit) return rows;
    // Too few words matched: titles that read like the text, typos included. A short query may be all
    // typos; a long message matches a title only when they read alike.
    const fuzzyWords = searchWords(options.text)
      .filter((word) => word.length >= 4)
      .slice(0, 12);
    if (fuzzyText.length <= fuzzyTextMax) {
      await setFuzzyThreshold(tx, mode === 'query' ? 0.45 : 0.8);
      const withTitles = await searchItemRows(tx, { ...request, fuzzyTexts: [fuzzyText] });
      if (withTitles.length > 0 || fuzzyWords.length === 0) return withTitles;
    } else if (rows.length > 0 || fuzzyWords.length === 0) return rows;
    // Still nothing: each longer word against the titles, misspellings included.
    await setFuzzyThreshold(tx, 0.4);
    return searchItemRows(tx, { ...request, candidates: [], fuzzyTexts: fuzzyWords, fuzzyWords });
  });
}
