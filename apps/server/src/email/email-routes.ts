import {
  CaughtEmailList,
  CaughtEmailSource,
  EmailHtmlWithImages,
  EmailInboxSettings,
  EmailInboxSettingsRequest,
  EmailOfMessage,
  EmailWebhookSecret,
  ImapMailboxStateList,
  PageQuery,
  SenderAuthentication,
  UnmatchedBounceList,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth/index.js';
import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import type { DnsResolver } from '../platform/dns/index.js';
import { notFound } from '../platform/errors.js';
import { type ClientReach, readableClientIds } from '../platform/scope.js';
import type { Storage } from '../platform/storage/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { configureEmailInbox } from './configure-email-inbox.js';
import type { EmailAnswers } from './email-answers.js';
import {
  findAttachment,
  findCaught,
  findDeliveryOfMessage,
  findEmailOfMessage,
  findRawOfMessage,
  listCaught,
  listImapStates,
} from './email-repository.js';
import { generateEmailWebhookSecret } from './generate-email-webhook-secret.js';
import { getEmailInboxSettings } from './get-email-inbox-settings.js';
import { listUnmatchedBounces } from './list-unmatched-bounces.js';
import { receiveWebhookEmail } from './receive-webhook-email.js';

export type EmailRoutesOptions = {
  db: Db;
  storage: Storage;
  events: DeskEventPublisher;
  reactions: Reactions;
  answers: EmailAnswers;
  maxBytes: number;
  /** The webhook's mail is checked for DKIM and DMARC through it. */
  dns: DnsResolver;
};

const MessageParams = z.object({ messageId: z.uuid() });

const caughtSummary = (row: {
  id: string;
  clientId: string;
  fromAddress: string;
  toAddress: string;
  subject: string;
  rfcMessageId: string;
  createdAt: Date;
}) => ({
  id: row.id,
  clientId: row.clientId,
  from: row.fromAddress,
  to: row.toAddress,
  subject: row.subject,
  messageId: row.rfcMessageId,
  createdAt: row.createdAt.toISOString(),
});
/** The e-mail face of the desk (source, images, attachments, delivery), the mail catcher and the inbound webhook. */
export async function emailRoutes(app: FastifyInstance, options: EmailRoutesOptions) {
  const { db, storage } = options;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['email'];
  const agency = { access: 'agency' as const };

  const emailOf = async (scopeIds: ClientReach, messageId: string) => {
    const email = await findEmailOfMessage(db, scopeIds, messageId);
    if (!email) throw notFound('E-mail');
    return email;
  };

  r.get('/email/messages/:messageId', {
    config: agency,
    schema: {
      tags,
      summary: 'The e-mail behind a desk message: headers, delivery state, raw source link',
      params: MessageParams,
      response: { 200: EmailOfMessage },
    },
    handler: async (request) => {
      const email = await emailOf(readableClientIds(scopeOf(request)), request.params.messageId);
      const delivery =
        email.direction === 'out'
          ? await findDeliveryOfMessage(db, email.clientId, request.params.messageId)
          : undefined;
      return {
        messageId: request.params.messageId,
        rfcMessageId: email.rfcMessageId,
        direction: email.direction,
        kind: email.kind,
        from: email.fromAddress,
        subject: email.subject,
        via: email.via,
        remoteImages: email.remoteImages,
        rawUrl: email.hasRaw ? `/api/v1/email/messages/${request.params.messageId}/raw` : null,
        reusedMessageId: email.reusedMessageId,
        senderAuth: SenderAuthentication.safeParse(email.senderAuth).data ?? null,
        delivery: delivery
          ? {
              status: delivery.status,
              attempts: delivery.attempts,
              lastError: delivery.lastError,
              sentAt: delivery.sentAt?.toISOString() ?? null,
            }
          : null,
      };
    },
  });

  r.get('/email/messages/:messageId/raw', {
    config: agency,
    schema: { tags, summary: 'Download the raw source (.eml) of an e-mail, received or sent', params: MessageParams },
    handler: async (request, reply) => {
      const source = await findRawOfMessage(db, readableClientIds(scopeOf(request)), request.params.messageId);
      if (!source?.raw && !source?.rawKey) throw notFound('Raw source');
      return reply
        .header('content-type', 'message/rfc822')
        .header('content-disposition', `attachment; filename="message-${request.params.messageId}.eml"`)
        .header('x-content-type-options', 'nosniff')
        .send(source.raw ?? (await storage.get(source.rawKey!)));
    },
  });

  r.get('/email/messages/:messageId/html-with-images', {
    config: agency,
    schema: {
      tags,
      summary: 'The sanitised HTML with remote images, for "show images"',
      params: MessageParams,
      response: { 200: EmailHtmlWithImages },
    },
    handler: async (request) => {
      const email = await emailOf(readableClientIds(scopeOf(request)), request.params.messageId);
      return { html: email.htmlWithImages };
    },
  });

  r.get('/email/attachments/:attachmentId/content', {
    config: { access: 'signed-in' },
    schema: {
      tags,
      summary: 'Download an attachment (images inline, everything else as a file)',
      params: z.object({ attachmentId: z.uuid() }),
    },
    handler: async (request, reply) => {
      const scope = scopeOf(request);
      const file = await findAttachment(db, readableClientIds(scope), request.params.attachmentId, {
        clientView: scope.kind === 'client',
      });
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
        .send(await storage.get(file.storageKey));
    },
  });

  r.get('/mail-catcher', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: 'Demo mode: the e-mails Switchboard would have sent, newest first',
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: CaughtEmailList },
    },
    handler: async (request) => {
      const rows = await listCaught(db, readableClientIds(scopeOf(request)), request.query.limit);
      return {
        items: rows.map(caughtSummary),
      };
    },
  });

  r.get('/mail-catcher/:caughtId', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: 'Demo mode: one caught e-mail with its raw source',
      params: z.object({ caughtId: z.uuid() }),
      response: { 200: CaughtEmailSource },
    },
    handler: async (request) => {
      const row = await findCaught(db, readableClientIds(scopeOf(request)), request.params.caughtId);
      if (!row) throw notFound('Caught e-mail');
      return { ...caughtSummary(row), raw: row.raw };
    },
  });

  r.get('/email/bounces', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary:
        'Bounces that concern none of our sent mail, newest first, a page at a time (kept out of every conversation)',
      querystring: PageQuery,
      response: { 200: UnmatchedBounceList },
    },
    handler: async (request) => listUnmatchedBounces(db, { scope: scopeOf(request), ...request.query }),
  });

  r.get('/email/mailboxes', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: 'IMAP mailboxes: last sync and last error per inbox',
      response: { 200: ImapMailboxStateList },
    },
    handler: async (request) => ({
      items: (await listImapStates(db, readableClientIds(scopeOf(request)))).map((s) => ({
        clientId: s.clientId,
        inboxId: s.inboxId,
        lastUid: s.lastUid,
        lastSyncAt: s.lastSyncAt?.toISOString() ?? null,
        lastError: s.lastError,
      })),
    }),
  });

  r.get('/clients/:clientId/inboxes/:inboxId/email-settings', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: 'The settings of an e-mail inbox; secrets only as "set" or not',
      params: z.object({ clientId: z.uuid(), inboxId: z.uuid() }),
      response: { 200: EmailInboxSettings },
    },
    handler: async (request) => getEmailInboxSettings(db, { scope: scopeOf(request), ...request.params }),
  });

  r.put('/clients/:clientId/inboxes/:inboxId/email-settings', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: 'Closing the webhook, IMAP mailbox, auto-acknowledgement and signature of an e-mail inbox',
      params: z.object({ clientId: z.uuid(), inboxId: z.uuid() }),
      body: EmailInboxSettingsRequest,
    },
    handler: async (request, reply) => {
      await configureEmailInbox(db, { scope: scopeOf(request), ...request.params, settings: request.body });
      return reply.status(204).send();
    },
  });

  r.post('/clients/:clientId/inboxes/:inboxId/email-webhook-secret', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: 'A new signing secret for the inbound webhook (replacing any), shown this once',
      params: z.object({ clientId: z.uuid(), inboxId: z.uuid() }),
      response: { 201: EmailWebhookSecret },
    },
    handler: async (request, reply) =>
      reply
        .status(201)
        .header('cache-control', 'no-store')
        .send(await generateEmailWebhookSecret(db, { scope: scopeOf(request), ...request.params })),
  });

  // Providers push raw MIME; the route parses its own body, up to the SMTP size limit.
  await app.register(async (inbound) => {
    inbound.removeAllContentTypeParsers();
    inbound.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    inbound.withTypeProvider<ZodTypeProvider>().post('/inbound/email/:inboxKey', {
      config: { access: 'public', signedWebhook: true },
      bodyLimit: options.maxBytes,
      schema: {
        tags,
        summary:
          'Inbound e-mail webhook: one raw MIME message, signed with the inbox secret (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature)',
        params: z.object({ inboxKey: z.string().min(1).max(200) }),
        response: { 202: z.object({ outcome: z.string(), conversationId: z.string().nullable() }) },
      },
      handler: async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const result = await receiveWebhookEmail(options, {
          inboxKey: request.params.inboxKey,
          headers: request.headers,
          raw,
        });
        return reply.status(202).send({ outcome: result.outcome, conversationId: result.conversationId });
      },
    });
  });
}
