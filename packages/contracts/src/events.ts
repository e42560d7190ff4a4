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
]);
export type DeskEvent = z.infer<typeof DeskEvent>;
