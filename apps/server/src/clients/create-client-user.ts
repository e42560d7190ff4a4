import type { ClientUser, CreateClientUserRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { hashPassword } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { clientUsers } from '../db/schema.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { emailTaken, findClient, toClientUser } from './client-repository.js';

export async function createClientUser(
  db: Db,
  scope: Scope,
  clientId: string,
  input: z.infer<typeof CreateClientUserRequest>,
): Promise<ClientUser> {
  const email = input.email.toLowerCase();
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    if (!(await findClient(tx, clientId))) throw notFound('Client');
    if (await emailTaken(tx, email)) throw new AppError('EMAIL_TAKEN', `${email} already has an account.`);
    const [row] = await tx
      .insert(clientUsers)
      .values({ clientId, email, name: input.name, locale: input.locale, passwordHash })
      .returning();
    await recordAudit(tx, scope, {
      clientId,
      action: 'client_user.created',
      entity: 'client_user',
      entityId: row!.id,
      data: { email },
    });
    return toClientUser(row!);
  });
}
