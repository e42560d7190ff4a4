DROP INDEX "conversations_queue_idx";--> statement-breakpoint
DROP INDEX "conversations_assignee_idx";--> statement-breakpoint
DROP INDEX "messages_search_idx";--> statement-breakpoint
CREATE INDEX "conversations_assignee_recent_idx" ON "conversations" USING btree ("client_id","assignee_id","last_message_at","id");--> statement-breakpoint
CREATE INDEX "conversations_subject_trgm_idx" ON "conversations" USING gin ("client_id","subject" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "conversations_queue_idx" ON "conversations" USING btree ("client_id","status",coalesce(waiting_since, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "conversations_assignee_idx" ON "conversations" USING btree ("client_id","assignee_id","status",coalesce(waiting_since, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages" USING gin ("client_id","search");