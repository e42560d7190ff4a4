import type { AgencyRole } from '@switchboard/contracts';
import { notFound } from './errors.js';

/**
 * Whose data a request may touch. Every repository function takes one; there is no way to query a
 * client's rows without it. Agency managers see every client; an agent only the clients they serve;
 * a client user only their own client.
 */
export type Scope =
  | { kind: 'agency'; userId: string; role: AgencyRole; clientIds: ClientReach }
  | { kind: 'client'; userId: string; clientId: string };

const everyClientBrand: unique symbol = Symbol('every client');

/**
 * Every client of the agency, as a value no request can forge: a manager's reach (`managerReach`, given by
 * the sign-in) or the system's (`systemReach`: a worker, a provider's webhook, the SMTP listener, each saying
 * why). There is no string that switches a client filter off, and a copy (a parsed JSON, a spread) is not one.
 */
export type EveryClient = {
  readonly [everyClientBrand]: true;
  readonly who: 'manager' | 'system';
  readonly why: string;
};

/** Which clients a repository call may read: the ones named, or every client. */
export type ClientReach = readonly string[] | EveryClient;

const everyClient = (who: EveryClient['who'], why: string): EveryClient =>
  Object.freeze({ [everyClientBrand]: true as const, who, why });

/** An owner's, admin's or supervisor's reach: every client. */
export const managerReach: EveryClient = everyClient('manager', 'an agency manager');

/** The system's reach, for work no person asked for (a worker, a provider's webhook): says why. */
export const systemReach = (why: string): EveryClient => everyClient('system', why);

/** Whether the filter is off; anything that is neither a list of clients nor an issued reach is refused. */
export function isEveryClient(reach: ClientReach): reach is EveryClient {
  if (Array.isArray(reach)) return false;
  if (typeof reach === 'object' && reach !== null && (reach as EveryClient)[everyClientBrand] === true) return true;
  throw new Error('A client filter names clients, or is every client as platform/scope issues it');
}

export const isManager = (scope: Scope): boolean =>
  scope.kind === 'agency' && (scope.role === 'owner' || scope.role === 'admin' || scope.role === 'supervisor');

/** The clients a scope may read. */
export function readableClientIds(scope: Scope): ClientReach {
  return scope.kind === 'client' ? [scope.clientId] : scope.clientIds;
}

export function canReadClient(scope: Scope, clientId: string): boolean {
  const ids = readableClientIds(scope);
  return isEveryClient(ids) || ids.includes(clientId);
}

/** A client outside the scope is answered exactly like one that does not exist. */
export function assertClientInScope(scope: Scope, clientId: string): void {
  if (!canReadClient(scope, clientId)) throw notFound('Client');
}
