import { AgencyUser, CreateAgencyUserRequest, UpdateAgencyUserRequest } from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { selectAgencyUsers } from './agency-user-repository.js';
import { createAgencyUser } from './create-agency-user.js';
import { updateAgencyUser } from './update-agency-user.js';

export async function agencyUserRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['agency users'];
  const config = { access: 'manager' as const };

  r.get('/agency-users', {
    config,
    schema: {
      tags,
      summary: 'Agency staff: roles, tiers, skills, capacity, clients served',
      response: { 200: z.array(AgencyUser) },
    },
    handler: async () => selectAgencyUsers(db),
  });

  r.post('/agency-users', {
    config,
    schema: { tags, summary: 'Add a member of staff', body: CreateAgencyUserRequest, response: { 201: AgencyUser } },
    handler: async (request, reply) =>
      reply.status(201).send(await createAgencyUser(db, scopeOf(request), request.body)),
  });

  r.patch('/agency-users/:userId', {
    config,
    schema: {
      tags,
      summary: 'Change a member of staff',
      params: z.object({ userId: z.uuid() }),
      body: UpdateAgencyUserRequest,
      response: { 200: AgencyUser },
    },
    handler: async (request) => {
      const user = await updateAgencyUser(db, scopeOf(request), request.params.userId, request.body);
      // Clients served, role or deactivation: their open desks re-check what they may read.
      app.deskAccess.changed(request.params.userId);
      return user;
    },
  });
}
