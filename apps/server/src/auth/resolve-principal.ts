import type { Locale } from '@switchboard/contracts';
import type { DbOrTx } from '../db/index.js';
import {
  findAgencyUser,
  findClientUserWithClient,
  findLiveApiToken,
  findLiveSession,
  servedClientIds,
} from './auth-repository.js';
import type { Principal } from './principal.js';
import { hashSecret } from './tokens.js';

const MANAGER_ROLES = new Set(['owner', 'admin', 'supervisor']);

export async function agencyPrincipal(db: DbOrTx, userId: string, via: Principal['via']): Promise<Principal | null> {
  const user = await findAgencyUser(db, userId);
  if (!user?.active) return null;
  const clientIds = MANAGER_ROLES.has(user.role) ? 'all' : await servedClientIds(db, user.id);
  return {
    via,
    scope: { kind: 'agency', userId: user.id, role: user.role, clientIds },
    me: {
      kind: 'agency',
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      tier: user.tier,
      locale: user.locale as Locale,
    },
  };
}

export async function clientPrincipal(db: DbOrTx, userId: string): Promise<Principal | null> {
  const row = await findClientUserWithClient(db, userId);
  if (!row?.user.active || !row.client.active) return null;
  return {
    via: 'session',
    scope: { kind: 'client', userId: row.user.id, clientId: row.client.id },
    me: {
      kind: 'client',
      id: row.user.id,
      email: row.user.email,
      name: row.user.name,
      locale: row.user.locale as Locale,
      client: { id: row.client.id, name: row.client.name, slug: row.client.slug },
    },
  };
}

export async function principalFromSession(db: DbOrTx, sessionToken: string): Promise<Principal | null> {
  const session = await findLiveSession(db, hashSecret(sessionToken));
  if (!session) return null;
  return session.principalKind === 'agency'
    ? agencyPrincipal(db, session.principalId, 'session')
    : clientPrincipal(db, session.principalId);
}

export async function principalFromApiToken(db: DbOrTx, bearer: string): Promise<Principal | null> {
  const token = await findLiveApiToken(db, hashSecret(bearer));
  return token ? agencyPrincipal(db, token.agencyUserId, 'api-token') : null;
}
