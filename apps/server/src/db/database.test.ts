import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/database.js';
import { type Database, jsonRows, queryRows } from './index.js';
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

  it('runs a set-wise statement again and again with different rows; on PostgreSQL it is prepared once per connection', async () => {
    const sum = (rows: { n: number }[]) =>
      queryRows<{ total: number }>(
        database.db,
        sql`SELECT coalesce(sum(q.n), 0)::int AS total FROM jsonb_to_recordset(${jsonRows(rows)}) AS q(n int)`,
      );
    for (let i = 0; i < 12; i++) {
      const rows = Array.from({ length: i }, (_, n) => ({ n: n + 1 }));
      expect(await sum(rows)).toEqual([{ total: (i * (i + 1)) / 2 }]);
    }
    // Inside a transaction as well (its own connection), and a failing one leaves the next use intact.
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`SELECT q.n FROM jsonb_to_recordset(${jsonRows([{ n: 1 }])}) AS q(n int)`);
        await tx.execute(sql`SELECT q.n / 0 FROM jsonb_to_recordset(${jsonRows([{ n: 1 }])}) AS q(n int)`);
      }),
    ).rejects.toThrow();
    expect(await sum([{ n: 40 }, { n: 2 }])).toEqual([{ total: 42 }]);
    if (database.kind === 'postgres') {
      // This statement only: other connections' statements are not visible here.
      const prepared = await queryRows<{ name: string }>(
        database.db,
        sql`SELECT name FROM pg_prepared_statements WHERE statement LIKE '%jsonb_to_recordset%'`,
      );
      expect(prepared.length).toBeGreaterThan(0);
      expect(prepared.every((p) => /^sb_[0-9a-f]{20}$/.test(p.name))).toBe(true);
    }
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
