import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFor, type Session, signIn, startTestApp, type TestApp } from '../../test/app.js';
import { PASSWORD } from '../../test/fixtures.js';
import { queryRows } from '../db/index.js';

describe('sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ failedSignInsPerMinute: 5 });
  });
  afterAll(() => t.close());

  it('signs an agent in with an HttpOnly SameSite session cookie and tells who it is', async () => {
    const csrf = await csrfFor(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'x-csrf-token': csrf.token, cookie: `sb_csrf=${csrf.cookies.sb_csrf}` },
      payload: { email: 'North.Agent@agency.test', password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ kind: 'agency', role: 'agent', email: 'north.agent@agency.test' });
    const session = response.cookies.find((c) => c.name === 'sb_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  });

  it('stores passwords as argon2id hashes and session tokens only as hashes', async () => {
    const session = await signIn(t.app, t.agency.owner.email);
    const [user] = await queryRows<{ password_hash: string }>(
      t.database.db,
      sql`SELECT password_hash FROM agency_users WHERE email = ${t.agency.owner.email}`,
    );
    expect(user?.password_hash).toMatch(/^\$argon2id\$/);
    const token = /sb_session=([^;]+)/.exec(session.cookie)![1]!;
    const stored = await queryRows(t.database.db, sql`SELECT 1 FROM sessions WHERE token_hash = ${token}`);
    expect(stored).toHaveLength(0);
  });

  it('answers a wrong password and an unknown e-mail the same way, as problem+json', async () => {
    const csrf = await csrfFor(t.app);
    const attempt = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-csrf-token': csrf.token, cookie: `sb_csrf=${csrf.cookies.sb_csrf}` },
        payload: { email, password: 'wrong password' },
      });
    const wrong = await attempt('super@agency.test');
    const unknown = await attempt('nobody@agency.test');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(unknown.json()).toEqual(wrong.json());
  });

  it('refuses a cookie-authenticated write without a CSRF token', async () => {
    const session = await signIn(t.app, t.agency.northAgent.email);
    const response = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/auth/me',
      headers: { cookie: session.cookie },
      payload: { locale: 'fa' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'CSRF_INVALID' });
    const withToken = await session.request({ method: 'PATCH', url: '/api/v1/auth/me', payload: { locale: 'fa' } });
    expect(withToken.json()).toMatchObject({ locale: 'fa' });
  });

  it('rate-limits repeated sign-in attempts for one account', async () => {
    const csrf = await csrfFor(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-csrf-token': csrf.token, cookie: `sb_csrf=${csrf.cookies.sb_csrf}` },
        payload: { email: 'target@agency.test', password: 'guess' },
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 5).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  /** Sign-in attempts from one address (inject's default is 127.0.0.1), each with its e-mail and password. */
  const signInAttempts = async (remoteAddress?: string) => {
    const csrf = await csrfFor(t.app);
    return (email: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-csrf-token': csrf.token, cookie: `sb_csrf=${csrf.cookies.sb_csrf}` },
        payload: { email, password },
        ...(remoteAddress ? { remoteAddress } : {}),
      });
  };

  it('counts failed sign-ins only: a person signing in again and again is never refused', async () => {
    for (let i = 0; i < 8; i++) await signIn(t.app, t.agency.supervisor.email);
  });

  it('refuses even the right password once an account has had too many failures, and only that account', async () => {
    const attempt = await signInAttempts();
    const email = t.agency.southAgent.email;
    for (let i = 0; i < 5; i++) expect((await attempt(email, 'guess')).statusCode).toBe(401);
    const refused = await attempt(email, PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.json().detail).toMatch(/^Too many attempts; try again in \d+ seconds\.$/);
    expect((await attempt(t.agency.owner.email, PASSWORD)).statusCode).toBe(200);
  });

  it('counts case variants of one address together, and 40 parallel guesses get only the limit evaluated', async () => {
    const attempt = await signInAttempts('198.51.100.7');
    const email = t.agency.northAgent.email;
    const [name, domain] = email.split('@') as [string, string];
    const variants = [
      email,
      email.toUpperCase(),
      `${name}@${domain.toUpperCase()}`,
      email.replace(/^./, (c) => c.toUpperCase()),
    ];
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => attempt(variants[i % variants.length]!, `guess ${i}`)),
    );
    const codes = answers.map((answer) => answer.statusCode);
    expect(codes.filter((code) => code === 401)).toHaveLength(5);
    expect(codes.filter((code) => code === 429)).toHaveLength(35);
    expect((await attempt(email.toUpperCase(), PASSWORD)).statusCode).toBe(429);
  });

  it('ends the session on sign-out', async () => {
    const session: Session = await signIn(t.app, t.agency.supervisor.email);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(200);
    expect((await session.request({ method: 'POST', url: '/api/v1/auth/logout' })).statusCode).toBe(204);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).statusCode).toBe(401);
  });

  it('lets integrations use a Bearer API token without CSRF, until it is revoked', async () => {
    const session = await signIn(t.app, t.agency.northAgent.email);
    const created = await session.request({ method: 'POST', url: '/api/v1/api-tokens', payload: { name: 'CRM sync' } });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    const bearer = { authorization: `Bearer ${token}` };
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/conversations?status=open', headers: bearer });
    expect(list.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/conversations/${t.agency.north.conversationId}`,
      headers: bearer,
      payload: { priority: 'high' },
    });
    expect(write.statusCode).toBe(200);
    await session.request({ method: 'DELETE', url: `/api/v1/api-tokens/${id}` });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/conversations', headers: bearer })).statusCode).toBe(401);
  });

  it('ends an API token at its expiry, refuses token-made tokens, and revokes tokens on a password reset', async () => {
    const session = await signIn(t.app, t.agency.supervisor.email);
    const make = async (payload: object) => {
      const created = await session.request({ method: 'POST', url: '/api/v1/api-tokens', payload });
      expect(created.statusCode, created.body).toBe(201);
      return created.json() as { token: string; id: string; expiresAt: string };
    };
    const call = (token: string) =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });

    const standard = await make({ name: 'default expiry' });
    const days = (Date.parse(standard.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);

    const expiring = await make({ name: 'one day', expiresInDays: 1 });
    expect((await call(expiring.token)).statusCode).toBe(200);
    await queryRows(
      t.database.db,
      sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = ${expiring.id}`,
    );
    expect((await call(expiring.token)).statusCode).toBe(401);
    const listed = (await session.request({ method: 'GET', url: '/api/v1/api-tokens' })).json() as { id: string }[];
    expect(listed.map((x) => x.id)).not.toContain(expiring.id);

    const minted = await t.app.inject({
      method: 'POST',
      url: '/api/v1/api-tokens',
      headers: { authorization: `Bearer ${standard.token}` },
      payload: { name: 'made by a token' },
    });
    expect(minted.statusCode).toBe(403);

    const owner = await signIn(t.app, t.agency.owner.email);
    const reset = await owner.request({
      method: 'PATCH',
      url: `/api/v1/agency-users/${t.agency.supervisor.id}`,
      payload: { password: 'a brand new password' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await call(standard.token)).statusCode).toBe(401);
  });

  it('signs a client user in to the portal only', async () => {
    const session = await signIn(t.app, t.agency.north.clientUserEmail);
    expect((await session.request({ method: 'GET', url: '/api/v1/auth/me' })).json()).toMatchObject({
      kind: 'client',
      client: { slug: 'north' },
    });
    expect((await session.request({ method: 'GET', url: '/api/v1/conversations' })).statusCode).toBe(403);
    expect((await session.request({ method: 'GET', url: '/api/v1/portal/conversations' })).statusCode).toBe(200);
  });
});

describe('the request rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ app: { requestsPerMinute: 5 } });
  });
  afterAll(() => t.close());

  it('counts requests that fail authentication, and refuses the address past the limit before trying its token', async () => {
    const guess = (remoteAddress: string, token: string) =>
      t.app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        remoteAddress,
        headers: { authorization: `Bearer ${token}` },
      });
    const refused = [];
    for (let n = 0; n < 7; n++) refused.push((await guess('203.0.113.7', `guess-${n}`)).statusCode);
    expect(refused).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await guess('203.0.113.7', 'another-guess');
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    // Another address has its own budget.
    expect((await guess('198.51.100.9', 'guess')).statusCode).toBe(401);
  });
});
