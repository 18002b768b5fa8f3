/** Loading what a forum write acts on, with the errors a person can cause when it is not there. */
import { eq } from 'drizzle-orm';
import type { Database } from '../db';
import { forumCategories, forumPosts, forumThreads, users } from '../db/schema';
import { NotFoundError } from '../errors';
import { CATEGORY_NOT_FOUND, POST_NOT_FOUND, THREAD_NOT_FOUND } from './access';

export { CATEGORY_NOT_FOUND };

export async function loadCategoryBySlug(db: Database, slug: string) {
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
