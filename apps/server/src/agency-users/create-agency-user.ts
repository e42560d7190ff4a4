import type { AgencyUser, CreateAgencyUserRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { hashPassword } from '../auth/index.js';
import { emailTaken } from '../clients/index.js';
import type { Db } from '../db/index.js';
import { agencyUsers } from '../db/schema.js';
import { AppError } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { setServedClients, toAgencyUser } from './agency-user-repository.js';
import { guardRoleChange } from './guard-role-change.js';

export async function createAgencyUser(
  db: Db,
  scope: Scope,
  input: z.infer<typeof CreateAgencyUserRequest>,
): Promise<AgencyUser> {
  guardRoleChange(scope, { nextRole: input.role });
  const { password, clientIds, ...fields } = input;
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    if (await emailTaken(tx, email)) throw new AppError('EMAIL_TAKEN', `${email} already has an account.`);
    const [row] = await tx
      .insert(agencyUsers)
      .values({ ...fields, email, passwordHash })
      .returning();
    await setServedClients(tx, row!.id, clientIds);
    await recordAudit(tx, scope, {
      clientId: null,
      action: 'agency_user.created',
      entity: 'agency_user',
      entityId: row!.id,
      data: { ...fields, email, clientIds },
    });
    return toAgencyUser(row!, [...new Set(clientIds)]);
  });
}
