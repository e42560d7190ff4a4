-- hand-written (keep when regenerating)
-- A chat belongs to the widget identity that opened it (a visitor's token, or a user id proven by the
-- identity HMAC), not to whichever contact an e-mail typed into the pre-chat form matched: a visitor is
-- shown only the chats its own identity opened. What the visitor typed (e-mail, phone) is kept on its own
-- chat as an unverified claim, never matched against existing customers.
ALTER TABLE "chat_conversation_states" ADD COLUMN "visitor_source_id" text;--> statement-breakpoint
ALTER TABLE "chat_conversation_states" ADD COLUMN "claimed_email" text;--> statement-breakpoint
ALTER TABLE "chat_conversation_states" ADD COLUMN "claimed_phone" text;--> statement-breakpoint
-- Chats opened before: their opener is in the source id of their first visitor message
-- (chat:<identity>:<key>, or chat-offline:<identity>:<key> for a message form kept as a chat, which had no state row).
INSERT INTO "chat_conversation_states" ("conversation_id", "client_id", "visitor_source_id")
SELECT f.conversation_id, f.client_id, f.opener
FROM (
  SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.client_id,
    regexp_replace(m.source_id, '^chat(-offline)?:(.*):[^:]*$', '\2') AS opener
  FROM messages m JOIN conversations c ON c.id = m.conversation_id AND c.client_id = m.client_id
  WHERE c.channel = 'chat' AND m.author_type = 'contact'
    AND (m.source_id LIKE 'chat:%' OR m.source_id LIKE 'chat-offline:%')
  ORDER BY m.conversation_id, m.created_at, m.id
) f
ON CONFLICT ("conversation_id") DO UPDATE SET "visitor_source_id" = EXCLUDED."visitor_source_id";--> statement-breakpoint
CREATE INDEX "chat_conversation_states_visitor_idx" ON "chat_conversation_states" USING btree ("client_id","visitor_source_id");
