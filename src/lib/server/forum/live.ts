/**
 * Live threads: a page showing a thread asks to watch it (`thread:watch`), and from then on gets
 * that thread's newly published posts (`forum:post`) and changes (`forum:post-changed`) without a
 * reload. Only someone who may read the thread joins its room; held posts never go to the room
 * (their author hears about them on `user:<id>`).
 */
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { database, type Database } from '../db';
import { NotFoundError } from '../errors';
import { registerSocketHandlers, type TogetherSocket } from '../realtime/attach';
import { listen } from '../realtime/listen';
import { assertCanReadThread } from './access';
import { loadThread } from './load';

const watchSchema = z.object({ threadId: z.number().int().positive().max(2_147_483_647) });

/** Whether this person may follow this thread live; throws NotFoundError if not. */
export async function authoriseWatch(db: Database, user: CurrentUser, payload: unknown) {
	const parsed = watchSchema.safeParse(payload);
	if (!parsed.success) throw new NotFoundError('That is not a conversation.');
	const thread = await loadThread(db, parsed.data.threadId);
	assertCanReadThread(user, thread);
	return thread.id;
}

export function registerForumSocketHandlers(socket: TogetherSocket): void {
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
