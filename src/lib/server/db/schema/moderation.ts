/**
 * Moderating people rather than posts: members' reports about another member, sanctions (warning,
 * mute, suspension) and their history, staff notes, member preferences, and claims on queue items
 * so two youth workers don't act on the same one.
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
import { users } from './users';
import { forumPosts, REPORT_REASONS } from './forum';

/**
 * A member's report about another member (not one post): same reasons as post reports, with the
 * post that prompted it if any. One open report per reporter per member.
 */
export const userReports = pgTable(
	'user_reports',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		reportedUserId: integer('reported_user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
		reason: text('reason', { enum: REPORT_REASONS }).notNull(),
		note: text('note'),
		contextPostId: integer('context_post_id').references(() => forumPosts.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reviewedById: integer('reviewed_by_id')
	},
	(t) => [
		uniqueIndex('user_reports_open_reporter_idx')
			.on(t.reportedUserId, t.reporterId)
			.where(sql`${t.reviewedAt} is null`),
		index('user_reports_open_idx')
			.on(t.reportedUserId)
			.where(sql`${t.reviewedAt} is null`),
		check(
			'user_reports_reason_check',
			sql`${t.reason} in ('unkind', 'racism', 'personal_info', 'spam', 'worried', 'other')`
		),
		check('user_reports_note_length_check', sql`char_length(${t.note}) <= 500`),
		check(
			'user_reports_other_note_check',
			sql`${t.reason} <> 'other' or coalesce(${t.note}, '') <> ''`
		)
	]
);

export const SANCTION_KINDS = ['warning', 'mute', 'suspension'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/**
 * What a youth worker did about a member. A warning is a message the member must acknowledge
 * before going on; a mute (read-only) and a suspension (cannot sign in) last until `endsAt`
 * unless lifted early. users.muted_until / suspended_until hold the effect; this is the history.
 */
export const memberSanctions = pgTable(
	'member_sanctions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: SANCTION_KINDS }).notNull(),
		/** Shown to the member. */
		message: text('message').notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }),
		issuedById: integer('issued_by_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
		liftedAt: timestamp('lifted_at', { withTimezone: true }),
		liftedById: integer('lifted_by_id')
	},
	(t) => [
		index('member_sanctions_user_idx').on(t.userId, t.createdAt),
		index('member_sanctions_unacknowledged_idx')
			.on(t.userId)
			.where(sql`${t.kind} = 'warning' and ${t.acknowledgedAt} is null`),
		check('member_sanctions_kind_check', sql`${t.kind} in ('warning', 'mute', 'suspension')`),
		check(
			'member_sanctions_message_length_check',
			sql`char_length(${t.message}) between 1 and 1000`
		)
	]
);

/** Private notes staff keep about a member; never shown to members. */
export const staffNotes = pgTable(
	'staff_notes',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		subjectId: integer('subject_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		authorId: integer('author_id'),
		body: text('body').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('staff_notes_subject_idx').on(t.subjectId, t.createdAt),
		check('staff_notes_body_length_check', sql`char_length(${t.body}) between 1 and 2000`)
	]
);

export const CLAIM_KINDS = ['post', 'user', 'message', 'idea', 'idea_comment'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

/** "I'm on this one": a youth worker's claim on a queue item; lapses after a while (in code). */
export const moderationClaims = pgTable(
	'moderation_claims',
	{
		kind: text('kind', { enum: CLAIM_KINDS }).notNull(),
		itemId: integer('item_id').notNull(),
		claimedById: integer('claimed_by_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.kind, t.itemId] }),
		check(
			'moderation_claims_kind_check',
			sql`${t.kind} in ('post', 'user', 'message', 'idea', 'idea_comment')`
		)
	]
);

/** A member's own choices: which content warnings always stay collapsed, and what they hear about. */
export const memberPreferences = pgTable('member_preferences', {
	userId: integer('user_id')
		.primaryKey()
		.references(() => users.id, { onDelete: 'cascade' }),
	/** Show posts with a content warning open instead of folded (default: folded until opened). */
	openWarnings: boolean('open_warnings').notNull().default(false),
	/** Warnings that stay folded whatever else is chosen (also in quotes and search excerpts). */
	alwaysCollapse: text('always_collapse')
		.array()
		.notNull()
		.default(sql`'{}'::text[]`),
	/** In-app notifications for new replies in threads I follow. */
	notifyReplies: boolean('notify_replies').notNull().default(true),
	/** Follow a thread automatically when I start it or reply to it. */
	autoFollow: boolean('auto_follow').notNull().default(true),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

export type UserReport = typeof userReports.$inferSelect;
export type MemberSanction = typeof memberSanctions.$inferSelect;
export type StaffNote = typeof staffNotes.$inferSelect;
export type MemberPreferences = typeof memberPreferences.$inferSelect;
