import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import twilio from 'twilio';
import { AppError, notFound } from '../../platform/errors.js';
import { systemReach } from '../../platform/scope.js';
import { openSecret } from '../../platform/secrets/index.js';
import { applyCallEvent } from '../apply-call-event.js';
import { isFinal } from '../call-states.js';
import { offerCall, queueCall } from '../offer-call.js';
import { inPhoneTx, type PhoneDeps, type PhoneTx } from '../phone-context.js';
import {
  type CallRow,
  findCall,
  findLine,
  findLineByNumber,
  findQueue,
  findTwilioCall,
  insertRecording,
  type LineRow,
  notifyAfterCommit,
  phoneSettingsOf,
  takeWebhookSignature,
  updateCall,
} from '../phone-repository.js';
import { recordingWorkChannel } from '../recordings/recording-work.js';
import { startCall } from '../start-call.js';
import { dialResultEvent, isTwilioSid, legEvent, statusEvent, type TwilioParams } from './twilio-events.js';
import {
  dialTwiml,
  emptyTwiml,
  enqueueTwiml,
  hangupTwiml,
  inboundTwiml,
  type TwilioUrls,
  voicemailTwiml,
  waitTwiml,
} from './twilio-twiml.js';

export type TwilioRoutesOptions = { deps: PhoneDeps; urls: TwilioUrls; publicUrl: string };

const queueName = (queueId: string) => `q-${queueId}`;
const text = {
  en: {
    position: (n: number) => `You are number ${n} in line. Thank you for waiting.`,
    voicemail:
      'Sorry, nobody can take your call right now. Please leave a message after the tone and we will call you back.',
  },
  fa: {
    position: (n: number) => `شما نفر ${n} در صف هستید. از شکیبایی شما سپاسگزاریم.`,
    voicemail: 'متأسفانه همکاران ما اکنون پاسخگو نیستند. لطفاً پس از بوق پیام بگذارید؛ با شما تماس می‌گیریم.',
  },
};
const speech = (line: LineRow) => (line.language === 'fa' ? text.fa : text.en);

/**
 * Twilio Programmable Voice webhooks. Each request is checked against the line's auth token with
 * Twilio's own algorithm (HMAC-SHA1 over the public URL and the sorted form parameters); a forged
 * signature, or one already taken (a replay), is refused with 403 before anything is stored.
 */
export async function twilioRoutes(app: FastifyInstance, options: TwilioRoutesOptions) {
  const { deps, urls } = options;
  const config = { access: 'public' as const, signedWebhook: true, rateLimit: false as const };
  const schema = { hide: true };

  /** Verifies the request and takes its signature in the work's transaction; the TwiML reply, or 204. */
  const handle =
    (
      resolve: (params: TwilioParams, query: Record<string, string>) => Promise<{ line: LineRow; call?: CallRow }>,
      work: (
        context: PhoneTx,
        params: TwilioParams,
        found: { line: LineRow; call?: CallRow },
        query: Record<string, string>,
      ) => Promise<string | null>,
    ) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const params = (request.body ?? {}) as TwilioParams;
      const query = (request.query ?? {}) as Record<string, string>;
      const found = await resolve(params, query);
      const signature = request.headers['x-twilio-signature'];
      const url = `${options.publicUrl.replace(/\/$/, '')}${request.url}`;
      if (
        typeof signature !== 'string' ||
        !found.line.authToken ||
        params.AccountSid !== found.line.accountSid ||
        !twilio.validateRequest(openSecret(found.line.authToken), signature, url, params)
      ) {
        throw new AppError('PROVIDER_SIGNATURE_INVALID', 'The Twilio signature does not match this request.');
      }
      const twiml = await inPhoneTx(deps, async (context) => {
        if (!(await takeWebhookSignature(context.tx, found.line.clientId, signature))) {
          throw new AppError('PROVIDER_REQUEST_REPLAYED', 'This signed request was already received (replay).');
        }
        const call = found.call ? await lockCall(context, found.call) : undefined;
        return work(context, params, { line: found.line, ...(call && { call }) }, query);
      });
      if (twiml === null) return reply.status(204).send();
      return reply.type('text/xml').send(twiml);
    };

  const lockCall = async (context: PhoneTx, call: CallRow) =>
    (await findCall(context.tx, [call.clientId], call.id, true))!;

  const byNumber = async (params: TwilioParams) => {
    const line = params.To ? await findLineByNumber(deps.db, params.To) : undefined;
    if (line?.provider !== 'twilio') throw notFound('Line');
    return { line };
  };
  const byCall = async (params: TwilioParams, query: Record<string, string>) => {
    const call = query.callId
      ? /^[0-9a-f-]{36}$/.test(query.callId)
        ? await findCall(deps.db, systemReach("the provider's status callback"), query.callId)
        : undefined
      : isTwilioSid(params.CallSid, 'CA') && params.AccountSid
        ? await findTwilioCall(deps.db, params.AccountSid, params.CallSid!)
        : undefined;
    if (!call) throw notFound('Call');
    const line = await findLine(deps.db, call.clientId, call.lineId);
    if (!line) throw notFound('Line');
    return { line, call };
  };
  const callOf = (found: { call?: CallRow }) => found.call!;

  const queueTwiml = async (context: PhoneTx, line: LineRow, call: CallRow, queueId: string, say?: string) => {
    const queued = await queueCall(context, call, queueId);
    return enqueueTwiml(urls, queued.id, queueName(queueId), say ? { language: line.language, text: say } : undefined);
  };

  // A call to one of the clients' numbers: consent notice, greeting, IVR or straight to the queue.
  app.post(
    '/phone/twilio/voice',
    { config, schema },
    handle(byNumber, async (context, params, { line }) => {
      if (!isTwilioSid(params.CallSid, 'CA') || !params.From)
        throw new AppError('NOT_A_PROVIDER_CALL', 'Not a Twilio call');
      const { call, created } = await startCall(context, {
        line,
        providerCallId: params.CallSid!,
        direction: 'inbound',
        customerNumber: params.From!,
        customerName: params.CallerName ?? null,
        event: {
          providerEventId: `twilio:${params.CallSid}:voice`,
          type: 'inbound',
          state: 'ringing',
          at: new Date(),
          data: { from: params.From!, to: params.To ?? '' },
        },
      });
      if (!created && call.state !== 'ringing') return emptyTwiml();
      const settings = await phoneSettingsOf(context.tx, line.clientId);
      const consentNotice = line.record && settings.consentNotice ? settings.consentNotice : null;
      if (line.ivr && line.ivr.options.length > 0) {
        return inboundTwiml(urls, {
          language: line.language,
          callId: call.id,
          consentNotice,
          greeting: line.greeting,
          ivr: line.ivr,
          queueName: '',
        });
      }
      const queued = await queueCall(context, call, line.queueId);
      return inboundTwiml(urls, {
        language: line.language,
        callId: queued.id,
        consentNotice,
        greeting: line.greeting,
        ivr: null,
        queueName: queueName(line.queueId),
      });
    }),
  );

  // The caller pressed a menu digit (or none): the queue it names.
  app.post(
    '/phone/twilio/ivr',
    { config, schema },
    handle(byCall, async (context, params, found, query) => {
      const { line } = found;
      const call = callOf(found);
      if (isFinal(call.state)) return hangupTwiml();
      const digit = query.digit === 'none' ? '' : (params.Digits ?? '').slice(0, 1);
      const option = line.ivr?.options.find((candidate) => candidate.digit === digit);
      return queueTwiml(context, line, call, option?.queueId ?? line.queueId);
    }),
  );

  // While the caller waits: their position, hold audio; an agent is looked for again each time.
  app.post(
    '/phone/twilio/wait',
    { config, schema },
    handle(byCall, async (context, params, found) => {
      const { line } = found;
      let call = callOf(found);
      const queue = call.queueId ? await findQueue(context.tx, call.clientId, call.queueId) : undefined;
      const waited = Number(params.QueueTime ?? '0');
      const leave = isFinal(call.state) || (queue !== undefined && waited >= queue.maxWaitSeconds);
      if (!leave) call = await offerCall(context, call);
      const position = /^\d+$/.test(params.QueuePosition ?? '') ? Number(params.QueuePosition) : null;
      return waitTwiml({
        language: line.language,
        position,
        positionText: position === null ? '' : speech(line).position(position),
        holdAudioUrl: queue?.holdAudioUrl ?? null,
        leave,
      });
    }),
  );

  // The caller left the queue: hung up (abandoned), or waited too long / the queue failed (voicemail).
  app.post(
    '/phone/twilio/queue-result',
    { config, schema },
    handle(byCall, async (context, params, found) => {
      const { line } = found;
      const call = callOf(found);
      const result = params.QueueResult ?? '';
      if (result === 'bridged' || result === 'redirected' || result === 'bridging-in-process') return emptyTwiml();
      if (result === 'hangup') {
        await applyCallEvent(context, call, {
          providerEventId: `twilio:${params.CallSid}:queue:${params.QueueSid ?? ''}:hangup`,
          type: 'queue-result',
          state: 'abandoned',
          at: new Date(),
          cause: 'hangup-in-queue',
          data: { queueTime: params.QueueTime ?? '' },
        });
        return emptyTwiml();
      }
      await applyCallEvent(context, call, {
        providerEventId: `twilio:${params.CallSid}:queue:${params.QueueSid ?? ''}:${result}`,
        type: 'queue-result',
        state: 'voicemail',
        at: new Date(),
        cause: result || 'leave',
        data: { queueTime: params.QueueTime ?? '' },
      });
      return voicemailTwiml(urls, { language: line.language, callId: call.id, prompt: speech(line).voicemail });
    }),
  );

  // A <Dial> ended: the agent never answered (back to the queue, someone else), or the talk is over.
  app.post(
    '/phone/twilio/dial-result',
    { config, schema },
    handle(byCall, async (context, params, found) => {
      const { line } = found;
      const call = callOf(found);
      const applied = await applyCallEvent(context, call, dialResultEvent(params));
      const status = params.DialCallStatus ?? '';
      if (applied.duplicate || isFinal(call.state) || call.state === 'on_hold' || call.state === 'transferring') {
        return status === 'completed' || status === 'answered' ? hangupTwiml() : emptyTwiml();
      }
      if (status === 'completed' || status === 'answered') return hangupTwiml();
      if (call.direction === 'outbound') {
        await applyCallEvent(context, call, {
          providerEventId: `twilio:${params.CallSid}:dial-end:${status}`,
          type: 'dial-result',
          state: status === 'busy' ? 'busy' : status === 'failed' ? 'failed' : 'no_answer',
          at: new Date(),
          cause: status,
        });
        return hangupTwiml();
      }
      // The agent let it ring out: offer the caller to someone else.
      const missedBy = call.agentId ? [call.agentId] : [];
      const back = await updateCall(context.tx, call, { agentId: null });
      const requeued = await queueCall(context, back, call.queueId ?? line.queueId);
      if (!requeued.agentId && missedBy.length > 0) await offerCall(context, requeued, missedBy);
      return enqueueTwiml(urls, call.id, queueName(call.queueId ?? line.queueId));
    }),
  );

  // The dialled leg (agent, transfer target, or the customer on an outbound call) answered or ended.
  app.post(
    '/phone/twilio/agent-leg',
    { config, schema },
    handle(byCall, async (context, params, found) => {
      const call = callOf(found);
      const event = legEvent(params);
      await applyCallEvent(context, call, { ...event, agentId: event.agentId ?? call.agentId ?? undefined });
      return null;
    }),
  );

  // The call's own status callbacks: ringing, answered, completed, busy, no-answer, failed, canceled.
  app.post(
    '/phone/twilio/status',
    { config, schema },
    handle(byCall, async (context, params, found) => {
      await applyCallEvent(context, callOf(found), statusEvent(params));
      return null;
    }),
  );

  // Click-to-call: the agent answered their softphone; now ring the customer from the client's number.
  app.post(
    '/phone/twilio/outbound',
    { config, schema },
    handle(byCall, async (context, _params, found) => {
      const { line } = found;
      const call = callOf(found);
      if (isFinal(call.state)) return hangupTwiml();
      await applyCallEvent(context, call, {
        providerEventId: `twilio:${call.providerCallId}:outbound:ringing`,
        type: 'outbound',
        state: 'ringing',
        at: new Date(),
      });
      return dialTwiml(urls, {
        callId: call.id,
        callerId: line.number,
        record: line.record,
        to: { number: call.toNumber },
      });
    }),
  );

  // The caller finished their voicemail.
  app.post(
    '/phone/twilio/voicemail',
    { config, schema },
    handle(byCall, async (context, params, found) => {
      await applyCallEvent(context, callOf(found), {
        providerEventId: `twilio:${params.CallSid}:voicemail:${params.RecordingSid ?? randomUUID()}`,
        type: 'voicemail-left',
        state: null,
        at: new Date(),
        durationSeconds: undefined,
        data: { recordingDuration: params.RecordingDuration ?? '' },
      });
      return hangupTwiml();
    }),
  );

  // A recording (of the talk, or a voicemail) is ready at the provider: a job fetches it into storage.
  app.post(
    '/phone/twilio/recording',
    { config, schema },
    handle(byCall, async (context, params, found, query) => {
      const call = callOf(found);
      if (params.RecordingStatus !== 'completed' || !isTwilioSid(params.RecordingSid, 'RE') || !params.RecordingUrl) {
        return null;
      }
      const duration = Number(params.RecordingDuration);
      const recording = await insertRecording(context.tx, {
        clientId: call.clientId,
        callId: call.id,
        providerRecordingId: params.RecordingSid!,
        kind: query.kind === 'voicemail' ? 'voicemail' : 'call',
        sourceUrl: params.RecordingUrl,
        durationSeconds: Number.isFinite(duration) ? Math.round(duration) : null,
      });
      if (recording) {
        await notifyAfterCommit(context.tx, recordingWorkChannel, `${recording.clientId}/${recording.id}`);
        context.published.push({
          type: 'call.updated',
          clientId: call.clientId,
          callId: call.id,
          conversationId: call.conversationId,
        });
      }
      return null;
    }),
  );
}
