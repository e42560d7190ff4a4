import twilio from 'twilio';
import { agentIdentity } from './voice-adapter.js';

/** Twilio Voice SDK credentials of the agency: an API key and the TwiML app the browser dials through. */
export type SoftphoneConfig = { accountSid: string; apiKeySid: string; apiKeySecret: string; twimlAppSid: string };

const ttlSeconds = 3600;

/** An access token for the agent's browser softphone (Twilio Voice JS SDK), made offline. */
export function softphoneToken(config: SoftphoneConfig, agentId: string) {
  const { AccessToken } = twilio.jwt;
  const identity = agentIdentity(agentId);
  const token = new AccessToken(config.accountSid, config.apiKeySid, config.apiKeySecret, {
    identity,
    ttl: ttlSeconds,
  });
  token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: config.twimlAppSid, incomingAllow: true }));
  return { token: token.toJwt(), identity, expiresInSeconds: ttlSeconds };
}
