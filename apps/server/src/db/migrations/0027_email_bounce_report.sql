-- What a bounce reported and, when it concerns none of our sent mail, why (null for other e-mails).
ALTER TABLE "email_messages" ADD COLUMN "bounce" jsonb;
--> statement-breakpoint
-- The agency admin's list of bounces that concern none of our sent mail.
CREATE INDEX "email_messages_unmatched_bounce_idx" ON "email_messages" USING btree ("client_id","created_at")
  WHERE kind = 'bounce' AND conversation_id IS NULL;
