import type { RoutingSettings, UpdateRoutingSettingsRequest } from '@switchboard/contracts';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope, type Scope } from '../platform/scope.js';
import { clientExists, readRoutingSettings, upsertRoutingSettings } from './routing-settings-repository.js';

/** A client's routing settings: familiar-agent wait, reassign timeout, specialist rules. Audited. */
export async function updateRoutingSettings(
  db: Db,
  scope: Scope,
  clientId: string,
  input: UpdateRoutingSettingsRequest,
): Promise<RoutingSettings> {
  assertClientInScope(scope, clientId);
  if (!(await clientExists(db, clientId))) throw notFound('Client');
  await db.transaction(async (tx) => {
    const before = await readRoutingSettings(tx, clientId);
    await upsertRoutingSettings(tx, clientId, input);
    await recordAudit(tx, scope, {
      clientId,
      action: 'routing.settings',
      entity: 'client',
      entityId: clientId,
      data: { from: before, to: input },
    });
  });
  return readRoutingSettings(db, clientId);
}
