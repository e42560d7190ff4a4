import type { SlaPolicy } from '@switchboard/contracts';
import { findClient } from '../clients/index.js';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { defaultSlaPolicy } from './default-sla-policy.js';
import { findSlaPolicy, type SlaPolicyRow } from './sla-repository.js';

/** The client's SLA policy; before one is saved, the suggested defaults in the client's time zone. */
export async function getSlaPolicy(db: DbOrTx, scope: Scope, clientId: string): Promise<SlaPolicy> {
  assertClientInScope(scope, clientId);
  const client = await findClient(db, clientId);
  if (!client) throw notFound('Client');
  const row = await findSlaPolicy(db, clientId);
  if (!row) return { ...defaultSlaPolicy(client.timezone), clientId, saved: false, updatedAt: null };
  return toSlaPolicy(row);
}

export const toSlaPolicy = (row: SlaPolicyRow): SlaPolicy => ({
  clientId: row.clientId,
  enabled: row.enabled,
  targets: row.targets,
  warnAtPercent: row.warnAtPercent,
  calendar: row.calendar,
  saved: true,
  updatedAt: row.updatedAt.toISOString(),
});
