import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type ConstructorOptions, fromPglite } from 'pg-boss';
import type { Database } from '../../db/index.js';

/** pg-boss's own pool on PostgreSQL: fetches, maintenance and a dedicated LISTEN connection. */
const pgBossPoolSize = 4;

/**
 * How pg-boss reaches the application's database.
 *
 * The `Database` handle does not expose its driver, so this reads Drizzle's public `$client` (the
 * PGlite instance or the pg Pool the handle was built on). `database.executeSql` is not enough:
 * pg-boss migrates with parameterless multi-statement scripts, which PGlite runs only through
 * `exec()` and the handle's `executeSql` flattens away (it returns `result.rows` of a single result).
 *
 * - PGlite: pg-boss's own `fromPglite` adapter (multi-statement `exec`, rollback of an aborted
 *   statement on the single connection, in-process LISTEN/NOTIFY) with `backend: 'pglite'`. pg-boss
 *   never closes the instance; the Database handle owns it.
 * - PostgreSQL: the pool's connection string, so pg-boss keeps a small pool of its own and its
 *   self-healing LISTEN connection rather than competing with requests for the app's pool.
 */
export function pgBossConnection(database: Database): ConstructorOptions {
  const client = (database.db as unknown as { $client?: unknown }).$client;
  if (database.kind === 'pglite') {
    if (!(client instanceof PGlite)) throw new Error('Job runner: the PGlite database handle exposes no PGlite client');
    return { db: fromPglite(client), backend: 'pglite' };
  }
  if (!(client instanceof pg.Pool)) throw new Error('Job runner: the PostgreSQL database handle exposes no pg Pool');
  const { connectionString } = client.options;
  if (!connectionString) throw new Error('Job runner: the PostgreSQL pool was not opened from a connection string');
  return { connectionString, max: pgBossPoolSize, application_name: 'switchboard-jobs' };
}
