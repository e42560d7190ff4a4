import {
  Client,
  ClientUser,
  CreateClientRequest,
  CreateClientUserRequest,
  CreateInboxRequest,
  Inbox,
  UpdateClientRequest,
  UpdateClientUserRequest,
  UpdateInboxRequest,
} from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../auth/index.js';
import type { Db } from '../db/index.js';
import { notFound } from '../platform/errors.js';
import { assertClientInScope } from '../platform/scope.js';
import { findClient, selectClientUsers, selectInboxes, toClientUser, toInbox } from './client-repository.js';
import { createClient } from './create-client.js';
import { createClientUser } from './create-client-user.js';
import { createInbox } from './create-inbox.js';
import { listClients } from './list-clients.js';
import { updateClient } from './update-client.js';
import { updateClientUser } from './update-client-user.js';
import { updateInbox } from './update-inbox.js';

const ClientParams = z.object({ clientId: z.uuid() });
const manager = { access: 'manager' as const };

export async function clientRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clients'];

  r.get('/clients', {
    config: { access: 'agency' },
    schema: { tags, summary: 'Clients (an agent sees those they serve)', response: { 200: z.array(Client) } },
    handler: async (request) => listClients(db, scopeOf(request)),
  });

  r.post('/clients', {
    config: manager,
    schema: { tags, summary: 'Add a client', body: CreateClientRequest, response: { 201: Client } },
    handler: async (request, reply) => reply.status(201).send(await createClient(db, scopeOf(request), request.body)),
  });

  r.patch('/clients/:clientId', {
    config: manager,
    schema: {
      tags,
      summary: 'Change a client',
      params: ClientParams,
      body: UpdateClientRequest,
      response: { 200: Client },
    },
    handler: async (request) => {
      const client = await updateClient(db, scopeOf(request), request.params.clientId, request.body);
      // Switched off or on: its agents and portal users may read more or less.
      if (request.body.active !== undefined) app.deskAccess.changedForEveryone();
      return client;
    },
  });

  r.get('/clients/:clientId/users', {
    config: manager,
    schema: { tags, summary: "A client's portal users", params: ClientParams, response: { 200: z.array(ClientUser) } },
    handler: async (request) => {
      if (!(await findClient(db, request.params.clientId))) throw notFound('Client');
      return (await selectClientUsers(db, request.params.clientId)).map(toClientUser);
    },
  });

  r.post('/clients/:clientId/users', {
    config: manager,
    schema: {
      tags,
      summary: 'Add a portal user',
      params: ClientParams,
      body: CreateClientUserRequest,
      response: { 201: ClientUser },
    },
    handler: async (request, reply) =>
      reply.status(201).send(await createClientUser(db, scopeOf(request), request.params.clientId, request.body)),
  });

  r.patch('/clients/:clientId/users/:userId', {
    config: manager,
    schema: {
      tags,
      summary: 'Change a portal user',
      params: ClientParams.extend({ userId: z.uuid() }),
      body: UpdateClientUserRequest,
      response: { 200: ClientUser },
    },
    handler: async (request) => {
      const { clientId, userId } = request.params;
      const user = await updateClientUser(db, scopeOf(request), clientId, userId, request.body);
      app.deskAccess.changed(userId);
      return user;
    },
  });

  r.get('/clients/:clientId/inboxes', {
    config: { access: 'agency' },
    schema: { tags, summary: "A client's inboxes (channels)", params: ClientParams, response: { 200: z.array(Inbox) } },
    handler: async (request) => {
      assertClientInScope(scopeOf(request), request.params.clientId);
      if (!(await findClient(db, request.params.clientId))) throw notFound('Client');
      return (await selectInboxes(db, request.params.clientId)).map(toInbox);
    },
  });

  r.post('/clients/:clientId/inboxes', {
    config: manager,
    schema: { tags, summary: 'Add an inbox', params: ClientParams, body: CreateInboxRequest, response: { 201: Inbox } },
    handler: async (request, reply) =>
      reply.status(201).send(await createInbox(db, scopeOf(request), request.params.clientId, request.body)),
  });

  r.patch('/clients/:clientId/inboxes/:inboxId', {
    config: manager,
    schema: {
      tags,
      summary: 'Change an inbox',
      params: ClientParams.extend({ inboxId: z.uuid() }),
      body: UpdateInboxRequest,
      response: { 200: Inbox },
    },
    handler: async (request) =>
      updateInbox(db, scopeOf(request), request.params.clientId, request.params.inboxId, request.body),
  });
}
