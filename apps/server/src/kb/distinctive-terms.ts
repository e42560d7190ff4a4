import type { DbOrTx } from '../db/index.js';
import { readLexemeFrequencies } from './kb-search-repository.js';

/** A lexeme as a tsquery operand: quoted, so punctuation inside it (`-10482`, `a.b`) stays one lexeme. */
const operand = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export type MessageTerms = {
  /** Every lexeme, OR-ed: ranks the candidates. */
  any: string;
  /** The most distinctive lexemes, OR-ed. */
  distinctive: string;
  /** The two most distinctive lexemes together: the strongest candidates (an AND the GIN index skips through). */
  strongest: string;
};

/**
 * A customer's message is prose: most of its words are common, and an OR of all of them matches a large
 * part of a big knowledge base. The rarest few (by the planner's statistics; unknown means rare, longer
 * breaks ties) choose the candidates; all of them rank the candidates.
 */
export function messageTerms(
  lexemes: readonly string[],
  frequencies: ReadonlyMap<string, number>,
  options: { distinctive?: number; maxLexemes?: number } = {},
): MessageTerms {
  const unique = [...new Set(lexemes)].slice(0, options.maxLexemes ?? 40);
  const rarest = [...unique]
    .sort((a, b) => (frequencies.get(a) ?? 0) - (frequencies.get(b) ?? 0) || b.length - a.length)
    .slice(0, options.distinctive ?? 6);
  return {
    any: unique.map(operand).join(' | '),
    distinctive: rarest.map(operand).join(' | '),
    strongest: rarest.length >= 2 ? `${operand(rarest[0]!)} & ${operand(rarest[1]!)}` : '',
  };
}

const cacheMs = 10 * 60 * 1000;
const cache = new WeakMap<object, { at: number; frequencies: Promise<Map<string, number>> }>();

/** The lexeme frequencies, read at most every ten minutes per database `key` (they move slowly). */
export function lexemeFrequencies(db: DbOrTx, key: object = db): Promise<Map<string, number>> {
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < cacheMs) return cached.frequencies;
  const frequencies = readLexemeFrequencies(db).catch(() => new Map<string, number>());
  cache.set(key, { at: Date.now(), frequencies });
  return frequencies;
}
