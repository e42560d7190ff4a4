import { type SQL, sql } from 'drizzle-orm';
import type { Cursor } from './cursor.js';

/**
 * Search reads one document per conversation (`conversation_search`, kept by triggers; see the migration
 * `0011_search`), never the messages. Its GIN index holds `(search_keys(client_id, activity_day), search_all)`,
 * a key per client and day: a search asks for one client's matches among the conversations active on the
 * newest days first, so a common word yields a page from a few hundred matches instead of sorting hundreds of
 * thousands, and the index reads only that client's entries of those days.
 */

const DAY_MS = 86_400_000;

/** The UTC day number of an instant, as the database's `search_day()` computes it. */
export const searchDay = (at: Date | string | number): number => Math.floor(new Date(at).getTime() / DAY_MS);

/**
 * How far back, in days from the newest activity the page can hold, each try of a search by recency looks;
 * the last try has no bound. A try that fills the page is the answer (everything outside it is older).
 */
export const SEARCH_WINDOWS_DAYS = [1, 7, 30, 120] as const;

/** A try of a search by recency: conversations active on `fromDay` or later (`toDay`: the newest day counted). */
export type SearchWindow = { fromDay: number; toDay: number } | null;

/**
 * The tries of a search by recency, counted back from the cursor's day (a later page) or today; the last
 * (null) has no bound.
 */
export function searchWindows(cursor: Cursor | null, now = Date.now()): SearchWindow[] {
  const toDay = searchDay(cursor && cursor.at !== 'infinity' ? Date.parse(cursor.at) : now);
  return [...SEARCH_WINDOWS_DAYS.map((days) => ({ fromDay: toDay - (days - 1), toDay })), null];
}

/**
 * The GIN keys (`search_keys`) a try of a search asks for: one per day of the window, newest first, plus the
 * day after `toDay` (a day of clock skew between the server and the database); without a window, the
 * client's key, which every document of the client carries. A key names the client and the day together,
 * so the index hands over only that client's documents of those days that hold the words: a try's cost
 * follows its matches, not the client's size.
 */
function windowKeys(clientId: SQL, window: SearchWindow): SQL {
  return window
    ? sql`search_window_keys(${clientId}, ${window.fromDay}, ${window.toDay + 1})`
    : sql`ARRAY[uuid_send(${clientId})]`;
}

/** A typed query against the documents: normalised as they are, then English stems OR Persian/plain words (`search_query`). */
const tsQuery = (q: string) => sql`search_query(${q})`;

/** `%q%` for ILIKE, with the user's wildcards taken literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

export type SearchScope = {
  /** The client whose conversations are searched (an SQL expression: a parameter or the outer row's column). */
  clientId: SQL;
  q: string;
  /** `all`: the desk (internal notes included); `public`: what the client may see. */
  document: 'all' | 'public';
  /**
   * For a list newest first (by `last_message_at`, then id): each way of matching returns only its own first
   * `limit` rows after the list's `filters` (conditions on `c`, the conversation) and `cursor`, among the
   * conversations active in `window` (null: any). Without it: every match.
   */
  newest?: { filters: readonly SQL[]; cursor: Cursor | null; window: SearchWindow; limit: number };
};

const after = (cursor: Cursor | null, at: SQL, id: SQL): SQL[] =>
  cursor ? [sql`(${at}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`] : [];

/**
 * Ids of one client's conversations that match a search: by words (the conversation's search document),
 * by part of the subject (trigram GIN, three characters or more) or by display number. Not correlated with
 * the outer row, so Postgres runs it once per client. Newest first, each way is a bounded top-N read from
 * the index entries of the client's newest days: the words' top-N is ordered by the document's own copy of
 * last_message_at, so it never visits the conversations of the matches it does not return.
 *
 * The client condition of the words and of the subject is their GIN key (`windowKeys`), which names the
 * client exactly (its uuid's 16 bytes lead every key): a separate `client_id = …` would invite the planner
 * to intersect the index's few matches with a B-tree scan of every row of the client. The caller joins the
 * ids to the client's conversations (`c.client_id = …`) as well.
 */
export function matchingConversationIds(scope: SearchScope): SQL {
  const { clientId, q, newest } = scope;
  const query = tsQuery(q);
  const where = (parts: SQL[]) => sql.join(parts, sql` AND `);
  const window = newest?.window ?? null;
  const words = [
    sql`search_keys(d.client_id, d.activity_day) && ${windowKeys(clientId, window)}`,
    sql`d.search_all @@ ${query}`,
  ];
  const parts: SQL[] = [];
  if (!newest) {
    // The public document is a subset of the whole one: the index finds candidates, the row decides.
    if (scope.document === 'public') words.push(sql`d.search_public @@ ${query}`);
    parts.push(sql`SELECT d.conversation_id FROM conversation_search d WHERE ${where(words)}`);
  } else {
    const { filters, cursor, limit } = newest;
    words.push(...after(cursor, sql`d.last_message_at`, sql`d.conversation_id`));
    // The list's filters are on the conversation: only then are the matches joined to it.
    const from = filters.length
      ? sql`conversation_search d JOIN conversations c ON c.id = d.conversation_id AND c.client_id = d.client_id`
      : sql`conversation_search d`;
    words.push(...filters);
    const order = sql`ORDER BY d.last_message_at DESC, d.conversation_id DESC`;
    parts.push(
      scope.document === 'all'
        ? sql`(SELECT d.conversation_id FROM ${from} WHERE ${where(words)} ${order} LIMIT ${limit})`
        : // The public document is a subset of the whole one: its words are read (from TOAST) only for the
          // newest candidates, in order, until the page is full (OFFSET 0 keeps the test above the sort).
          sql`(SELECT w.id FROM (SELECT d.conversation_id AS id, d.search_public AS words FROM ${from}
            WHERE ${where(words)} ${order} OFFSET 0) w WHERE w.words @@ ${query} LIMIT ${limit})`,
    );
  }
  const others = (conditions: SQL[]) => {
    if (!newest) return sql`SELECT c.id FROM conversations c WHERE ${where(conditions)}`;
    conditions.push(...newest.filters, ...after(newest.cursor, sql`c.last_message_at`, sql`c.id`));
    return sql`(SELECT c.id FROM conversations c WHERE ${where(conditions)}
      ORDER BY c.last_message_at DESC, c.id DESC LIMIT ${newest.limit})`;
  };
  if (q.length >= 3) {
    // The subject's trigram index has the same keys (conversations_subject_keys_trgm_idx).
    parts.push(
      others([
        sql`search_keys(c.client_id, search_day(c.last_message_at)) && ${windowKeys(clientId, window)}`,
        sql`c.subject ILIKE ${likePattern(q)}`,
      ]),
    );
  }
  if (/^#?\d{1,9}$/.test(q)) {
    const number = [sql`c.client_id = ${clientId}`, sql`c.number = ${Number(q.replace('#', ''))}`];
    if (window) number.push(sql`c.last_message_at >= ${new Date(window.fromDay * DAY_MS).toISOString()}::timestamptz`);
    parts.push(others(number));
  }
  return sql.join(parts, sql` UNION ALL `);
}

/**
 * Runs a newest-first search list window by window (see `searchWindows`) until one fills the page; the
 * rows are then exactly the unbounded query's first page.
 */
export async function byRecencyWindows<T>(
  windows: readonly SearchWindow[],
  limit: number,
  run: (window: SearchWindow) => Promise<T[]>,
): Promise<T[]> {
  for (const window of windows) {
    const rows = await run(window);
    if (rows.length >= limit || window === null) return rows;
  }
  return [];
}
