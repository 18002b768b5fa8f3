ALTER TABLE "moderation_claims" DROP CONSTRAINT "moderation_claims_kind_check";--> statement-breakpoint
ALTER TABLE "workshop_comments" ADD COLUMN "hidden_reason" text;--> statement-breakpoint
CREATE INDEX "workshop_comments_held_idx" ON "workshop_comments" USING btree ("created_at") WHERE "workshop_comments"."status" = 'held';--> statement-breakpoint
CREATE INDEX "workshop_ideas_held_idx" ON "workshop_ideas" USING btree ("created_at") WHERE "workshop_ideas"."status" = 'held';--> statement-breakpoint
ALTER TABLE "moderation_claims" ADD CONSTRAINT "moderation_claims_kind_check" CHECK ("moderation_claims"."kind" in ('post', 'user', 'message', 'idea', 'idea_comment'));