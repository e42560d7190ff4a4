import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type SQL, sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or an open transaction: repositories accept both. */
export type DbOrTx = Db | Tx;

type Notification = (payload: string) => void;

/**
 * Many rows as ONE bound parameter, read back in SQL with `jsonb_to_recordset(…) AS q(col type, …)`: a
 * set-wise statement for any number of rows, whatever the driver's parameter limit.
 */
export const jsonRows = (rows: readonly unknown[]): SQL => sql`${JSON.stringify(rows)}::jsonb`;

/** A PostgreSQL array literal of strings (one parameter however many rows: no per-row placeholders). */
export function pgArrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/**
 * A read-only query and how to read its rows. `lookUpTogether` runs several in one round trip, where
 * each query's rows arrive as JSON (ids and times as text), so `read` must take either form.
 */
export type Lookup<T> = { query: SQL; read: (rows: Record<string, unknown>[]) => T };

export async function lookUp<T>(db: DbOrTx, lookup: Lookup<T>): Promise<T> {
  return lookup.read(await queryRows<Record<string, unknown>>(db, lookup.query));
}

/** Several lookups in ONE statement (one round trip), answered in the order given. */
export async function lookUpTogether<T extends readonly unknown[]>(
  db: DbOrTx,
  lookups: { readonly [K in keyof T]: Lookup<T[K]> },
): Promise<T> {
  const columns = lookups.map(
    (lookup, n) => sql`(SELECT coalesce(jsonb_agg(to_jsonb(r)), '[]') FROM (${lookup.query}) r) AS ${sql.raw(`r${n}`)}`,
  );
  const [row] = await queryRows<Record<string, Record<string, unknown>[]>>(
    db,
    sql`SELECT ${sql.join(columns, sql`, `)}`,
  );
  return lookups.map((lookup, n) => lookup.read(row![`r${n}`]!)) as unknown as T;
}

/** Rows of a raw SQL query; both drivers answer `{ rows }`. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * One handle over either engine. Everything above this file sees Drizzle and a few raw
 * capabilities (plain SQL for pg-boss, LISTEN/NOTIFY for the event bus); nothing else differs.
 */
export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;
  listen: (channel: string, onPayload: Notification) => Promise<() => Promise<void>>;
  notify: (channel: string, payload: string) => Promise<void>;
  close: () => Promise<void>;
};

/** A second connection of the same PostgreSQL database, for work a caller runs beside its own transaction. */
export type SpareConnection = { db: Db; release: () => void };

/**
 * A connection of its own from the pool, only if one is free at once (PostgreSQL): never waits for one,
 * so a caller holding a lock cannot end up waiting on connections held by those who wait for its lock.
 * Null on PGlite (one connection) or when the pool is busy.
 */
export async function takeSpareConnection(db: Db): Promise<SpareConnection | null> {
  const pool = (db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) return null;
  const max = pool.options.max ?? 10;
  if (pool.idleCount === 0 && pool.totalCount >= max) return null;
  const pending = pool.connect();
  const late = Symbol('late');
  let timer: NodeJS.Timeout | undefined;
  const client = await Promise.race([pending, new Promise<typeof late>((r) => (timer = setTimeout(r, 100, late)))]);
  clearTimeout(timer);
  if (client === late) {
    pending.then((c) => c.release()).catch(() => {});
    return null;
  }
  return { db: drizzlePg(client, { schema }) as unknown as Db, release: () => client.release() };
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export type DatabaseOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string;
  poolSize?: number;
  /** PGlite in memory only: start from this data directory (a `dumpDataDir` tarball) instead of an empty one. */
  pgliteSnapshot?: Blob;
};

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options.dataDir, options.pgliteSnapshot);
}

async function openPglite(dataDir: string | undefined, snapshot: Blob | undefined): Promise<Database> {
  let client: PGlite;
  // The knowledge base's search needs trigram matching and btree_gin (its migration creates them).
  const extensions = { pg_trgm, btree_gin };
  if (dataDir) {
    const dir = path.join(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    client = await PGlite.create(dir, { extensions });
  } else {
    client = await PGlite.create({ extensions, ...(snapshot ? { loadDataDir: snapshot } : {}) });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  return {
    kind: 'pglite',
    db,
    executeSql: async (text, values) => {
      const result = await client.query<Record<string, unknown>>(text, values as unknown[] | undefined);
      return { rows: result.rows };
    },
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    notify: async (channel, payload) => {
      await client.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: () => client.close(),
  };
}

/** A migrated, empty in-memory PGlite as a data directory tarball, for `pgliteSnapshot`. */
export async function migratedPgliteSnapshot(): Promise<Blob> {
  const client = await PGlite.create({ extensions: { pg_trgm, btree_gin } });
  try {
    await migratePglite(drizzlePglite(client), { migrationsFolder });
    return await client.dumpDataDir('none');
  } finally {
    await client.close();
  }
}

async function openPostgres(url: string, poolSize: number): Promise<Database> {
  // Generic plans for the statements this process names (set-wise and `prepared`, see prepareSetWiseStatements)
  // and for the triggers' PL/pgSQL, from their first execution: their plans never depend on the parameters
  // (rows travel as one jsonb, which the planner cannot look into either way; the rest are key lookups), so
  // planning them again per execution (PostgreSQL's default until it has compared five) only costs time, ~1 ms
  // per statement of a batch of mail. Unnamed statements (the desk's lists) are planned one-shot, as before.
  // (PGOPTIONS, which node-postgres reads too, still applies.)
  const options = [process.env.PGOPTIONS, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' ');
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options });
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  pool.on('connect', (client) => prepareSetWiseStatements(client));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  await migratePg(drizzlePg(pool), { migrationsFolder });
  const listeners = new Set<pg.PoolClient>();
  let closed = false;
  return {
    kind: 'postgres',
    db,
    executeSql: async (text, values) => {
      const result = await pool.query(text, values as unknown[] | undefined);
      return { rows: result.rows };
    },
    listen: (channel, onPayload) => listenWithReconnect(pool, listeners, () => closed, channel, onPayload),
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: async () => {
      closed = true;
      for (const client of listeners) client.release();
      listeners.clear();
      await pool.end();
    },
  };
}

/**
 * Set-wise statements: their text is the same for any number of rows (the rows travel as one jsonb or
 * array parameter). Not `unnest(ARRAY[…])` over an inline list (the desk lists): its text varies, and a
 * generic plan for a paged list could be worse than the custom one it gets now.
 */
const setWise = /jsonb_to_recordset\(|jsonb_array_elements(_text)?\(|unnest\(\$\d/;
const preparedMark = '/* prepared */ ';
/** At most this many statements are kept prepared per connection. */
const preparedPerConnection = 200;

/**
 * Marks a hot statement whose text never varies (lists travel as one array parameter) to be prepared
 * on PostgreSQL like the set-wise ones: planned once per connection, not on every execution. Only for
 * statements whose plan does not hinge on their parameters (lookups by key), since PostgreSQL may settle
 * on a generic plan for them.
 */
export const prepared = (query: SQL): SQL => sql`${sql.raw(preparedMark)}${query}`;

/**
 * The set-wise statements (`jsonRows` and friends) are the hot ones — a batch of incoming mail runs a
 * dozen of them — and planning their CTEs costs PostgreSQL more than running them. Each connection
 * prepares them, and the statements marked `prepared`, under a name derived from their text, so
 * PostgreSQL parses and plans each once per connection (then reuses a generic plan where it is as good)
 * instead of on every execution. Other statements (whose text varies with list lengths) stay unnamed.
 * The names are a hash of the text, so two texts never share one; the count per connection is capped.
 */
function prepareSetWiseStatements(client: pg.Client) {
  const names = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
    // `query(text, values)` or `query({ text, … }, values)`; a Submittable (cursor, stream) passes as it is.
    const named =
      typeof config === 'string'
        ? { text: config }
        : config !== null && typeof config === 'object' && !('submit' in config) && !('name' in config && config.name)
          ? (config as { text?: unknown })
          : null;
    const name = named && typeof named.text === 'string' ? statementName(named.text) : null;
    if (name) {
      if (names.has(name) || names.size < preparedPerConnection) {
        names.add(name);
        return query({ ...named, name }, ...rest);
      }
    }
    return query(config, ...rest);
  };
}

/** Known statement texts and their names (null: not to be prepared), shared by the process's connections. */
const statementNames = new Map<string, string | null>();

function statementName(text: string): string | null {
  let name = statementNames.get(text);
  if (name === undefined) {
    name =
      text.startsWith(preparedMark) || setWise.test(text)
        ? `sb_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
        : null;
    // Texts that vary (inline lists) would grow the map without end: only so many are remembered.
    if (statementNames.size < 1000) statementNames.set(text, name);
  }
  return name;
}

/**
 * LISTEN holds one connection for as long as it lasts. When that connection dies (a server restart,
 * a network cut) it is replaced and LISTEN issued again, with backoff, until unlistened.
 */
async function listenWithReconnect(
  pool: pg.Pool,
  listeners: Set<pg.PoolClient>,
  poolClosed: () => boolean,
  channel: string,
  onPayload: Notification,
): Promise<() => Promise<void>> {
  let client: pg.PoolClient | null = null;
  let stopped = false;
  const connect = async (): Promise<void> => {
    const next = await pool.connect();
    next.on('notification', (msg) => {
      if (msg.channel === channel) onPayload(msg.payload ?? '');
    });
    next.on('error', () => {
      listeners.delete(next);
      next.release(true);
      if (client === next) client = null;
      void reconnect(250);
    });
    await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    client = next;
    listeners.add(next);
  };
  const reconnect = async (delayMs: number): Promise<void> => {
    if (stopped || poolClosed()) return;
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    if (stopped || poolClosed()) return;
    await connect().catch(() => reconnect(Math.min(delayMs * 2, 10_000)));
  };
  await connect();
  return async () => {
    stopped = true;
    const current = client;
    client = null;
    if (!current) return;
    await current.query(`UNLISTEN ${pg.escapeIdentifier(channel)}`).catch(() => {});
    listeners.delete(current);
    current.release();
  };
}
