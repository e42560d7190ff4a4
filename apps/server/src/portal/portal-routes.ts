import {
  PortalConversationDetail,
  PortalConversationQuery,
  PortalConversationSummary,
  page,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { clientScopeOf } from '../auth/index.js';
import { getClientConversation, searchClientHistory } from '../conversations/index.js';
import type { Db } from '../db/index.js';

export async function portalRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['portal'];
  const config = { access: 'client' as const };

  r.get('/portal/conversations', {
    config,
    schema: {
      tags,
      summary: "The client's communication history",
      querystring: PortalConversationQuery,
      response: { 200: page(PortalConversationSummary) },
    },
    handler: async (request) => searchClientHistory(db, clientScopeOf(request), request.query),
  });

  r.get('/portal/conversations/:number', {
    config,
    schema: {
      tags,
      summary: 'One conversation of the client, by its number',
      params: z.object({ number: z.coerce.number().int().min(1).max(2_147_483_647) }),
      response: { 200: PortalConversationDetail },
    },
    handler: async (request) => getClientConversation(db, clientScopeOf(request), request.params.number),
  });
}
