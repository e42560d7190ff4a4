import type { Client } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { readableClientIds, type Scope } from '../platform/scope.js';
import { selectClients, toClient } from './client-repository.js';

/** Managers see every client; an agent sees the clients they serve. */
export async function listClients(db: DbOrTx, scope: Scope): Promise<Client[]> {
  return (await selectClients(db, readableClientIds(scope))).map(toClient);
}
