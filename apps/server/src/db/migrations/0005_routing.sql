CREATE TYPE "public"."agent_presence" AS ENUM('online', 'away', 'offline');--> statement-breakpoint
CREATE TABLE "routing_settings" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"preferred_wait_seconds" integer DEFAULT 120 NOT NULL,
	"reassign_after_seconds" integer DEFAULT 600 NOT NULL,
	"specialist_rules" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agency_users" ADD COLUMN "presence" "agent_presence" DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "agency_users" ADD COLUMN "presence_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_users" ADD COLUMN "desk_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "agency_users" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "last_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "preferred_agent_id" uuid;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routing_settings" ADD CONSTRAINT "routing_settings_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_last_agent_id_agency_users_id_fk" FOREIGN KEY ("last_agent_id") REFERENCES "public"."agency_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_preferred_agent_id_agency_users_id_fk" FOREIGN KEY ("preferred_agent_id") REFERENCES "public"."agency_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- hand-written (keep when regenerating)
-- The customer's familiar agent: whoever last answered them, kept by the database so every channel
-- (e-mail, chat, phone) feeds it without knowing about routing.
CREATE OR REPLACE FUNCTION routing_remember_last_agent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE contacts ct SET last_agent_id = NEW.author_id
  FROM conversations c
  WHERE c.client_id = NEW.client_id AND c.id = NEW.conversation_id
    AND ct.client_id = c.client_id AND ct.id = c.contact_id
    AND ct.last_agent_id IS DISTINCT FROM NEW.author_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER messages_remember_last_agent AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.kind = 'outgoing' AND NEW.author_type = 'agent' AND NEW.author_id IS NOT NULL)
  EXECUTE FUNCTION routing_remember_last_agent();
