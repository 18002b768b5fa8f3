/**
 * How often members may post, so a new account cannot flood the forum and nobody can start
 * conversations without end. Staff are exempt. Counted from what each person wrote
 * (forum_posts.created_at, whatever became of it: held, hidden and deleted posts count too), over
 * a rolling 24 hours:
 *
 * - new members (account younger than 7 days): at most 3 conversations and 10 replies, and one
 *   post per 30 seconds;
 * - everyone: at most 20 conversations.
 *
 * A breach says when the person can post again: nothing is stored, the form keeps the words.
 * Services check after screening, because a post that shows someone may be at risk is never paced:
 * it is held and raises an alert whatever the limits. They check again inside the write
 * transaction, holding a lock on the author, so two posts sent at once cannot both slip past a
 * limit. Every function takes `now` so tests can move the clock.
 */
import { and, desc, eq, gt, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { forumPosts, users } from '../db/schema';
import { isStaff, NotAllowedError, type Actor } from '../policy';
import { formatDate } from '../../format';

export type PostKind = 'thread' | 'reply';

export const POSTING_LIMITS = {
	/** An account younger than this is a new member. */
	newMemberDays: 7,
	/** The rolling window the daily limits count over. */
	windowHours: 24,
	newMember: { threads: 3, replies: 10, spacingSeconds: 30 },
	everyone: { threads: 20 }
} as const;

const HOUR = 3_600_000;

/** Added to a refusal that lasts hours. */
export const HELP_NOW =
	'If you need to talk to someone now, “Get help now” at the top of every page lists people you can reach.';
const DAY = 24 * HOUR;

/** Refused by a posting limit: the message says when, and `retryAt` is that moment. */
export class RateLimitedError extends NotAllowedError {
	constructor(
		message: string,
		public readonly retryAt: Date
	) {
		super(message);
	}
}

const londonTime = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/London',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});
const londonDay = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/London',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/**
 * When, in words a young person reads at a glance: "in 20 seconds" within the minute, otherwise
 * the London time rounded up to the minute ("at 14:32", "tomorrow at 09:05", "on 3 Mar 2027 at
 * 09:05"), never earlier than the moment itself.
 */
export function whenAgain(at: Date, now: Date): string {
	const ms = at.getTime() - now.getTime();
	if (ms <= 60_000) {
		const seconds = Math.max(1, Math.ceil(ms / 1000));
		return `in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
	}
	const rounded = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
	const time = londonTime.format(rounded);
	const day = londonDay.format(rounded);
	if (day === londonDay.format(now)) return `at ${time}`;
	if (day === londonDay.format(new Date(now.getTime() + DAY))) return `tomorrow at ${time}`;
	return `on ${formatDate(rounded)} at ${time}`;
}

/** What a person wrote in the window, newest first. */
export interface RecentPosts {
	/** Opening posts of conversations they started (up to the largest limit). */
	threads: Date[];
	/** Replies (read for new members only). */
	replies: Date[];
}

interface Breach {
	retryAt: Date;
	message: (when: string) => string;
}

/**
 * The limit this post would break, or null. When several would, the one that lasts longest
 * speaks: that is when the person can really post again. Pure, for tests.
 */
export function postingLimitRefusal(
	kind: PostKind,
	recent: RecentPosts,
	{ newMember, now }: { newMember: boolean; now: Date }
): { message: string; retryAt: Date } | null {
	const breaches: Breach[] = [];
	const window = POSTING_LIMITS.windowHours * HOUR;
	const since = now.getTime() - window;
	const inWindow = (list: Date[]) => list.filter((at) => at.getTime() > since);
	/** With `limit` already in the window, the moment the oldest of them leaves it. */
	const full = (list: Date[], limit: number) => {
		const counted = inWindow(list);
		return counted.length >= limit ? new Date(counted[limit - 1].getTime() + window) : null;
	};

	if (newMember) {
		const { threads, replies, spacingSeconds } = POSTING_LIMITS.newMember;
		const last = [...recent.threads, ...recent.replies].reduce<Date | null>(
			(latest, at) => (!latest || at > latest ? at : latest),
			null
		);
		if (last && now.getTime() < last.getTime() + spacingSeconds * 1000)
			breaches.push({
				retryAt: new Date(last.getTime() + spacingSeconds * 1000),
				message: (when) => `You’re posting very quickly. You can post again ${when}.`
			});
		const list = kind === 'thread' ? recent.threads : recent.replies;
		const limit = kind === 'thread' ? threads : replies;
		const until = full(list, limit);
		if (until)
			breaches.push({
				retryAt: until,
				message: (when) =>
					kind === 'thread'
						? `New members can start ${limit} conversations a day. You can start another ${when}. Until then, you can still reply to conversations.`
						: `New members can post ${limit} replies a day. You can reply again ${when}.`
			});
	}
	if (kind === 'thread') {
		const limit = POSTING_LIMITS.everyone.threads;
		const until = full(recent.threads, limit);
		if (until)
			breaches.push({
				retryAt: until,
				message: (when) =>
					`You can start ${limit} conversations a day. You can start another ${when}.`
			});
	}
	if (breaches.length === 0) return null;
	const longest = breaches.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
	const message = longest.message(whenAgain(longest.retryAt, now));
	// A wait of hours must never read as "nobody will hear you": say where help is.
	const long = longest.retryAt.getTime() - now.getTime() > 60 * 60_000;
	return { retryAt: longest.retryAt, message: long ? `${message} ${HELP_NOW}` : message };
}

/** Whether this account is younger than a week at `now`. */
async function isNewMember(db: Database, authorId: number, now: Date): Promise<boolean> {
	const [row] = await db
		.select({ createdAt: users.createdAt })
		.from(users)
		.where(eq(users.id, authorId));
	if (!row) return false;
	return now.getTime() - row.createdAt.getTime() < POSTING_LIMITS.newMemberDays * DAY;
}

async function recentPosts(
	db: Database,
	authorId: number,
	now: Date,
	newMember: boolean
): Promise<RecentPosts> {
	const since = new Date(now.getTime() - POSTING_LIMITS.windowHours * HOUR);
	const mine = and(eq(forumPosts.authorId, authorId), gt(forumPosts.createdAt, since));
	const threads = await db
		.select({ at: forumPosts.createdAt })
		.from(forumPosts)
		.where(and(mine, isNotNull(forumPosts.threadTitle)))
		.orderBy(desc(forumPosts.createdAt))
		.limit(POSTING_LIMITS.everyone.threads);
	const replies = newMember
		? await db
				.select({ at: forumPosts.createdAt })
				.from(forumPosts)
				.where(and(mine, isNull(forumPosts.threadTitle)))
				.orderBy(desc(forumPosts.createdAt))
				.limit(POSTING_LIMITS.newMember.replies)
		: [];
	return { threads: threads.map((r) => r.at), replies: replies.map((r) => r.at) };
}

/**
 * Refuses (RateLimitedError) a post that would break a limit. Staff are exempt. Call it before
 * screening, and again with the transaction after `lockPostingFor`.
 */
export async function assertWithinPostingLimits(
	db: Database,
	author: Actor,
	kind: PostKind,
	now: Date
): Promise<void> {
	if (isStaff(author)) return;
	const newMember = await isNewMember(db, author.id, now);
	const recent = await recentPosts(db, author.id, now, newMember);
	const refusal = postingLimitRefusal(kind, recent, { newMember, now });
	if (refusal) throw new RateLimitedError(refusal.message, refusal.retryAt);
}

/** Arbitrary, fixed: the first key of the per-author posting lock ("FoRu"). */
const POSTING_LOCK = 0x466f5275;

/**
 * Inside a write transaction: wait for any other post by this person to commit, so the re-check
 * that follows sees it. Released when the transaction ends. Staff take no lock (no limits).
 */
export async function lockPostingFor(tx: Database, author: Actor): Promise<void> {
	if (isStaff(author)) return;
	await tx.execute(sql`select pg_advisory_xact_lock(${POSTING_LOCK}::int, ${author.id}::int)`);
}

/** When this person last wrote in this thread (any post, whatever became of it), or null. */
export async function lastPostInThread(
	db: Database,
	threadId: number,
	authorId: number
): Promise<Date | null> {
	const [row] = await db
		.select({ at: forumPosts.createdAt })
		.from(forumPosts)
		.where(and(eq(forumPosts.threadId, threadId), eq(forumPosts.authorId, authorId)))
		.orderBy(desc(forumPosts.createdAt))
		.limit(1);
	return row?.at ?? null;
}
