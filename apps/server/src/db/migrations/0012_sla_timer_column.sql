ALTER TABLE "conversations" ADD COLUMN "sla_next_timer_at" timestamp with time zone;--> statement-breakpoint
-- hand-written (keep when regenerating)
-- SLA timers become a column: the next instant a warning or breach may come due, which the SLA worker
-- polls (soonest first), instead of a request marker and one pg-boss job per warning and breach. Every
-- conversation with a target still running is looked at once now; the worker sets its next instant.
UPDATE "conversations" SET "sla_next_timer_at" = now()
  WHERE "status" <> 'resolved' AND ("sla_due_at" IS NOT NULL OR "sla_timers_requested_at" IS NOT NULL);--> statement-breakpoint
DROP INDEX "conversations_sla_timers_idx";--> statement-breakpoint
ALTER TABLE "conversations" DROP COLUMN "sla_timers_requested_at";--> statement-breakpoint
CREATE INDEX "conversations_sla_next_timer_idx" ON "conversations" USING btree ("sla_next_timer_at") WHERE sla_next_timer_at IS NOT NULL;--> statement-breakpoint
-- The timers queued under the old scheme have no handler any more.
DO $$
BEGIN
  IF to_regclass('pgboss.job') IS NOT NULL THEN
    DELETE FROM pgboss.job WHERE name = 'sla.timer';
  END IF;
END;
$$;
