import twilio from 'twilio';
import { agentIdentity } from '../voice-adapter.js';

const { VoiceResponse } = twilio.twiml;

/** Builds the absolute URLs Twilio calls back on; they are part of what Twilio signs. */
export type TwilioUrls = { url: (path: string, query?: Record<string, string>) => string };

export function twilioUrls(publicUrl: string): TwilioUrls {
  const base = `${publicUrl.replace(/\/$/, '')}/api/v1/phone/twilio`;
  return {
    url: (path, query) => `${base}/${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`,
  };
}

type Speech = { language: string };
const sayOptions = ({ language }: Speech) => ({ language: (language === 'fa' ? 'fa-IR' : 'en-US') as 'en-US' });

/** The caller's first TwiML: consent notice, greeting, then the IVR menu or the queue. */
export function inboundTwiml(
  urls: TwilioUrls,
  input: Speech & {
    callId: string;
    consentNotice: string | null;
    greeting: string;
    ivr: { prompt: string } | null;
    queueName: string;
  },
): string {
  const response = new VoiceResponse();
  if (input.consentNotice) response.say(sayOptions(input), input.consentNotice);
  if (input.greeting) response.say(sayOptions(input), input.greeting);
  if (input.ivr) {
    const gather = response.gather({
      numDigits: 1,
      timeout: 6,
      action: urls.url('ivr', { callId: input.callId }),
      method: 'POST',
    });
    gather.say(sayOptions(input), input.ivr.prompt);
    // No digit: the default queue.
    response.redirect({ method: 'POST' }, urls.url('ivr', { callId: input.callId, digit: 'none' }));
    return response.toString();
  }
  enqueue(response, urls, input.callId, input.queueName);
  return response.toString();
}

export function enqueueTwiml(urls: TwilioUrls, callId: string, queueName: string, say?: Speech & { text: string }) {
  const response = new VoiceResponse();
  if (say?.text) response.say(sayOptions(say), say.text);
  enqueue(response, urls, callId, queueName);
  return response.toString();
}

function enqueue(response: InstanceType<typeof VoiceResponse>, urls: TwilioUrls, callId: string, queueName: string) {
  response.enqueue(
    {
      waitUrl: urls.url('wait', { callId }),
      waitUrlMethod: 'POST',
      action: urls.url('queue-result', { callId }),
      method: 'POST',
    },
    queueName,
  );
}

/** What a waiting caller hears, fetched again and again: their position, then hold audio. */
export function waitTwiml(
  input: Speech & { position: number | null; positionText: string; holdAudioUrl: string | null; leave: boolean },
) {
  const response = new VoiceResponse();
  if (input.leave) {
    response.leave();
    return response.toString();
  }
  if (input.position !== null) response.say(sayOptions(input), input.positionText);
  if (input.holdAudioUrl) response.play({}, input.holdAudioUrl);
  else response.pause({ length: 10 });
  return response.toString();
}

export function voicemailTwiml(urls: TwilioUrls, input: Speech & { callId: string; prompt: string }) {
  const response = new VoiceResponse();
  response.say(sayOptions(input), input.prompt);
  response.record({
    maxLength: 120,
    playBeep: true,
    action: urls.url('voicemail', { callId: input.callId }),
    method: 'POST',
    recordingStatusCallback: urls.url('recording', { callId: input.callId, kind: 'voicemail' }),
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: ['completed'],
  });
  response.hangup();
  return response.toString();
}

/** Bridges the caller to an agent's softphone (or, for a transfer to a number, to that number). */
export function dialTwiml(
  urls: TwilioUrls,
  input: { callId: string; callerId: string; record: boolean; to: { agentId: string } | { number: string } },
): string {
  const response = new VoiceResponse();
  const dial = response.dial({
    callerId: input.callerId,
    action: urls.url('dial-result', { callId: input.callId }),
    method: 'POST',
    timeout: 25,
    ...(input.record && {
      record: 'record-from-answer-dual' as const,
      recordingStatusCallback: urls.url('recording', { callId: input.callId, kind: 'call' }),
      recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['completed'],
    }),
  });
  const legCallbacks = {
    statusCallback: urls.url('agent-leg', { callId: input.callId }),
    statusCallbackMethod: 'POST' as const,
    statusCallbackEvent: ['answered', 'completed'] as ('answered' | 'completed')[],
  };
  if ('agentId' in input.to) dial.client(legCallbacks, agentIdentity(input.to.agentId));
  else dial.number(legCallbacks, input.to.number);
  return response.toString();
}

export function holdTwiml(holdAudioUrl: string | null) {
  const response = new VoiceResponse();
  if (holdAudioUrl) response.play({ loop: 0 }, holdAudioUrl);
  else response.pause({ length: 600 });
  return response.toString();
}

export const hangupTwiml = () => {
  const response = new VoiceResponse();
  response.hangup();
  return response.toString();
};

export const emptyTwiml = () => new VoiceResponse().toString();
