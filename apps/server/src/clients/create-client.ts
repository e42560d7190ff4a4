import type { Client, CreateClientRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { clients } from '../db/schema.js';
import { AppError } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { findClientBySlug, toClient } from './client-repository.js';

export async function createClient(db: Db, scope: Scope, input: z.infer<typeof CreateClientRequest>): Promise<Client> {
  return db.transaction(async (tx) => {
    if (await findClientBySlug(tx, input.slug)) throw new AppError('SLUG_TAKEN', `The slug "${input.slug}" is taken.`);
    const [row] = await tx.insert(clients).values(input).returning();
    await recordAudit(tx, scope, {
      clientId: row!.id,
      action: 'client.created',
      entity: 'client',
      entityId: row!.id,
      data: input,
    });
    return toClient(row!);
  });
}
