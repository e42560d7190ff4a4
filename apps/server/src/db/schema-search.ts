import { customType, integer, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clients, conversations } from './schema-core.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * One search document per conversation, so a search touches conversations, not their ten times more
 * messages. Kept by triggers on `messages` and `conversations` (hand-written SQL in the migration), so
 * every channel's way of storing a message keeps it current. Documents are sets of words (stripped
 * vectors): a new message adds its words, and the row is rewritten only when it brings a new one.
 */
export const conversationSearch = pgTable(
  'conversation_search',
  {
    clientId: uuid('client_id')
      .notNull()
      .references(() => clients.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /**
     * The conversation's `last_message_at`, kept equal to it by a trigger: a search orders its matches by
     * it without visiting the conversations. Not indexed, so keeping it current is a HOT update.
     */
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull(),
    /**
     * The UTC day of `last_message_at` (`search_day()`). It is in the GIN index, so a search can ask for
     * the newest days' matches first and widen; it changes (an index update) at most once a day.
     */
    activityDay: integer('activity_day').notNull(),
    /** What agents may search: every message but status activities, internal notes included. */
    searchAll: tsvector('search_all').notNull(),
    /** What the client may see: the messages visible to the client. */
    searchPublic: tsvector('search_public').notNull(),
  },
  // The GIN index conversation_search_idx (search_keys(client_id, activity_day), search_all) is hand-written
  // in the migration, after the function its keys come from: one client's documents of the newest days
  // that hold the words; search_public is tested on the few rows found.
  (t) => [primaryKey({ columns: [t.clientId, t.conversationId] })],
);
