CREATE TABLE "chat_messages" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chat_messages_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"room_id" integer NOT NULL,
	"author_id" integer,
	"client_id" text NOT NULL,
	"body" text NOT NULL,
	"html" text NOT NULL,
	"status" text NOT NULL,
	"screening_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"risk_level" text DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"moderated_by_id" integer,
	"moderated_at" timestamp with time zone,
	"removed_reason" text,
	CONSTRAINT "chat_messages_status_check" CHECK ("chat_messages"."status" in ('published', 'held', 'removed')),
	CONSTRAINT "chat_messages_client_id_check" CHECK (char_length("chat_messages"."client_id") between 1 and 64)
);
--> statement-breakpoint
CREATE TABLE "chat_reactions" (
	"message_id" bigint NOT NULL,
	"user_id" integer NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_reactions_message_id_user_id_kind_pk" PRIMARY KEY("message_id","user_id","kind"),
	CONSTRAINT "chat_reactions_kind_check" CHECK ("chat_reactions"."kind" in ('love', 'me_too', 'helped', 'proud'))
);
--> statement-breakpoint
CREATE TABLE "chat_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chat_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"message_id" bigint NOT NULL,
	"reporter_id" integer,
	"reason" text NOT NULL,
	"note" text,
	"context" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by_id" integer,
	CONSTRAINT "chat_reports_reason_check" CHECK ("chat_reports"."reason" in ('unkind', 'racism', 'personal_info', 'spam', 'worried', 'other')),
	CONSTRAINT "chat_reports_note_length_check" CHECK (char_length("chat_reports"."note") <= 500),
	CONSTRAINT "chat_reports_other_note_check" CHECK ("chat_reports"."reason" <> 'other' or coalesce("chat_reports"."note", '') <> '')
);
--> statement-breakpoint
CREATE TABLE "chat_room_members" (
	"room_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"invited" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone,
	"last_read_message_id" bigint DEFAULT 0 NOT NULL,
	"muted_until" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"removed_by_id" integer,
	CONSTRAINT "chat_room_members_room_id_user_id_pk" PRIMARY KEY("room_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "chat_rooms" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chat_rooms_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"guidelines" text DEFAULT '' NOT NULL,
	"guidelines_html" text DEFAULT '' NOT NULL,
	"content_warning" text,
	"max_members" integer,
	"open_hours" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"workshop_id" integer,
	"opened_by_id" integer,
	"opened_at" timestamp with time zone,
	"open_until" timestamp with time zone,
	"locked" boolean DEFAULT false NOT NULL,
	"slow_mode_seconds" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chat_rooms_kind_check" CHECK ("chat_rooms"."kind" in ('drop_in', 'group', 'session')),
	CONSTRAINT "chat_rooms_name_length_check" CHECK (char_length("chat_rooms"."name") between 1 and 80),
	CONSTRAINT "chat_rooms_max_members_check" CHECK ("chat_rooms"."max_members" is null or "chat_rooms"."max_members" >= 2),
	CONSTRAINT "chat_rooms_slow_mode_check" CHECK ("chat_rooms"."slow_mode_seconds" between 0 and 3600)
);
--> statement-breakpoint
ALTER TABLE "moderation_claims" DROP CONSTRAINT "moderation_claims_kind_check";--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_room_id_chat_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_messages" ADD CONSTRAINT "chat_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_reactions" ADD CONSTRAINT "chat_reactions_message_id_chat_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."chat_messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_reactions" ADD CONSTRAINT "chat_reactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_reports" ADD CONSTRAINT "chat_reports_message_id_chat_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."chat_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_reports" ADD CONSTRAINT "chat_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_members" ADD CONSTRAINT "chat_room_members_room_id_chat_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."chat_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chat_room_members" ADD CONSTRAINT "chat_room_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chat_messages_author_client_idx" ON "chat_messages" USING btree ("author_id","client_id");--> statement-breakpoint
CREATE INDEX "chat_messages_room_idx" ON "chat_messages" USING btree ("room_id","id");--> statement-breakpoint
CREATE INDEX "chat_messages_author_created_idx" ON "chat_messages" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "chat_messages_moderated_idx" ON "chat_messages" USING btree ("room_id","moderated_at") WHERE "chat_messages"."moderated_at" is not null;--> statement-breakpoint
CREATE INDEX "chat_messages_held_idx" ON "chat_messages" USING btree ("created_at") WHERE "chat_messages"."status" = 'held';--> statement-breakpoint
CREATE UNIQUE INDEX "chat_reports_message_reporter_idx" ON "chat_reports" USING btree ("message_id","reporter_id");--> statement-breakpoint
CREATE INDEX "chat_reports_open_idx" ON "chat_reports" USING btree ("message_id") WHERE "chat_reports"."reviewed_at" is null;--> statement-breakpoint
CREATE INDEX "chat_room_members_user_idx" ON "chat_room_members" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "moderation_claims" ADD CONSTRAINT "moderation_claims_kind_check" CHECK ("moderation_claims"."kind" in ('post', 'user', 'message'));