-- The inbound e-mail webhook is signed (Standard Webhooks: HMAC over id, timestamp and body). The old
-- per-inbox bearer secret is no longer accepted, so its hashes go: such an inbox shows "not configured"
-- until a manager generates a signing secret, which is stored sealed (sb1:) in its place.
ALTER TABLE "email_inbox_configs" DROP COLUMN "webhook_secret_hash";
--> statement-breakpoint
ALTER TABLE "email_inbox_configs" ADD COLUMN "webhook_secret" text;
--> statement-breakpoint
CREATE TABLE "email_webhook_receipts" (
	"client_id" uuid NOT NULL,
	"inbox_id" uuid NOT NULL,
	"webhook_id" text NOT NULL,
	"conversation_id" uuid,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "email_webhook_receipts_client_id_inbox_id_webhook_id_pk" PRIMARY KEY("client_id","inbox_id","webhook_id")
);
--> statement-breakpoint
ALTER TABLE "email_webhook_receipts" ADD CONSTRAINT "email_webhook_receipts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "email_webhook_receipts" ADD CONSTRAINT "email_webhook_receipts_inbox_id_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."inboxes"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "email_webhook_receipts_received_idx" ON "email_webhook_receipts" USING btree ("client_id","inbox_id","received_at");
