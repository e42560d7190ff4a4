import type { FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';
import { isManager, type Scope } from '../platform/scope.js';
import type { Principal } from './principal.js';

/**
 * Every route declares who may call it (`config.access`); one hook enforces it before validation,
 * and the isolation test walks the route table by this declaration.
 */
export type Access = 'public' | 'signed-in' | 'agency' | 'manager' | 'client';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    access?: Access;
    /** `false` only for public routes authorised by a token in the request itself, never by cookies. */
    csrf?: false;
    /**
     * A provider webhook that proves itself by its own signature (Twilio's X-Twilio-Signature, a
     * per-line token): no browser session is involved, so it needs no CSRF token.
     */
    signedWebhook?: boolean;
  }
}

export function checkAccess(access: Access, principal: Principal | null): void {
  if (access === 'public') return;
  if (!principal) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  const { scope } = principal;
  if (access === 'agency' && scope.kind !== 'agency') throw forbidden();
  if (access === 'manager' && !isManager(scope)) throw forbidden();
  if (access === 'client' && scope.kind !== 'client') throw forbidden();
}

const forbidden = () => new AppError('ROLE_NOT_ALLOWED', 'Your role may not use this.');

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  return request.principal;
}

export const scopeOf = (request: FastifyRequest): Scope => principalOf(request).scope;

export function agencyScopeOf(request: FastifyRequest): Extract<Scope, { kind: 'agency' }> {
  const scope = scopeOf(request);
  if (scope.kind !== 'agency') throw forbidden();
  return scope;
}

export function clientScopeOf(request: FastifyRequest): Extract<Scope, { kind: 'client' }> {
  const scope = scopeOf(request);
  if (scope.kind !== 'client') throw forbidden();
  return scope;
}
