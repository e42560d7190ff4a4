import { z } from 'zod';
import { Id } from './common.js';

/**
 * Events pushed over the desk WebSocket (`/api/v1/ws`). They say what changed; the desk refetches
 * what it shows, so a missed event costs a stale row, never a wrong one.
 */
export const DeskEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('conversation.created'), clientId: Id, conversationId: Id }),
  z.object({ type: z.literal('conversation.updated'), clientId: Id, conversationId: Id }),
  z.object({
    type: z.literal('message.created'),
    clientId: Id,
    conversationId: Id,
    messageId: Id,
    /** Internal notes are never pushed to client users. */
    internal: z.boolean(),
  }),
  /** A call is offered to one agent: their desk pops it up (only that agent's sockets receive it). */
  z.object({ type: z.literal('call.offered'), clientId: Id, callId: Id, conversationId: Id, agentId: Id }),
  /** A call changed state (answered, held, transferred, ended, result filed). */
  z.object({ type: z.literal('call.updated'), clientId: Id, callId: Id, conversationId: Id }),
]);
export type DeskEvent = z.infer<typeof DeskEvent>;
