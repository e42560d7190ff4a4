import type { AgencyUser, Locale } from '@switchboard/contracts';
import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { agencyUsers, agentClients } from '../db/schema.js';

type Row = typeof agencyUsers.$inferSelect;

export const toAgencyUser = (row: Row, clientIds: string[]): AgencyUser => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  tier: row.tier,
  skills: row.skills,
  languages: row.languages,
  capacity: row.capacity,
  clientIds,
  locale: row.locale as Locale,
  active: row.active,
  createdAt: row.createdAt.toISOString(),
});

export async function selectAgencyUsers(db: DbOrTx): Promise<AgencyUser[]> {
  const [users, links] = await Promise.all([
    db.select().from(agencyUsers).orderBy(asc(agencyUsers.name)),
    db.select().from(agentClients),
  ]);
  return users.map((u) =>
    toAgencyUser(
      u,
      links.filter((l) => l.agentId === u.id).map((l) => l.clientId),
    ),
  );
}

export const findAgencyUserRow = async (db: DbOrTx, id: string) =>
  (await db.select().from(agencyUsers).where(eq(agencyUsers.id, id)).limit(1))[0];

/** Replaces the set of clients an agent serves. */
export async function setServedClients(db: DbOrTx, agentId: string, clientIds: string[]) {
  await db.delete(agentClients).where(eq(agentClients.agentId, agentId));
  if (clientIds.length > 0) {
    await db.insert(agentClients).values([...new Set(clientIds)].map((clientId) => ({ agentId, clientId })));
  }
}

export async function servedClientIdsOf(db: DbOrTx, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ clientId: agentClients.clientId })
    .from(agentClients)
    .where(eq(agentClients.agentId, agentId));
  return rows.map((r) => r.clientId);
}

/** The active owners, locked until the transaction ends, so two owners cannot step down at once. */
export async function lockActiveOwnerIds(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ id: agencyUsers.id })
    .from(agencyUsers)
    .where(and(eq(agencyUsers.role, 'owner'), eq(agencyUsers.active, true)))
    .for('update');
  return rows.map((r) => r.id);
}
