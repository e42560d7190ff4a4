import type { DbOrTx } from '../db/index.js';
import { auditLog } from '../db/schema.js';
import type { Scope } from '../platform/scope.js';

export type AuditEntry = {
  clientId: string | null;
  action: string;
  entity: string;
  entityId: string;
  data?: Record<string, unknown>;
};

/** Appends to the audit log inside the caller's transaction, so the record and the change commit together. */
export async function recordAudit(db: DbOrTx, actor: Scope | 'system', entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    clientId: entry.clientId,
    actorKind: actor === 'system' ? 'system' : actor.kind === 'agency' ? 'agency_user' : 'client_user',
    actorId: actor === 'system' ? null : actor.userId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    data: entry.data ?? {},
  });
}
