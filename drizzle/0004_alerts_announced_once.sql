ALTER TABLE "safeguarding_alerts" ADD COLUMN "announced_at" timestamp with time zone;--> statement-breakpoint
-- Alerts raised before this column existed were announced when they were raised.
UPDATE "safeguarding_alerts" SET "announced_at" = "created_at";--> statement-breakpoint
CREATE INDEX "alerts_unannounced_idx" ON "safeguarding_alerts" USING btree ("id") WHERE "safeguarding_alerts"."announced_at" is null;
