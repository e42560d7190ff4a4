import { sql } from 'drizzle-orm';
import { assignConversations } from '../conversations/index.js';
import { type Db, type Tx, takeSpareConnection } from '../db/index.js';
import { type AssignmentWrite, stampLastAssigned } from './routing-repository.js';

/** From this many assignments a pass on PostgreSQL writes in two halves at once. */
export const SPREAD_FROM = 1000;

/**
 * Writes a pass's assignments. Each one costs the database a new row version through every index of
 * `conversations`, a timeline row, an audit row and three foreign-key checks, all on one core (see
 * docs/lab/benchmarks-notebook.md, `routing`). So a large pass on PostgreSQL is split by client in two: one half in the
 * pass's transaction, the other at the same time in a transaction on a spare connection (only if the pool
 * has one free at once). The spare half commits only when both halves succeeded, and before the pass's
 * transaction, which holds the routing lock, so no other pass decides until both are in. Either half keeps
 * each assignment with its timeline entry and audit record. Returns what was assigned, in decision order.
 */
export async function writePass(
  db: Db,
  tx: Tx,
  writes: readonly AssignmentWrite[],
  at: Date,
  spreadFrom = SPREAD_FROM,
): Promise<AssignmentWrite[]> {
  const spare = writes.length >= spreadFrom ? await takeSpareConnection(db).catch(() => null) : null;
  let done: AssignmentWrite[];
  if (!spare) {
    done = await assignConversations(tx, writes, at);
  } else {
    try {
      const [mine, theirs] = splitByClient(writes);
      await spare.db.execute(sql`BEGIN`);
      const [own, other] = await Promise.allSettled([
        assignConversations(tx, mine, at),
        assignConversations(spare.db, theirs, at),
      ]);
      if (own.status === 'rejected' || other.status === 'rejected') {
        await spare.db.execute(sql`ROLLBACK`).catch(() => {});
        throw own.status === 'rejected' ? own.reason : (other as PromiseRejectedResult).reason;
      }
      await spare.db.execute(sql`COMMIT`);
      const ids = new Set([...own.value, ...other.value].map((w) => w.conversationId));
      done = writes.filter((w) => ids.has(w.conversationId));
    } finally {
      spare.release();
    }
  }
  await stampLastAssigned(tx, done, at);
  return done;
}

/** Two groups of whole clients with about as many assignments each (the larger clients placed first). */
export function splitByClient(writes: readonly AssignmentWrite[]): [AssignmentWrite[], AssignmentWrite[]] {
  const byClient = new Map<string, AssignmentWrite[]>();
  for (const w of writes) {
    const rows = byClient.get(w.clientId);
    if (rows) rows.push(w);
    else byClient.set(w.clientId, [w]);
  }
  const halves: [AssignmentWrite[], AssignmentWrite[]] = [[], []];
  for (const rows of [...byClient.values()].sort((a, b) => b.length - a.length)) {
    (halves[0].length <= halves[1].length ? halves[0] : halves[1]).push(...rows);
  }
  return halves;
}
