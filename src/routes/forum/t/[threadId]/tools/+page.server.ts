/**
 * Thread tools' form actions (the forms are in ThreadTools.svelte on the thread page). With
 * JavaScript the result comes back to the form, which then refreshes the thread page; without it,
 * success goes back to the conversation and a refusal is shown on this page with a link back.
 */
import { redirect } from '@sveltejs/kit';
import type { CurrentUser } from '$lib/server/accounts/current-user';
import { database, type Database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import {
	moveThread,
	setClosingTime,
	setSlowMode,
	setThreadLocked,
	setThreadPinned,
	type ThreadToolResult
} from '$lib/server/forum/thread-tools';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = ({ locals, url, params }) => {
	requireCapability(locals, url, 'moderation.act');
	return { threadId: parseId(params.threadId) };
};

type Tool = 'pin' | 'lock' | 'move' | 'slowMode' | 'close';

function threadIdOf(params: { threadId: string }): number {
	const id = parseId(params.threadId);
	if (id === null) throw new NotFoundError('We could not find that conversation.');
	return id;
}

/** One tool: run it, then answer the form (enhanced) or go back to the conversation. */
async function use(
	{ locals, url, params, request }: RequestEvent,
	tool: Tool,
	run: (input: {
		db: Database;
		me: CurrentUser;
		data: FormData;
		threadId: number;
	}) => Promise<ThreadToolResult>
) {
	const me = requireCapability(locals, url, 'moderation.act');
	const data = await request.formData();
	const values = { ...formValues(data), tool };
	let result: ThreadToolResult;
	try {
		result = await run({ db: await database(), me, data, threadId: threadIdOf(params) });
	} catch (e) {
		return failFromError(e, values);
	}
	if (request.headers.get('x-sveltekit-action') !== 'true')
		redirect(303, `/forum/t/${result.threadId}`);
	return { done: true as const, tool, message: result.message };
}

export const actions: Actions = {
	pin: (event) =>
		use(event, 'pin', ({ db, me, data, threadId }) =>
			setThreadPinned(db, me, { threadId, pinned: text(data, 'pinned') === 'true' })
		),
	lock: (event) =>
		use(event, 'lock', ({ db, me, data, threadId }) =>
			setThreadLocked(db, me, { threadId, locked: text(data, 'locked') === 'true' })
		),
	move: (event) =>
		use(event, 'move', ({ db, me, data, threadId }) =>
			moveThread(db, me, { threadId, categoryId: parseId(text(data, 'categoryId')) ?? 0 })
		),
	slowMode: (event) =>
		use(event, 'slowMode', ({ db, me, data, threadId }) =>
			setSlowMode(db, me, { threadId, minutes: text(data, 'minutes') })
		),
	close: (event) =>
		use(event, 'close', ({ db, me, data, threadId }) =>
			setClosingTime(db, me, {
				threadId,
				closesAt:
					text(data, 'clear') === 'true'
						? null
						: { date: text(data, 'closesDate'), time: text(data, 'closesTime') }
			})
		)
};
