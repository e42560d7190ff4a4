import type { AutomationRule, ReorderAutomationRulesRequest } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { toRule } from './automation-dto.js';
import { listRules, setRulePositions } from './automation-repository.js';
import { assertOwnerInScope } from './rule-owner.js';

/** The order a client's (or the agency's) rules run in: every rule of that owner, each once. */
export async function reorderAutomationRules(
  db: Db,
  scope: Scope,
  input: ReorderAutomationRulesRequest,
): Promise<AutomationRule[]> {
  const clientId = assertOwnerInScope(scope, input.clientId, 'Client');
  return db.transaction(async (tx) => {
    const current = await listRules(tx, clientId);
    const known = new Set(current.map((rule) => rule.id));
    const wanted = new Set(input.ruleIds);
    if (
      wanted.size !== input.ruleIds.length ||
      wanted.size !== known.size ||
      input.ruleIds.some((id) => !known.has(id))
    )
      throw new AppError('RULE_ORDER_INCOMPLETE', 'Send every rule of this client exactly once, in the new order.');
    await setRulePositions(tx, clientId, input.ruleIds);
    await recordAudit(tx, scope, {
      clientId,
      action: 'automation.rules_reordered',
      entity: 'automation_rule',
      entityId: clientId ?? 'agency',
      data: { ruleIds: input.ruleIds },
    });
    return (await listRules(tx, clientId)).map(toRule);
  });
}
