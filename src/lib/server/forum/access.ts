/**
 * Who may see and do what in the forum, in one place (like policy.ts, which it builds on):
 * held posts are seen by their author and staff only; hidden ones by staff only; a thread is as
 * visible as its opening post.
 */
import { and, eq, isNotNull, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { forumPosts, forumThreads, type ContentStatus } from '../db/schema';
import { can, isStaff, NotAllowedError, type Actor } from '../policy';
import { NotFoundError } from '../errors';
import { formatDateTime } from '../../format';
import { slowModeLabel } from '../../forum';
import { whenAgain } from './rate-limits';

export const THREAD_NOT_FOUND = 'We could not find that conversation. It may have been removed.';
export const POST_NOT_FOUND = 'We could not find that post. It may have been removed.';
export const CATEGORY_NOT_FOUND = 'We could not find that category.';

/** Staff who review the queue see held and hidden content where it sits. */
export function seesEverything(viewer: Actor): boolean {
	return can(viewer, 'moderation.review');
}

interface ThreadAccess {
	status: ContentStatus;
	authorId: number | null;
}

export function canReadThread(viewer: Actor, thread: ThreadAccess): boolean {
	if (thread.status === 'published') return true;
	if (seesEverything(viewer)) return true;
	return thread.status === 'held' && thread.authorId === viewer.id;
}

export function assertCanReadThread<T extends ThreadAccess>(
	viewer: Actor,
	thread: T | undefined
): asserts thread is T {
	if (!thread || !canReadThread(viewer, thread)) throw new NotFoundError(THREAD_NOT_FOUND);
}

/**
 * Who may read a category's list (its page, and its live room): every signed-in account today;
 * the one place to say otherwise if a category is ever kept to some people.
 */
export function canReadCategory(viewer: Actor | null, _category: { id: number }): boolean {
	return viewer !== null;
}

export function assertCanReadCategory<T extends { id: number }>(
	viewer: Actor | null,
	category: T | undefined
): asserts category is T {
	if (!category || !canReadCategory(viewer, category)) throw new NotFoundError(CATEGORY_NOT_FOUND);
}

/** Announcement categories take new threads from staff only. */
export function assertCanStartThread(viewer: Actor, category: { staffOnlyPosting: boolean }) {
	if (category.staffOnlyPosting && !isStaff(viewer))
		throw new NotAllowedError('Only youth workers start conversations in this category.');
}

interface ReplyRules extends ThreadAccess {
	locked: boolean;
	/** From then on the thread takes no new replies, as if locked. */
	closesAt?: Date | null;
	/** A member may post here once per this many minutes (0: off). */
	slowModeMinutes?: number;
}

export function isClosed(thread: { closesAt?: Date | null }, now: Date): boolean {
	return Boolean(thread.closesAt && thread.closesAt.getTime() <= now.getTime());
}

/**
 * Why this person cannot reply here, or null if they can. Locked and closed threads take replies
 * from youth workers only; slow mode (staff exempt) needs this person's last post in the thread.
 */
export function replyRefusal(
	viewer: Actor,
	thread: ReplyRules,
	{ now = new Date(), lastOwnPostAt = null }: { now?: Date; lastOwnPostAt?: Date | null } = {}
): string | null {
	if (thread.status === 'held')
		return 'This conversation is waiting for a youth worker. You can reply once it is approved.';
	if (thread.status !== 'published') return THREAD_NOT_FOUND;
	const moderates = can(viewer, 'moderation.act');
	if (thread.locked && !moderates)
		return 'This conversation is locked, so no new replies can be added.';
	if (thread.closesAt && isClosed(thread, now) && !moderates)
		return `This conversation closed on ${formatDateTime(thread.closesAt)}, so no new replies can be added.`;
	const minutes = thread.slowModeMinutes ?? 0;
	if (minutes > 0 && lastOwnPostAt && !isStaff(viewer)) {
		const again = new Date(lastOwnPostAt.getTime() + minutes * 60_000);
		if (again > now)
			return `${slowModeLabel(minutes)}. You can post here again ${whenAgain(again, now)}.`;
	}
	return null;
}

/** The posts in a thread this person sees: SQL, so a page is one query however long it is. */
export function visiblePosts(viewer: Actor): SQL | undefined {
	return seesEverything(viewer) ? undefined : postsMembersSee(viewer.id);
}

/**
 * What visiblePosts is for someone who does not review the queue (a prepared query passes a
 * placeholder for their id, so it is the same SQL for every member).
 */
export function postsMembersSee(viewerId: number | Placeholder): SQL | undefined {
	return or(
		eq(forumPosts.status, 'published'),
		// "Removed by its author", where others had seen it.
		and(eq(forumPosts.status, 'deleted'), isNotNull(forumPosts.publishedAt)),
		// "Removed by a youth worker": its author had seen it even while it waited.
		and(
			eq(forumPosts.status, 'deleted'),
			isNotNull(forumPosts.deletedById),
			eq(forumPosts.authorId, viewerId)
		),
		and(eq(forumPosts.status, 'held'), eq(forumPosts.authorId, viewerId))
	);
}

/** The threads a category page lists for this person. */
export function listedThreads(viewer: Actor): SQL | undefined {
	if (seesEverything(viewer)) return sql`${forumThreads.status} in ('published', 'held')`;
	return or(
		eq(forumThreads.status, 'published'),
		and(eq(forumThreads.status, 'held'), eq(forumThreads.authorId, viewer.id))
	);
}
