-- Every API token ends: new ones after the days chosen at creation (90 by default); the ones made before
-- expiry existed get 90 days from their creation, and at least 30 from now, so no integration stops today.
ALTER TABLE "api_tokens" ADD COLUMN "expires_at" timestamp with time zone;
--> statement-breakpoint
UPDATE "api_tokens" SET "expires_at" = greatest("created_at" + interval '90 days', now() + interval '30 days');
--> statement-breakpoint
ALTER TABLE "api_tokens" ALTER COLUMN "expires_at" SET NOT NULL;
