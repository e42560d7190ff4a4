import { z } from 'zod';
import { Channel, ConversationStatus, Id } from './common.js';
import { Message } from './conversations.js';

/** What a client user sees of a conversation: never internal notes unless made visible, never agents' internals. */
export const PortalConversationSummary = z.object({
  number: z.number().int(),
  channel: Channel,
  subject: z.string(),
  status: ConversationStatus,
  contact: z.object({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }),
  participants: z.array(z.string()),
  messageCount: z.number().int(),
  createdAt: z.string(),
  lastMessageAt: z.string(),
  preview: z.string(),
});
export type PortalConversationSummary = z.infer<typeof PortalConversationSummary>;

export const PortalConversationQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  channel: Channel.optional(),
  status: ConversationStatus.optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const PortalConversationDetail = PortalConversationSummary.extend({
  messages: z.array(Message.omit({ conversationId: true }).extend({ conversationId: Id.optional() })),
});
export type PortalConversationDetail = z.infer<typeof PortalConversationDetail>;
