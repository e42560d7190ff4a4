import type { SlaPolicy, SlaPolicyInput } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import { findClient } from '../clients/index.js';
import { saveSlaStates } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { toSlaPolicy } from './get-sla-policy.js';
import { decideSla } from './keep-sla.js';
import { listUnresolvedConversationIds, upsertSlaPolicy } from './sla-repository.js';

/**
 * Saves a client's SLA policy (its contract's targets and calendar) and recomputes the due times of
 * its unresolved conversations in the same transaction, so the desk never shows a stale promise.
 */
export async function updateSlaPolicy(
  db: Db,
  scope: Scope,
  clientId: string,
  input: SlaPolicyInput,
): Promise<SlaPolicy> {
  assertClientInScope(scope, clientId);
  return db.transaction(async (tx) => {
    if (!(await findClient(tx, clientId))) throw notFound('Client');
    const row = await upsertSlaPolicy(tx, clientId, input);
    const at = new Date();
    const unresolved = await listUnresolvedConversationIds(tx, clientId);
    const decision = await decideSla(
      tx,
      unresolved.map((conversationId) => ({ clientId, conversationId, change: { type: 'priority', at } })),
    );
    await saveSlaStates(tx, decision.states);
    await decision.record(tx);
    await recordAudit(tx, scope, {
      clientId,
      action: 'sla_policy.updated',
      entity: 'client',
      entityId: clientId,
      data: { enabled: input.enabled, warnAtPercent: input.warnAtPercent, mode: input.calendar.mode },
    });
    return toSlaPolicy(row);
  });
}
