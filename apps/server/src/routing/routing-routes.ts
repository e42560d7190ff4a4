import {
  ConversationDetail,
  EscalateTierRequest,
  PresenceState,
  QueueBoard,
  RoutingSettings,
  SetPresenceRequest,
  UpdateRoutingSettingsRequest,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyScopeOf, principalOf, scopeOf } from '../auth/index.js';
import { escalateTier } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope } from '../platform/scope.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { getQueueBoard } from './get-queue-board.js';
import { findPresence } from './presence-repository.js';
import { clientExists, readRoutingSettings } from './routing-settings-repository.js';
import { setPresence } from './set-presence.js';
import { updateRoutingSettings } from './update-routing-settings.js';

export type RoutingRoutesOptions = { db: Db; events: DeskEventPublisher };

const ClientParams = z.object({ clientId: z.uuid() });
const ConversationParams = z.object({ conversationId: z.uuid() });

export async function routingRoutes(app: FastifyInstance, { db, events }: RoutingRoutesOptions) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['routing'];

  r.get('/me/presence', {
    config: { access: 'agency' },
    schema: { tags, summary: 'My presence for automatic assignment', response: { 200: PresenceState } },
    handler: async (request) => {
      const row = await findPresence(db, agencyScopeOf(request).userId);
      if (!row) throw notFound('Agent');
      const changedAt = row.presence_changed_at ? new Date(row.presence_changed_at).toISOString() : null;
      return { agentId: row.id, presence: row.presence, changedAt };
    },
  });

  r.put('/me/presence', {
    config: { access: 'agency' },
    schema: {
      tags,
      summary: 'Set my presence: online (receive work), away (keep work, no new), offline (hand back waiting work)',
      body: SetPresenceRequest,
      response: { 200: PresenceState },
    },
    handler: async (request) => {
      const scope = agencyScopeOf(request);
      const { released: _released, ...state } = await setPresence(db, {
        agentId: scope.userId,
        presence: request.body.presence,
        actor: scope,
        events,
      });
      return state;
    },
  });

  r.get('/routing/board', {
    config: { access: 'manager' },
    schema: { tags, summary: 'The live queue board for supervisors', response: { 200: QueueBoard } },
    handler: async () => getQueueBoard(db),
  });

  r.get('/clients/:clientId/routing', {
    config: { access: 'manager' },
    schema: { tags, summary: "A client's routing settings", params: ClientParams, response: { 200: RoutingSettings } },
    handler: async (request) => {
      assertClientInScope(scopeOf(request), request.params.clientId);
      if (!(await clientExists(db, request.params.clientId))) throw notFound('Client');
      return readRoutingSettings(db, request.params.clientId);
    },
  });

  r.put('/clients/:clientId/routing', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: "Change a client's routing settings",
      params: ClientParams,
      body: UpdateRoutingSettingsRequest,
      response: { 200: RoutingSettings },
    },
    handler: async (request) => updateRoutingSettings(db, scopeOf(request), request.params.clientId, request.body),
  });

  r.post('/conversations/:conversationId/escalate-tier', {
    config: { access: 'agency' },
    schema: {
      tags,
      summary: 'Escalate to the next tier (1 → 2 → 3) with a reason',
      params: ConversationParams,
      body: EscalateTierRequest,
      response: { 200: ConversationDetail },
    },
    handler: async (request) =>
      escalateTier(db, {
        scope: agencyScopeOf(request),
        actorName: principalOf(request).me.name,
        conversationId: request.params.conversationId,
        reason: request.body.reason,
        events,
      }),
  });
}
