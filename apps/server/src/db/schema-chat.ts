import { index, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients, conversations } from './schema-core.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// ---- Live chat ---------------------------------------------------------------------------------

/**
 * What a chat conversation has beyond the conversation model: where the visitor is, who read what,
 * the rating at the end, and whether an agent escalated it to e-mail. One row per chat conversation.
 */
export const chatConversationStates = pgTable(
  'chat_conversation_states',
  {
    conversationId: uuid('conversation_id')
      .primaryKey()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    pageUrl: text('page_url'),
    pageTitle: text('page_title'),
    /** The visitor is a signed-in user of the client's site, proven by the identity HMAC. */
    verifiedUserId: text('verified_user_id'),
    /** The widget identity that opened the chat (`v:<token>` or `u:<user id>`): the only visitor it is shown to. */
    visitorSourceId: text('visitor_source_id'),
    /** What the visitor typed in the widget, never verified: kept on this chat only, never matched to a customer. */
    claimedEmail: text('claimed_email'),
    claimedPhone: text('claimed_phone'),
    visitorReadAt: ts('visitor_read_at'),
    agentReadAt: ts('agent_read_at'),
    rating: smallint('rating'),
    ratingComment: text('rating_comment'),
    escalatedAt: ts('escalated_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('chat_conversation_states_client_idx').on(t.clientId, t.conversationId),
    index('chat_conversation_states_visitor_idx').on(t.clientId, t.visitorSourceId),
  ],
);
