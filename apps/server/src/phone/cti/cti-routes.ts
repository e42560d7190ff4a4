import type { CallState } from '@switchboard/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../platform/errors.js';
import { applyCallEvent } from '../apply-call-event.js';
import { queueCall } from '../offer-call.js';
import { inPhoneTx, type PhoneDeps } from '../phone-context.js';
import { findAgentServingClientByEmail, findCallOnLine, findLineByCtiToken } from '../phone-repository.js';
import { startCall } from '../start-call.js';

const Number_ = z.string().trim().min(3).max(32);
/** Zammad's generic CTI events, posted form-encoded or as JSON by the PBX. */
const CtiEvent = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('newCall'),
    callId: z.string().min(1).max(200),
    from: Number_,
    to: Number_,
    direction: z.enum(['in', 'out']),
    user: z.union([z.string(), z.array(z.string())]).optional(),
  }),
  z.object({
    event: z.literal('answer'),
    callId: z.string().min(1).max(200),
    user: z.union([z.string(), z.array(z.string())]).optional(),
    answeringNumber: z.string().max(32).optional(),
  }),
  z.object({
    event: z.literal('hangup'),
    callId: z.string().min(1).max(200),
    cause: z.string().max(40).default('normalClearing'),
  }),
]);

/** Zammad's hangup causes in Switchboard's states (an unanswered normal clearing is the caller giving up). */
const causeState: Record<string, CallState> = {
  normalClearing: 'completed',
  cancel: 'abandoned',
  busy: 'busy',
  noAnswer: 'no_answer',
  rejected: 'rejected',
  congestion: 'failed',
  notFound: 'failed',
  unavailable: 'failed',
  forwarded: 'completed',
  voicemail: 'voicemail',
};

/**
 * The generic CTI endpoint (`POST /api/v1/phone/cti/:token`): any PBX reports its calls here, the
 * way Zammad's generic CTI does. The token in the URL is the line's secret (only its hash is stored);
 * a wrong one answers 404 like a line that does not exist.
 */
export async function ctiRoutes(app: FastifyInstance, { deps }: { deps: PhoneDeps }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/phone/cti/:token', {
    config: { access: 'public', signedWebhook: true },
    schema: {
      tags: ['phone'],
      summary: 'Generic CTI: a PBX reports newCall / answer / hangup',
      params: z.object({ token: z.string().min(16).max(200) }),
      body: CtiEvent,
      response: { 200: z.object({ callId: z.uuid(), state: z.string(), duplicate: z.boolean() }) },
    },
    handler: async (request) => {
      const line = await findLineByCtiToken(deps.db, request.params.token);
      if (line?.provider !== 'cti') throw notFound('Line');
      const body = request.body;
      const userOf = (user: string | string[] | undefined) => (Array.isArray(user) ? user[0] : user);
      const agentByUser = async (user: string | undefined) => {
        if (!user) return undefined;
        return findAgentServingClientByEmail(deps.db, line.clientId, user);
      };
      const eventId = `cti:${line.id}:${body.callId}:${body.event}`;
      // Looked up before the transaction: on PGlite one connection serves both.
      const userAgentId = 'user' in body ? await agentByUser(userOf(body.user)) : undefined;
      return inPhoneTx(deps, async (context) => {
        if (body.event === 'newCall') {
          const inbound = body.direction === 'in';
          const agentId = inbound ? undefined : userAgentId;
          const { call, created } = await startCall(context, {
            line,
            providerCallId: body.callId,
            direction: inbound ? 'inbound' : 'outbound',
            customerNumber: inbound ? body.from : body.to,
            agentId: agentId ?? null,
            event: {
              providerEventId: eventId,
              type: 'newCall',
              state: 'ringing',
              at: new Date(),
              data: { from: body.from, to: body.to },
            },
          });
          const routed = created && inbound ? await queueCall(context, call, line.queueId) : call;
          return { callId: routed.id, state: routed.state, duplicate: !created };
        }
        const call = await findCallOnLine(context.tx, line, body.callId, true);
        if (!call) throw notFound('Call');
        const applied =
          body.event === 'answer'
            ? await applyCallEvent(context, call, {
                providerEventId: eventId,
                type: 'answer',
                state: 'in_progress',
                at: new Date(),
                agentId: userAgentId ?? call.agentId ?? undefined,
                data: { answeringNumber: body.answeringNumber ?? '' },
              })
            : await applyCallEvent(context, call, {
                providerEventId: eventId,
                type: 'hangup',
                state: causeState[body.cause] ?? 'failed',
                at: new Date(),
                cause: body.cause,
              });
        return { callId: applied.call.id, state: applied.call.state, duplicate: applied.duplicate };
      });
    },
  });
}
