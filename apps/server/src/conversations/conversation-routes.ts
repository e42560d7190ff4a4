import {
  AssignableAgent,
  ConversationDetail,
  ConversationListQuery,
  ConversationSummary,
  Message,
  PostMessageRequest,
  page,
  UpdateConversationRequest,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyScopeOf, principalOf } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { assertClientInScope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { listAssignableAgents } from './agent-repository.js';
import type { Reactions } from './conversation-events.js';
import { getConversation } from './get-conversation.js';
import { listDeskConversations } from './list-desk-conversations.js';
import { postMessage } from './post-message.js';
import { updateConversation } from './update-conversation.js';

export type ConversationRoutesOptions = { db: Db; events: DeskEventPublisher; reactions: Reactions };

const ConversationParams = z.object({ conversationId: z.uuid() });

export async function conversationRoutes(app: FastifyInstance, { db, events, reactions }: ConversationRoutesOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['desk'];
  const config = { access: 'agency' as const };

  r.get('/conversations', {
    config,
    schema: {
      tags,
      summary: "The agent's unified inbox across the clients they serve",
      querystring: ConversationListQuery,
      response: { 200: page(ConversationSummary) },
    },
    handler: async (request) => listDeskConversations(db, agencyScopeOf(request), request.query),
  });

  r.get('/conversations/:conversationId', {
    config,
    schema: {
      tags,
      summary: 'A conversation with its thread',
      params: ConversationParams,
      response: { 200: ConversationDetail },
    },
    handler: async (request) => getConversation(db, agencyScopeOf(request), request.params.conversationId),
  });

  r.patch('/conversations/:conversationId', {
    config,
    schema: {
      tags,
      summary: 'Change status, priority, tier, assignee, flags or tags',
      params: ConversationParams,
      body: UpdateConversationRequest,
      response: { 200: ConversationDetail },
    },
    handler: async (request) =>
      updateConversation(db, {
        scope: agencyScopeOf(request),
        actorName: principalOf(request).me.name,
        conversationId: request.params.conversationId,
        input: request.body,
        events,
        reactions,
      }),
  });

  r.post('/conversations/:conversationId/messages', {
    config,
    schema: {
      tags,
      summary: 'Reply to the customer or add an internal note',
      params: ConversationParams,
      body: PostMessageRequest,
      response: { 201: Message },
    },
    handler: async (request, reply) => {
      const message = await postMessage(db, {
        scope: agencyScopeOf(request),
        authorName: principalOf(request).me.name,
        conversationId: request.params.conversationId,
        input: request.body,
        events,
        reactions,
      });
      return reply.status(201).send(message);
    },
  });

  r.get('/clients/:clientId/agents', {
    config,
    schema: {
      tags,
      summary: 'Agents who serve a client (assignment candidates)',
      params: z.object({ clientId: z.uuid() }),
      response: { 200: z.array(AssignableAgent) },
    },
    handler: async (request) => {
      assertClientInScope(agencyScopeOf(request), request.params.clientId);
      return listAssignableAgents(db, request.params.clientId);
    },
  });
}
