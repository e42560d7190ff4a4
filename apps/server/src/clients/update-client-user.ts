import type { ClientUser, UpdateClientUserRequest } from '@switchboard/contracts';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { deleteSessionsOf, hashPassword } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { clientUsers } from '../db/schema.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { toClientUser } from './client-repository.js';

/** A new password or deactivation ends the user's open sessions. */
export async function updateClientUser(
  db: Db,
  scope: Scope,
  clientId: string,
  userId: string,
  input: z.infer<typeof UpdateClientUserRequest>,
): Promise<ClientUser> {
  const { password, ...fields } = input;
  const passwordHash = password ? await hashPassword(password) : undefined;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(clientUsers)
      .set({ ...fields, ...(passwordHash ? { passwordHash } : {}) })
      .where(and(eq(clientUsers.clientId, clientId), eq(clientUsers.id, userId)))
      .returning();
    if (!row) throw notFound('Client user');
    if (passwordHash || fields.active === false) await deleteSessionsOf(tx, userId);
    await recordAudit(tx, scope, {
      clientId,
      action: 'client_user.updated',
      entity: 'client_user',
      entityId: userId,
      data: { ...fields, passwordChanged: Boolean(password) },
    });
    return toClientUser(row);
  });
}
