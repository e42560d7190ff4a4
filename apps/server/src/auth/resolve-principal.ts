import type { Locale } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import { managerReach } from '../platform/scope.js';
import {
  findAgencyPrincipalRow,
  findApiTokenPrincipalRow,
  findClientPrincipalRow,
  findSessionPrincipalRow,
  type PrincipalRow,
} from './auth-repository.js';
import type { Principal } from './principal.js';
import { hashSecret } from './tokens.js';

const MANAGER_ROLES = new Set(['owner', 'admin', 'supervisor']);

/** A principal from its row; none for a disabled account or client. */
function principalOf(row: PrincipalRow | undefined, via: Principal['via']): Principal | null {
  if (!row?.active) return null;
  if (row.kind === 'client') {
    const client = { id: row.client_id!, name: row.client_name!, slug: row.client_slug! };
    return {
      via,
      scope: { kind: 'client', userId: row.id, clientId: client.id },
      me: { kind: 'client', id: row.id, email: row.email, name: row.name, locale: row.locale as Locale, client },
    };
  }
  const role = row.role!;
  return {
    via,
    scope: {
      kind: 'agency',
      userId: row.id,
      role,
      clientIds: MANAGER_ROLES.has(role) ? managerReach : (row.served ?? []),
    },
    me: {
      kind: 'agency',
      id: row.id,
      email: row.email,
      name: row.name,
      role,
      tier: row.tier!,
      locale: row.locale as Locale,
    },
  };
}

export async function agencyPrincipal(db: DbOrTx, userId: string, via: Principal['via']): Promise<Principal | null> {
  return principalOf(await findAgencyPrincipalRow(db, userId), via);
}

export async function clientPrincipal(db: DbOrTx, userId: string): Promise<Principal | null> {
  return principalOf(await findClientPrincipalRow(db, userId), 'session');
}

/** Every signed-in request asks this: one statement. */
export async function principalFromSession(db: DbOrTx, sessionToken: string): Promise<Principal | null> {
  return principalOf(await findSessionPrincipalRow(db, hashSecret(sessionToken)), 'session');
}

export async function principalFromApiToken(db: DbOrTx, bearer: string): Promise<Principal | null> {
  return principalOf(await findApiTokenPrincipalRow(db, hashSecret(bearer)), 'api-token');
}
