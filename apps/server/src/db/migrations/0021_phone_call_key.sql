-- A provider's call id is unique per line, not across clients: two clients' PBXs may number calls alike,
-- and one client's CTI token must never find (or write) another client's call.
DROP INDEX IF EXISTS "phone_calls_provider_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "phone_calls_line_call_uq" ON "phone_calls" USING btree ("client_id","line_id","provider_call_id");--> statement-breakpoint
CREATE INDEX "phone_calls_provider_call_idx" ON "phone_calls" USING btree ("provider","provider_call_id");
