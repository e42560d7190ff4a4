import type { AutomationRule, CreateAutomationRuleRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import type { Scope } from '../platform/scope.js';
import { toRule } from './automation-dto.js';
import { insertRule } from './automation-repository.js';
import { checkRuleReferences } from './check-rule-references.js';
import { assertOwnerInScope } from './rule-owner.js';

type Input = z.output<typeof CreateAutomationRuleRequest>;

/** A new rule, last in its client's (or the agency's) order. */
export async function createAutomationRule(db: Db, scope: Scope, input: Input): Promise<AutomationRule> {
  const clientId = assertOwnerInScope(scope, input.clientId, 'Client');
  return db.transaction(async (tx) => {
    await checkRuleReferences(tx, clientId, input.actions);
    const row = await insertRule(tx, {
      clientId,
      agencyWide: clientId === null,
      name: input.name,
      events: [...new Set(input.events)],
      conditions: input.conditions,
      actions: input.actions,
      enabled: input.enabled,
      stopAfter: input.stopAfter,
    });
    await recordAudit(tx, scope, {
      clientId,
      action: 'automation.rule_created',
      entity: 'automation_rule',
      entityId: row.id,
      data: { name: row.name },
    });
    return toRule(row);
  });
}
