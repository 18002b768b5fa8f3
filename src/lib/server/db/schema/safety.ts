/**
 * Safeguarding: watched words, duty, alerts, evidence snapshots and cases. Evidence and case
 * records deliberately carry no foreign keys to content or accounts: deleting either must never
 * delete what a safeguarding lead relies on.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from './users';

export const watchedWords = pgTable('watched_words', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	pattern: text('pattern').notNull(),
	isRegex: boolean('is_regex').notNull().default(false),
	action: text('action', { enum: ['block', 'hold', 'censor', 'flag'] }).notNull(),
	reason: text('reason').notNull(),
	enabled: boolean('enabled').notNull().default(true),
	createdById: integer('created_by_id'),
	createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
	updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
});

/** A stretch of time a staff member was on duty; open while endedAt is null. */
export const dutySessions = pgTable(
	'duty_sessions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
		endedAt: timestamp('ended_at', { withTimezone: true })
	},
	(t) => [
		index('duty_sessions_open_idx')
			.on(t.userId)
			.where(sql`${t.endedAt} is null`)
	]
);

/** Planned shifts, so young people can be told when staff are next around. */
export const dutyShifts = pgTable(
	'duty_shifts',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id),
		startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
		endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
		note: text('note'),
		createdById: integer('created_by_id').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('duty_shifts_time_idx').on(t.startsAt, t.endsAt)]
);

/** The exact words and context as they were when a concern was raised. Never updated or deleted. */
export const evidenceSnapshots = pgTable('evidence_snapshots', {
	id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
	subjectUserId: integer('subject_user_id'),
	subjectUsername: text('subject_username'),
	contentType: text('content_type').notNull(),
	contentId: text('content_id'),
	text: text('text').notNull(),
	context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
	capturedById: integer('captured_by_id'),
	capturedAt: timestamp('captured_at', { withTimezone: true }).notNull().defaultNow()
});

export const ALERT_LEVELS = ['imminent', 'high', 'concern'] as const;
export const ALERT_SOURCES = ['screening', 'report', 'staff'] as const;

export const safeguardingAlerts = pgTable(
	'safeguarding_alerts',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		level: text('level', { enum: ALERT_LEVELS }).notNull(),
		source: text('source', { enum: ALERT_SOURCES }).notNull(),
		categories: text('categories')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		reasons: text('reasons')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		subjectUserId: integer('subject_user_id'),
		subjectUsername: text('subject_username'),
		raisedById: integer('raised_by_id'),
		note: text('note'),
		evidenceId: integer('evidence_id').references(() => evidenceSnapshots.id),
		status: text('status', { enum: ['open', 'claimed', 'resolved'] })
			.notNull()
			.default('open'),
		claimedById: integer('claimed_by_id'),
		claimedAt: timestamp('claimed_at', { withTimezone: true }),
		/** 0 = on-duty staff told; 1 = escalated to all staff and safeguarding leads. */
		escalationLevel: integer('escalation_level').notNull().default(0),
		escalateAt: timestamp('escalate_at', { withTimezone: true }),
		escalatedAt: timestamp('escalated_at', { withTimezone: true }),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		resolution: text('resolution'),
		caseId: integer('case_id'),
		/**
		 * When on-duty staff's browsers were told. Null until a process with live connections has
		 * sent it, so an alert raised where nobody can be reached (a CLI, a process that stopped
		 * between commit and announcing) is still announced, once, by a server's sweep.
		 */
		announcedAt: timestamp('announced_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('alerts_status_idx').on(t.status, t.createdAt),
		index('alerts_unannounced_idx')
			.on(t.id)
			.where(sql`${t.announcedAt} is null`),
		index('alerts_escalate_idx')
			.on(t.escalateAt)
			.where(sql`${t.status} = 'open' and ${t.escalatedAt} is null`)
	]
);

export const CASE_STATUSES = ['open', 'assessing', 'referred', 'monitoring', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const safeguardingCases = pgTable(
	'safeguarding_cases',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		subjectUserId: integer('subject_user_id'),
		subjectUsername: text('subject_username').notNull(),
		level: text('level', { enum: ALERT_LEVELS }).notNull(),
		categories: text('categories')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		status: text('status', { enum: CASE_STATUSES }).notNull().default('open'),
		assigneeId: integer('assignee_id'),
		openedById: integer('opened_by_id').notNull(),
		summary: text('summary').notNull(),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [index('cases_status_idx').on(t.status), index('cases_assignee_idx').on(t.assigneeId)]
);

export const CASE_ENTRY_KINDS = [
	'note',
	'action',
	'contact',
	'status_change',
	'referral',
	'assignment',
	'evidence'
] as const;

/** The case chronology: append-only (a trigger refuses UPDATE and DELETE). */
export const caseEntries = pgTable(
	'case_entries',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		caseId: integer('case_id')
			.notNull()
			.references(() => safeguardingCases.id),
		authorId: integer('author_id').notNull(),
		kind: text('kind', { enum: CASE_ENTRY_KINDS }).notNull(),
		body: text('body').notNull(),
		details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
		evidenceId: integer('evidence_id').references(() => evidenceSnapshots.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('case_entries_case_idx').on(t.caseId, t.createdAt)]
);

/** In-app notifications (alerts for staff now; replies, outcomes and more later). */
export const notifications = pgTable(
	'notifications',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind').notNull(),
		title: text('title').notNull(),
		body: text('body'),
		link: text('link'),
		readAt: timestamp('read_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('notifications_user_idx').on(t.userId, t.createdAt)]
);
