import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import type { Database } from './index.js';
import { auditLog } from './schema.js';

describe('database', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.close());

  it('runs the migrations', async () => {
    const { rows } = await database.executeSql(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('conversations','messages','audit_log')`,
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('refuses to rewrite the audit log', async () => {
    const [entry] = await database.db
      .insert(auditLog)
      .values({ actorKind: 'system', action: 'test', entity: 'test', entityId: '1' })
      .returning();
    await expect(database.db.execute(sql`UPDATE audit_log SET action = 'x' WHERE id = ${entry!.id}`)).rejects.toThrow();
    await expect(database.db.execute(sql`DELETE FROM audit_log WHERE id = ${entry!.id}`)).rejects.toThrow();
  });

  it('passes notifications through LISTEN/NOTIFY', async () => {
    const received = new Promise<string>((resolve) => {
      void database.listen('sb_test', resolve);
    });
    await new Promise((r) => setTimeout(r, 50));
    await database.notify('sb_test', 'hello');
    expect(await received).toBe('hello');
  });

  // Only PostgreSQL has a listening connection that can die under us (PGlite is in-process), so this
  // case exists in the PostgreSQL run of the suite, which CI always makes.
  const onPostgres = process.env.TEST_DATABASE_URL ? it : () => {};
  onPostgres('listens again after the listening connection is killed', async () => {
    const received: string[] = [];
    await database.listen('sb_reconnect', (payload) => received.push(payload));
    const { rows } = await database.executeSql(
      `SELECT pg_terminate_backend(pid) AS killed FROM pg_stat_activity
       WHERE datname = current_database() AND query ILIKE 'LISTEN%sb_reconnect%' AND pid <> pg_backend_pid()`,
    );
    expect(rows).toEqual([{ killed: true }]);
    await expect
      .poll(
        async () => {
          await database.notify('sb_reconnect', 'after');
          return received;
        },
        { timeout: 10_000, interval: 300 },
      )
      .toContain('after');
  });
});
