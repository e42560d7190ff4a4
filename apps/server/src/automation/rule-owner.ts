import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope, isManager, type Scope } from '../platform/scope.js';
import { findMacroOwner, findRuleOwner } from './automation-repository.js';

/**
 * Whose rule or macro this is (a client's id, or null for agency-wide), if the caller may touch it.
 * Anything outside the scope answers 404, like a record that does not exist; agency-wide ones
 * belong to the agency's managers.
 */
export function assertOwnerInScope(scope: Scope, clientId: string | null, what: string): string | null {
  if (clientId === null) {
    if (!isManager(scope)) throw notFound(what);
    return null;
  }
  try {
    assertClientInScope(scope, clientId);
  } catch {
    throw notFound(what);
  }
  return clientId;
}

export async function ruleOwnerFor(db: DbOrTx, scope: Scope, ruleId: string): Promise<string | null> {
  const owner = await findRuleOwner(db, ruleId);
  if (!owner) throw notFound('Rule');
  return assertOwnerInScope(scope, owner.clientId, 'Rule');
}

export async function macroOwnerFor(db: DbOrTx, scope: Scope, macroId: string): Promise<string | null> {
  const owner = await findMacroOwner(db, macroId);
  if (!owner) throw notFound('Macro');
  return assertOwnerInScope(scope, owner.clientId, 'Macro');
}
