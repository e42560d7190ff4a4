import type { AgencyUser, UpdateAgencyUserRequest } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { deleteSessionsOf, hashPassword, revokeApiTokensOf } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { agencyUsers } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import {
  findAgencyUserRow,
  lockActiveOwnerIds,
  servedClientIdsOf,
  setServedClients,
  toAgencyUser,
} from './agency-user-repository.js';
import { guardRoleChange } from './guard-role-change.js';

/** A new password or deactivation ends the user's open sessions; a new password also revokes their API tokens. */
export async function updateAgencyUser(
  db: Db,
  scope: Scope,
  userId: string,
  input: z.infer<typeof UpdateAgencyUserRequest>,
): Promise<AgencyUser> {
  const { password, clientIds, ...fields } = input;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return db.transaction(async (tx) => {
    const current = await findAgencyUserRow(tx, userId);
    if (!current) throw notFound('Agency user');
    guardRoleChange(scope, { currentRole: current.role, nextRole: fields.role });
    const stepsDown = (fields.role !== undefined && fields.role !== 'owner') || fields.active === false;
    if (current.role === 'owner' && current.active && stepsDown) {
      const others = (await lockActiveOwnerIds(tx)).filter((id) => id !== userId);
      if (others.length === 0)
        throw new AppError(
          'LAST_ACTIVE_OWNER',
          'The agency must keep an active owner: make someone else an owner first.',
        );
    }
    const changes = { ...fields, ...(passwordHash ? { passwordHash } : {}) };
    // Only the clients served may change: there is no column to set, and an empty SET is not SQL.
    const [row] = Object.keys(changes).length
      ? await tx.update(agencyUsers).set(changes).where(eq(agencyUsers.id, userId)).returning()
      : [current];
    if (clientIds) await setServedClients(tx, userId, clientIds);
    if (passwordHash || fields.active === false) await deleteSessionsOf(tx, userId);
    if (passwordHash) await revokeApiTokensOf(tx, userId);
    await recordAudit(tx, scope, {
      clientId: null,
      action: 'agency_user.updated',
      entity: 'agency_user',
      entityId: userId,
      data: { ...fields, clientIds, passwordChanged: Boolean(password) },
    });
    return toAgencyUser(row!, await servedClientIdsOf(tx, userId));
  });
}
