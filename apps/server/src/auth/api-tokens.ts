import type { ApiToken } from '@switchboard/contracts';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { apiTokens } from '../db/schema.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { hashSecret, newSecret } from './tokens.js';

type AgencyScope = Extract<Scope, { kind: 'agency' }>;

const toDto = (row: typeof apiTokens.$inferSelect): ApiToken => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt.toISOString(),
});

/** An API token acts with its owner's role and clients until it expires; revoking it ends it at once. */
export async function createApiToken(db: Db, scope: AgencyScope, input: { name: string; expiresInDays: number }) {
  const token = newSecret('sbt_');
  const [row] = await db
    .insert(apiTokens)
    .values({
      name: input.name,
      tokenHash: hashSecret(token),
      agencyUserId: scope.userId,
      expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
    })
    .returning();
  return { ...toDto(row!), token };
}

export async function listApiTokens(db: Db, scope: AgencyScope): Promise<ApiToken[]> {
  const rows = await db
    .select()
    .from(apiTokens)
    .where(
      and(eq(apiTokens.agencyUserId, scope.userId), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, sql`now()`)),
    )
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(toDto);
}

export async function revokeApiToken(db: Db, scope: AgencyScope, tokenId: string): Promise<void> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.agencyUserId, scope.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  if (rows.length === 0) throw notFound('API token');
}
