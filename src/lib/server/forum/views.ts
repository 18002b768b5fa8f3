/**
 * A post as a reader sees it (PostView, shared with the browser), built the same way for a page
 * load and for a live event, so what arrives over the socket matches what a reload shows.
 */
import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import {
	forumPosts,
	forumReactions,
	users,
	type ContentStatus,
	type ForumPost,
	type Role
} from '../db/schema';
import { isStaff } from '../policy';
import { excerptFromHtml } from '../content/render';
import { noReactions, REACTION_KEYS, type PostReactions, type PostView } from '../../forum';
import { formatDateTime } from '../../format';

const quoted = alias(forumPosts, 'quoted');
const quotedAuthor = alias(users, 'quoted_author');

export const FORMER_MEMBER = 'Former member';

/** Columns for posts as readers see them: the post, its author, and what it quotes if that is published. */
export const postViewColumns = {
	id: forumPosts.id,
	threadId: forumPosts.threadId,
	authorId: forumPosts.authorId,
	authorUsername: users.username,
	authorRoles: users.roles,
	status: forumPosts.status,
	html: forumPosts.html,
	contentWarning: forumPosts.contentWarning,
	createdAt: forumPosts.createdAt,
	publishedAt: forumPosts.publishedAt,
	editedAt: forumPosts.editedAt,
	opening: sql<boolean>`${forumPosts.threadTitle} is not null`,
	deletedById: forumPosts.deletedById,
	quotePostId: quoted.id,
	quoteHtml: quoted.html,
	quoteUsername: quotedAuthor.username,
	quoteWarning: quoted.contentWarning
};

/** "forum_posts"."id", qualified: inside a correlated subquery a bare "id" would mean the inner table. */
const outerPostId = sql`${sql.identifier('forum_posts')}.${sql.identifier('id')}`;

/**
 * A post's reactions in the same query as the post (a correlated aggregate over the reactions'
 * primary key), so a page of posts stays one query: `{ counts: { kind: n }, mine: [kind] }`.
 */
function reactionsColumn(viewerId: number | Placeholder | undefined) {
	const mine = viewerId === undefined ? sql`false` : sql`bool_or(r.user_id = ${viewerId})`;
	return sql<unknown>`(
		select json_build_object(
			'counts', coalesce(json_object_agg(k.kind, k.n), '{}'::json),
			'mine', coalesce(json_agg(k.kind) filter (where k.mine), '[]'::json)
		)
		from (
			select r.kind, count(*)::int as n, ${mine} as mine
			from ${forumReactions} r
			where r.post_id = ${outerPostId}
			group by r.kind
		) k
	)`;
}

/** Reactions as the database sends them (JSON, parsed or not), as the page needs them. */
export function readReactions(value: unknown): PostReactions {
	const reactions = noReactions();
	const parsed = typeof value === 'string' ? JSON.parse(value) : value;
	if (!parsed || typeof parsed !== 'object') return reactions;
	const { counts, mine } = parsed as { counts?: Record<string, unknown>; mine?: unknown };
	for (const key of REACTION_KEYS) {
		const n = Number(counts?.[key] ?? 0);
		reactions.counts[key] = Number.isFinite(n) ? n : 0;
	}
	if (Array.isArray(mine)) reactions.mine = REACTION_KEYS.filter((key) => mine.includes(key));
	return reactions;
}

/**
 * Posts as PostViewRows; callers add where, order and limit. With a viewer, their own posts carry
 * their Markdown (for the edit form); nobody else's do, and the reactions say which are theirs.
 * A prepared query passes a placeholder for the viewer's id.
 */
export function selectPostViews(db: Database, viewerId?: number | Placeholder) {
	return db
		.select({
			...postViewColumns,
			reactions: reactionsColumn(viewerId),
			source:
				viewerId === undefined
					? sql<null>`null`
					: sql<
							string | null
						>`case when ${forumPosts.authorId} = ${viewerId} then ${forumPosts.body} end`
		})
		.from(forumPosts)
		.leftJoin(users, eq(users.id, forumPosts.authorId))
		.leftJoin(quoted, and(eq(quoted.id, forumPosts.quotedPostId), eq(quoted.status, 'published')))
		.leftJoin(quotedAuthor, eq(quotedAuthor.id, quoted.authorId));
}

/** The columns a post is sent in by selectPostViewsAsJson, in this order. */
function postJsonColumns(viewerId: Placeholder) {
	return {
		...postViewColumns,
		reactions: reactionsColumn(viewerId),
		source: sql`case when ${forumPosts.authorId} = ${viewerId} then ${forumPosts.body} end`
	};
}
const POST_JSON_KEYS = Object.keys(
	postJsonColumns(sql.placeholder('viewerId'))
) as (keyof PostJson)[];

/**
 * A page of posts as one JSON value in one row and column: each post a JSON array of the same
 * columns as selectPostViews (POST_JSON_KEYS, in that order), the posts in the order given. The
 * server parses it once (JSON.parse is native) instead of the driver and drizzle decoding
 * twenty-odd columns of fifty rows one value at a time. Arrays rather than objects: PostgreSQL
 * spent about as long writing each post's keys as Node saved (both run on the same two cores).
 * `where`, `sortKeys` (ascending; the page's order, ties broken) and the placeholders for limit and
 * offset come from the caller.
 */
export function selectPostViewsAsJson(
	db: Database,
	viewerId: Placeholder,
	{
		where,
		sortKeys,
		limit,
		offset
	}: { where: SQL | undefined; sortKeys: [SQL, SQL]; limit: Placeholder; offset: Placeholder }
) {
	const columns = Object.values(postJsonColumns(viewerId)).map((column) => sql`${column}`);
	const rows = db
		.select({
			post: sql`json_build_array(${sql.join(columns, sql`, `)})`.as('post'),
			k0: sortKeys[0].as('k0'),
			k1: sortKeys[1].as('k1')
		})
		.from(forumPosts)
		.leftJoin(users, eq(users.id, forumPosts.authorId))
		.leftJoin(quoted, and(eq(quoted.id, forumPosts.quotedPostId), eq(quoted.status, 'published')))
		.leftJoin(quotedAuthor, eq(quotedAuthor.id, quoted.authorId))
		.where(where)
		.orderBy(...sortKeys)
		.limit(limit)
		.offset(offset)
		.as('page');
	return db
		.select({
			posts: sql<
				string | unknown[][]
			>`coalesce(json_agg(${rows.post} order by ${rows.k0}, ${rows.k1}), '[]'::json)`
		})
		.from(rows);
}

/** One post as selectPostViewsAsJson sends it (as an array): times are JSON strings. */
export type PostJson = Omit<PostViewRow, 'createdAt' | 'publishedAt' | 'editedAt'> & {
	createdAt: string;
	publishedAt: string | null;
	editedAt: string | null;
};

/** selectPostViewsAsJson's one value (parsed or not), as rows for toPostView. */
export function postRowsFromJson(value: string | unknown[][]): PostViewRow[] {
	const posts: unknown[][] = typeof value === 'string' ? JSON.parse(value) : value;
	return posts.map((values) => {
		const post = Object.fromEntries(
			POST_JSON_KEYS.map((key, i) => [key, values[i]])
		) as unknown as PostJson;
		return {
			...post,
			createdAt: new Date(post.createdAt),
			publishedAt: post.publishedAt === null ? null : new Date(post.publishedAt),
			editedAt: post.editedAt === null ? null : new Date(post.editedAt)
		};
	});
}

export interface PostViewRow {
	id: number;
	threadId: number;
	authorId: number | null;
	authorUsername: string | null;
	authorRoles: Role[] | null;
	status: ContentStatus;
	html: string;
	contentWarning: string | null;
	createdAt: Date;
	publishedAt: Date | null;
	editedAt: Date | null;
	opening: boolean;
	deletedById: number | null;
	quotePostId: number | null;
	quoteHtml: string | null;
	quoteUsername: string | null;
	quoteWarning: string | null;
	/** JSON from the reactions aggregate; absent for a post just written (none yet). */
	reactions?: unknown;
	source?: string | null;
}

export function toPostView(row: PostViewRow): PostView {
	const removed = row.status === 'deleted';
	const view: PostView = {
		id: row.id,
		threadId: row.threadId,
		author: {
			id: row.authorId,
			username: row.authorUsername ?? FORMER_MEMBER,
			staff:
				row.authorId !== null &&
				row.authorRoles !== null &&
				isStaff({ id: row.authorId, roles: row.authorRoles })
		},
		status: row.status,
		html: removed ? '' : row.html,
		contentWarning: removed ? null : row.contentWarning,
		createdAt: row.createdAt.toISOString(),
		publishedAt: row.publishedAt?.toISOString() ?? null,
		editedAt: row.editedAt?.toISOString() ?? null,
		timeLabel: formatDateTime(row.publishedAt ?? row.createdAt),
		opening: row.opening,
		quote:
			row.quotePostId !== null && row.quoteHtml !== null && !removed
				? {
						postId: row.quotePostId,
						username: row.quoteUsername ?? FORMER_MEMBER,
						excerpt: excerptFromHtml(row.quoteHtml),
						contentWarning: row.quoteWarning
					}
				: null,
		removedByStaff: removed && row.deletedById !== null,
		reactions: removed ? noReactions() : readReactions(row.reactions)
	};
	if (typeof row.source === 'string' && !removed) view.source = row.source;
	return view;
}

/** The view of a post just written, from what the service already holds (no extra query). */
export function viewOfWrittenPost(
	post: ForumPost,
	author: { id: number; username: string; roles: readonly Role[] },
	quote: { id: number; html: string; username: string | null; contentWarning: string | null } | null
): PostView {
	return toPostView({
		...post,
		authorUsername: author.username,
		authorRoles: [...author.roles],
		opening: post.threadTitle !== null,
		quotePostId: quote?.id ?? null,
		quoteHtml: quote?.html ?? null,
		quoteUsername: quote?.username ?? null,
		quoteWarning: quote?.contentWarning ?? null
	});
}
