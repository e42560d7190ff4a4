import type { AgencyRole } from '@switchboard/contracts';
import { notFound } from './errors.js';

/**
 * Whose data a request may touch. Every repository function takes one; there is no way to query a
 * client's rows without it. Agency managers see every client; an agent only the clients they serve;
 * a client user only their own client.
 */
export type Scope =
  | { kind: 'agency'; userId: string; role: AgencyRole; clientIds: readonly string[] | 'all' }
  | { kind: 'client'; userId: string; clientId: string };

export const isManager = (scope: Scope): boolean =>
  scope.kind === 'agency' && (scope.role === 'owner' || scope.role === 'admin' || scope.role === 'supervisor');

/** The clients a scope may read, or 'all'. */
export function readableClientIds(scope: Scope): readonly string[] | 'all' {
  return scope.kind === 'client' ? [scope.clientId] : scope.clientIds;
}

export function canReadClient(scope: Scope, clientId: string): boolean {
  const ids = readableClientIds(scope);
  return ids === 'all' || ids.includes(clientId);
}

/** A client outside the scope is answered exactly like one that does not exist. */
export function assertClientInScope(scope: Scope, clientId: string): void {
  if (!canReadClient(scope, clientId)) throw notFound('Client');
}
