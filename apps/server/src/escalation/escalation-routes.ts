import {
  AnswerEscalationRequest,
  EscalateRequest,
  Escalation,
  EscalationDocument,
  EscalationDraft,
  EscalationSettings,
  maxEscalationDocumentBytes,
  PortalEscalation,
  PortalEscalationQuery,
  RelayEscalationRequest,
  UpdateEscalationSettingsRequest,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyScopeOf, clientScopeOf, principalOf, scopeOf } from '../auth/index.js';
import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import type { Storage } from '../platform/storage/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { answerEscalationInPortal } from './answer-escalation-in-portal.js';
import { createEscalation, getEscalationDraft } from './create-escalation.js';
import { getEscalationSettings, updateEscalationSettings } from './escalation-settings.js';
import { getClientEscalation, listClientEscalations, listConversationEscalations } from './list-escalations.js';
import { relayEscalationAnswer } from './relay-escalation-answer.js';
import { uploadEscalationDocument } from './upload-escalation-document.js';

export type EscalationRoutesOptions = {
  db: Db;
  events: DeskEventPublisher;
  reactions: Reactions;
  publicUrl: string;
  storage: Storage;
};

const ConversationParams = z.object({ conversationId: z.uuid() });
const EscalationParams = z.object({ escalationId: z.uuid() });
const ClientParams = z.object({ clientId: z.uuid() });

/** Escalation to the client: the desk asks and relays, the portal answers, admin sets the templates. */
export async function escalationRoutes(
  app: FastifyInstance,
  { db, events, reactions, publicUrl, storage }: EscalationRoutesOptions,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const agency = { access: 'agency' as const };
  const client = { access: 'client' as const };
  const manager = { access: 'manager' as const };

  r.get('/conversations/:conversationId/escalations', {
    config: agency,
    schema: {
      tags: ['escalation'],
      summary: "A conversation's escalations to the client",
      params: ConversationParams,
      response: { 200: z.array(Escalation) },
    },
    handler: async (request) => listConversationEscalations(db, agencyScopeOf(request), request.params.conversationId),
  });

  r.get('/conversations/:conversationId/escalation-draft', {
    config: agency,
    schema: {
      tags: ['escalation'],
      summary: "The customer notice from the client's template, and help articles to link",
      params: ConversationParams,
      response: { 200: EscalationDraft },
    },
    handler: async (request) =>
      getEscalationDraft(db, {
        scope: agencyScopeOf(request),
        conversationId: request.params.conversationId,
        publicUrl,
      }),
  });

  r.post('/conversations/:conversationId/escalations', {
    config: agency,
    schema: {
      tags: ['escalation'],
      summary: 'Escalate to the client: e-mail its users, tell the customer an update follows',
      params: ConversationParams,
      body: EscalateRequest,
      response: { 201: Escalation },
    },
    handler: async (request, reply) => {
      const escalation = await createEscalation(db, {
        scope: agencyScopeOf(request),
        agentName: principalOf(request).me.name,
        conversationId: request.params.conversationId,
        input: request.body,
        publicUrl,
        events,
        reactions,
      });
      return reply.status(201).send(escalation);
    },
  });

  // A document for the customer, sent as the request body (its type in content-type), kept on the
  // conversation's client; its id then goes in the escalation's attachmentIds.
  await app.register(async (uploads) => {
    // Every type is the file itself (a text file too): no JSON or text parsing here.
    uploads.removeAllContentTypeParsers();
    uploads.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: maxEscalationDocumentBytes },
      (_request, body, done) => done(null, body),
    );
    uploads.withTypeProvider<ZodTypeProvider>().post('/conversations/:conversationId/escalation-documents', {
      config: { ...agency, rateLimit: { max: 60, timeWindow: '1 minute' } },
      bodyLimit: maxEscalationDocumentBytes,
      schema: {
        tags: ['escalation'],
        summary: 'Upload a document to send the customer with an escalation (the file is the body, at most 10 MB)',
        params: ConversationParams,
        querystring: z.object({ name: z.string().trim().min(1).max(200).default('document') }),
        response: { 201: EscalationDocument },
      },
      handler: async (request, reply) => {
        const scope = agencyScopeOf(request);
        const me = principalOf(request).me;
        const data = request.body;
        const contentType = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim();
        const document = await uploadEscalationDocument(db, storage, events, {
          scope,
          agent: { id: me.id, name: me.name },
          conversationId: request.params.conversationId,
          // A name, never a path: the customer's mail client shows it as given.
          filename: request.query.name.replace(/[\\/\p{Cc}]/gu, '_'),
          contentType: /^[\w.+-]+\/[\w.+-]+$/.test(contentType)
            ? contentType.slice(0, 100)
            : 'application/octet-stream',
          data: Buffer.isBuffer(data) ? data : Buffer.alloc(0),
        });
        return reply.status(201).send(document);
      },
    });
  });

  r.post('/escalations/:escalationId/relay', {
    config: agency,
    schema: {
      tags: ['escalation'],
      summary: "Relay the client's answer (as edited) to the customer",
      params: EscalationParams,
      body: RelayEscalationRequest,
      response: { 200: Escalation },
    },
    handler: async (request) =>
      relayEscalationAnswer(db, {
        scope: agencyScopeOf(request),
        agentName: principalOf(request).me.name,
        escalationId: request.params.escalationId,
        body: request.body.body,
        events,
        reactions,
      }),
  });

  r.get('/portal/escalations', {
    config: client,
    schema: {
      tags: ['portal'],
      summary: 'Questions the agency asked the client: open, overdue, answered',
      querystring: PortalEscalationQuery,
      response: { 200: z.array(PortalEscalation) },
    },
    handler: async (request) => listClientEscalations(db, clientScopeOf(request), request.query.state),
  });

  r.get('/portal/escalations/:escalationId', {
    config: client,
    schema: {
      tags: ['portal'],
      summary: 'One question of the agency',
      params: EscalationParams,
      response: { 200: PortalEscalation },
    },
    handler: async (request) => getClientEscalation(db, clientScopeOf(request), request.params.escalationId),
  });

  r.post('/portal/escalations/:escalationId/answer', {
    config: client,
    schema: {
      tags: ['portal'],
      summary: "Answer the agency's question",
      params: EscalationParams,
      body: AnswerEscalationRequest,
      response: { 200: PortalEscalation },
    },
    handler: async (request) =>
      answerEscalationInPortal(db, {
        scope: clientScopeOf(request),
        userName: principalOf(request).me.name,
        escalationId: request.params.escalationId,
        answer: request.body.answer,
        events,
        reactions,
      }),
  });

  r.get('/clients/:clientId/escalation-settings', {
    config: manager,
    schema: {
      tags: ['admin'],
      summary: "A client's escalation settings: automatic relay and the customer notice per language",
      params: ClientParams,
      response: { 200: EscalationSettings },
    },
    handler: async (request) => getEscalationSettings(db, scopeOf(request), request.params.clientId),
  });

  r.put('/clients/:clientId/escalation-settings', {
    config: manager,
    schema: {
      tags: ['admin'],
      summary: "Change a client's escalation settings",
      params: ClientParams,
      body: UpdateEscalationSettingsRequest,
      response: { 200: EscalationSettings },
    },
    handler: async (request) => updateEscalationSettings(db, scopeOf(request), request.params.clientId, request.body),
  });
}
