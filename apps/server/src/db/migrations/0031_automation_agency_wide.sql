-- Agency-wide rules and macros say so: a row without a client is agency-wide only when `agency_wide` is set,
-- so a write that forgot its client can never become a rule every client runs.
ALTER TABLE "automation_rules" ADD COLUMN "agency_wide" boolean;--> statement-breakpoint
UPDATE "automation_rules" SET "agency_wide" = ("client_id" IS NULL);--> statement-breakpoint
ALTER TABLE "automation_rules" ALTER COLUMN "agency_wide" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "automation_rules" ADD CONSTRAINT "automation_rules_owner_ck" CHECK ("agency_wide" = ("client_id" IS NULL));--> statement-breakpoint
ALTER TABLE "macros" ADD COLUMN "agency_wide" boolean;--> statement-breakpoint
UPDATE "macros" SET "agency_wide" = ("client_id" IS NULL);--> statement-breakpoint
ALTER TABLE "macros" ALTER COLUMN "agency_wide" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "macros" ADD CONSTRAINT "macros_owner_ck" CHECK ("agency_wide" = ("client_id" IS NULL));
