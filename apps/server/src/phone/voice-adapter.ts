import type { CallState, TransferTarget } from '@switchboard/contracts';

/**
 * One provider event in Switchboard's words. Every adapter turns its provider's requests into these;
 * `providerEventId` makes redelivery harmless (stored once per client).
 */
export type CallEvent = {
  providerEventId: string;
  /** What happened, for the call's timeline: `inbound`, `status`, `agent-leg`, `queue-result`, `hangup`, … */
  type: string;
  /** The state the event reports; null when it only carries data (a recording, digits). */
  state: CallState | null;
  at: Date;
  durationSeconds?: number | undefined;
  cause?: string | undefined;
  /** The agent the provider says answered (CTI `user`, Twilio client identity). */
  agentId?: string | undefined;
  data?: Record<string, unknown>;
};

/** What the adapter needs to know about a live call to act on it. */
export type LiveCall = {
  id: string;
  clientId: string;
  providerCallId: string;
  lineNumber: string;
  record: boolean;
};

/** Where a caller goes when the agent lets go of them. */
export type ResolvedTransferTarget =
  | { kind: 'agent'; agentId: string }
  | { kind: 'queue'; queueId: string; queueName: string }
  | { kind: 'number'; number: string };

export type PlaceCallInput = {
  callId: string;
  clientId: string;
  lineNumber: string;
  agentId: string;
  customerNumber: string;
  record: boolean;
};

export type LineCredentials = { accountSid: string | null; authToken: string | null };

/**
 * A voice provider behind Switchboard: call control for the agent's buttons, recordings and the
 * softphone. Webhook verification and parsing live in each adapter's routes, because each provider
 * speaks its own HTTP. An adapter that cannot control calls (a PBX that only reports them) says so
 * in `controls`; the desk then hides the buttons and the API answers 409.
 */
export type VoiceAdapter = {
  kind: 'twilio' | 'cti';
  controls: boolean;
  /** Rings the agent and bridges the caller to them. */
  connectAgent(line: LineCredentials, call: LiveCall, agentId: string): Promise<void>;
  hold(line: LineCredentials, call: LiveCall, queueHoldAudio: string | null): Promise<void>;
  transfer(line: LineCredentials, call: LiveCall, target: ResolvedTransferTarget): Promise<void>;
  hangup(line: LineCredentials, call: LiveCall): Promise<void>;
  /** Click-to-call: rings the agent first, then the customer with the client's number as caller id. */
  placeCall(line: LineCredentials, input: PlaceCallInput): Promise<{ providerCallId: string }>;
  /** The recording's audio, fetched with the line's credentials. */
  fetchRecording(line: LineCredentials, url: string, signal?: AbortSignal): Promise<Response>;
};

/** The provider's view of the agent: the identity their softphone registers under. */
export const agentIdentity = (agentId: string) => `agent_${agentId.replaceAll('-', '')}`;

export function agentIdFromIdentity(identity: string | undefined): string | undefined {
  const hex = identity?.replace(/^client:/, '').match(/^agent_([0-9a-f]{32})$/)?.[1];
  if (!hex) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type { CallState, TransferTarget };
