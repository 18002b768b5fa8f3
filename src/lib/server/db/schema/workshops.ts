/**
 * Coproduction idea sessions ("workshops" in code, "idea sessions" on screen): a question put by a
 * coproduction lead with a partner, answered live by young people with ideas, comments, themes
 * and dot votes; afterwards the outcomes ("you said, we did") linked to the ideas they answer, and
 * who took part.
 *
 * Dot votes are slots: each person's votes in a session are numbered 1..N, (session, person, slot)
 * is unique and a trigger refuses a slot above the session's limit, so two tabs voting at once can
 * never exceed it.
 */
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { RISK_LEVEL_VALUES } from './forum';
import { users } from './users';

export const INFLUENCE_LEVELS = [
	'informing',
	'consultation',
	'engagement',
	'co_design',
	'co_production'
] as const;
export const WORKSHOP_TEMPLATES = [
	'brainstorm',
	'one_two_four_all',
	'start_stop_continue'
] as const;
export const WORKSHOP_PHASES = ['draft', 'gathering', 'grouping', 'voting', 'closed'] as const;
/** 1-2-4-All while gathering: alone, then pairs, then fours, then the whole group. */
export const WORKSHOP_STAGES = ['alone', 'pairs', 'fours', 'all'] as const;
export const IDEA_COLUMNS = ['start', 'stop', 'continue'] as const;
export const IDEA_STATUSES = ['published', 'held', 'hidden', 'deleted'] as const;
export const OUTCOME_STATUSES = [
	'under_consideration',
	'planned',
	'in_progress',
	'done',
	'not_doing'
] as const;

export type WorkshopPhase = (typeof WORKSHOP_PHASES)[number];
export type WorkshopStage = (typeof WORKSHOP_STAGES)[number];
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

const inList = (column: string, values: readonly string[]) =>
	sql.raw(`"${column}" in (${values.map((v) => `'${v}'`).join(', ')})`);

export const workshops = pgTable(
	'workshops',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		title: text('title').notNull(),
		/** The question(s) to answer, one per line. */
		questions: text('questions')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		background: text('background').notNull().default(''),
		backgroundHtml: text('background_html').notNull().default(''),
		partner: text('partner').notNull().default(''),
		influence: text('influence', { enum: INFLUENCE_LEVELS }).notNull(),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		/** `members`: any member may join; `invite`: with the code, or named members. */
		access: text('access', { enum: ['members', 'invite'] })
			.notNull()
			.default('members'),
		inviteCode: text('invite_code'),
		contentWarning: text('content_warning'),
		/** Peers do not see who wrote what (staff always do). */
		anonymous: boolean('anonymous').notNull().default(false),
		/** Ideas reach only their authors and staff until the facilitator reveals them. */
		hideUntilReveal: boolean('hide_until_reveal').notNull().default(false),
		revealedAt: timestamp('revealed_at', { withTimezone: true }),
		votesPerPerson: integer('votes_per_person').notNull().default(3),
		selfVote: boolean('self_vote').notNull().default(false),
		template: text('template', { enum: WORKSHOP_TEMPLATES }).notNull().default('brainstorm'),
		phase: text('phase', { enum: WORKSHOP_PHASES }).notNull().default('draft'),
		stage: text('stage', { enum: WORKSHOP_STAGES }),
		/** The countdown everyone sees for the current phase (or stage), if any. */
		phaseEndsAt: timestamp('phase_ends_at', { withTimezone: true }),
		/** Vote totals are shown once voting has closed. */
		votingClosedAt: timestamp('voting_closed_at', { withTimezone: true }),
		chatRoomId: integer('chat_room_id'),
		createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('workshops_title_length_check', sql`char_length(${t.title}) between 3 and 150`),
		check('workshops_votes_check', sql`${t.votesPerPerson} between 1 and 10`),
		check('workshops_influence_check', inList('influence', INFLUENCE_LEVELS)),
		check('workshops_template_check', inList('template', WORKSHOP_TEMPLATES)),
		check('workshops_phase_check', inList('phase', WORKSHOP_PHASES)),
		check('workshops_access_check', sql`${t.access} in ('members', 'invite')`),
		uniqueIndex('workshops_invite_code_idx')
			.on(t.inviteCode)
			.where(sql`${t.inviteCode} is not null`)
	]
);

/** Who is taking part: invited by name, and when they joined and last left (attendance). */
export const workshopParticipants = pgTable(
	'workshop_participants',
	{
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		invited: boolean('invited').notNull().default(false),
		joinedAt: timestamp('joined_at', { withTimezone: true }),
		leftAt: timestamp('left_at', { withTimezone: true })
	},
	(t) => [
		primaryKey({ columns: [t.workshopId, t.userId] }),
		index('workshop_participants_user_idx').on(t.userId)
	]
);

/** 1-2-4-All: the pairs and fours the app formed from who was present. */
export const workshopGroups = pgTable(
	'workshop_groups',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		stage: text('stage', { enum: ['pairs', 'fours'] }).notNull(),
		memberIds: integer('member_ids').array().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('workshop_groups_workshop_idx').on(t.workshopId, t.stage)]
);

export const workshopThemes = pgTable(
	'workshop_themes',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		name: text('name').notNull(),
		position: integer('position').notNull().default(0)
	},
	(t) => [
		index('workshop_themes_workshop_idx').on(t.workshopId),
		check('workshop_themes_name_length_check', sql`char_length(${t.name}) between 1 and 80`)
	]
);

export const workshopIdeas = pgTable(
	'workshop_ideas',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		/** Start / Stop / Continue: which column. */
		column: text('column', { enum: IDEA_COLUMNS }),
		themeId: integer('theme_id').references(() => workshopThemes.id, { onDelete: 'set null' }),
		/** 1-2-4-All: written on this pair's or four's small board. */
		groupId: integer('group_id').references(() => workshopGroups.id, { onDelete: 'set null' }),
		/** A duplicate merged into another idea (its votes moved there). */
		mergedIntoId: integer('merged_into_id'),
		status: text('status', { enum: IDEA_STATUSES }).notNull(),
		screeningReasons: text('screening_reasons')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		riskLevel: text('risk_level', { enum: RISK_LEVEL_VALUES }).notNull().default('none'),
		hiddenReason: text('hidden_reason'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		editedAt: timestamp('edited_at', { withTimezone: true })
	},
	(t) => [
		index('workshop_ideas_workshop_idx').on(t.workshopId, t.id),
		index('workshop_ideas_author_idx').on(t.authorId),
		// The review queue and the staff header's count read what is held.
		index('workshop_ideas_held_idx')
			.on(t.createdAt)
			.where(sql`${t.status} = 'held'`),
		check('workshop_ideas_status_check', inList('status', IDEA_STATUSES)),
		check('workshop_ideas_body_length_check', sql`char_length(${t.body}) between 1 and 500`)
	]
);

export const workshopComments = pgTable(
	'workshop_comments',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		ideaId: integer('idea_id')
			.notNull()
			.references(() => workshopIdeas.id, { onDelete: 'cascade' }),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		body: text('body').notNull(),
		status: text('status', { enum: IDEA_STATUSES }).notNull(),
		screeningReasons: text('screening_reasons')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		riskLevel: text('risk_level', { enum: RISK_LEVEL_VALUES }).notNull().default('none'),
		/** Why a youth worker kept it hidden: its author reads this. */
		hiddenReason: text('hidden_reason'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('workshop_comments_idea_idx').on(t.ideaId),
		index('workshop_comments_held_idx')
			.on(t.createdAt)
			.where(sql`${t.status} = 'held'`),
		check('workshop_comments_status_check', inList('status', IDEA_STATUSES)),
		check('workshop_comments_body_length_check', sql`char_length(${t.body}) between 1 and 280`)
	]
);

/** A dot vote: slot 1..votes_per_person for each person in a session (see the file comment). */
export const workshopVotes = pgTable(
	'workshop_votes',
	{
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		slot: integer('slot').notNull(),
		ideaId: integer('idea_id')
			.notNull()
			.references(() => workshopIdeas.id, { onDelete: 'cascade' }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.workshopId, t.userId, t.slot] }),
		index('workshop_votes_idea_idx').on(t.ideaId),
		check('workshop_votes_slot_check', sql`${t.slot} >= 1`)
	]
);

/** "You said, we did": what happened about some of the ideas, kept up to date over time. */
export const workshopOutcomes = pgTable(
	'workshop_outcomes',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		workshopId: integer('workshop_id')
			.notNull()
			.references(() => workshops.id, { onDelete: 'cascade' }),
		title: text('title').notNull(),
		body: text('body').notNull().default(''),
		status: text('status', { enum: OUTCOME_STATUSES }).notNull(),
		/** Required for "not doing". */
		reason: text('reason'),
		createdById: integer('created_by_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('workshop_outcomes_workshop_idx').on(t.workshopId),
		check('workshop_outcomes_status_check', inList('status', OUTCOME_STATUSES)),
		check(
			'workshop_outcomes_reason_check',
			sql`${t.status} <> 'not_doing' or coalesce(${t.reason}, '') <> ''`
		)
	]
);

export const workshopOutcomeIdeas = pgTable(
	'workshop_outcome_ideas',
	{
		outcomeId: integer('outcome_id')
			.notNull()
			.references(() => workshopOutcomes.id, { onDelete: 'cascade' }),
		ideaId: integer('idea_id')
			.notNull()
			.references(() => workshopIdeas.id, { onDelete: 'cascade' })
	},
	(t) => [
		primaryKey({ columns: [t.outcomeId, t.ideaId] }),
		index('workshop_outcome_ideas_idea_idx').on(t.ideaId)
	]
);

/** The trail of an outcome: each status it has had, with a note. */
export const workshopOutcomeUpdates = pgTable(
	'workshop_outcome_updates',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		outcomeId: integer('outcome_id')
			.notNull()
			.references(() => workshopOutcomes.id, { onDelete: 'cascade' }),
		status: text('status', { enum: OUTCOME_STATUSES }).notNull(),
		note: text('note').notNull().default(''),
		byId: integer('by_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('workshop_outcome_updates_outcome_idx').on(t.outcomeId, t.createdAt)]
);

export type Workshop = typeof workshops.$inferSelect;
export type WorkshopIdea = typeof workshopIdeas.$inferSelect;
export type WorkshopComment = typeof workshopComments.$inferSelect;
export type WorkshopTheme = typeof workshopThemes.$inferSelect;
export type WorkshopOutcome = typeof workshopOutcomes.$inferSelect;
