import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, prepared, queryRows } from '../db/index.js';
import { agencyUsers, apiTokens, clientUsers, sessions } from '../db/schema.js';

export const findAgencyUserByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(agencyUsers).where(eq(agencyUsers.email, email)).limit(1))[0];

export const findClientUserByEmail = async (db: DbOrTx, email: string) =>
  (await db.select().from(clientUsers).where(eq(clientUsers.email, email)).limit(1))[0];

/**
 * What a principal is made of, in one row: the person and whether they may sign in; for agency staff
 * their role, tier and the active clients they serve; for a client user their client.
 */
export type PrincipalRow = {
  kind: 'agency' | 'client';
  id: string;
  email: string;
  name: string;
  locale: string;
  /** False when the account, or a client user's client, is switched off. */
  active: boolean;
  role: (typeof agencyUsers.$inferSelect)['role'] | null;
  tier: number | null;
  served: string[] | null;
  client_id: string | null;
  client_name: string | null;
  client_slug: string | null;
};

const agencyPrincipalRows = (where: SQL) =>
  sql`SELECT 'agency' AS kind, u.id, u.email, u.name, u.locale, u.active, u.role::text AS role, u.tier::int AS tier,
      ARRAY(SELECT ac.client_id FROM agent_clients ac JOIN clients c ON c.id = ac.client_id
        WHERE ac.agent_id = u.id AND c.active ORDER BY ac.client_id) AS served,
      NULL::uuid AS client_id, NULL::text AS client_name, NULL::text AS client_slug
    FROM agency_users u WHERE ${where}`;

const clientPrincipalRows = (where: SQL) =>
  sql`SELECT 'client' AS kind, cu.id, cu.email, cu.name, cu.locale, cu.active AND cl.active AS active, NULL AS role,
      NULL::int AS tier, NULL::uuid[] AS served, cl.id AS client_id, cl.name AS client_name, cl.slug AS client_slug
    FROM client_users cu JOIN clients cl ON cl.id = cu.client_id WHERE ${where}`;

export const findAgencyPrincipalRow = async (db: DbOrTx, id: string) =>
  (await queryRows<PrincipalRow>(db, prepared(agencyPrincipalRows(sql`u.id = ${id}`))))[0];

export const findClientPrincipalRow = async (db: DbOrTx, id: string) =>
  (await queryRows<PrincipalRow>(db, prepared(clientPrincipalRows(sql`cu.id = ${id}`))))[0];

/** The principal of a live session, in one statement (every signed-in request asks). */
export const findSessionPrincipalRow = async (db: DbOrTx, tokenHash: string) =>
  (
    await queryRows<PrincipalRow>(
      db,
      prepared(sql`WITH s AS (SELECT principal_kind, principal_id FROM sessions WHERE token_hash = ${tokenHash} AND expires_at > now())
        ${agencyPrincipalRows(sql`u.id = (SELECT principal_id FROM s WHERE principal_kind = 'agency')`)}
        UNION ALL
        ${clientPrincipalRows(sql`cu.id = (SELECT principal_id FROM s WHERE principal_kind = 'client')`)}`),
    )
  )[0];

/** The agency user behind an unrevoked API token, marking the token used, in one statement. */
export const findApiTokenPrincipalRow = async (db: DbOrTx, tokenHash: string) =>
  (
    await queryRows<PrincipalRow>(
      db,
      prepared(sql`WITH t AS (
          UPDATE api_tokens SET last_used_at = now() WHERE token_hash = ${tokenHash} AND revoked_at IS NULL AND expires_at > now()
          RETURNING agency_user_id
        )
        ${agencyPrincipalRows(sql`u.id = (SELECT agency_user_id FROM t)`)}`),
    )
  )[0];

export async function insertSession(db: DbOrTx, values: typeof sessions.$inferInsert) {
  await db.insert(sessions).values(values);
}

export async function deleteSession(db: DbOrTx, tokenHash: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function deleteSessionsOf(db: DbOrTx, principalId: string) {
  await db.delete(sessions).where(eq(sessions.principalId, principalId));
}

/** On a password reset: whoever reset it may be locking someone out, and the tokens go with the sessions. */
export async function revokeApiTokensOf(db: DbOrTx, agencyUserId: string) {
  await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.agencyUserId, agencyUserId), isNull(apiTokens.revokedAt)));
}

export async function updateAgencyUserLocale(db: DbOrTx, id: string, locale: string) {
  await db.update(agencyUsers).set({ locale }).where(eq(agencyUsers.id, id));
}

export async function updateClientUserLocale(db: DbOrTx, id: string, locale: string) {
  await db.update(clientUsers).set({ locale }).where(eq(clientUsers.id, id));
}
