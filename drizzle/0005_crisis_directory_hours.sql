ALTER TABLE "crisis_services" ADD COLUMN "sms_number" text;--> statement-breakpoint
ALTER TABLE "crisis_services" ADD COLUMN "sms_keyword" text;--> statement-breakpoint
ALTER TABLE "crisis_services" ADD COLUMN "opening_hours" jsonb;