import { createServer, type Server } from 'node:http';
import type { APIRequestContext } from '@playwright/test';
import { demoPassword } from './support';

/**
 * The client's own website, on an origin of its own: a page that embeds the widget from the
 * Switchboard server, exactly as a client would paste the tag.
 */
export const serveHostPage = async (
  port: number,
  switchboardUrl: string,
  inboxKey: string,
  options: { lang?: string } = {},
): Promise<{ url: string; close: () => Promise<void> }> => {
  const server: Server = createServer((request, response) => {
    if (request.url === '/favicon.ico') return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><html lang="${options.lang ?? 'en'}"><head><meta charset="utf-8"><title>Trail boots — Acme shop</title>
<style>* { font-size: 40px !important; color: red !important; } div { display: none !important; }</style></head>
<body><h1>Acme Outdoor shop</h1><p>The page's own CSS is hostile; the widget must not care.</p>
<script src="${switchboardUrl}/widget.js" data-inbox="${inboxKey}" async></script></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

/** Signs in to the API as someone, with the CSRF token a browser would send. */
export const apiAs = async (request: APIRequestContext, baseUrl: string, email: string) => {
  const { token } = (await (await request.get(`${baseUrl}/api/v1/auth/csrf`)).json()) as { token: string };
  const login = await request.post(`${baseUrl}/api/v1/auth/login`, {
    headers: { 'x-csrf-token': token },
    data: { email, password: demoPassword },
  });
  if (!login.ok()) throw new Error(`sign-in failed: ${login.status()}`);
  const headers = { 'x-csrf-token': token };
  return {
    token,
    get: async <T>(path: string) => (await (await request.get(`${baseUrl}/api/v1${path}`)).json()) as T,
    post: (path: string, data?: unknown) => request.post(`${baseUrl}/api/v1${path}`, { headers, data }),
    patch: (path: string, data: unknown) => request.patch(`${baseUrl}/api/v1${path}`, { headers, data }),
  };
};

type Inbox = {
  id: string;
  key: string;
  channel: string;
  settings: Record<string, unknown> & { allowedOrigins: string[] };
};

/**
 * The admin lets the client's site use its chat inbox; returns the inbox key for the tag. The inbox is
 * staffed around the clock (hours of its own), so whether the widget offers live chat depends on who is
 * online, never on the day and hour the tests happen to run (the client's calendar has weekends).
 */
export const allowChatOrigin = async (
  request: APIRequestContext,
  baseUrl: string,
  clientName: string,
  origin: string,
): Promise<string> => {
  const admin = await apiAs(request, baseUrl, 'admin@demo.test');
  const clients = await admin.get<{ id: string; name: string }[]>('/clients');
  const client = clients.find((c) => c.name === clientName);
  if (!client) throw new Error(`no client ${clientName}`);
  const inboxes = await admin.get<Inbox[]>(`/clients/${client.id}/inboxes`);
  const chat = inboxes.find((inbox) => inbox.channel === 'chat');
  if (!chat) throw new Error('no chat inbox');
  const aroundTheClock = {
    timeZone: 'UTC',
    days: Array.from({ length: 7 }, () => ({ open: '00:00', close: '00:00' })),
  };
  const settings = {
    ...chat.settings,
    allowedOrigins: [...chat.settings.allowedOrigins, origin],
    businessHours: aroundTheClock,
  };
  const saved = await admin.patch(`/clients/${client.id}/inboxes/${chat.id}`, { settings });
  if (!saved.ok()) throw new Error(`saving the inbox failed: ${saved.status()} ${await saved.text()}`);
  return chat.key;
};

/**
 * Sets demo agents' presence, each through their own "me" route as the desk's switch does. The widget
 * offers live chat only while an agent of the client is online: a test sets what it needs at its start.
 */
export const setPresence = async (
  request: APIRequestContext,
  baseUrl: string,
  emails: string[],
  presence: 'online' | 'away' | 'offline',
) => {
  for (const email of emails) {
    const agent = await apiAs(request, baseUrl, email);
    const response = await request.put(`${baseUrl}/api/v1/me/presence`, {
      headers: { 'x-csrf-token': agent.token },
      data: { presence },
    });
    if (!response.ok()) throw new Error(`presence of ${email}: ${response.status()} ${await response.text()}`);
  }
};
