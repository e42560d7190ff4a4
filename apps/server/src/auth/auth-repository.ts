import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/index.js';
import { agencyUsers, agentClients, apiTokens, clients, clientUsers, sessions } from '../db/schema.js';

export const findAgencyUserByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(agencyUsers).where(eq(agencyUsers.email, email)).limit(1))[0];

export const findClientUserByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(clientUsers).where(eq(clientUsers.email, email)).limit(1))[0];

export const findAgencyUser = async (db: DbOrTx, id: string) =>
  (await db.select().from(agencyUsers).where(eq(agencyUsers.id, id)).limit(1))[0];

export async function findClientUserWithClient(db: DbOrTx, id: string) {
  const rows = await db
    .select({
      user: clientUsers,
      client: { id: clients.id, name: clients.name, slug: clients.slug, active: clients.active },
    })
    .from(clientUsers)
    .innerJoin(clients, eq(clients.id, clientUsers.clientId))
    .where(eq(clientUsers.id, id))
    .limit(1);
  return rows[0];
}

export async function servedClientIds(db: DbOrTx, agentId: string): Promise<string[]> {
  const rows = await db
    .select({ clientId: agentClients.clientId })
    .from(agentClients)
    .innerJoin(clients, eq(clients.id, agentClients.clientId))
    .where(and(eq(agentClients.agentId, agentId), eq(clients.active, true)));
  return rows.map((r) => r.clientId);
}

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export const findLiveSession = async (db: DbOrTx, tokenHash: string) =>
  (
    await db
      .select()
      .from(sessions)
      .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, sql`now()`)))
      .limit(1)
  )[0];

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: DbOrTx, principalId: string) {
  await db.delete(sessions).where(eq(sessions.principalId, principalId));
}

export async function findLiveApiToken(db: DbOrTx, tokenHash: string) {
  const rows = await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .returning();
  return rows[0];
}

export async function updateAgencyUserLocale(db: DbOrTx, id: string, locale: string) {
  await db.update(agencyUsers).set({ locale }).where(eq(agencyUsers.id, id));
}

export async function updateClientUserLocale(db: DbOrTx, id: string, locale: string) {
  await db.update(clientUsers).set({ locale }).where(eq(clientUsers.id, id));
}
