import { z } from 'zod';
import { ConversationStatus, Id } from './common.js';
import { Presence } from './routing.js';
import { SlaMetric } from './sla.js';

/**
 * Events pushed over the desk WebSocket (`/api/v1/ws`). They say what changed; the desk refetches
 * what it shows, so a missed event costs a stale row, never a wrong one.
 */
export const DeskEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation.created'), clientId: Id, conversationId: Id }),
  z.object({
    type: z.literal('conversation.updated'),
    clientId: Id,
    conversationId: Id,
    /** The status after the change, when the publisher knows it (spares the chat gateway a read). */
    status: ConversationStatus.optional(),
  }),
  z.object({
    type: z.literal('message.created'),
    clientId: Id,
    conversationId: Id,
    messageId: Id,
    /** Internal notes are never pushed to client users. */
    internal: z.boolean(),
  }),
  /** Many conversations of a client changed at once (a routing pass): refetch the client's lists. */
  z.object({ type: z.literal('queue.changed'), clientId: Id }),
  /** An agent's presence changed; sent once per client they serve, and only to agency staff. */
  z.object({ type: z.literal('agent.presence'), clientId: Id, agentId: Id, presence: Presence }),
  /** A rule notified one agency user (a desk notification); only that user's sockets receive it. */
  z.object({ type: z.literal('notification.created'), clientId: Id, conversationId: Id, recipientId: Id }),
  /** An SLA target is close to its due time (`sla.warning`) or past it (`sla.breach`); agency staff only. */
  z.object({
    type: z.enum(['sla.warning', 'sla.breach']),
    clientId: Id,
    conversationId: Id,
    metric: SlaMetric,
    dueAt: z.string(),
    assigneeId: Id.nullable(),
  }),
  /** An escalation to the client was asked, reminded, answered or relayed. */
  z.object({ type: z.literal('escalation.updated'), clientId: Id, conversationId: Id, escalationId: Id }),
  /** The client answered: automation triggers listen for this one (see escalation/announce-escalation.ts). */
  z.object({ type: z.literal('escalation.answered'), clientId: Id, conversationId: Id, escalationId: Id }),
  /** Live chat: someone is typing (the visitor, to the desk; an agent, to the widget). Never stored. */
  z.object({
    type: z.literal('chat.typing'),
    clientId: Id,
    conversationId: Id,
    who: z.enum(['visitor', 'agent']),
    on: z.boolean(),
    name: z.string().max(120),
  }),
  /** Live chat: the visitor or an agent has read the conversation up to `at`. */
  z.object({
    type: z.literal('chat.read'),
    clientId: Id,
    conversationId: Id,
    who: z.enum(['visitor', 'agent']),
    at: z.string(),
  }),
  /** Live chat: an agent could not answer now; the widget tells the visitor an answer follows by e-mail. */
  z.object({ type: z.literal('chat.escalated'), clientId: Id, conversationId: Id }),
  /** A call is offered to one agent: their desk pops it up (only that agent's sockets receive it). */
  z.object({ type: z.literal('call.offered'), clientId: Id, callId: Id, conversationId: Id, agentId: Id }),
  /** A call changed state (answered, held, transferred, ended, result filed). */
  z.object({ type: z.literal('call.updated'), clientId: Id, callId: Id, conversationId: Id }),
]);
export type DeskEvent = z.infer<typeof DeskEvent>;
