import { type SQL, sql } from 'drizzle-orm';
import type { Cursor } from './cursor.js';

/**
 * Search reads one document per conversation (`conversation_search`, kept by triggers; see the migration
 * `0011_search`), never the messages. Its GIN index holds `(client_id, activity_day, search_all)`: a search
 * asks for one client's matches among the conversations active on the newest days first, so a common word
 * yields a page from a few hundred matches instead of sorting hundreds of thousands.
 */

const DAY_MS = 86_400_000;

/** The UTC day number of an instant, as the database's `search_day()` computes it. */
export const searchDay = (at: Date | string | number): number => Math.floor(new Date(at).getTime() / DAY_MS);

/** The first instant of a day number. */
export const dayStart = (day: number): Date => new Date(day * DAY_MS);

/**
 * How far back, in days from the newest activity the page can hold, each try of a search by recency looks;
 * the last try has no bound. A try that fills the page is the answer (everything outside it is older).
 */
export const SEARCH_WINDOWS_DAYS = [1, 7, 30, 120] as const;

/**
 * The days a search by recency tries, each the oldest day it reads (null: no bound), counted back from the
 * cursor's day (a later page) or today.
 */
export function searchWindows(cursor: Cursor | null, now = Date.now()): (number | null)[] {
  const anchor = searchDay(cursor && cursor.at !== 'infinity' ? Date.parse(cursor.at) : now);
  return [...SEARCH_WINDOWS_DAYS.map((days) => anchor - (days - 1)), null];
}

/** A typed query against the documents: normalised as they are, then English stems OR Persian/plain words. */
const tsQuery = (q: string) =>
  sql`(websearch_to_tsquery('english', search_normalise(${q})) || websearch_to_tsquery('simple', search_normalise(${q})))`;

/** `%q%` for ILIKE, with the user's wildcards taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

export type SearchScope = {
  /** The client whose conversations are searched (an SQL expression: a parameter or the outer row's column). */
  clientId: SQL;
  q: string;
  /** `all`: the desk (internal notes included); `public`: what the client may see. */
  document: 'all' | 'public';
  /** Only conversations whose last activity is on this day or later (null: any). */
  fromDay: number | null;
};

/**
 * Ids of one client's conversations that match a search: by words (the conversation's search document),
 * by part of the subject (trigram GIN, three characters or more) or by display number. Not correlated with
 * the outer row, so Postgres runs it once per client. The caller also bounds its rows by `fromDay` (see
 * `activeSince`), so every branch and the list agree on the window.
 */
export function matchingConversationIds(scope: SearchScope): SQL {
  const { clientId, q, fromDay } = scope;
  const query = tsQuery(q);
  const words = [sql`d.client_id = ${clientId}`, sql`d.search_all @@ ${query}`];
  if (fromDay !== null) words.push(sql`d.activity_day >= ${fromDay}`);
  // The public document is a subset of the whole one: the index finds candidates, the row decides.
  if (scope.document === 'public') words.push(sql`d.search_public @@ ${query}`);
  const parts = [sql`SELECT d.conversation_id FROM conversation_search d WHERE ${sql.join(words, sql` AND `)}`];
  const since = fromDay === null ? sql`` : sql` AND cs.last_message_at >= ${dayStart(fromDay)}`;
  if (q.length >= 3) {
    parts.push(
      sql`SELECT cs.id FROM conversations cs WHERE cs.client_id = ${clientId} AND cs.subject ILIKE ${likePattern(q)}${since}`,
    );
  }
  if (/^#?\d{1,9}$/.test(q)) {
    parts.push(
      sql`SELECT cs.id FROM conversations cs WHERE cs.client_id = ${clientId} AND cs.number = ${Number(q.replace('#', ''))}${since}`,
    );
  }
  return sql.join(parts, sql` UNION ALL `);
}

/** The list's own bound for a window: conversations active on `fromDay` or later. */
export const activeSince = (fromDay: number | null): SQL[] =>
  fromDay === null ? [] : [sql`c.last_message_at >= ${dayStart(fromDay)}`];

/**
 * Runs a newest-first search list window by window (see `searchWindows`) until one fills the page; the
 * rows are then exactly the unbounded query's first page.
 */
export async function byRecencyWindows<T>(
  windows: readonly (number | null)[],
  limit: number,
  run: (fromDay: number | null) => Promise<T[]>,
): Promise<T[]> {
  for (const fromDay of windows) {
    const rows = await run(fromDay);
    if (rows.length >= limit || fromDay === null) return rows;
  }
  return [];
}
