import {
  CreatedPhoneLine,
  CreatePhoneLineRequest,
  PhoneClientSettings,
  PhoneLine,
  PhoneQueue,
  PhoneSetup,
  SavePhoneQueueRequest,
  UpdatePhoneClientSettingsRequest,
  UpdatePhoneLineRequest,
} from '@switchboard/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeOf } from '../../auth/index.js';
import type { Db } from '../../db/index.js';
import { assertClientInScope } from '../../platform/scope.js';
import { createPhoneLine } from './create-phone-line.js';
import { getPhoneSetup } from './get-phone-setup.js';
import { savePhoneQueue } from './save-phone-queue.js';
import { updatePhoneLine } from './update-phone-line.js';
import { updatePhoneSettings } from './update-phone-settings.js';

const ClientParams = z.object({ clientId: z.uuid() });

/** Agency managers set up a client's phone: lines, queues, the recording consent notice. */
export async function phoneSetupRoutes(app: FastifyInstance, { db }: { db: Db }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['phone'];
  const config = { access: 'manager' as const };
  const scoped = (request: FastifyRequest, clientId: string) => {
    const scope = scopeOf(request);
    assertClientInScope(scope, clientId);
    return scope;
  };

  r.get('/clients/:clientId/phone', {
    config,
    schema: {
      tags,
      summary: "A client's phone: settings, queues, lines, call scripts",
      params: ClientParams,
      response: { 200: PhoneSetup },
    },
    handler: async (request) => {
      scoped(request, request.params.clientId);
      return getPhoneSetup(db, request.params.clientId);
    },
  });

  r.patch('/clients/:clientId/phone/settings', {
    config,
    schema: {
      tags,
      summary: 'Change the recording consent notice, recording retention or callback target',
      params: ClientParams,
      body: UpdatePhoneClientSettingsRequest,
      response: { 200: PhoneClientSettings },
    },
    handler: async (request) =>
      updatePhoneSettings(db, {
        scope: scoped(request, request.params.clientId),
        clientId: request.params.clientId,
        body: request.body,
      }),
  });

  r.post('/clients/:clientId/phone/lines', {
    config,
    schema: {
      tags,
      summary: "Add a line (a CTI line's token is returned this once)",
      params: ClientParams,
      body: CreatePhoneLineRequest,
      response: { 201: CreatedPhoneLine },
    },
    handler: async (request, reply) => {
      const line = await createPhoneLine(db, {
        scope: scoped(request, request.params.clientId),
        clientId: request.params.clientId,
        body: request.body,
      });
      return reply.status(201).send(line);
    },
  });

  r.patch('/clients/:clientId/phone/lines/:lineId', {
    config,
    schema: {
      tags,
      summary: 'Change a line: number, greeting, IVR, queue, recording, script, credentials',
      params: z.object({ clientId: z.uuid(), lineId: z.uuid() }),
      body: UpdatePhoneLineRequest,
      response: { 200: PhoneLine },
    },
    handler: async (request) =>
      updatePhoneLine(db, {
        scope: scoped(request, request.params.clientId),
        clientId: request.params.clientId,
        lineId: request.params.lineId,
        body: request.body,
      }),
  });

  r.post('/clients/:clientId/phone/queues', {
    config,
    schema: {
      tags,
      summary: 'Add a call queue',
      params: ClientParams,
      body: SavePhoneQueueRequest,
      response: { 201: PhoneQueue },
    },
    handler: async (request, reply) => {
      const queue = await savePhoneQueue(db, {
        scope: scoped(request, request.params.clientId),
        clientId: request.params.clientId,
        body: request.body,
      });
      return reply.status(201).send(queue);
    },
  });

  r.put('/clients/:clientId/phone/queues/:queueId', {
    config,
    schema: {
      tags,
      summary: 'Change a call queue: name, hold audio, longest wait before voicemail',
      params: z.object({ clientId: z.uuid(), queueId: z.uuid() }),
      body: SavePhoneQueueRequest,
      response: { 200: PhoneQueue },
    },
    handler: async (request) =>
      savePhoneQueue(db, {
        scope: scoped(request, request.params.clientId),
        clientId: request.params.clientId,
        queueId: request.params.queueId,
        body: request.body,
      }),
  });
}
