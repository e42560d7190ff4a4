CREATE TABLE "phone_call_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"provider_event_id" text NOT NULL,
	"type" text NOT NULL,
	"state" text,
	"applied" boolean NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_callback_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"caller_number" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"missed_calls" integer DEFAULT 1 NOT NULL,
	"last_missed_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_calls" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"line_id" uuid NOT NULL,
	"queue_id" uuid,
	"conversation_id" uuid NOT NULL,
	"contact_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"provider" text NOT NULL,
	"provider_call_id" text NOT NULL,
	"from_number" text NOT NULL,
	"to_number" text NOT NULL,
	"state" text NOT NULL,
	"agent_id" uuid,
	"transfer_target" jsonb,
	"callback_task_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"duration_seconds" integer,
	"end_cause" text,
	"result_code" text,
	"result_notes" text,
	"next_action" text,
	"result_at" timestamp with time zone,
	"last_event_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_client_settings" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"consent_notice" text DEFAULT '' NOT NULL,
	"retention_days" integer,
	"callback_due_minutes" integer DEFAULT 60 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"provider" text NOT NULL,
	"account_sid" text,
	"auth_token" text,
	"cti_token_hash" text,
	"greeting" text DEFAULT '' NOT NULL,
	"ivr" jsonb,
	"queue_id" uuid NOT NULL,
	"script_group_id" uuid,
	"record" boolean DEFAULT true NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_queues" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"name" text NOT NULL,
	"hold_audio_url" text,
	"max_wait_seconds" integer DEFAULT 300 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_recordings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"call_id" uuid NOT NULL,
	"provider_recording_id" text NOT NULL,
	"kind" text NOT NULL,
	"source_url" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"storage_key" text,
	"content_type" text,
	"size" integer,
	"duration_seconds" integer,
	"sha256" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"expires_at" timestamp with time zone,
	"stored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "phone_webhook_receipts" (
	"signature_hash" text NOT NULL,
	"client_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phone_webhook_receipts_signature_hash_pk" PRIMARY KEY("signature_hash")
);
--> statement-breakpoint
ALTER TABLE "phone_call_events" ADD CONSTRAINT "phone_call_events_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_call_events" ADD CONSTRAINT "phone_call_events_call_id_phone_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."phone_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callback_tasks" ADD CONSTRAINT "phone_callback_tasks_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callback_tasks" ADD CONSTRAINT "phone_callback_tasks_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callback_tasks" ADD CONSTRAINT "phone_callback_tasks_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_callback_tasks" ADD CONSTRAINT "phone_callback_tasks_line_id_phone_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."phone_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_line_id_phone_lines_id_fk" FOREIGN KEY ("line_id") REFERENCES "public"."phone_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_calls" ADD CONSTRAINT "phone_calls_agent_id_agency_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agency_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_client_settings" ADD CONSTRAINT "phone_client_settings_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_lines" ADD CONSTRAINT "phone_lines_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_lines" ADD CONSTRAINT "phone_lines_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_lines" ADD CONSTRAINT "phone_lines_queue_id_phone_queues_id_fk" FOREIGN KEY ("queue_id") REFERENCES "public"."phone_queues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_queues" ADD CONSTRAINT "phone_queues_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_recordings" ADD CONSTRAINT "phone_recordings_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_recordings" ADD CONSTRAINT "phone_recordings_call_id_phone_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."phone_calls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phone_webhook_receipts" ADD CONSTRAINT "phone_webhook_receipts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "phone_call_events_uq" ON "phone_call_events" USING btree ("client_id","provider_event_id");--> statement-breakpoint
CREATE INDEX "phone_call_events_call_idx" ON "phone_call_events" USING btree ("client_id","call_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_callback_open_uq" ON "phone_callback_tasks" USING btree ("client_id","caller_number") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "phone_callback_due_idx" ON "phone_callback_tasks" USING btree ("client_id","status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_calls_provider_uq" ON "phone_calls" USING btree ("provider","provider_call_id");--> statement-breakpoint
CREATE INDEX "phone_calls_client_idx" ON "phone_calls" USING btree ("client_id","started_at");--> statement-breakpoint
CREATE INDEX "phone_calls_conversation_idx" ON "phone_calls" USING btree ("client_id","conversation_id");--> statement-breakpoint
CREATE INDEX "phone_calls_live_idx" ON "phone_calls" USING btree ("last_event_at") WHERE ended_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "phone_lines_number_uq" ON "phone_lines" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_lines_cti_token_uq" ON "phone_lines" USING btree ("cti_token_hash");--> statement-breakpoint
CREATE INDEX "phone_lines_client_idx" ON "phone_lines" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "phone_queues_client_idx" ON "phone_queues" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "phone_recordings_provider_uq" ON "phone_recordings" USING btree ("client_id","provider_recording_id");--> statement-breakpoint
CREATE INDEX "phone_recordings_call_idx" ON "phone_recordings" USING btree ("client_id","call_id");--> statement-breakpoint
CREATE INDEX "phone_recordings_status_idx" ON "phone_recordings" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "phone_webhook_receipts_at_idx" ON "phone_webhook_receipts" USING btree ("client_id","at");