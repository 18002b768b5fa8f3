/**
 * Live threads: a page showing a thread asks to watch it (`thread:watch`), and from then on gets
 * that thread's newly published posts (`forum:post`) and changes (`forum:post-changed`) without a
 * reload. Only someone who may read the thread joins its room; held posts never go to the room
 * (their author hears about them on `user:<id>`).
 *
 * Live categories: a category's list asks to watch it (`category:watch`) and hears when there is
 * something new to show (`forum:category-activity`: published conversations and replies only,
 * see categoryActivity in effects.ts). Only someone who may read the category joins its room.
 */
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { database, type Database } from '../db';
import { NotFoundError } from '../errors';
import { registerSocketHandlers, type TogetherSocket } from '../realtime/attach';
import { listen } from '../realtime/listen';
import { assertCanReadCategory, assertCanReadThread } from './access';
import { loadCategoryById, loadThread } from './load';

const watchSchema = z.object({ threadId: z.number().int().positive().max(2_147_483_647) });

/** Whether this person may follow this thread live; throws NotFoundError if not. */
export async function authoriseWatch(db: Database, user: CurrentUser, payload: unknown) {
	const parsed = watchSchema.safeParse(payload);
	if (!parsed.success) throw new NotFoundError('That is not a conversation.');
	const thread = await loadThread(db, parsed.data.threadId);
	assertCanReadThread(user, thread);
	return thread.id;
}

const categorySchema = z.object({ categoryId: z.number().int().positive().max(2_147_483_647) });
const NOT_A_CATEGORY = 'That is not a category.';

/** Whether this person may hear about this category's list live; throws NotFoundError if not. */
export async function authoriseCategoryWatch(db: Database, user: CurrentUser, payload: unknown) {
	const parsed = categorySchema.safeParse(payload);
	if (!parsed.success) throw new NotFoundError(NOT_A_CATEGORY);
	const category = await loadCategoryById(db, parsed.data.categoryId);
	assertCanReadCategory(user, category);
	return category.id;
}

export function registerForumSocketHandlers(socket: TogetherSocket): void {
	listen(socket, 'category:watch', async (payload) => {
		const categoryId = await authoriseCategoryWatch(await database(), socket.data.user, payload);
		await socket.join(`category:${categoryId}`);
	});

	listen(socket, 'category:unwatch', async (payload) => {
		const parsed = categorySchema.safeParse(payload);
		if (!parsed.success) throw new NotFoundError(NOT_A_CATEGORY);
		await socket.leave(`category:${parsed.data.categoryId}`);
	});

	listen(socket, 'thread:watch', async (payload) => {
		const threadId = await authoriseWatch(await database(), socket.data.user, payload);
		await socket.join(`thread:${threadId}`);
	});

	listen(socket, 'thread:unwatch', async (payload) => {
		const parsed = watchSchema.safeParse(payload);
		if (!parsed.success) throw new NotFoundError('That is not a conversation.');
		await socket.leave(`thread:${parsed.data.threadId}`);
	});
}

registerSocketHandlers(registerForumSocketHandlers);
