import type { Client, UpdateClientRequest } from '@switchboard/contracts';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { clients } from '../db/schema.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { toClient } from './client-repository.js';

export async function updateClient(
  db: Db,
  scope: Scope,
  clientId: string,
  input: z.infer<typeof UpdateClientRequest>,
): Promise<Client> {
  return db.transaction(async (tx) => {
    const [row] = await tx.update(clients).set(input).where(eq(clients.id, clientId)).returning();
    if (!row) throw notFound('Client');
    await recordAudit(tx, scope, {
      clientId,
      action: 'client.updated',
      entity: 'client',
      entityId: clientId,
      data: input,
    });
    return toClient(row);
  });
}
