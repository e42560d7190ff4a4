import { SlaPolicy, SlaPolicyInput } from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { getSlaPolicy } from './get-sla-policy.js';
import { updateSlaPolicy } from './update-sla-policy.js';

const ClientParams = z.object({ clientId: z.uuid() });

export async function slaRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sla'];

  r.get('/clients/:clientId/sla-policy', {
    config: { access: 'agency' },
    schema: {
      tags,
      summary: "A client's SLA policy: targets per priority, warning threshold, calendar",
      params: ClientParams,
      response: { 200: SlaPolicy },
    },
    handler: async (request) => getSlaPolicy(db, scopeOf(request), request.params.clientId),
  });

  r.put('/clients/:clientId/sla-policy', {
    config: { access: 'manager' },
    schema: {
      tags,
      summary: "Set a client's SLA policy (recomputes its open conversations' due times)",
      params: ClientParams,
      body: SlaPolicyInput,
      response: { 200: SlaPolicy },
    },
    handler: async (request) => updateSlaPolicy(db, scopeOf(request), request.params.clientId, request.body),
  });
}
