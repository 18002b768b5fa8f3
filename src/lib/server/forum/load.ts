/** Loading what a forum write acts on, with the errors a person can cause when it is not there. */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { forumCategories, forumPosts, forumThreads, users } from '../db/schema';
import { NotFoundError } from '../errors';
import { CATEGORY_NOT_FOUND, POST_NOT_FOUND, THREAD_NOT_FOUND } from './access';

export { CATEGORY_NOT_FOUND };

/**
 * The category an address names, or NotFoundError. An address can carry anything, including a NUL
 * that PostgreSQL would refuse with an error: no category is named like that.
 */
export function assertSlugCouldExist(slug: string): void {
	// eslint-disable-next-line no-control-regex -- control characters are what is refused
	if (slug === '' || slug.length > 100 || /[\u0000-\u001F\u007F]/.test(slug))
		throw new NotFoundError(CATEGORY_NOT_FOUND);
}

/** Told to an author whose edit or delete met a post that a youth worker had just acted on. */
export const POST_CHANGED_MEANWHILE =
	'A youth worker has just changed this post. Reload to see it.';

/**
 * For a write decided on a post as it was read: the post is still in that state (same status, and
 * not edited since). A youth worker's hide, removal or approval, or members' reports hiding it,
 * all change its status; any edit changes when it was last edited. A write guarded by this that
 * changes no row must write nothing else.
 */
export function unchangedSince(post: {
	id: number;
	status: (typeof forumPosts.$inferSelect)['status'];
	editedAt: Date | null;
}): SQL {
	return and(
		eq(forumPosts.id, post.id),
		eq(forumPosts.status, post.status),
		post.editedAt === null
			? sql`${forumPosts.editedAt} is null`
			: sql`${forumPosts.editedAt} = ${post.editedAt.toISOString()}::timestamptz`
	)!;
}

export async function loadCategoryBySlug(db: Database, slug: string) {
	assertSlugCouldExist(slug);
	const [category] = await db.select().from(forumCategories).where(eq(forumCategories.slug, slug));
	if (!category) throw new NotFoundError(CATEGORY_NOT_FOUND);
	return category;
}

export async function loadCategoryById(db: Database, id: number) {
	const [category] = await db.select().from(forumCategories).where(eq(forumCategories.id, id));
	if (!category) throw new NotFoundError(CATEGORY_NOT_FOUND);
	return category;
}

/** A thread with the category details a write needs (for alerts and notifications). */
export async function loadThread(db: Database, threadId: number) {
	const [row] = await db
		.select({
			thread: forumThreads,
			categoryName: forumCategories.name,
			categorySlug: forumCategories.slug
		})
		.from(forumThreads)
		.innerJoin(forumCategories, eq(forumCategories.id, forumThreads.categoryId))
		.where(eq(forumThreads.id, threadId));
	if (!row) throw new NotFoundError(THREAD_NOT_FOUND);
	return { ...row.thread, categoryName: row.categoryName, categorySlug: row.categorySlug };
}

/** A post with its thread and its author's name, in one query. */
export async function loadPostWithThread(db: Database, postId: number) {
	const [row] = await db
		.select({
			post: forumPosts,
			thread: forumThreads,
			categoryName: forumCategories.name,
			categorySlug: forumCategories.slug,
			authorUsername: users.username
		})
		.from(forumPosts)
		.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
		.innerJoin(forumCategories, eq(forumCategories.id, forumThreads.categoryId))
		.leftJoin(users, eq(users.id, forumPosts.authorId))
		.where(eq(forumPosts.id, postId));
	if (!row) throw new NotFoundError(POST_NOT_FOUND);
	return {
		post: row.post,
		thread: { ...row.thread, categoryName: row.categoryName, categorySlug: row.categorySlug },
		authorUsername: row.authorUsername
	};
}
