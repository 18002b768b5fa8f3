CREATE TABLE "forum_reactions" (
	"post_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_reactions_post_id_user_id_kind_pk" PRIMARY KEY("post_id","user_id","kind"),
	CONSTRAINT "forum_reactions_kind_check" CHECK ("forum_reactions"."kind" in ('love', 'me_too', 'helped', 'proud'))
);
--> statement-breakpoint
CREATE TABLE "member_preferences" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"open_warnings" boolean DEFAULT false NOT NULL,
	"always_collapse" text[] DEFAULT '{}'::text[] NOT NULL,
	"notify_replies" boolean DEFAULT true NOT NULL,
	"auto_follow" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_sanctions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "member_sanctions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"ends_at" timestamp with time zone,
	"issued_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"lifted_at" timestamp with time zone,
	"lifted_by_id" integer,
	CONSTRAINT "member_sanctions_kind_check" CHECK ("member_sanctions"."kind" in ('warning', 'mute', 'suspension')),
	CONSTRAINT "member_sanctions_message_length_check" CHECK (char_length("member_sanctions"."message") between 1 and 1000)
);
--> statement-breakpoint
CREATE TABLE "moderation_claims" (
	"kind" text NOT NULL,
	"item_id" integer NOT NULL,
	"claimed_by_id" integer NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "moderation_claims_kind_item_id_pk" PRIMARY KEY("kind","item_id"),
	CONSTRAINT "moderation_claims_kind_check" CHECK ("moderation_claims"."kind" in ('post', 'user'))
);
--> statement-breakpoint
CREATE TABLE "staff_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "staff_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"subject_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staff_notes_body_length_check" CHECK (char_length("staff_notes"."body") between 1 and 2000)
);
--> statement-breakpoint
CREATE TABLE "user_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "user_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"reported_user_id" integer NOT NULL,
	"reporter_id" integer,
	"reason" text NOT NULL,
	"note" text,
	"context_post_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_id" integer,
	CONSTRAINT "user_reports_reason_check" CHECK ("user_reports"."reason" in ('unkind', 'racism', 'personal_info', 'spam', 'worried', 'other')),
	CONSTRAINT "user_reports_note_length_check" CHECK (char_length("user_reports"."note") <= 500),
	CONSTRAINT "user_reports_other_note_check" CHECK ("user_reports"."reason" <> 'other' or coalesce("user_reports"."note", '') <> '')
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "muted_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forum_follows" ADD COLUMN "following" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD COLUMN "deleted_by_id" integer;--> statement-breakpoint
ALTER TABLE "forum_posts" ADD COLUMN "purged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forum_threads" ADD COLUMN "slow_mode_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "forum_threads" ADD COLUMN "closes_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forum_reactions" ADD CONSTRAINT "forum_reactions_post_id_forum_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."forum_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_reactions" ADD CONSTRAINT "forum_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_preferences" ADD CONSTRAINT "member_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_sanctions" ADD CONSTRAINT "member_sanctions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "moderation_claims" ADD CONSTRAINT "moderation_claims_claimed_by_id_users_id_fk" FOREIGN KEY ("claimed_by_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_notes" ADD CONSTRAINT "staff_notes_subject_id_users_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_reports" ADD CONSTRAINT "user_reports_reported_user_id_users_id_fk" FOREIGN KEY ("reported_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_reports" ADD CONSTRAINT "user_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_reports" ADD CONSTRAINT "user_reports_context_post_id_forum_posts_id_fk" FOREIGN KEY ("context_post_id") REFERENCES "public"."forum_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "member_sanctions_user_idx" ON "member_sanctions" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "member_sanctions_unacknowledged_idx" ON "member_sanctions" USING btree ("user_id") WHERE "member_sanctions"."kind" = 'warning' and "member_sanctions"."acknowledged_at" is null;--> statement-breakpoint
CREATE INDEX "staff_notes_subject_idx" ON "staff_notes" USING btree ("subject_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "user_reports_open_reporter_idx" ON "user_reports" USING btree ("reported_user_id","reporter_id") WHERE "user_reports"."reviewed_at" is null;--> statement-breakpoint
CREATE INDEX "user_reports_open_idx" ON "user_reports" USING btree ("reported_user_id") WHERE "user_reports"."reviewed_at" is null;--> statement-breakpoint
CREATE INDEX "forum_posts_author_created_idx" ON "forum_posts" USING btree ("author_id","created_at");--> statement-breakpoint
ALTER TABLE "forum_threads" ADD CONSTRAINT "forum_threads_slow_mode_check" CHECK ("forum_threads"."slow_mode_minutes" between 0 and 1440);