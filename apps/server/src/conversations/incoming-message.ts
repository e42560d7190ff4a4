import type { Reaction } from './conversation-events.js';
import type { MessageRow } from './message-repository.js';

/** A customer's message as any channel hands it in (one dialect for the single and the batch way in). */
export type IncomingMessage = {
  clientId: string;
  inboxId: string;
  channel: 'email' | 'chat' | 'phone' | 'api';
  /** The customer as the channel knows them: an e-mail address, a phone number, a visitor id. */
  sender: { sourceId: string; name: string; email?: string | null; phone?: string | null; locale?: string };
  /** The customer, when the channel already found them by their identity in this inbox (a chat visitor). */
  contactId?: string | null;
  /** The conversation this message continues, when the channel's threading found one. */
  conversationId?: string | null;
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
  /** The channel's id for this message (an e-mail's Message-ID): a redelivery is recognised, not stored twice. */
  sourceId?: string | null;
  /**
   * The caller has already looked for `sourceId` in this transaction (e-mail checks its own records), so
   * the lookup in `messages` is skipped; the unique index still refuses a racing duplicate.
   */
  sourceIdChecked?: boolean;
  language?: string;
  receivedAt?: Date;
  /** What the channel knows about the message the desk shows with it (e-mail: who really sent it, `senderAuth`). */
  activity?: Record<string, unknown> | null;
  /**
   * The agency reached out (an outbound call an agent placed; a PBX may not say who): the opening line is the agent's, nobody
   * waits for an answer, so no waiting or SLA clock starts and no "customer wrote" automation runs.
   */
  placedBy?: { agentId: string | null; agentName: string };
};

export type ReceivedMessage = {
  message: MessageRow;
  conversationId: string;
  /** The customer; null only for a redelivered message the agency itself wrote (see `placedBy`). */
  contactId: string | null;
  created: boolean;
  duplicate: boolean;
  /** The rules this message ran (in this transaction); publish its desk events after commit. */
  automation: Reaction | null;
};
