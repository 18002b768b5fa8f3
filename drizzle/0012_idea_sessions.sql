CREATE TABLE "workshop_comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"idea_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"screening_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"risk_level" text DEFAULT 'none' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_comments_status_check" CHECK ("status" in ('published', 'held', 'hidden', 'deleted')),
	CONSTRAINT "workshop_comments_body_length_check" CHECK (char_length("workshop_comments"."body") between 1 and 280)
);
--> statement-breakpoint
CREATE TABLE "workshop_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workshop_id" integer NOT NULL,
	"stage" text NOT NULL,
	"member_ids" integer[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_ideas" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_ideas_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workshop_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"column" text,
	"theme_id" integer,
	"group_id" integer,
	"merged_into_id" integer,
	"status" text NOT NULL,
	"screening_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"risk_level" text DEFAULT 'none' NOT NULL,
	"hidden_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	CONSTRAINT "workshop_ideas_status_check" CHECK ("status" in ('published', 'held', 'hidden', 'deleted')),
	CONSTRAINT "workshop_ideas_body_length_check" CHECK (char_length("workshop_ideas"."body") between 1 and 500)
);
--> statement-breakpoint
CREATE TABLE "workshop_outcome_ideas" (
	"outcome_id" integer NOT NULL,
	"idea_id" integer NOT NULL,
	CONSTRAINT "workshop_outcome_ideas_outcome_id_idea_id_pk" PRIMARY KEY("outcome_id","idea_id")
);
--> statement-breakpoint
CREATE TABLE "workshop_outcome_updates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_outcome_updates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"outcome_id" integer NOT NULL,
	"status" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_outcomes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_outcomes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workshop_id" integer NOT NULL,
	"title" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_outcomes_status_check" CHECK ("status" in ('under_consideration', 'planned', 'in_progress', 'done', 'not_doing')),
	CONSTRAINT "workshop_outcomes_reason_check" CHECK ("workshop_outcomes"."status" <> 'not_doing' or coalesce("workshop_outcomes"."reason", '') <> '')
);
--> statement-breakpoint
CREATE TABLE "workshop_participants" (
	"workshop_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"invited" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone,
	"left_at" timestamp with time zone,
	CONSTRAINT "workshop_participants_workshop_id_user_id_pk" PRIMARY KEY("workshop_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "workshop_themes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_themes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workshop_id" integer NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "workshop_themes_name_length_check" CHECK (char_length("workshop_themes"."name") between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE "workshop_votes" (
	"workshop_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"slot" integer NOT NULL,
	"idea_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_votes_workshop_id_user_id_slot_pk" PRIMARY KEY("workshop_id","user_id","slot"),
	CONSTRAINT "workshop_votes_slot_check" CHECK ("workshop_votes"."slot" >= 1)
);
--> statement-breakpoint
CREATE TABLE "workshops" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshops_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"questions" text[] DEFAULT '{}'::text[] NOT NULL,
	"background" text DEFAULT '' NOT NULL,
	"background_html" text DEFAULT '' NOT NULL,
	"partner" text DEFAULT '' NOT NULL,
	"influence" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"access" text DEFAULT 'members' NOT NULL,
	"invite_code" text,
	"content_warning" text,
	"anonymous" boolean DEFAULT false NOT NULL,
	"hide_until_reveal" boolean DEFAULT false NOT NULL,
	"revealed_at" timestamp with time zone,
	"votes_per_person" integer DEFAULT 3 NOT NULL,
	"self_vote" boolean DEFAULT false NOT NULL,
	"template" text DEFAULT 'brainstorm' NOT NULL,
	"phase" text DEFAULT 'draft' NOT NULL,
	"stage" text,
	"phase_ends_at" timestamp with time zone,
	"voting_closed_at" timestamp with time zone,
	"chat_room_id" integer,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshops_title_length_check" CHECK (char_length("workshops"."title") between 3 and 150),
	CONSTRAINT "workshops_votes_check" CHECK ("workshops"."votes_per_person" between 1 and 10),
	CONSTRAINT "workshops_influence_check" CHECK ("influence" in ('informing', 'consultation', 'engagement', 'co_design', 'co_production')),
	CONSTRAINT "workshops_template_check" CHECK ("template" in ('brainstorm', 'one_two_four_all', 'start_stop_continue')),
	CONSTRAINT "workshops_phase_check" CHECK ("phase" in ('draft', 'gathering', 'grouping', 'voting', 'closed')),
	CONSTRAINT "workshops_access_check" CHECK ("workshops"."access" in ('members', 'invite'))
);
--> statement-breakpoint
ALTER TABLE "workshop_comments" ADD CONSTRAINT "workshop_comments_idea_id_workshop_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."workshop_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_comments" ADD CONSTRAINT "workshop_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_groups" ADD CONSTRAINT "workshop_groups_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ideas" ADD CONSTRAINT "workshop_ideas_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ideas" ADD CONSTRAINT "workshop_ideas_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ideas" ADD CONSTRAINT "workshop_ideas_theme_id_workshop_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."workshop_themes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_ideas" ADD CONSTRAINT "workshop_ideas_group_id_workshop_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."workshop_groups"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_outcome_ideas" ADD CONSTRAINT "workshop_outcome_ideas_outcome_id_workshop_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."workshop_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_outcome_ideas" ADD CONSTRAINT "workshop_outcome_ideas_idea_id_workshop_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."workshop_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_outcome_updates" ADD CONSTRAINT "workshop_outcome_updates_outcome_id_workshop_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."workshop_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_outcomes" ADD CONSTRAINT "workshop_outcomes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_participants" ADD CONSTRAINT "workshop_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_themes" ADD CONSTRAINT "workshop_themes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_votes" ADD CONSTRAINT "workshop_votes_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_votes" ADD CONSTRAINT "workshop_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_votes" ADD CONSTRAINT "workshop_votes_idea_id_workshop_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."workshop_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshops" ADD CONSTRAINT "workshops_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workshop_comments_idea_idx" ON "workshop_comments" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "workshop_groups_workshop_idx" ON "workshop_groups" USING btree ("workshop_id","stage");--> statement-breakpoint
CREATE INDEX "workshop_ideas_workshop_idx" ON "workshop_ideas" USING btree ("workshop_id","id");--> statement-breakpoint
CREATE INDEX "workshop_ideas_author_idx" ON "workshop_ideas" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "workshop_outcome_ideas_idea_idx" ON "workshop_outcome_ideas" USING btree ("idea_id");--> statement-breakpoint
CREATE INDEX "workshop_outcome_updates_outcome_idx" ON "workshop_outcome_updates" USING btree ("outcome_id","created_at");--> statement-breakpoint
CREATE INDEX "workshop_outcomes_workshop_idx" ON "workshop_outcomes" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_participants_user_idx" ON "workshop_participants" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "workshop_themes_workshop_idx" ON "workshop_themes" USING btree ("workshop_id");--> statement-breakpoint
CREATE INDEX "workshop_votes_idea_idx" ON "workshop_votes" USING btree ("idea_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshops_invite_code_idx" ON "workshops" USING btree ("invite_code") WHERE "workshops"."invite_code" is not null;--> statement-breakpoint
-- Dot votes: a slot above the session's limit is refused by the database itself, so votes sent at
-- the same moment (two tabs) can never exceed it.
CREATE FUNCTION workshop_votes_within_limit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW.slot > (SELECT votes_per_person FROM workshops WHERE id = NEW.workshop_id) THEN
		RAISE EXCEPTION 'vote limit reached' USING ERRCODE = 'check_violation', CONSTRAINT = 'workshop_votes_within_limit';
	END IF;
	RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER workshop_votes_within_limit BEFORE INSERT OR UPDATE ON workshop_votes
	FOR EACH ROW EXECUTE FUNCTION workshop_votes_within_limit();
