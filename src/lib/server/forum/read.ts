/**
 * Reading the forum: the category list with latest activity, a category's threads (pinned first,
 * then most recent activity), and a thread's posts. Each page is a fixed, small number of queries
 * however much is on it (the thread page: usually one).
 */
import { and, asc, desc, eq, getTableName, ne, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { forumCategories, forumPosts, forumThreads, users } from '../db/schema';
import { isStaff } from '../policy';
import {
	POSTS_PER_PAGE,
	THREADS_PER_PAGE,
	type PostView,
	type WarningPreferences
} from '../../forum';
import { readWarningPreferences, warningPreferencesColumn } from '../accounts/preferences';
import {
	assertCanReadCategory,
	assertCanReadThread,
	isClosed,
	listedThreads,
	postsMembersSee,
	replyRefusal,
	seesEverything
} from './access';
import { followingColumn } from './followers';
import { assertSlugCouldExist } from './load';
import { paging, type Paging } from './paging';
import { postRowsFromJson, selectPostViewsAsJson, toPostView } from './views';
import { formatDateTime } from '../../format';

/**
 * "table"."column", always. Drizzle leaves columns unqualified in a single-table select, which
 * inside a correlated subquery would name the subquery's own table instead.
 */
function qualified(column: AnyPgColumn): SQL {
	return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

export interface CategorySummary {
	id: number;
	slug: string;
	name: string;
	description: string;
	staffOnlyPosting: boolean;
	threadCount: number;
	latest: { threadId: number; title: string; at: Date } | null;
}

/** /forum: every category in order, with how many conversations and the latest one. */
export async function listCategories(db: Database): Promise<CategorySummary[]> {
	const rows = await db
		.select({
			id: forumCategories.id,
			slug: forumCategories.slug,
			name: forumCategories.name,
			description: forumCategories.description,
			staffOnlyPosting: forumCategories.staffOnlyPosting,
			threadCount: db.$count(
				forumThreads,
				and(eq(forumThreads.categoryId, forumCategories.id), eq(forumThreads.status, 'published'))
			),
			latest: sql<{ id: number; title: string; at: string } | null>`(
				select json_build_object('id', t.id, 'title', t.title, 'at', t.last_activity_at)
				from ${forumThreads} t
				where t.category_id = ${qualified(forumCategories.id)} and t.status = 'published'
				order by t.last_activity_at desc, t.id desc
				limit 1
			)`
		})
		.from(forumCategories)
		.orderBy(asc(forumCategories.position), asc(forumCategories.name));
	return rows.map(({ latest, ...row }) => {
		const parsed = typeof latest === 'string' ? JSON.parse(latest) : latest;
		return {
			...row,
			threadCount: Number(row.threadCount),
			latest: parsed ? { threadId: parsed.id, title: parsed.title, at: new Date(parsed.at) } : null
		};
	});
}

export interface ThreadSummary {
	id: number;
	title: string;
	status: 'published' | 'held' | 'hidden' | 'deleted';
	pinned: boolean;
	locked: boolean;
	/** Past its closing time: takes no new replies from members. */
	closed: boolean;
	/** A closing time still to come, in UK time ("27 Nov 2026, 18:00"), or null. */
	closesLabel: string | null;
	author: { username: string; staff: boolean };
	/** The opening post's content warning, so the list says it before anyone opens the thread. */
	contentWarning: string | null;
	replies: number;
	createdAt: Date;
	lastActivityAt: Date;
}

const openingPost = alias(forumPosts, 'opening_post');

export interface CategoryPage extends Paging {
	category: {
		id: number;
		slug: string;
		name: string;
		description: string;
		staffOnlyPosting: boolean;
	};
	threads: ThreadSummary[];
	canStartThread: boolean;
}

/** A category's threads: pinned first, then the most recent activity. Two queries. */
export async function loadCategoryPage(
	db: Database,
	viewer: CurrentUser,
	{ slug, page: requested }: { slug: string; page: number }
): Promise<CategoryPage> {
	assertSlugCouldExist(slug);
	const now = new Date();
	const listed = and(eq(forumThreads.categoryId, forumCategories.id), listedThreads(viewer));
	const [category] = await db
		.select({
			id: forumCategories.id,
			slug: forumCategories.slug,
			name: forumCategories.name,
			description: forumCategories.description,
			staffOnlyPosting: forumCategories.staffOnlyPosting,
			total: db.$count(forumThreads, listed)
		})
		.from(forumCategories)
		.where(eq(forumCategories.slug, slug));
	assertCanReadCategory(viewer, category);
	const { total, ...details } = category;
	const pages = paging(requested, Number(total), THREADS_PER_PAGE);

	const rows = await db
		.select({
			id: forumThreads.id,
			title: forumThreads.title,
			status: forumThreads.status,
			pinned: forumThreads.pinned,
			locked: forumThreads.locked,
			closesAt: forumThreads.closesAt,
			authorId: forumThreads.authorId,
			username: users.username,
			roles: users.roles,
			contentWarning: openingPost.contentWarning,
			createdAt: forumThreads.createdAt,
			lastActivityAt: forumThreads.lastActivityAt,
			replies: db.$count(
				forumPosts,
				and(
					eq(forumPosts.threadId, forumThreads.id),
					eq(forumPosts.status, 'published'),
					ne(forumPosts.id, forumThreads.openingPostId)
				)
			)
		})
		.from(forumThreads)
		.leftJoin(users, eq(users.id, forumThreads.authorId))
		.leftJoin(openingPost, eq(openingPost.id, forumThreads.openingPostId))
		.where(and(eq(forumThreads.categoryId, category.id), listedThreads(viewer)))
		.orderBy(desc(forumThreads.pinned), desc(forumThreads.lastActivityAt), desc(forumThreads.id))
		.limit(THREADS_PER_PAGE)
		.offset((pages.page - 1) * THREADS_PER_PAGE);

	return {
		...pages,
		category: details,
		canStartThread: !details.staffOnlyPosting || isStaff(viewer),
		threads: rows.map((r) => ({
			id: r.id,
			title: r.title,
			status: r.status,
			pinned: r.pinned,
			locked: r.locked,
			closed: isClosed(r, now),
			closesLabel: r.closesAt && !isClosed(r, now) ? formatDateTime(r.closesAt) : null,
			author: {
				username: r.username ?? 'Former member',
				staff:
					r.authorId !== null && r.roles !== null && isStaff({ id: r.authorId, roles: r.roles })
			},
			contentWarning: r.contentWarning,
			replies: Number(r.replies),
			createdAt: r.createdAt,
			lastActivityAt: r.lastActivityAt
		}))
	};
}

export interface ThreadPage extends Paging {
	thread: {
		id: number;
		title: string;
		status: 'published' | 'held' | 'hidden' | 'deleted';
		pinned: boolean;
		locked: boolean;
		following: boolean;
		/** A member may post here once per this many minutes (0: off). */
		slowModeMinutes: number;
		closesAt: Date | null;
		/** Past its closing time. */
		closed: boolean;
		/** The closing time in UK time ("27 Nov 2026, 18:00"), or null. */
		closesLabel: string | null;
	};
	category: { slug: string; name: string };
	posts: PostView[];
	/** Why this person cannot reply here (locked, waiting for approval), or null. */
	replyRefusal: string | null;
	/** Staff see held and hidden posts where they sit (marked). */
	seesHeldContent: boolean;
	/** The viewer's content-warning choices (read with the thread: no query of their own). */
	warnings: WarningPreferences;
	/** For staff: this page's posts whose words were erased under the retention setting. */
	purgedPostIds: number[];
}

/**
 * The thread page's first query: the thread with how many posts this person may see, whether they
 * follow it, their warning choices, when they last wrote here (slow mode), for staff which posts
 * were purged, for a link to a post how many visible posts come before it, and otherwise the page
 * of posts asked for. Built and prepared once per variant (staff or not, linked post or not); the
 * ids, limit and offset are placeholders.
 */
function threadQuery(db: Database, everything: boolean, linked: boolean) {
	const viewerId = sql.placeholder('viewerId');
	const visible = everything ? undefined : postsMembersSee(viewerId);
	const inThread = and(eq(forumPosts.threadId, forumThreads.id), visible);
	return db
		.select({
			id: forumThreads.id,
			title: forumThreads.title,
			status: forumThreads.status,
			pinned: forumThreads.pinned,
			locked: forumThreads.locked,
			slowModeMinutes: forumThreads.slowModeMinutes,
			closesAt: forumThreads.closesAt,
			authorId: forumThreads.authorId,
			categorySlug: forumCategories.slug,
			categoryName: forumCategories.name,
			total: db.$count(forumPosts, inThread),
			following: followingColumn(forumThreads.id, viewerId),
			warnings: warningPreferencesColumn(viewerId),
			// Slow mode: when this person last wrote here.
			lastOwnPostAt:
				sql<Date | null>`(select max(mine.created_at) from ${forumPosts} mine where mine.thread_id = ${forumThreads.id} and mine.author_id = ${viewerId})`.mapWith(
					forumPosts.createdAt
				),
			purgedPostIds: everything
				? sql<
						string | number[] | null
					>`(select json_agg(gone.id) from ${forumPosts} gone where gone.thread_id = ${forumThreads.id} and gone.purged_at is not null)`
				: sql<null>`null`,
			before: linked
				? db.$count(
						forumPosts,
						and(
							inThread,
							sql`(coalesce(${forumPosts.publishedAt}, ${forumPosts.createdAt}), ${forumPosts.id}) < (
								select coalesce(target.published_at, target.created_at), target.id
								from ${forumPosts} target where target.id = ${sql.placeholder('postId')}
							)`
						)
					)
				: sql<null>`null`,
			// The page asked for, in the same round trip (see loadThreadPage); a linked post's page
			// is known only from `before`, so that variant reads its posts afterwards.
			posts: linked ? sql<null>`null` : sql<string | unknown[][]>`(${postsSelect(db, everything)})`
		})
		.from(forumThreads)
		.innerJoin(forumCategories, eq(forumCategories.id, forumThreads.categoryId))
		.where(eq(forumThreads.id, sql.placeholder('threadId')))
		.prepare(`forum_thread_${everything ? 'staff' : 'member'}${linked ? '_linked' : ''}`);
}

/** A page of the posts this person sees, in order, as JSON (limit and offset are placeholders). */
function postsSelect(db: Database, everything: boolean) {
	const viewerId = sql.placeholder('viewerId');
	const visible = everything ? undefined : postsMembersSee(viewerId);
	return selectPostViewsAsJson(db, viewerId, {
		where: and(eq(forumPosts.threadId, sql.placeholder('threadId')), visible),
		sortKeys: [
			sql`coalesce(${forumPosts.publishedAt}, ${forumPosts.createdAt})`,
			sql`${forumPosts.id}`
		],
		limit: sql.placeholder('limit'),
		offset: sql.placeholder('offset')
	});
}

/** The posts alone: for a linked post's page, or when the page asked for is not there. */
function postsQuery(db: Database, everything: boolean) {
	return postsSelect(db, everything).prepare(
		`forum_thread_posts_${everything ? 'staff' : 'member'}`
	);
}

interface ThreadQueries {
	thread: Map<string, ReturnType<typeof threadQuery>>;
	posts: Map<boolean, ReturnType<typeof postsQuery>>;
}
const prepared = new WeakMap<Database, ThreadQueries>();

function threadQueries(db: Database): ThreadQueries {
	let queries = prepared.get(db);
	if (!queries) prepared.set(db, (queries = { thread: new Map(), posts: new Map() }));
	return queries;
}

/**
 * A thread's page: the thread (with how many posts this person may see, and which page a linked
 * post is on, the viewer's warning choices) and the page asked for of its posts with authors,
 * quotes and reaction counts, in one query. Its posts are read in a second query only when the
 * page is known from the thread's row: a link to a post, or a page past the last one (which the
 * route then redirects). The posts read in the first query are used only once the viewer's access
 * to the thread is checked. Both are prepared once (per database handle).
 */
export async function loadThreadPage(
	db: Database,
	viewer: CurrentUser,
	{ threadId, page: requested, postId }: { threadId: number; page: number; postId?: number | null }
): Promise<ThreadPage> {
	const everything = seesEverything(viewer);
	const linked = Boolean(postId);
	const queries = threadQueries(db);
	const threadKey = `${everything}:${linked}`;
	let thread = queries.thread.get(threadKey);
	if (!thread) queries.thread.set(threadKey, (thread = threadQuery(db, everything, linked)));
	const [row] = await thread.execute({
		viewerId: viewer.id,
		threadId,
		postId: postId ?? null,
		limit: POSTS_PER_PAGE,
		offset: (requested - 1) * POSTS_PER_PAGE
	});
	assertCanReadThread(viewer, row ?? undefined);
	const now = new Date();
	const purged =
		typeof row.purgedPostIds === 'string' ? JSON.parse(row.purgedPostIds) : row.purgedPostIds;

	const wanted =
		row.before === null ? requested : Math.floor(Number(row.before) / POSTS_PER_PAGE) + 1;
	const pages = paging(wanted, Number(row.total), POSTS_PER_PAGE);
	let json = row.posts;
	if (json === null || pages.page !== requested) {
		let postsOf = queries.posts.get(everything);
		if (!postsOf) queries.posts.set(everything, (postsOf = postsQuery(db, everything)));
		[{ posts: json }] = await postsOf.execute({
			viewerId: viewer.id,
			threadId,
			limit: POSTS_PER_PAGE,
			offset: (pages.page - 1) * POSTS_PER_PAGE
		});
	}
	const posts = postRowsFromJson(json);

	return {
		...pages,
		thread: {
			id: row.id,
			title: row.title,
			status: row.status,
			pinned: row.pinned,
			locked: row.locked,
			following: Boolean(row.following),
			slowModeMinutes: row.slowModeMinutes,
			closesAt: row.closesAt,
			closed: isClosed(row, now),
			closesLabel: row.closesAt ? formatDateTime(row.closesAt) : null
		},
		category: { slug: row.categorySlug, name: row.categoryName },
		posts: posts.map(toPostView),
		replyRefusal: replyRefusal(viewer, row, { now, lastOwnPostAt: row.lastOwnPostAt }),
		seesHeldContent: seesEverything(viewer),
		warnings: readWarningPreferences(row.warnings),
		purgedPostIds: ((purged as number[] | null) ?? []).filter((id) =>
			posts.some((p) => p.id === id)
		)
	};
}
