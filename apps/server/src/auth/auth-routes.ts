import {
  ApiToken,
  CreateApiTokenRequest,
  CreatedApiToken,
  CsrfToken,
  LoginRequest,
  Me,
  UpdateMeRequest,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/index.js';
import { AppError, forbidden } from '../platform/errors.js';
import { agencyScopeOf, principalOf } from './access.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.js';
import { SESSION_COOKIE } from './auth-plugin.js';
import { deleteSession } from './auth-repository.js';
import { SESSION_DAYS, signIn } from './sign-in.js';
import { createSignInAttempts, normalisedEmail } from './sign-in-attempts.js';
import { hashSecret } from './tokens.js';
import { updateMyLocale } from './update-my-locale.js';

export type AuthRoutesOptions = { db: Db; cookieSecure: boolean; failedSignInsPerMinute: number };

export async function authRoutes(app: FastifyInstance, options: AuthRoutesOptions) {
  const { db } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['auth'];

  r.get('/auth/csrf', {
    config: { access: 'public' },
    schema: { tags, summary: 'Issue a CSRF token for cookie-authenticated writes', response: { 200: CsrfToken } },
    handler: async (_request, reply) => ({ token: reply.generateCsrf() }),
  });

  // Failed sign-ins only, per address and e-mail: slows guessing one account without locking out a shared
  // office IP, and a person signing in again and again (new tabs, new devices) is never refused.
  const attempts = createSignInAttempts(options.failedSignInsPerMinute);

  r.post('/auth/login', {
    config: { access: 'public' },
    schema: { tags, summary: 'Sign in with e-mail and password', body: LoginRequest, response: { 200: Me } },
    handler: async (request, reply) => {
      const attempt = attempts.take(`${request.ip}:${normalisedEmail(request.body.email)}`);
      if (!attempt.taken) {
        throw new AppError('RATE_LIMITED', `Too many attempts; try again in ${attempt.retryInSeconds} seconds.`);
      }
      const signedIn = await signIn(db, {
        ...request.body,
        userAgent: request.headers['user-agent'],
        ip: request.ip,
      }).catch((error: unknown) => {
        // Only a wrong e-mail or password keeps its unit.
        if (!(error instanceof AppError && error.status === 401)) attempt.giveBack();
        throw error;
      });
      attempt.giveBack();
      reply.setCookie(SESSION_COOKIE, signedIn.sessionToken, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: options.cookieSecure,
        maxAge: SESSION_DAYS * 86_400,
      });
      return signedIn.principal.me;
    },
  });

  r.post('/auth/logout', {
    config: { access: 'public' },
    schema: { tags, summary: 'Sign out', response: { 204: z.null() } },
    handler: async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await deleteSession(db, hashSecret(token));
      // The session's desk sockets find it gone and close.
      if (request.principal) app.deskAccess.changed(request.principal.scope.userId);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });

  r.get('/auth/me', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Who is signed in', response: { 200: Me } },
    handler: async (request) => principalOf(request).me,
  });

  r.patch('/auth/me', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Change my language', body: UpdateMeRequest, response: { 200: Me } },
    handler: async (request) => updateMyLocale(db, principalOf(request), request.body.locale),
  });

  r.get('/api-tokens', {
    config: { access: 'agency' },
    schema: { tags, summary: 'My API tokens', response: { 200: z.array(ApiToken) } },
    handler: async (request) => listApiTokens(db, agencyScopeOf(request)),
  });

  r.post('/api-tokens', {
    config: { access: 'agency' },
    schema: {
      tags,
      summary: 'Create an API token (shown once)',
      body: CreateApiTokenRequest,
      response: { 201: CreatedApiToken },
    },
    handler: async (request, reply) => {
      // A leaked token must not outlive its own revocation by minting others.
      if (request.principal?.via === 'api-token')
        throw forbidden('API tokens are created by a signed-in person.', 'TOKEN_CANNOT_CREATE_TOKEN');
      return reply.status(201).send(await createApiToken(db, agencyScopeOf(request), request.body));
    },
  });

  r.delete('/api-tokens/:tokenId', {
    config: { access: 'agency' },
    schema: {
      tags,
      summary: 'Revoke an API token',
      params: z.object({ tokenId: z.uuid() }),
      response: { 204: z.null() },
    },
    handler: async (request, reply) => {
      const scope = agencyScopeOf(request);
      await revokeApiToken(db, scope, request.params.tokenId);
      app.deskAccess.changed(scope.userId);
      return reply.status(204).send(null);
    },
  });
}
