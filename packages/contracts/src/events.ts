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
  /** An escalation to the client was asked, reminded, answered or relayed. */
  z.object({ type: z.literal('escalation.updated'), clientId: Id, conversationId: Id, escalationId: Id }),
  /** The client answered: automation triggers listen for this one (see escalation/announce-escalation.ts). */
  z.object({ type: z.literal('escalation.answered'), clientId: Id, conversationId: Id, escalationId: Id }),
]);
export type DeskEvent = z.infer<typeof DeskEvent>;
