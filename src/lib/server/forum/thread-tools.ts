/**
 * Thread tools for youth workers (`moderation.act`): pin or unpin, lock or unlock, move to another
 * category, slow mode (a member may post once per N minutes; staff exempt) and a closing time
 * (from then the thread takes no new replies from members, like a locked one).
 *
 * Each tool: validate → authorise → load the thread → one transaction (the change, guarded by the
 * state it was loaded in so only one youth worker's action takes effect, and its audit entry with
 * before and after) → after commit, `forum:thread-changed` to the thread's room so open pages
 * fetch themselves again.
 */
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumCategories, forumThreads, type ForumThread } from '../db/schema';
import { ConflictError, parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';
import { publisher } from '../realtime/publisher';
import { describeUkDateTime, londonInstant, readUkDate, readUkTime } from '../../uk-date-time';
import {
	FORUM_EVENTS,
	SLOW_MODE_MAX_MINUTES,
	slowModeLabel,
	type ThreadChangedEvent
} from '../../forum';
import { loadThread } from './load';

const NOT_ALLOWED = 'Only youth workers can use thread tools.';
const ALREADY_CHANGED =
	'Another youth worker has already changed this conversation. Here it is as it is now.';

const threadId = z.number().int().positive().max(2_147_483_647);

export interface ThreadToolResult {
	threadId: number;
	/** What happened, in words for the youth worker ("This conversation is pinned."). */
	message: string;
	/** Where the conversation now lives. */
	categorySlug: string;
}

type ThreadState = Pick<ForumThread, 'pinned' | 'locked' | 'categoryId' | 'slowModeMinutes'> & {
	closesAt: string | null;
};

function stateOf(thread: ForumThread): ThreadState {
	return {
		pinned: thread.pinned,
		locked: thread.locked,
		categoryId: thread.categoryId,
		slowModeMinutes: thread.slowModeMinutes,
		closesAt: thread.closesAt?.toISOString() ?? null
	};
}

interface Change {
	set: Partial<Pick<ForumThread, 'pinned' | 'locked' | 'categoryId' | 'slowModeMinutes'>> & {
		closesAt?: Date | null;
	};
	/** The thread as it was loaded, so a change made meanwhile by someone else is not overwritten. */
	guard: SQL | undefined;
	action: string;
	message: string;
	categorySlug?: string;
}

async function changeThread(
	db: Database,
	actor: Actor,
	id: number,
	decide: (thread: Awaited<ReturnType<typeof loadThread>>) => Change | Promise<Change> | null
): Promise<ThreadToolResult> {
	const thread = await loadThread(db, id);
	const change = await decide(thread);
	if (!change)
		return { threadId: id, message: 'Nothing changed.', categorySlug: thread.categorySlug };

	await db.transaction(async (tx) => {
		const [updated] = await tx
			.update(forumThreads)
			.set(change.set)
			.where(and(eq(forumThreads.id, id), change.guard))
			.returning();
		if (!updated) throw new ConflictError({ form: ALREADY_CHANGED });
		await recordAudit(tx, {
			actorId: actor.id,
			action: change.action,
			targetType: 'forum_thread',
			targetId: id,
			details: { before: stateOf(thread), after: stateOf(updated) }
		});
	});

	const categoryIds = [thread.categoryId];
	if (change.set.categoryId !== undefined && change.set.categoryId !== thread.categoryId)
		categoryIds.push(change.set.categoryId);
	const event: ThreadChangedEvent = { threadId: id, categoryIds };
	publisher().publish(`thread:${id}`, FORUM_EVENTS.threadChanged, event);
	return {
		threadId: id,
		message: change.message,
		categorySlug: change.categorySlug ?? thread.categorySlug
	};
}

const pinSchema = z.object({ threadId, pinned: z.boolean() });

/** Pinned threads come first on their category page. */
export async function setThreadPinned(
	db: Database,
	actor: Actor,
	input: z.input<typeof pinSchema>
): Promise<ThreadToolResult> {
	const data = parseOrThrow(pinSchema, input);
	authorise(actor, 'moderation.act', NOT_ALLOWED);
	return changeThread(db, actor, data.threadId, (thread) => {
		if (thread.pinned === data.pinned)
			throw new ConflictError({
				form: `Another youth worker has already ${data.pinned ? 'pinned' : 'unpinned'} this conversation.`
			});
		return {
			set: { pinned: data.pinned },
			guard: eq(forumThreads.pinned, thread.pinned),
			action: data.pinned ? 'forum.thread.pin' : 'forum.thread.unpin',
			message: data.pinned
				? 'This conversation is pinned to the top of its category.'
				: 'This conversation is no longer pinned.'
		};
	});
}

const lockSchema = z.object({ threadId, locked: z.boolean() });

/** A locked thread takes replies from youth workers only. */
export async function setThreadLocked(
	db: Database,
	actor: Actor,
	input: z.input<typeof lockSchema>
): Promise<ThreadToolResult> {
	const data = parseOrThrow(lockSchema, input);
	authorise(actor, 'moderation.act', NOT_ALLOWED);
	return changeThread(db, actor, data.threadId, (thread) => {
		if (thread.locked === data.locked)
			throw new ConflictError({
				form: `Another youth worker has already ${data.locked ? 'locked' : 'unlocked'} this conversation.`
			});
		return {
			set: { locked: data.locked },
			guard: eq(forumThreads.locked, thread.locked),
			action: data.locked ? 'forum.thread.lock' : 'forum.thread.unlock',
			message: data.locked
				? 'This conversation is locked: members can no longer reply.'
				: 'This conversation is unlocked: members can reply again.'
		};
	});
}

const moveSchema = z.object({
	threadId,
	categoryId: z
		.number({ message: 'Choose the category to move it to.' })
		.int('Choose the category to move it to.')
		.positive('Choose the category to move it to.')
		.max(2_147_483_647, 'Choose the category to move it to.')
});

/** Moves a thread (with all its posts) to another category. */
export async function moveThread(
	db: Database,
	actor: Actor,
	input: z.input<typeof moveSchema>
): Promise<ThreadToolResult> {
	const data = parseOrThrow(moveSchema, input);
	authorise(actor, 'moderation.act', NOT_ALLOWED);
	return changeThread(db, actor, data.threadId, async (thread) => {
		const [target] = await db
			.select({ id: forumCategories.id, name: forumCategories.name, slug: forumCategories.slug })
			.from(forumCategories)
			.where(eq(forumCategories.id, data.categoryId));
		if (!target)
			throw new ValidationError({
				categoryId: 'That category no longer exists. Choose another from the list.'
			});
		if (target.id === thread.categoryId)
			throw new ValidationError({ categoryId: `This conversation is already in ${target.name}.` });
		return {
			set: { categoryId: target.id },
			guard: eq(forumThreads.categoryId, thread.categoryId),
			action: 'forum.thread.move',
			message: `This conversation is now in ${target.name}.`,
			categorySlug: target.slug
		};
	});
}

/** Minutes typed into a form (an empty box counts as missing, not as 0). */
const minutes = z.preprocess(
	(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
	z.coerce
		.number({ message: 'Enter the minutes as a number: 0 turns slow mode off.' })
		.int('Use a whole number of minutes.')
		.min(0, 'Use 0 to turn slow mode off, or a number of minutes up to 1440 (a day).')
		.max(SLOW_MODE_MAX_MINUTES, 'Slow mode can be at most 1440 minutes (one post a day).')
);

const slowModeSchema = z.object({ threadId, minutes });

/** Slow mode: a member may post here once per N minutes (0 turns it off). Staff are exempt. */
export async function setSlowMode(
	db: Database,
	actor: Actor,
	input: z.input<typeof slowModeSchema>
): Promise<ThreadToolResult> {
	const data = parseOrThrow(slowModeSchema, input);
	authorise(actor, 'moderation.act', NOT_ALLOWED);
	return changeThread(db, actor, data.threadId, (thread) => {
		if (thread.slowModeMinutes === data.minutes) return null;
		return {
			set: { slowModeMinutes: data.minutes },
			guard: eq(forumThreads.slowModeMinutes, thread.slowModeMinutes),
			action: 'forum.thread.slow_mode',
			message:
				data.minutes === 0 ? 'Slow mode is off.' : `${slowModeLabel(data.minutes)} for members.`
		};
	});
}

const closeSchema = z.object({
	threadId,
	/** The day and time as typed, in UK time ($lib/uk-date-time); null clears the closing time. */
	closesAt: z.object({ date: z.string(), time: z.string() }).nullable()
});

/**
 * From this time the thread takes no new replies from members. A time already past closes it
 * now; null clears it (the thread opens again unless it is locked). A date or time that cannot
 * be read without guessing is refused next to its field (`closesDate`, `closesTime`).
 */
export async function setClosingTime(
	db: Database,
	actor: Actor,
	input: z.input<typeof closeSchema>,
	now = new Date()
): Promise<ThreadToolResult> {
	const data = parseOrThrow(closeSchema, input);
	let closesAt: Date | null = null;
	if (data.closesAt !== null) {
		const date = readUkDate(data.closesAt.date, 'date it should close');
		const time = readUkTime(data.closesAt.time, 'time it should close');
		if (!date.ok || !time.ok)
			throw new ValidationError({
				...(date.ok ? {} : { closesDate: date.error }),
				...(time.ok ? {} : { closesTime: time.error })
			});
		closesAt = londonInstant(date.value, time.value);
		if (closesAt < now) closesAt = now;
	}
	authorise(actor, 'moderation.act', NOT_ALLOWED);
	return changeThread(db, actor, data.threadId, (thread) => {
		const before = thread.closesAt?.getTime() ?? null;
		if (before === (closesAt?.getTime() ?? null)) return null;
		return {
			set: { closesAt },
			guard: thread.closesAt
				? eq(forumThreads.closesAt, thread.closesAt)
				: isNull(forumThreads.closesAt),
			action: closesAt ? 'forum.thread.close' : 'forum.thread.reopen',
			message: !closesAt
				? 'The closing time is cleared.'
				: closesAt.getTime() === now.getTime()
					? 'This conversation is closed: members can no longer reply.'
					: `This conversation closes on ${describeUkDateTime(closesAt, now)}.`
		};
	});
}

/** The categories a thread can be moved to, in order, marking the one it is in. */
export async function threadToolCategories(
	db: Database,
	currentSlug: string
): Promise<{ id: number; name: string; current: boolean }[]> {
	const rows = await db
		.select({ id: forumCategories.id, name: forumCategories.name, slug: forumCategories.slug })
		.from(forumCategories)
		.orderBy(asc(forumCategories.position), asc(forumCategories.name));
	return rows.map((r) => ({ id: r.id, name: r.name, current: r.slug === currentSlug }));
}
