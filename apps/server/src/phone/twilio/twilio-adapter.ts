import { AppError } from '../../platform/errors.js';
import { openSecret } from '../../platform/secrets/index.js';
import type { LineCredentials, LiveCall, VoiceAdapter } from '../voice-adapter.js';
import { agentIdentity } from '../voice-adapter.js';
import { dialTwiml, enqueueTwiml, hangupTwiml, holdTwiml, type TwilioUrls } from './twilio-twiml.js';

export type TwilioAdapterOptions = {
  urls: TwilioUrls;
  /** https://api.twilio.com in production; a local fake provider in tests. */
  apiBaseUrl: string;
  fetch?: typeof fetch;
};

/**
 * Twilio Programmable Voice. Call control redirects the live call to new TwiML through the REST
 * API (`POST /Calls/{sid}.json` with `Twiml`), which is how Twilio hands a call from one verb to the next.
 */
export function createTwilioAdapter(options: TwilioAdapterOptions): VoiceAdapter {
  const doFetch = options.fetch ?? fetch;
  const api = async (line: LineCredentials, path: string, form: Record<string, string>) => {
    const { accountSid, authToken } = credentialsOf(line);
    const response = await doFetch(`${options.apiBaseUrl}/2010-04-01/Accounts/${accountSid}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      throw new AppError('PHONE_PROVIDER_REFUSED', `The phone provider refused the request (${response.status}).`);
    }
    return (await response.json()) as Record<string, unknown>;
  };
  const redirect = (line: LineCredentials, call: LiveCall, twiml: string) =>
    api(line, `/Calls/${call.providerCallId}.json`, { Twiml: twiml });

  return {
    kind: 'twilio',
    controls: true,
    async connectAgent(line, call, agentId) {
      await redirect(
        line,
        call,
        dialTwiml(options.urls, { callId: call.id, callerId: call.lineNumber, record: call.record, to: { agentId } }),
      );
    },
    async hold(line, call, holdAudioUrl) {
      await redirect(line, call, holdTwiml(holdAudioUrl));
    },
    async transfer(line, call, target) {
      const twiml =
        target.kind === 'queue'
          ? enqueueTwiml(options.urls, call.id, target.queueName)
          : dialTwiml(options.urls, {
              callId: call.id,
              callerId: call.lineNumber,
              record: call.record,
              to: target.kind === 'agent' ? { agentId: target.agentId } : { number: target.number },
            });
      await redirect(line, call, twiml);
    },
    async hangup(line, call) {
      await redirect(line, call, hangupTwiml());
    },
    async placeCall(line, input) {
      const created = await api(line, '/Calls.json', {
        To: `client:${agentIdentity(input.agentId)}`,
        From: input.lineNumber,
        Url: options.urls.url('outbound', { callId: input.callId }),
        Method: 'POST',
        StatusCallback: options.urls.url('status', { callId: input.callId }),
        StatusCallbackMethod: 'POST',
        StatusCallbackEvent: 'initiated ringing answered completed',
      });
      const sid = typeof created.sid === 'string' ? created.sid : null;
      if (!sid) throw new AppError('PHONE_PROVIDER_REFUSED', 'The phone provider did not return a call id.');
      return { providerCallId: sid };
    },
    async fetchRecording(line, url, signal) {
      // The URL came in a signed webhook, but only the provider's own API host is ever fetched.
      if (new URL(url).origin !== new URL(options.apiBaseUrl).origin) {
        throw new AppError('BAD_REQUEST', 'Recording URL is not on the provider API host');
      }
      const { accountSid, authToken } = credentialsOf(line);
      return doFetch(`${url}.wav`, {
        headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}` },
        ...(signal && { signal }),
      });
    },
  };
}

function credentialsOf(line: LineCredentials) {
  if (!line.accountSid || !line.authToken)
    throw new AppError('LINE_HAS_NO_CREDENTIALS', 'This line has no Twilio credentials.');
  // Sealed at rest (M7).
  return { accountSid: line.accountSid, authToken: openSecret(line.authToken) };
}
