/**
 * The forum: categories (the four streams plus admin-made ones), threads and their posts, the
 * revisions an edit leaves behind, and who follows which thread.
 *
 * A thread's visibility follows its opening post: while that post waits for a youth worker the
 * thread is `held` too. Posts keep their Markdown and the sanitised HTML made from it at write time;
 * search reads one generated tsvector on posts (the opening post carries its thread's title)
 * through a GIN index, with English stemming.
 */
import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	customType,
	index,
	integer,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';
import { users } from './users';

const tsvector = customType<{ data: string }>({
	dataType: () => 'tsvector'
});

export const CONTENT_STATUSES = ['published', 'held', 'hidden', 'deleted'] as const;
export type ContentStatus = (typeof CONTENT_STATUSES)[number];

export const RISK_LEVEL_VALUES = ['none', 'concern', 'high', 'imminent'] as const;

export const forumCategories = pgTable(
	'forum_categories',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		slug: text('slug').notNull(),
		name: text('name').notNull(),
		description: text('description').notNull().default(''),
		position: integer('position').notNull().default(0),
		/** Announcements: only staff start threads here (anyone may reply). */
		staffOnlyPosting: boolean('staff_only_posting').notNull().default(false),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('forum_categories_slug_idx').on(t.slug)]
);

export const forumThreads = pgTable(
	'forum_threads',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		categoryId: integer('category_id')
			.notNull()
			.references(() => forumCategories.id),
		title: text('title').notNull(),
		/** Null once the author's account is gone; the thread stays. */
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** Set in the same transaction that creates the opening post. */
		openingPostId: integer('opening_post_id'),
		pinned: boolean('pinned').notNull().default(false),
		locked: boolean('locked').notNull().default(false),
		/** Slow mode: a member may post here once per this many minutes (0: off; staff exempt). */
		slowModeMinutes: integer('slow_mode_minutes').notNull().default(0),
		/** From this moment the thread takes no new replies, as if locked. */
		closesAt: timestamp('closes_at', { withTimezone: true }),
		status: text('status', { enum: CONTENT_STATUSES }).notNull().default('published'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** When a post here was last published (held posts do not count until approved). */
		lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		check('forum_threads_slow_mode_check', sql`${t.slowModeMinutes} between 0 and 1440`),
		check(
			'forum_threads_status_check',
			sql`${t.status} in ('published', 'held', 'hidden', 'deleted')`
		),
		// A category page: pinned first, then the most recent activity (status is filtered as read).
		index('forum_threads_listing_idx').on(
			t.categoryId,
			// NULLS FIRST is what ORDER BY … DESC means, so the index matches the query's order.
			t.pinned.desc().nullsFirst(),
			t.lastActivityAt.desc().nullsFirst(),
			t.id.desc().nullsFirst()
		)
	]
);

export const forumPosts = pgTable(
	'forum_posts',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		threadId: integer('thread_id')
			.notNull()
			.references(() => forumThreads.id),
		authorId: integer('author_id').references(() => users.id, { onDelete: 'set null' }),
		/** What the author wrote (Markdown), after any censoring by watched words. */
		body: text('body').notNull(),
		/**
		 * The thread's title, on its opening post only, so that one index searches titles and
		 * bodies together. Whatever changes a thread's title changes this with it.
		 */
		threadTitle: text('thread_title'),
		/** The sanitised HTML made from `body` at write time: the only form ever rendered. */
		html: text('html').notNull(),
		status: text('status', { enum: CONTENT_STATUSES }).notNull(),
		/** Why screening or pre-moderation held it: risk_high, personal_info, new_member, … */
		screeningReasons: text('screening_reasons')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		riskLevel: text('risk_level', { enum: RISK_LEVEL_VALUES }).notNull().default('none'),
		/** "self-harm", "racism", "grief" or the author's own words; collapses the post. */
		contentWarning: text('content_warning'),
		quotedPostId: integer('quoted_post_id'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** When peers could first see it (posted, or approved): its place in the thread. */
		publishedAt: timestamp('published_at', { withTimezone: true }),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		deletedAt: timestamp('deleted_at', { withTimezone: true }),
		/** A youth worker deleted it (readers see "Removed by a youth worker"); null: its author did. */
		deletedById: integer('deleted_by_id'),
		/** Its words were erased under the retention setting once nothing referenced it. */
		purgedAt: timestamp('purged_at', { withTimezone: true }),
		moderatedById: integer('moderated_by_id'),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		/** Shown to the author (and staff) when a youth worker hides the post. */
		hiddenReason: text('hidden_reason'),
		/** Title words (weight A) rank above body words (weight B). */
		searchVector: tsvector('search_vector').generatedAlwaysAs(
			(): ReturnType<typeof sql> =>
				sql`setweight(to_tsvector('english', coalesce("thread_title", '')), 'A') || setweight(to_tsvector('english', "body"), 'B')`
		)
	},
	(t) => [
		check(
			'forum_posts_status_check',
			sql`${t.status} in ('published', 'held', 'hidden', 'deleted')`
		),
		check(
			'forum_posts_risk_level_check',
			sql`${t.riskLevel} in ('none', 'concern', 'high', 'imminent')`
		),
		// A thread page, in the order readers see it: when each post appeared (or was written).
		index('forum_posts_thread_idx').on(
			t.threadId,
			sql`coalesce(${t.publishedAt}, ${t.createdAt})`,
			t.id
		),
		index('forum_posts_author_idx').on(t.authorId, t.publishedAt),
		// Rate limits: what a member wrote recently, whatever became of it.
		index('forum_posts_author_created_idx').on(t.authorId, t.createdAt),
		index('forum_posts_held_idx')
			.on(t.createdAt)
			.where(sql`${t.status} = 'held'`),
		index('forum_posts_search_idx').using('gin', t.searchVector),
		// Search ranks the newest matches (SEARCH_MATCH_LIMIT): a common word walks this, newest first.
		index('forum_posts_published_idx')
			.on(t.publishedAt.desc(), t.id.desc())
			.where(sql`${t.status} = 'published'`)
	]
);

/** What a post said before each edit: kept for staff. */
export const forumPostRevisions = pgTable(
	'forum_post_revisions',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		postId: integer('post_id')
			.notNull()
			.references(() => forumPosts.id),
		body: text('body').notNull(),
		contentWarning: text('content_warning'),
		status: text('status', { enum: CONTENT_STATUSES }).notNull(),
		editedById: integer('edited_by_id'),
		/** When this version was replaced. */
		replacedAt: timestamp('replaced_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('forum_post_revisions_post_idx').on(t.postId, t.replacedAt)]
);

/**
 * Followers hear about new replies. Authors and repliers follow automatically; someone who chose
 * to stop following keeps a row with `following` false, so replying again does not re-follow.
 */
export const forumFollows = pgTable(
	'forum_follows',
	{
		threadId: integer('thread_id')
			.notNull()
			.references(() => forumThreads.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		following: boolean('following').notNull().default(true),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.threadId, t.userId] }),
		index('forum_follows_user_idx').on(t.userId)
	]
);

export const REPORT_REASONS = [
	'unkind',
	'racism',
	'personal_info',
	'spam',
	'worried',
	'other'
] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/**
 * A member's report of a post: one per person per post (a repeat is accepted quietly). Enough
 * distinct reporters hide the post pending review; "worried" also raises a safeguarding alert.
 * The post's author never learns who reported it.
 */
export const forumReports = pgTable(
	'forum_reports',
	{
		id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
		postId: integer('post_id')
			.notNull()
			.references(() => forumPosts.id),
		reporterId: integer('reporter_id').references(() => users.id, { onDelete: 'set null' }),
		reason: text('reason', { enum: REPORT_REASONS }).notNull(),
		/** Up to 500 characters; required for "other". */
		note: text('note'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		/** A youth worker dealt with it (kept or hid the post): it no longer counts or shows. */
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reviewedById: integer('reviewed_by_id')
	},
	(t) => [
		uniqueIndex('forum_reports_post_reporter_idx').on(t.postId, t.reporterId),
		check(
			'forum_reports_reason_check',
			sql`${t.reason} in ('unkind', 'racism', 'personal_info', 'spam', 'worried', 'other')`
		),
		index('forum_reports_open_idx')
			.on(t.postId)
			.where(sql`${t.reviewedAt} is null`),
		check('forum_reports_note_length_check', sql`char_length(${t.note}) <= 500`),
		check(
			'forum_reports_other_note_check',
			sql`${t.reason} <> 'other' or coalesce(${t.note}, '') <> ''`
		)
	]
);

export const REACTION_KINDS = ['love', 'me_too', 'helped', 'proud'] as const;
export type ReactionKind = (typeof REACTION_KINDS)[number];

/** Supportive reactions: one of each kind per member per post. Counts only; no leaderboard. */
export const forumReactions = pgTable(
	'forum_reactions',
	{
		postId: integer('post_id')
			.notNull()
			.references(() => forumPosts.id),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: REACTION_KINDS }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		primaryKey({ columns: [t.postId, t.userId, t.kind] }),
		check('forum_reactions_kind_check', sql`${t.kind} in ('love', 'me_too', 'helped', 'proud')`)
	]
);

export type ForumCategory = typeof forumCategories.$inferSelect;
export type ForumThread = typeof forumThreads.$inferSelect;
export type ForumPost = typeof forumPosts.$inferSelect;
export type ForumReport = typeof forumReports.$inferSelect;
