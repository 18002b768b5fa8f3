/**
 * Group chat: rooms staff run, who is in them, their messages, reactions and reports.
 *
 * A room is open to members only when it is within its weekly hours (Europe/London; none means
 * any time) and a youth worker has opened it (`open_until`, which lapses at the end of those hours
 * so a room never stays open with nobody there). Message ids come from one identity sequence and
 * are written in a room one at a time (an advisory lock per room), so within a room a larger id
 * was always committed later: "everything after id N" is a complete answer for gap-fill.
 */
import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	jsonb,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import type { OpeningPeriod } from '../../../signposting/opening-hours';
import { REACTION_KINDS, REPORT_REASONS, RISK_LEVEL_VALUES } from './forum';
import { users } from './users';

export const ROOM_KINDS = ['drop_in', 'group', 'session'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

export const chatRooms = pgTable(
	'chat_rooms',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		/** drop_in: anyone may join in its hours; group: invited members; session: an idea session's chat. */
		kind: text('kind', { enum: ROOM_KINDS }).notNull(),
		/** Pinned at the top of the room (Markdown rendered at write time). */
		guidelines: text('guidelines').notNull().default(''),
		guidelinesHtml: text('guidelines_html').notNull().default(''),
		contentWarning: text('content_warning'),
		/** At most this many people in the room at once (null: no limit). */
		maxMembers: integer('max_members'),
		/** Weekly hours in Europe/London; empty means a youth worker opens it whenever. */
		openHours: jsonb('open_hours').$type<OpeningPeriod[]>().notNull().default([]),
		/** The idea session this room sits beside (kind = session). */
		workshopId: integer('workshop_id'),
		openedById: integer('opened_by_id'),
		openedAt: timestamp('opened_at', { withTimezone: true }),
		/** Open for members until then (end of the hours, or a maximum stretch); null: closed. */
		openUntil: timestamp('open_until', { withTimezone: true }),
		/** Locked by staff: members can read, not write, whatever the hours. */
		locked: boolean('locked').notNull().default(false),
		/** Members may send one message per this many seconds (0: off). Staff are exempt. */
		slowModeSeconds: integer('slow_mode_seconds').notNull().default(0),
		archivedAt: timestamp('archived_at', { withTimezone: true }),
		createdById: integer('created_by_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('chat_rooms_kind_check', sql`${t.kind} in ('drop_in', 'group', 'session')`),
		check('chat_rooms_name_length_check', sql`char_length(${t.name}) between 1 and 80`),
		check('chat_rooms_max_members_check', sql`${t.maxMembers} is null or ${t.maxMembers} >= 2`),
		check('chat_rooms_slow_mode_check', sql`${t.slowModeSeconds} between 0 and 3600`)
	]
);

/**
 * A person's place in a room: invited (group rooms), where they have read up to, and what a
 * youth worker did about them here (muted in this room until, removed from it).
 */
export const chatRoomMembers = pgTable(
	'chat_room_members',
	{
		roomId: integer('room_id')
			.notNull()
			.references(() => chatRooms.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		invited: boolean('invited').notNull().default(false),
		joinedAt: timestamp('joined_at', { withTimezone: true }),
		lastReadMessageId: bigint('last_read_message_id', { mode: 'number' }).notNull().default(0),
		mutedUntil: timestamp('muted_until', { withTimezone: true }),
		removedAt: timestamp('removed_at', { withTimezone: true }),
		removedById: integer('removed_by_id')
	},
	(t) => [
		primaryKey({ columns: [t.roomId, t.userId] }),
		index('chat_room_members_user_idx').on(t.userId)
	]
);

export const MESSAGE_STATUSES = ['published', 'held', 'removed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const chatMessages = pgTable(
	'chat_messages',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		roomId: integer('room_id')
			.notNull()
			.references(() => chatRooms.id, { onDelete: 'cascade' }),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** Made by the sender's device; (author, client id) is unique so a retry never duplicates. */
		clientId: text('client_id').notNull(),
		body: text('body').notNull(),
		html: text('html').notNull(),
		status: text('status', { enum: MESSAGE_STATUSES }).notNull(),
		screeningReasons: text('screening_reasons')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		riskLevel: text('risk_level', { enum: RISK_LEVEL_VALUES }).notNull().default('none'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** A youth worker approved a held message, or removed one. */
		moderatedById: integer('moderated_by_id'),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		removedReason: text('removed_reason'),
		/** Removed while held: the room never saw it, so it leaves no placeholder there either. */
		removedUnseen: boolean('removed_unseen').notNull().default(false)
	},
	(t) => [
		check('chat_messages_status_check', sql`${t.status} in ('published', 'held', 'removed')`),
		check('chat_messages_client_id_check', sql`char_length(${t.clientId}) between 1 and 64`),
		uniqueIndex('chat_messages_author_client_idx').on(t.authorId, t.clientId),
		index('chat_messages_room_idx').on(t.roomId, t.id),
		// Pace limits: what someone sent recently, anywhere.
		index('chat_messages_author_created_idx').on(t.authorId, t.createdAt),
		// A rejoining client hears about approvals and removals among what it had already seen.
		index('chat_messages_moderated_idx')
			.on(t.roomId, t.moderatedAt)
			.where(sql`${t.moderatedAt} is not null`),
		index('chat_messages_held_idx')
			.on(t.createdAt)
			.where(sql`${t.status} = 'held'`)
	]
);

/** Supportive reactions on a message: one of each kind per person. */
export const chatReactions = pgTable(
	'chat_reactions',
	{
		messageId: bigint('message_id', { mode: 'number' })
			.notNull()
			.references(() => chatMessages.id, { onDelete: 'cascade' }),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: REACTION_KINDS }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.messageId, t.userId, t.kind] }),
		check('chat_reactions_kind_check', sql`${t.kind} in ('love', 'me_too', 'helped', 'proud')`)
	]
);

/** What a report carries: the reported message and the ones before it, as they were. */
export interface ReportedContextMessage {
	id: number;
	authorName: string | null;
	staff: boolean;
	body: string;
	createdAt: string;
}

/**
 * A member's report of a message, with the ten messages before it as they were (so the context
 * survives removals and retention). One per person per message.
 */
export const chatReports = pgTable(
	'chat_reports',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		messageId: bigint('message_id', { mode: 'number' })
			.notNull()
			.references(() => chatMessages.id),
		reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
		reason: text('reason', { enum: REPORT_REASONS }).notNull(),
		note: text('note'),
		context: jsonb('context').$type<ReportedContextMessage[]>().notNull().default([]),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reviewedById: integer('reviewed_by_id')
	},
	(t) => [
		uniqueIndex('chat_reports_message_reporter_idx').on(t.messageId, t.reporterId),
		index('chat_reports_open_idx')
			.on(t.messageId)
			.where(sql`${t.reviewedAt} is null`),
		check(
			'chat_reports_reason_check',
			sql`${t.reason} in ('unkind', 'racism', 'personal_info', 'spam', 'worried', 'other')`
		),
		check('chat_reports_note_length_check', sql`char_length(${t.note}) <= 500`),
		check(
			'chat_reports_other_note_check',
			sql`${t.reason} <> 'other' or coalesce(${t.note}, '') <> ''`
		)
	]
);

export type ChatRoom = typeof chatRooms.$inferSelect;
export type ChatRoomMember = typeof chatRoomMembers.$inferSelect;
export type ChatMessage = typeof chatMessages.$inferSelect;
export type ChatReport = typeof chatReports.$inferSelect;
