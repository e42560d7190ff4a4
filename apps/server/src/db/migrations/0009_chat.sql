CREATE TABLE "chat_conversation_states" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"page_url" text,
	"page_title" text,
	"verified_user_id" text,
	"visitor_read_at" timestamp with time zone,
	"agent_read_at" timestamp with time zone,
	"rating" smallint,
	"rating_comment" text,
	"escalated_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chat_conversation_states" ADD CONSTRAINT "chat_conversation_states_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_conversation_states" ADD CONSTRAINT "chat_conversation_states_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chat_conversation_states_client_idx" ON "chat_conversation_states" USING btree ("client_id","conversation_id");