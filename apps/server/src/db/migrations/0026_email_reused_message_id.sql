-- One Message-ID may come with two different messages (a sender's broken generator, a forged id): the
-- second is kept and marked instead of being dropped as a redelivery. A redelivery is the same id AND the
-- same content (content_hash); mail stored before this has none and stays a redelivery's match.
ALTER TABLE "email_messages" ADD COLUMN "content_hash" text;--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "reused_message_id" boolean DEFAULT false NOT NULL;--> statement-breakpoint
DROP INDEX IF EXISTS "email_messages_in_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "email_messages_in_uq" ON "email_messages" USING btree ("client_id","rfc_message_id","content_hash") WHERE direction = 'in';
