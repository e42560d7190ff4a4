-- Trigram matching (typo tolerance) and btree_gin (client_id leading the GIN indexes).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
CREATE TYPE "public"."kb_item_kind" AS ENUM('answer', 'article', 'canned', 'script');--> statement-breakpoint
CREATE TYPE "public"."kb_visibility" AS ENUM('internal', 'public');--> statement-breakpoint
CREATE TABLE "kb_categories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"parent_id" uuid,
	"names" jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_item_uses" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"client_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"conversation_id" uuid,
	"agent_id" uuid,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_item_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"keywords" text NOT NULL,
	"visibility" "kb_visibility" NOT NULL,
	"editor_kind" "principal_kind",
	"editor_id" uuid,
	"editor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kb_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"category_id" uuid,
	"kind" "kb_item_kind" NOT NULL,
	"language" text NOT NULL,
	"visibility" "kb_visibility" DEFAULT 'internal' NOT NULL,
	"title" text NOT NULL,
	"body_html" text NOT NULL,
	"body_text" text NOT NULL,
	"keywords" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"usage_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"archived" boolean DEFAULT false NOT NULL,
	"search_title" text NOT NULL,
	"search_body" text NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector(CASE WHEN language = 'fa' THEN 'simple'::regconfig ELSE 'english'::regconfig END, search_title), 'A') || setweight(to_tsvector(CASE WHEN language = 'fa' THEN 'simple'::regconfig ELSE 'english'::regconfig END, search_body), 'D')) STORED,
	"updated_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "kb_categories" ADD CONSTRAINT "kb_categories_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_item_uses" ADD CONSTRAINT "kb_item_uses_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_item_uses" ADD CONSTRAINT "kb_item_uses_item_id_kb_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."kb_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_item_versions" ADD CONSTRAINT "kb_item_versions_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_item_versions" ADD CONSTRAINT "kb_item_versions_item_id_kb_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."kb_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kb_items" ADD CONSTRAINT "kb_items_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "kb_categories_client_idx" ON "kb_categories" USING btree ("client_id","parent_id","position");--> statement-breakpoint
CREATE INDEX "kb_item_uses_item_idx" ON "kb_item_uses" USING btree ("client_id","item_id","used_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_item_versions_uq" ON "kb_item_versions" USING btree ("client_id","item_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "kb_items_variant_uq" ON "kb_items" USING btree ("client_id","group_id","language");--> statement-breakpoint
CREATE INDEX "kb_items_category_idx" ON "kb_items" USING btree ("client_id","category_id");--> statement-breakpoint
CREATE INDEX "kb_items_search_idx" ON "kb_items" USING gin ("client_id","search");--> statement-breakpoint
CREATE INDEX "kb_items_title_trgm_idx" ON "kb_items" USING gin ("client_id","search_title" gin_trgm_ops);