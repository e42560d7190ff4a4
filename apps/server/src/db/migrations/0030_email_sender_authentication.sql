-- Who really sent an incoming e-mail (L9): the SPF, DKIM and DMARC results (RFC 8601 words: pass, fail,
-- softfail, neutral, none, temperror, permerror), and the domains and policy behind them. Null for sent mail
-- and for mail stored before this migration, which was never checked.
ALTER TABLE "email_messages" ADD COLUMN "spf" text;
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "dkim" text;
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "dmarc" text;
--> statement-breakpoint
ALTER TABLE "email_messages" ADD COLUMN "sender_auth" jsonb;
