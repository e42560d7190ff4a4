import type { AutomationRule, AutomationRun } from '@switchboard/contracts';
import type { Db } from '../db/index.js';
import { readableClientIds, type Scope } from '../platform/scope.js';
import { toRule, toRun } from './automation-dto.js';
import { listRules, listRuns } from './automation-repository.js';
import { assertOwnerInScope, ruleOwnerFor } from './rule-owner.js';

/** A client's rules in the order they run, or the agency-wide rules when no client is named. */
export async function listAutomationRules(
  db: Db,
  scope: Scope,
  clientId: string | undefined,
): Promise<AutomationRule[]> {
  const owner = assertOwnerInScope(scope, clientId ?? null, 'Client');
  return (await listRules(db, owner)).map(toRule);
}

/** Recent runs, newest first, across the clients the caller may read (or one client, or one rule). */
export async function listAutomationRuns(
  db: Db,
  scope: Scope,
  filter: { clientId?: string | undefined; ruleId?: string | undefined; limit: number },
): Promise<AutomationRun[]> {
  if (filter.clientId) assertOwnerInScope(scope, filter.clientId, 'Client');
  if (filter.ruleId) await ruleOwnerFor(db, scope, filter.ruleId);
  return (await listRuns(db, readableClientIds(scope), filter)).map(toRun);
}
