import pg from 'pg';

export const DEFAULT_SERVER = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';

/** `BENCH_DATABASE_URL`, or the local server with the given database name. */
export function benchDatabaseUrl(defaultName: string): string {
  const fromEnv = process.env.BENCH_DATABASE_URL;
  if (fromEnv) return fromEnv;
  const url = new URL(DEFAULT_SERVER);
  url.pathname = `/${defaultName}`;
  return url.toString();
}

function split(url: string): { name: string; maintenance: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!name) throw new Error(`No database name in ${url}`);
  u.pathname = '/postgres';
  return { name, maintenance: u.toString() };
}

async function withMaintenance<T>(url: string, run: (client: pg.Client, name: string) => Promise<T>): Promise<T> {
  const { name, maintenance } = split(url);
  const client = new pg.Client({ connectionString: maintenance });
  await client.connect();
  try {
    return await run(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database when it does not exist; with `fresh`, drops it first. */
export async function ensureDatabase(url: string, fresh: boolean): Promise<void> {
  await withMaintenance(url, async (client, name) => {
    const ident = pg.escapeIdentifier(name);
    if (fresh) await client.query(`DROP DATABASE IF EXISTS ${ident} WITH (FORCE)`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${ident}`);
  });
}

/**
 * What a finished load wrote into the database's comment (JSON), so a later run can tell whether the
 * data set is complete and which sizes and load time it had. An interrupted load leaves no comment.
 */
export async function readLoadMarker<T>(url: string): Promise<T | null> {
  return withMaintenance(url, async (client, name) => {
    const r = await client.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    const comment = r.rows[0]?.comment;
    if (!comment?.startsWith('{')) return null;
    try {
      return JSON.parse(comment) as T;
    } catch {
      return null;
    }
  });
}

export async function writeLoadMarker(url: string, marker: unknown): Promise<void> {
  await withMaintenance(url, async (client, name) => {
    await client.query(
      `COMMENT ON DATABASE ${pg.escapeIdentifier(name)} IS ${pg.escapeLiteral(JSON.stringify(marker))}`,
    );
  });
}
