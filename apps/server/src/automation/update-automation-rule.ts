import type { AutomationRule, UpdateAutomationRuleRequest } from '@switchboard/contracts';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import { toRule } from './automation-dto.js';
import { updateRule } from './automation-repository.js';
import { checkRuleReferences } from './check-rule-references.js';
import { ruleOwnerFor } from './rule-owner.js';

type Input = z.output<typeof UpdateAutomationRuleRequest>;

/** Rename, re-target, enable or disable a rule; the audit log keeps what changed. */
export async function updateAutomationRule(
  db: Db,
  scope: Scope,
  ruleId: string,
  input: Input,
): Promise<AutomationRule> {
  return db.transaction(async (tx) => {
    const clientId = await ruleOwnerFor(tx, scope, ruleId);
    if (input.actions) await checkRuleReferences(tx, clientId, input.actions);
    const row = await updateRule(tx, clientId, ruleId, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.events !== undefined ? { events: [...new Set(input.events)] } : {}),
      ...(input.conditions !== undefined ? { conditions: input.conditions } : {}),
      ...(input.actions !== undefined ? { actions: input.actions } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
      ...(input.stopAfter !== undefined ? { stopAfter: input.stopAfter } : {}),
    });
    if (!row) throw notFound('Rule');
    await recordAudit(tx, scope, {
      clientId,
      action: 'automation.rule_updated',
      entity: 'automation_rule',
      entityId: ruleId,
      data: { changed: Object.keys(input), enabled: row.enabled },
    });
    return toRule(row);
  });
}
