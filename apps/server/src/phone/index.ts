import type { Reactions } from '../conversations/index.js';
import type { Db } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import { type CallbackDueAt, defaultCallbackDueAt } from './callback-due.js';
import { ctiAdapter } from './cti/cti-adapter.js';
import type { PhoneDeps } from './phone-context.js';
import { type PickAgent, pickAgentByPresence } from './pick-agent.js';
import { createTwilioAdapter } from './twilio/twilio-adapter.js';
import { twilioUrls } from './twilio/twilio-twiml.js';

export type { CallbackDueAt } from './callback-due.js';
export type { PhoneDeps } from './phone-context.js';
export { phoneReplyChannel } from './phone-reply-channel.js';
export { phoneRoutes } from './phone-routes.js';
export type { PickAgent } from './pick-agent.js';
export type { SoftphoneConfig } from './softphone-token.js';
export { startPhoneWorker } from './start-phone-worker.js';

export type PhoneOptions = {
  /** The public base URL providers call back on (it is part of what Twilio signs). */
  publicUrl: string;
  twilioApiBaseUrl?: string;
  pickAgent?: PickAgent;
  callbackDueAt?: CallbackDueAt;
  fetch?: typeof fetch;
};

/** The phone's dependencies, with the seams (agent picking, callback due time) filled by defaults. */
export function createPhoneDeps(
  input: { db: Db; events: DeskEventPublisher; reactions: Reactions },
  options: PhoneOptions,
): PhoneDeps {
  const urls = twilioUrls(options.publicUrl);
  return {
    db: input.db,
    events: input.events,
    reactions: input.reactions,
    pickAgent: options.pickAgent ?? pickAgentByPresence,
    callbackDueAt: options.callbackDueAt ?? defaultCallbackDueAt,
    adapters: {
      twilio: createTwilioAdapter({
        urls,
        apiBaseUrl: options.twilioApiBaseUrl ?? 'https://api.twilio.com',
        ...(options.fetch && { fetch: options.fetch }),
      }),
      cti: ctiAdapter,
    },
  };
}
