import type { Escalation, PortalEscalation } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { readableClientIds, type Scope } from '../platform/scope.js';
import { toEscalation, toPortalEscalation } from './escalation-dto.js';
import { listEscalations } from './escalation-repository.js';

/** The escalations of one conversation, for the desk. */
export async function listConversationEscalations(
  db: DbOrTx,
  scope: Scope,
  conversationId: string,
): Promise<Escalation[]> {
  const rows = await listEscalations(db, { clientIds: readableClientIds(scope), conversationId });
  return rows.map(toEscalation);
}

export async function getEscalation(db: DbOrTx, scope: Scope, escalationId: string): Promise<Escalation> {
  const [row] = await listEscalations(db, { clientIds: readableClientIds(scope), escalationId });
  if (!row) throw notFound('Escalation');
  return toEscalation(row);
}

/** The portal's list: only the caller's own client, open and overdue first. */
export async function listClientEscalations(
  db: DbOrTx,
  scope: Extract<Scope, { kind: 'client' }>,
  state: 'open' | 'overdue' | 'answered' | undefined,
): Promise<PortalEscalation[]> {
  const rows = await listEscalations(db, { clientIds: [scope.clientId], state });
  return rows.map(toPortalEscalation);
}

export async function getClientEscalation(
  db: DbOrTx,
  scope: Extract<Scope, { kind: 'client' }>,
  escalationId: string,
): Promise<PortalEscalation> {
  const [row] = await listEscalations(db, { clientIds: [scope.clientId], escalationId });
  if (!row) throw notFound('Escalation');
  return toPortalEscalation(row);
}
