import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { IdempotencyKey, VisitorToken } from '@switchboard/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { sendProblem } from '../http/problem.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Storage } from '../platform/storage/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { type ChatAllowances, chatAllowances, defaultChatAllowances } from './chat-allowances.js';
import { type ChatInbox, findChatInboxByKey, findChatInboxOfClient, findVisitorAttachment } from './chat-repository.js';
import { identifyVisitor } from './identify-visitor.js';
import { originAllowed } from './origin-allowed.js';
import { receiveChatMessage } from './receive-chat-message.js';

export const defaultWidgetDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../widget/dist');
/** The largest file a visitor may attach. */
export const maxChatFileBytes = 10 * 1024 * 1024;

const Credentials = z.object({
  inbox: z.string().min(1).max(100),
  visitor: VisitorToken,
  user: z.string().min(1).max(200).optional(),
  hash: z.string().max(128).optional(),
});

/** The visitor behind an HTTP request, proven the same way as on the socket. */
async function visitorOf(db: Db, credentials: z.infer<typeof Credentials>) {
  const inbox = await findChatInboxByKey(db, credentials.inbox);
  if (!inbox) throw notFound('Chat inbox');
  const identity = credentials.user ? { userId: credentials.user, hash: credentials.hash ?? '' } : undefined;
  const { visitor } = identifyVisitor(inbox.settings, { visitor: credentials.visitor, identity });
  return { inbox, visitor };
}

/** Cross-origin calls from the client's site: allowed per inbox, like the socket. */
function allowOrigin(request: FastifyRequest, reply: FastifyReply, inbox: ChatInbox | null) {
  const origin = request.headers.origin;
  if (!origin) return;
  if (inbox && !originAllowed(inbox.settings.allowedOrigins, origin, request.headers.host)) {
    throw new AppError('WIDGET_ORIGIN_NOT_ALLOWED', 'This website may not use this chat.');
  }
  reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
}

/** Outside the API: the script itself (`/widget.js`) and a demo page of a client's site that embeds it. */
export async function widgetScriptRoutes(app: FastifyInstance, options: { db: Db; widgetDist?: string | null }) {
  const { db } = options;
  const dist = options.widgetDist === undefined ? defaultWidgetDist : options.widgetDist;
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/widget.js', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    const file = dist ? path.join(dist, 'widget.js') : null;
    if (!file || !existsSync(file)) {
      return sendProblem(reply, {
        status: 404,
        code: 'NOT_FOUND',
        detail: 'The widget is not built: npm run build -w apps/widget',
      });
    }
    return reply
      .header('content-type', 'text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=300')
      .header('access-control-allow-origin', '*')
      .send(readFileSync(file));
  });

  r.get(
    '/widget/demo/:clientSlug',
    {
      config: { access: 'public' },
      schema: { hide: true, params: z.object({ clientSlug: z.string().regex(/^[a-z0-9-]{1,60}$/) }) },
    },
    async (request, reply) => {
      // A client's slug is public already (its help page); the page shows its first chat inbox.
      const inbox = await findChatInboxOfClient(db, request.params.clientSlug);
      if (!inbox) throw notFound('Chat inbox');
      const name = inbox.clientName.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="${inbox.settings.locale === 'fa' ? 'fa' : 'en'}"><head><meta charset="utf-8"><title>${name}</title>` +
            '<meta name="viewport" content="width=device-width,initial-scale=1"></head>' +
            `<body style="font-family:system-ui;margin:3rem"><h1>${name}</h1><p>A demo page of the client's website. The chat is in the corner.</p>` +
            `<script src="/widget.js" data-inbox="${inbox.key}" async></script></body></html>`,
        );
    },
  );
}

/** The widget's API: file attachments (the request body, committed as a message before the answer). */
export async function widgetRoutes(
  app: FastifyInstance,
  options: { db: Db; events: DeskEventPublisher; reactions: Reactions; storage: Storage; allowances?: ChatAllowances },
) {
  const { db, events, reactions, storage } = options;
  // Shared with the socket (app.ts passes one): a file opens a chat like a first message does.
  const allowances = options.allowances ?? chatAllowances(defaultChatAllowances);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['widget'];

  await app.register(async (uploads) => {
    // Any file is the body as it is: a text or JSON file too (the default parsers would read those).
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxChatFileBytes }, (_request, body, done) =>
      done(null, body),
    );
    const u = uploads.withTypeProvider<ZodTypeProvider>();

    u.options(
      '/widget/attachments',
      { config: { access: 'public' }, schema: { hide: true } },
      async (request, reply) => {
        allowOrigin(request, reply, null);
        return reply
          .header('access-control-allow-methods', 'POST')
          .header('access-control-allow-headers', 'content-type')
          .header('access-control-max-age', '600')
          .status(204)
          .send();
      },
    );

    u.post('/widget/attachments', {
      config: { access: 'public', csrf: false, rateLimit: { max: 30, timeWindow: '1 minute' } },
      bodyLimit: maxChatFileBytes,
      schema: {
        tags,
        summary: "A visitor's file, sent as the request body; answers like the socket's ack",
        querystring: Credentials.extend({ key: IdempotencyKey, name: z.string().trim().min(1).max(200) }),
        response: { 200: z.object({ key: z.string(), id: z.string(), at: z.string() }) },
      },
      handler: async (request, reply) => {
        const { inbox, visitor } = await visitorOf(db, request.query);
        allowOrigin(request, reply, inbox);
        const data = request.body;
        if (!Buffer.isBuffer(data) || data.length === 0)
          throw new AppError('FILE_BODY_REQUIRED', 'Send the file as the request body.');
        const contentType = (request.headers['content-type'] ?? 'application/octet-stream')
          .split(';')[0]!
          .trim()
          .slice(0, 100);
        const sha256 = createHash('sha256').update(data).digest('hex');
        // Content-addressed: a retried upload writes the same object, and the key dedupes the message.
        const storageKey = `${inbox.clientId}/chat/${sha256}`;
        await storage.put(storageKey, data);
        const received = await receiveChatMessage(
          db,
          { events, reactions },
          {
            inbox,
            visitor,
            profile: {},
            locale: 'en',
            page: null,
            key: request.query.key,
            body: '',
            file: { filename: request.query.name, contentType, size: data.length, storageKey, sha256 },
            mayOpenChat: () => allowances.newChat(request.ip, inbox.id),
          },
        );
        await received.announce();
        return { key: request.query.key, id: received.message.id, at: received.message.at };
      },
    });
  });

  r.get('/widget/attachments/:attachmentId', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: "A file in the visitor's chat",
      params: z.object({ attachmentId: z.uuid() }),
      querystring: Credentials,
    },
    handler: async (request, reply) => {
      const { inbox, visitor } = await visitorOf(db, request.query);
      const file = await findVisitorAttachment(
        db,
        inbox.clientId,
        inbox.id,
        visitor.sourceId,
        request.params.attachmentId,
      );
      if (!file) throw notFound('Attachment');
      const inline = /^image\/(png|jpeg|gif|webp)$/.test(file.contentType);
      return reply
        .header('content-type', inline ? file.contentType : 'application/octet-stream')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'cross-origin')
        .send(await storage.get(file.storageKey));
    },
  });
}
