import { ChatDetail, ChatTypingRequest } from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyScopeOf, principalOf } from '../auth/index.js';
import { findConversationRow } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import type { Scope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { saveChatState } from './chat-repository.js';
import { escalateChat } from './escalate-chat.js';
import { getChatDetail } from './get-chat-detail.js';

const ConversationParams = z.object({ conversationId: z.uuid() });

/** The desk's side of a chat: the visitor's page and rating, typing and read marks, escalation. */
export async function chatDeskRoutes(app: FastifyInstance, { db, events }: { db: Db; events: DeskEventPublisher }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['chat'];
  const config = { access: 'agency' as const };

  r.get('/conversations/:conversationId/chat', {
    config,
    schema: {
      tags,
      summary: "A chat's page, read mark, rating and escalation",
      params: ConversationParams,
      response: { 200: ChatDetail },
    },
    handler: async (request) => getChatDetail(db, agencyScopeOf(request), request.params.conversationId),
  });

  r.post('/conversations/:conversationId/chat/typing', {
    config: { ...config, rateLimit: { max: 240, timeWindow: '1 minute' } },
    schema: {
      tags,
      summary: 'The agent is typing (shown in the widget)',
      params: ConversationParams,
      body: ChatTypingRequest,
    },
    handler: async (request, reply) => {
      const scope = agencyScopeOf(request);
      const chat = await getChatDetailRow(db, scope, request.params.conversationId);
      await events.publish({
        type: 'chat.typing',
        clientId: chat.clientId,
        conversationId: request.params.conversationId,
        who: 'agent',
        on: request.body.on,
        name: principalOf(request).me.name.slice(0, 120),
      });
      return reply.status(204).send();
    },
  });

  r.post('/conversations/:conversationId/chat/read', {
    config,
    schema: { tags, summary: 'The agent has read the chat (the visitor sees "read")', params: ConversationParams },
    handler: async (request, reply) => {
      const scope = agencyScopeOf(request);
      const chat = await getChatDetailRow(db, scope, request.params.conversationId);
      const at = new Date();
      await saveChatState(db, chat.clientId, request.params.conversationId, { agentReadAt: at });
      await events.publish({
        type: 'chat.read',
        clientId: chat.clientId,
        conversationId: request.params.conversationId,
        who: 'agent',
        at: at.toISOString(),
      });
      return reply.status(204).send();
    },
  });

  r.post('/conversations/:conversationId/chat/escalate', {
    config,
    schema: {
      tags,
      summary: 'Cannot answer now: tell the customer an answer follows by e-mail within 24 hours',
      params: ConversationParams,
      response: { 200: ChatDetail },
    },
    handler: async (request) =>
      escalateChat(db, { scope: agencyScopeOf(request), conversationId: request.params.conversationId, events }),
  });
}

/** The chat's client, or 404 for a conversation outside the scope or on another channel. */
async function getChatDetailRow(db: Db, scope: Extract<Scope, { kind: 'agency' }>, conversationId: string) {
  const row = await findConversationRow(db, scope.clientIds, conversationId);
  if (row?.channel !== 'chat') throw notFound('Chat');
  return { clientId: row.client_id };
}
