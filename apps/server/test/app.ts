import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type AppOptions, buildApp } from '../src/app.js';
import type { Database } from '../src/db/index.js';
import { createMemoryEventBus } from '../src/platform/events/index.js';
import type { Storage } from '../src/platform/storage/index.js';
import { deskEventsOn } from '../src/realtime/create-desk-events.js';
import { openTestDatabase } from './database.js';
import { localDnsResolver } from './dns.js';
import { type Agency, createAgency, PASSWORD } from './fixtures.js';

export type TestApp = { app: FastifyInstance; database: Database; agency: Agency; close: () => Promise<void> };

export async function startTestApp(
  options: { failedSignInsPerMinute?: number; storage?: Storage; app?: Partial<AppOptions> } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const agency = await createAgency(database.db);
  const events = deskEventsOn(createMemoryEventBus());
  const app = await buildApp({
    database,
    events,
    logLevel: 'silent',
    failedSignInsPerMinute: options.failedSignInsPerMinute ?? 1000,
    requestsPerMinute: 100_000,
    webDist: null,
    widgetDist: null,
    // Sender checks (SPF, DKIM, DMARC) of webhook mail ask a table that knows no domain, never the internet.
    dnsResolver: localDnsResolver(),
    ...(options.storage ? { storage: options.storage } : {}),
    ...options.app,
  });
  await app.ready();
  return {
    app,
    database,
    agency,
    close: async () => {
      await app.close();
      await events.close();
      await database.close();
    },
  };
}

/** A signed-in browser-like caller: session cookie, CSRF cookie and token. */
export type Session = {
  request: (options: InjectOptions) => Promise<LightMyRequestResponse>;
  cookie: string;
};

function cookiesFrom(response: LightMyRequestResponse): Record<string, string> {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

export async function csrfFor(app: FastifyInstance) {
  const response = await app.inject({ method: 'GET', url: '/api/v1/auth/csrf' });
  return { token: (response.json() as { token: string }).token, cookies: cookiesFrom(response) };
}

export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const csrf = await csrfFor(app);
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { 'x-csrf-token': csrf.token, cookie: header(csrf.cookies) },
    payload: { email, password },
  });
  if (login.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${login.statusCode} ${login.body}`);
  const cookie = header({ ...csrf.cookies, ...cookiesFrom(login) });
  return {
    cookie,
    request: (options) =>
      app.inject({ ...options, headers: { cookie, 'x-csrf-token': csrf.token, ...(options.headers ?? {}) } }),
  };
}

const header = (cookies: Record<string, string>) =>
  Object.entries(cookies)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
