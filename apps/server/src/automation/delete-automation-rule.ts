import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { deleteRule } from './automation-repository.js';
import { ruleOwnerFor } from './rule-owner.js';

/** Removes a rule; its past runs stay on the timeline and in the run log under its name. */
export async function deleteAutomationRule(db: Db, scope: Scope, ruleId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const clientId = await ruleOwnerFor(tx, scope, ruleId);
    if (!(await deleteRule(tx, clientId, ruleId))) throw notFound('Rule');
    await recordAudit(tx, scope, {
      clientId,
      action: 'automation.rule_deleted',
      entity: 'automation_rule',
      entityId: ruleId,
    });
  });
}
