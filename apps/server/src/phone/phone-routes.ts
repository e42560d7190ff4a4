import {
  Call,
  CallbackTask,
  CallDetail,
  CallListQuery,
  CallScreenPop,
  FileCallResultRequest,
  HoldCallRequest,
  PhoneLine,
  PlaceCallRequest,
  SoftphoneToken,
  TransferCallRequest,
} from '@switchboard/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { agencyScopeOf, principalOf, scopeOf } from '../auth/index.js';
import { notFound } from '../platform/errors.js';
import { readableClientIds } from '../platform/scope.js';
import type { Storage } from '../platform/storage/index.js';
import { answerCall, completeTransfer, hangupCall, holdCall, transferCall } from './control-call.js';
import { ctiRoutes } from './cti/cti-routes.js';
import { fileCallResult } from './file-call-result.js';
import { getScreenPop } from './get-screen-pop.js';
import { listCallbackTasks } from './list-callback-tasks.js';
import { listCalls } from './list-calls.js';
import type { PhoneDeps } from './phone-context.js';
import {
  closeCallbackTask,
  findCall,
  findCallbackTask,
  findRecording,
  listCallEvents,
  listLines,
} from './phone-repository.js';
import { placeCall } from './place-call.js';
import { mayHearRecording } from './recordings/may-hear-recording.js';
import { streamRecording } from './recordings/stream-recording.js';
import { lineDto } from './setup/phone-setup-dto.js';
import { phoneSetupRoutes } from './setup/phone-setup-routes.js';
import { type SoftphoneConfig, softphoneToken } from './softphone-token.js';
import { twilioRoutes } from './twilio/twilio-routes.js';
import type { TwilioUrls } from './twilio/twilio-twiml.js';

export type PhoneRoutesOptions = {
  deps: PhoneDeps;
  storage: Storage;
  publicUrl: string;
  urls: TwilioUrls;
  softphone: SoftphoneConfig | null;
};

const CallParams = z.object({ callId: z.uuid() });

/** The phone on the desk and in the portal: calls, call control, results, callbacks, recordings, lines. */
export async function phoneRoutes(app: FastifyInstance, options: PhoneRoutesOptions) {
  const { deps, storage } = options;
  const { db } = deps;
  // Providers and PBXs post form-encoded bodies; the parser lives in this scope only.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  await app.register(twilioRoutes, { deps, urls: options.urls, publicUrl: options.publicUrl });
  await app.register(ctiRoutes, { deps });

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['phone'];
  const agency = { access: 'agency' as const };
  const signedIn = { access: 'signed-in' as const };
  const noContent = { 204: z.null() };

  r.get('/phone/calls', {
    config: signedIn,
    schema: {
      tags,
      summary: 'Calls with recordings, filtered (client, agent, dates, result)',
      querystring: CallListQuery,
      response: { 200: z.array(Call) },
    },
    handler: async (request) => listCalls(db, readableClientIds(scopeOf(request)), request.query, scopeOf(request)),
  });

  r.get('/phone/calls/:callId', {
    config: signedIn,
    schema: {
      tags,
      summary: 'A call with its events and recordings',
      params: CallParams,
      response: { 200: CallDetail },
    },
    handler: async (request) => {
      const scope = scopeOf(request);
      const [call] = await listCalls(
        db,
        readableClientIds(scope),
        { callIds: [request.params.callId], limit: 1 },
        scope,
      );
      if (!call) throw notFound('Call');
      const events = await listCallEvents(db, call.clientId, call.id);
      return {
        ...call,
        events: events.map((event) => ({
          type: event.type,
          state: (event.state as Call['state'] | null) ?? null,
          applied: event.applied,
          at: event.at.toISOString(),
        })),
      };
    },
  });

  r.get('/phone/calls/:callId/screen-pop', {
    config: agency,
    schema: {
      tags,
      summary: 'Caller, their history and the line script, for the incoming-call pop-up',
      params: CallParams,
      response: { 200: CallScreenPop },
    },
    handler: async (request) =>
      getScreenPop(db, agencyScopeOf(request), request.params.callId, principalOf(request).me.name),
  });

  const control = (path: string, summary: string, run: (callId: string, request: FastifyRequest) => Promise<void>) =>
    r.post(`/phone/calls/:callId/${path}`, {
      config: agency,
      schema: { tags, summary, params: CallParams, response: noContent },
      handler: async (request, reply) => {
        await run((request.params as { callId: string }).callId, request);
        return reply.status(204).send(null);
      },
    });
  control('answer', 'Answer the offered call (the softphone rings)', (callId, request) =>
    answerCall(deps, agencyScopeOf(request), callId),
  );
  control('hangup', 'Hang up', (callId, request) => hangupCall(deps, agencyScopeOf(request), callId));
  control('transfer/complete', 'Warm transfer: hand the caller to the consulted target', (callId, request) =>
    completeTransfer(deps, agencyScopeOf(request), callId, false),
  );
  control('transfer/cancel', 'Warm transfer: take the caller back', (callId, request) =>
    completeTransfer(deps, agencyScopeOf(request), callId, true),
  );

  r.post('/phone/calls/:callId/hold', {
    config: agency,
    schema: { tags, summary: 'Hold or resume', params: CallParams, body: HoldCallRequest, response: noContent },
    handler: async (request, reply) => {
      await holdCall(deps, agencyScopeOf(request), request.params.callId, request.body.hold);
      return reply.status(204).send(null);
    },
  });

  r.post('/phone/calls/:callId/transfer', {
    config: agency,
    schema: {
      tags,
      summary: 'Transfer, blind or warm, to an agent, a queue or a number',
      params: CallParams,
      body: TransferCallRequest,
      response: noContent,
    },
    handler: async (request, reply) => {
      await transferCall(deps, agencyScopeOf(request), request.params.callId, request.body);
      return reply.status(204).send(null);
    },
  });

  r.post('/phone/calls/:callId/result', {
    config: agency,
    schema: {
      tags,
      summary: 'File the call result (code, notes, next action) to the CRM record',
      params: CallParams,
      body: FileCallResultRequest,
      response: noContent,
    },
    handler: async (request, reply) => {
      await fileCallResult(deps, { scope: agencyScopeOf(request), callId: request.params.callId, body: request.body });
      return reply.status(204).send(null);
    },
  });

  r.post('/phone/calls', {
    config: agency,
    schema: {
      tags,
      summary: "Click-to-call from a contact, conversation or callback task (the client's number as caller id)",
      body: PlaceCallRequest,
      response: { 201: z.object({ callId: z.uuid() }) },
    },
    handler: async (request, reply) => {
      const call = await placeCall(deps, {
        scope: agencyScopeOf(request),
        agentName: principalOf(request).me.name,
        body: request.body,
      });
      return reply.status(201).send({ callId: call.id });
    },
  });

  r.get('/phone/callbacks', {
    config: agency,
    schema: {
      tags,
      summary: 'Callback tasks for missed calls, most urgent first',
      querystring: z.strictObject({ status: z.enum(['open', 'done']).default('open') }),
      response: { 200: z.array(CallbackTask) },
    },
    handler: async (request) => listCallbackTasks(db, agencyScopeOf(request).clientIds, request.query.status),
  });

  r.post('/phone/callbacks/:taskId/done', {
    config: agency,
    schema: { tags, summary: 'Close a callback task', params: z.object({ taskId: z.uuid() }), response: noContent },
    handler: async (request, reply) => {
      const scope = agencyScopeOf(request);
      const task = await findCallbackTask(db, scope.clientIds, request.params.taskId);
      if (!task) throw notFound('Callback task');
      await db.transaction(async (tx) => {
        await closeCallbackTask(tx, task, scope.userId);
        await recordAudit(tx, scope, {
          clientId: task.clientId,
          action: 'callback.done',
          entity: 'phone_callback_task',
          entityId: task.id,
        });
      });
      return reply.status(204).send(null);
    },
  });

  r.get('/phone/recordings/:recordingId/audio', {
    config: signedIn,
    schema: {
      tags,
      summary: 'Play a recording (HTTP range requests supported)',
      params: z.object({ recordingId: z.uuid() }),
    },
    handler: async (request, reply) => {
      const scope = scopeOf(request);
      const recording = await findRecording(db, readableClientIds(scope), request.params.recordingId);
      const call = recording && (await findCall(db, [recording.clientId], recording.callId));
      // One the scope may not hear is answered like one that does not exist.
      if (!recording || !call || !mayHearRecording(scope, recording, call)) throw notFound('Recording');
      return streamRecording(storage, recording, request, reply);
    },
  });

  r.get('/phone/softphone-token', {
    config: agency,
    schema: {
      tags,
      summary: "A token for the agent's browser softphone (when the agency configured one)",
      response: { 200: SoftphoneToken },
    },
    handler: async (request) => {
      if (!options.softphone) throw notFound('Softphone configuration');
      return softphoneToken(options.softphone, agencyScopeOf(request).userId);
    },
  });

  r.get('/phone/lines', {
    config: agency,
    schema: { tags, summary: "The clients' phone lines", response: { 200: z.array(PhoneLine) } },
    handler: async (request) => (await listLines(db, agencyScopeOf(request).clientIds)).map(lineDto),
  });

  await app.register(phoneSetupRoutes, { db });
}
