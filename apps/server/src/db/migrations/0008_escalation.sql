CREATE TYPE "public"."escalation_status" AS ENUM('open', 'answered', 'relayed', 'cancelled');--> statement-breakpoint
CREATE TABLE "escalation_emails" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"escalation_id" uuid NOT NULL,
	"rfc_message_id" text NOT NULL,
	"to_address" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalation_settings" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"auto_relay" boolean DEFAULT false NOT NULL,
	"notice_templates" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "escalations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"status" "escalation_status" DEFAULT 'open' NOT NULL,
	"question" text NOT NULL,
	"asked_by_id" uuid,
	"asked_by_name" text NOT NULL,
	"notice_message_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"timers_queued_at" timestamp with time zone,
	"first_reminder_at" timestamp with time zone,
	"second_reminder_at" timestamp with time zone,
	"overdue_at" timestamp with time zone,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_id" uuid,
	"answered_by_name" text,
	"answered_via" text,
	"relayed_at" timestamp with time zone,
	"relayed_by_name" text,
	"relay_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "escalation_emails" ADD CONSTRAINT "escalation_emails_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_emails" ADD CONSTRAINT "escalation_emails_escalation_id_escalations_id_fk" FOREIGN KEY ("escalation_id") REFERENCES "public"."escalations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalation_settings" ADD CONSTRAINT "escalation_settings_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_asked_by_id_agency_users_id_fk" FOREIGN KEY ("asked_by_id") REFERENCES "public"."agency_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_notice_message_id_messages_id_fk" FOREIGN KEY ("notice_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_relay_message_id_messages_id_fk" FOREIGN KEY ("relay_message_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "escalation_emails_rfc_idx" ON "escalation_emails" USING btree ("client_id","rfc_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "escalations_ref_uq" ON "escalations" USING btree ("client_id","ref");--> statement-breakpoint
CREATE INDEX "escalations_client_status_idx" ON "escalations" USING btree ("client_id","status","due_at");--> statement-breakpoint
CREATE INDEX "escalations_conversation_idx" ON "escalations" USING btree ("client_id","conversation_id","created_at");--> statement-breakpoint
CREATE INDEX "escalations_unqueued_idx" ON "escalations" USING btree ("created_at") WHERE timers_queued_at IS NULL AND status = 'open';