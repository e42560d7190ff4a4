CREATE TABLE "sla_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"kind" text NOT NULL,
	"cycle_started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"assignee_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"targets" jsonb NOT NULL,
	"warn_at_percent" smallint DEFAULT 80 NOT NULL,
	"calendar" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "next_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_clock" jsonb;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "sla_timers_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_events" ADD CONSTRAINT "sla_events_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_events_once_uq" ON "sla_events" USING btree ("client_id","conversation_id","metric","kind","cycle_started_at");--> statement-breakpoint
CREATE INDEX "sla_events_client_idx" ON "sla_events" USING btree ("client_id","kind","at");--> statement-breakpoint
CREATE INDEX "conversations_sla_idx" ON "conversations" USING btree ("client_id","status",coalesce(sla_due_at, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "conversations_assignee_sla_idx" ON "conversations" USING btree ("client_id","assignee_id","status",coalesce(sla_due_at, 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "conversations_sla_timers_idx" ON "conversations" USING btree ("sla_timers_requested_at") WHERE sla_timers_requested_at IS NOT NULL;