import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyLoggerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { agencyUserRoutes } from './agency-users/agency-user-routes.js';
import type { Access } from './auth/access.js';
import { authPlugin } from './auth/auth-plugin.js';
import { authRoutes } from './auth/auth-routes.js';
import { automationRoutes } from './automation/index.js';
import {
  type AgentAvailability,
  type ChatGatewayLimits,
  chatAllowances,
  chatDeskRoutes,
  chatGateway,
  defaultChatLimits,
  widgetRoutes,
  widgetScriptRoutes,
} from './chat/index.js';
import { clientRoutes } from './clients/index.js';
import type { Reactions } from './conversations/index.js';
import { conversationRoutes } from './conversations/index.js';
import type { Database } from './db/index.js';
import { emailRoutes } from './email/index.js';
import { escalationEmailAnswers, escalationRoutes } from './escalation/index.js';
import { loggerOptions } from './http/logger-options.js';
import { registerProblemHandlers, sendProblem } from './http/problem.js';
import { securityHeaders } from './http/security-headers.js';
import { kbRoutes } from './kb/index.js';
import {
  createPhoneDeps,
  type PhoneDeps,
  type PhoneOptions,
  phoneRoutes,
  type SoftphoneConfig,
} from './phone/index.js';
import { twilioUrls } from './phone/twilio/twilio-twiml.js';
import { createDnsResolver, type DnsResolver } from './platform/dns/index.js';
import { createLocalDiskStorage, type Storage } from './platform/storage/index.js';
import { portalRoutes } from './portal/portal-routes.js';
import { createConversationReactions } from './reactions.js';
import { createDeskAccess } from './realtime/desk-access.js';
import type { DeskEventPublisher, DeskEventSource } from './realtime/desk-events.js';
import { deskGateway } from './realtime/desk-gateway.js';
import { createDeskPresence, routingRoutes } from './routing/index.js';
import { slaRoutes } from './sla/index.js';

export type AppOptions = {
  database: Database;
  events: DeskEventPublisher & DeskEventSource;
  logLevel?: string;
  /** Where the log goes (stdout by default); tests read it. */
  logStream?: FastifyLoggerOptions['stream'];
  cookieSecure?: boolean;
  /** Failed sign-ins per address and e-mail per minute; successful ones are never limited. */
  failedSignInsPerMinute?: number;
  /** Requests per address per minute across the API. */
  requestsPerMinute?: number;
  webDist?: string | null;
  /** Attachments and raw e-mail; main.ts passes DATA_DIR/files, tests a temporary folder. */
  storage?: Storage;
  /** Largest e-mail accepted (SMTP and the inbound webhook). */
  emailMaxBytes?: number;
  /** What sender checks (SPF, DKIM, DMARC) of inbound mail ask DNS; node's resolver by default, tests a table. */
  dnsResolver?: DnsResolver;
  /** The address links in e-mails point to (PUBLIC_URL). */
  publicUrl?: string;
  /** Where `widget.js` is built; null serves none. */
  widgetDist?: string | null;
  /** Live chat: whether an agent can take a chat now (presence), and the widget sockets' limits. */
  chatAvailability?: AgentAvailability;
  chatLimits?: Partial<ChatGatewayLimits>;
  /** Voice: the public URL providers call back on, the provider API host, the softphone, the routing seam. */
  phone?: Partial<PhoneOptions> & { softphone?: SoftphoneConfig | null };
  /** How often a desk socket re-checks its principal when no change was announced (15 s). */
  deskRecheckMs?: number;
  /** Who has a desk socket open; tests may share theirs. */
  /** Who reacts to conversation events; main.ts shares one with its workers, by default one for this app. */
  reactions?: Reactions;
};

export type RouteEntry = { method: string; url: string; access: Access };

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route and who may call it: the isolation test walks this table. */
    routeTable: RouteEntry[];
    /** The phone's dependencies, for the worker in the same process. */
    phone: PhoneDeps;
    /** Who reacts to conversation events, for the workers in the same process. */
    reactions: Reactions;
  }
}

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** The HTTP face of Switchboard: REST under /api/v1, the desk WebSocket, OpenAPI, and the web app. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options.database;
  const storage = options.storage ?? createLocalDiskStorage(path.join(tmpdir(), 'switchboard-files'));
  const cookieSecure = options.cookieSecure ?? false;
  const app = Fastify({
    logger: loggerOptions({ level: options.logLevel ?? 'info', stream: options.logStream }),
    bodyLimit: 1024 * 1024,
    // Route params and query strings are validated by zod; keep Fastify from coercing silently.
    ajv: { customOptions: { coerceTypes: false } },
  });
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  // Routes that change who may read what tell the desk sockets (sign-out, deactivation, clients served).
  app.decorate('deskAccess', createDeskAccess());
  app.addHook('onRoute', (route) => {
    // Secure by default: an API route that forgets to declare its access needs a signed-in caller.
    // Routes added by plugins outside the API (static files, the API docs) are public.
    const isApi = route.url.startsWith('/api/v1');
    route.config = { ...route.config, access: route.config?.access ?? (isApi ? 'signed-in' : 'public') };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: route.config.access ?? 'signed-in' });
    }
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  await app.register(securityHeaders, {
    https: cookieSecure || (options.publicUrl ?? '').startsWith('https:'),
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Switchboard API', version: '1.0.0', description: 'One desk for every client of the agency.' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sb_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(rateLimit, {
    global: true,
    max: options.requestsPerMinute ?? 1200,
    timeWindow: '1 minute',
    keyGenerator: (request) => request.ip ?? 'unknown',
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Too many requests; try again in ${context.after}.`,
    }),
  });
  await app.register(authPlugin, { db, cookieSecure });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.get('/healthz', { config: { access: 'public', rateLimit: false }, schema: { hide: true } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/readyz',
    { config: { access: 'public', rateLimit: false }, schema: { hide: true } },
    async (_request, reply) => {
      try {
        await options.database.executeSql('SELECT 1');
        return { status: 'ready', database: options.database.kind };
      } catch {
        return sendProblem(reply, { status: 503, code: 'NOT_READY', detail: 'The database is not reachable.' });
      }
    },
  );

  const publicUrl = options.publicUrl ?? 'http://localhost:3000';
  const reactions = options.reactions ?? createConversationReactions({ publicUrl });
  app.decorate('reactions', reactions);
  const phoneOptions = { publicUrl, ...options.phone };
  const phone = createPhoneDeps({ db, events: options.events, reactions }, phoneOptions);
  app.decorate('phone', phone);

  await app.register(
    async (api) => {
      await api.register(authRoutes, {
        db,
        cookieSecure,
        failedSignInsPerMinute: options.failedSignInsPerMinute ?? 10,
      });
      await api.register(conversationRoutes, { db, events: options.events, reactions });
      await api.register(clientRoutes, { db });
      await api.register(agencyUserRoutes, { db });
      await api.register(portalRoutes, { db });
      await api.register(kbRoutes, { db });
      await api.register(automationRoutes, { db, events: options.events, reactions });
      await api.register(routingRoutes, { db, events: options.events });
      const deskPresence = createDeskPresence(db, { onError: (error) => app.log.error({ err: error }, 'presence') });
      app.addHook('onClose', async () => deskPresence.stop());
      await api.register(deskGateway, {
        db,
        events: options.events,
        watchSocket: deskPresence.watchSocket,
        access: app.deskAccess,
        publicUrl,
        ...(options.deskRecheckMs ? { recheckMs: options.deskRecheckMs } : {}),
      });
      await api.register(slaRoutes, { db });
      await api.register(escalationRoutes, {
        db,
        events: options.events,
        reactions,
        publicUrl,
        storage,
      });
      await api.register(chatDeskRoutes, { db, events: options.events });
      // One count of new visitors, chats and transcripts for the socket and the widget's file uploads.
      const chatCounts = chatAllowances({ ...defaultChatLimits, ...options.chatLimits });
      await api.register(chatGateway, {
        db,
        events: options.events,
        reactions,
        availability: options.chatAvailability,
        limits: options.chatLimits,
        allowances: chatCounts,
      });
      await api.register(widgetRoutes, { db, events: options.events, reactions, storage, allowances: chatCounts });
      await api.register(phoneRoutes, {
        deps: phone,
        storage,
        publicUrl: phoneOptions.publicUrl,
        urls: twilioUrls(phoneOptions.publicUrl),
        softphone: options.phone?.softphone ?? null,
      });
      await api.register(emailRoutes, {
        db,
        events: options.events,
        reactions,
        answers: escalationEmailAnswers,
        storage,
        maxBytes: options.emailMaxBytes ?? 25 * 1024 * 1024,
        dns: options.dnsResolver ?? createDnsResolver(),
      });
    },
    { prefix: '/api/v1' },
  );

  await app.register(widgetScriptRoutes, { db, widgetDist: options.widgetDist });
  await serveWebApp(app, options.webDist === undefined ? defaultWebDist : options.webDist);
  return app;
}

/** The built SPA, with every non-API GET falling back to index.html for client-side routes. */
async function serveWebApp(app: FastifyInstance, dist: string | null) {
  if (!dist || !existsSync(path.join(dist, 'index.html'))) return;
  await app.register(fastifyStatic, { root: dist, wildcard: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) {
      return sendProblem(reply, {
        status: 404,
        code: 'NOT_FOUND',
        detail: `No route ${request.method} ${request.url}`,
      });
    }
    return reply.sendFile('index.html');
  });
}
