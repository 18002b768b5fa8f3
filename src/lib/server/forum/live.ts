/**
 * Live threads: a page showing a thread asks to watch it (`thread:watch`), and from then on gets
 * that thread's newly published posts (`forum:post`) and changes (`forum:post-changed`) without a
 * reload. Only someone who may read the thread joins its room; held posts never go to the room
 * (their author hears about them on `user:<id>`).
 */
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { database, type Database } from '../db';
import { log } from '../log';
import { NotFoundError } from '../errors';
import { registerSocketHandlers, type TogetherSocket } from '../realtime/attach';
import type { WatchAck } from '../../forum';
import { assertCanReadThread } from './access';
import { loadThread } from './load';

const watchSchema = z.object({ threadId: z.number().int().positive().max(2_147_483_647) });

type Ack = (ack: WatchAck) => void;

/** Whether this person may follow this thread live; throws NotFoundError if not. */
export async function authoriseWatch(db: Database, user: CurrentUser, payload: unknown) {
	const parsed = watchSchema.safeParse(payload);
	if (!parsed.success) throw new NotFoundError('That is not a conversation.');
	const thread = await loadThread(db, parsed.data.threadId);
	assertCanReadThread(user, thread);
	return thread.id;
}

export function registerForumSocketHandlers(socket: TogetherSocket): void {
	// The socket's declared event maps are empty (each domain adds its own): listen untyped.
	const on = socket.on.bind(socket) as unknown as (
		event: string,
		listener: (payload: unknown, ack?: unknown) => void
	) => void;

	on('thread:watch', async (payload, ack) => {
		const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
		try {
			const threadId = await authoriseWatch(await database(), socket.data.user, payload);
			await socket.join(`thread:${threadId}`);
			reply({ ok: true });
		} catch (error) {
			if (error instanceof NotFoundError) return reply({ ok: false, error: error.message });
			log.error({ err: error, userId: socket.data.user.id }, 'thread:watch failed');
			reply({
				ok: false,
				error: 'Live updates are not available right now. Reload to see new replies.'
			});
		}
	});

	on('thread:unwatch', async (payload, ack) => {
		const reply: Ack = typeof ack === 'function' ? (ack as Ack) : () => {};
		const parsed = watchSchema.safeParse(payload);
		if (!parsed.success) return reply({ ok: false, error: 'That is not a conversation.' });
		await socket.leave(`thread:${parsed.data.threadId}`);
		reply({ ok: true });
	});
}

registerSocketHandlers(registerForumSocketHandlers);
