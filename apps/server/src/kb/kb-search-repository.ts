import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/index.js';
import type { KbItemRow } from './kb-repository.js';

/**
 * The knowledge-base search's SQL. Search runs in two steps so its cost does not grow with the size of
 * a client's knowledge base: a few bounded candidate lists, each answered by a GIN index (`client_id`
 * leading), then the full ranking over those few hundred rows only.
 */

/** A tsquery either in `to_tsquery` syntax (normalised with the language's configuration) or of lexemes. */
export type TsQueryText = { text: string; form: 'words' | 'lexemes' };

export type SearchRequest = {
  clientId: string;
  language: string;
  kinds: readonly string[];
  publicOnly: boolean;
  limit: number;
  /** Ranks the candidates: every word of the text, OR-ed. */
  rankQuery: TsQueryText;
  /** Full-text candidate lists, each capped at its own limit. */
  candidates: readonly { query: TsQueryText; limit: number }[];
  /** Titles (with keywords) reading like one of these texts (`<%`, the trigram index) are candidates too. */
  fuzzyTexts: readonly string[];
  fuzzyLimit: number;
  /** Title similarity in the score: the whole text (none when empty), or the mean over these words when given. */
  fuzzyText: string;
  fuzzyWords?: readonly string[];
};

export type SearchRow = KbItemRow & { score: number };

/** Candidates that get the full score, trigram likeness of the title included. */
const rescored = 20;

const configOf = (language: string) => (language === 'fa' ? sql`'simple'::regconfig` : sql`'english'::regconfig`);

const tsquery = (language: string, query: TsQueryText): SQL =>
  query.form === 'lexemes' ? sql`${query.text}::tsquery` : sql`to_tsquery(${configOf(language)}, ${query.text})`;

/**
 * Relevance (full text, title and keywords weighted above the body) plus trigram similarity of the
 * title for typos, plus a small, logarithmic bonus for answers agents actually use, computed for the
 * candidates only. The caller sets the `<%` threshold for its transaction.
 */
export async function searchItemRows(db: DbOrTx, request: SearchRequest): Promise<SearchRow[]> {
  const { language } = request;
  const kinds = sql.join(
    request.kinds.map((kind) => sql`${kind}`),
    sql`, `,
  );
  const inScope = sql`i.client_id = ${request.clientId} AND i.language = ${language} AND NOT i.archived
    AND i.kind::text IN (${kinds}) ${request.publicOnly ? sql`AND i.visibility = 'public'` : sql``}`;
  const lists: SQL[] = request.candidates
    .filter((candidate) => candidate.query.text)
    .map(
      (candidate) =>
        sql`(SELECT i.id FROM kb_items i WHERE ${inScope} AND i.search @@ ${tsquery(language, candidate.query)} LIMIT ${candidate.limit})`,
    );
  const fuzzyTexts = request.fuzzyTexts.filter(Boolean);
  if (fuzzyTexts.length > 0) {
    const anyTitle = sql.join(
      fuzzyTexts.map((text) => sql`${text} <% i.search_title`),
      sql` OR `,
    );
    lists.push(sql`(SELECT i.id FROM kb_items i WHERE ${inScope} AND (${anyTitle}) LIMIT ${request.fuzzyLimit})`);
  }
  if (lists.length === 0) return [];
  const words = request.fuzzyWords ?? [];
  const fuzzyScore =
    words.length > 0
      ? sql`(${sql.join(
          words.map((word) => sql`word_similarity(${word}, i.search_title)`),
          sql` + `,
        )}) / ${words.length}`
      : request.fuzzyText
        ? sql`word_similarity(${request.fuzzyText}, i.search_title)`
        : sql`0`;
  const rank = request.rankQuery.text ? tsquery(language, request.rankQuery) : sql`NULL::tsquery`;
  // Title likeness (trigrams) is the costly part of the score: only the best by words and use pay it.
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`WITH candidate AS (${sql.join(lists, sql` UNION `)}), q AS (SELECT ${rank} AS tsq),
      ranked AS (
        SELECT i.*, coalesce(ts_rank(i.search, q.tsq), 0) + 0.03 * ln(1 + i.usage_count) AS word_score
        FROM candidate c JOIN kb_items i ON i.client_id = ${request.clientId} AND i.id = c.id, q
        ORDER BY word_score DESC, i.usage_count DESC, i.id
        LIMIT ${Math.max(request.limit * 4, rescored)}
      )
      SELECT i.id, i.client_id, i.group_id, i.category_id, i.kind, i.language, i.visibility, i.title, i.body_html,
        i.body_text, i.keywords, i.version, i.usage_count, i.updated_at, i.updated_by_name,
        (i.word_score + 0.6 * ${fuzzyScore})::float8 AS score
      FROM ranked i
      ORDER BY score DESC, i.usage_count DESC, i.id
      LIMIT ${request.limit}`,
  );
  return rows.map(toSearchRow);
}

const toSearchRow = (row: Record<string, unknown>): SearchRow =>
  ({
    id: row.id,
    clientId: row.client_id,
    groupId: row.group_id,
    categoryId: row.category_id ?? null,
    kind: row.kind,
    language: row.language,
    visibility: row.visibility,
    title: row.title,
    bodyHtml: row.body_html,
    bodyText: row.body_text,
    keywords: row.keywords,
    version: row.version,
    usageCount: row.usage_count,
    updatedAt: new Date(row.updated_at as string),
    updatedByName: row.updated_by_name,
    score: Number(row.score),
  }) as SearchRow;

/** Sets the trigram threshold for this transaction: titles are short, typos cost several trigrams. */
export async function setFuzzyThreshold(db: DbOrTx, threshold: number): Promise<void> {
  await db.execute(sql`SELECT set_config('pg_trgm.word_similarity_threshold', ${String(threshold)}, true)`);
}

/** The lexemes of a text as the index stores them (stemmed in English, stop words gone). */
export async function textLexemes(db: DbOrTx, language: string, text: string): Promise<string[]> {
  const [row] = await queryRows<{ lexemes: string[] | null }>(
    db,
    sql`SELECT tsvector_to_array(to_tsvector(${configOf(language)}, ${text})) AS lexemes`,
  );
  return row?.lexemes ?? [];
}

/**
 * How common each lexeme is across all knowledge-base items, from the planner's statistics
 * (`ANALYZE` keeps the most common elements of the tsvector column). Lexemes missing are rare.
 */
export async function readLexemeFrequencies(db: DbOrTx): Promise<Map<string, number>> {
  const rows = await queryRows<{ lexeme: string; frequency: number }>(
    db,
    sql`SELECT s.lexeme, s.frequency FROM pg_stats p,
        unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS s(lexeme, frequency)
      WHERE p.schemaname = current_schema() AND p.tablename = 'kb_items' AND p.attname = 'search'
        AND s.lexeme IS NOT NULL`,
  );
  return new Map(rows.map((row) => [row.lexeme, Number(row.frequency)]));
}
