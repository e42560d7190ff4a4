import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/index.js';
import { AppError } from '../platform/errors.js';
import { type Access, checkAccess } from './access.js';
import { principalFromApiToken, principalFromSession } from './resolve-principal.js';

export const SESSION_COOKIE = 'sb_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type AuthPluginOptions = { db: Db; cookieSecure: boolean };

/**
 * Resolves who is calling (session cookie or `Authorization: Bearer`), enforces each route's
 * declared access, and demands a CSRF token on every state-changing request a browser makes.
 * Bearer requests carry no ambient credentials, so they need no CSRF token.
 */
export const authPlugin = fp(async (app: FastifyInstance, options: AuthPluginOptions) => {
  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: 'sb_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: options.cookieSecure, signed: false },
  });
  app.decorateRequest('principal', null);

  // A request refused here never reaches its route's rate-limit hook, so a failed authentication is counted
  // against the same per-address budget, and an address past it is refused before its credentials are tried.
  const budget = app.hasDecorator('createRateLimit') ? app.createRateLimit() : null;

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access: Access = request.routeOptions.config?.access ?? 'signed-in';
    const counted = budget !== null && access !== 'public' && request.routeOptions.config?.rateLimit == null;
    if (counted) {
      const used = await budget(request, { increment: false });
      if (!used.isAllowed && used.remaining <= 0)
        throw new AppError('RATE_LIMITED', `Too many requests; try again in ${used.ttlInSeconds} seconds.`);
    }
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const sessionToken = request.cookies[SESSION_COOKIE];
    if (bearer) request.principal = await principalFromApiToken(options.db, bearer);
    else if (sessionToken) request.principal = await principalFromSession(options.db, sessionToken);

    // A route authorised by something the browser does not send on its own (the chat widget's
    // visitor token in the URL) declares `csrf: false`; a provider webhook that proves itself by its own
    // signature declares `signedWebhook`. Ambient cookies are never their authority.
    const csrfExempt =
      request.routeOptions.config?.csrf === false || request.routeOptions.config?.signedWebhook === true;
    if (!bearer && !csrfExempt && UNSAFE.has(request.method) && request.routeOptions.url) {
      await new Promise<void>((resolve, reject) => {
        app.csrfProtection(request, reply, (error?: Error) => (error ? reject(error) : resolve()));
      });
    }
    try {
      checkAccess(access, request.principal);
    } catch (error) {
      if (counted && error instanceof AppError && error.status === 401) await budget(request);
      throw error;
    }
  });
});
