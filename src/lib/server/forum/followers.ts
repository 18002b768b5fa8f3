/**
 * Following a thread: its author and everyone who replies follow it automatically (unless they
 * turned that off in their preferences, or chose to stop following this thread: that choice is
 * kept as a row with `following` false, so replying again does not re-follow). Followers whose
 * preferences allow it hear about new published replies as in-app notifications (stored in the
 * writer's transaction, pushed live after it commits). Anyone who may read a thread can follow it
 * or stop following it by hand.
 */
import { and, desc, eq, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumCategories, forumFollows, forumThreads, memberPreferences } from '../db/schema';
import { parseOrThrow } from '../errors';
import { storeNotifications } from '../notifications/notify';
import { authorise } from '../policy';
import { assertCanReadThread } from './access';
import { loadThread } from './load';

/**
 * The automatic follow when someone starts or replies to a thread: nothing if they already have a
 * choice recorded for it (following or stopped), nothing if their preferences say not to.
 */
export async function followThread(tx: Database, threadId: number, userId: number) {
	await tx.execute(sql`
		insert into ${forumFollows} (thread_id, user_id)
		select ${threadId}, ${userId}
		where not exists (
			select 1 from ${memberPreferences} p where p.user_id = ${userId} and not p.auto_follow
		)
		on conflict do nothing
	`);
}

/** Whether this person follows the thread: SQL for the thread page's one thread query. */
export function followingColumn(
	threadId: AnyPgColumn | SQL,
	userId: number | Placeholder
): SQL<boolean> {
	return sql<boolean>`exists (select 1 from ${forumFollows} f where f.thread_id = ${threadId} and f.user_id = ${userId} and f.following)`;
}

export function postLink(threadId: number, postId: number): string {
	return `/forum/t/${threadId}?post=${postId}#post-${postId}`;
}

/**
 * Everyone following the thread except whoever wrote the reply, who has not turned reply
 * notifications off (no preferences row: the defaults, which are on).
 */
export async function notifyFollowersOfReply(
	tx: Database,
	reply: {
		threadId: number;
		threadTitle: string;
		postId: number;
		authorId: number | null;
		authorName: string;
	}
) {
	const followers = await tx
		.select({ userId: forumFollows.userId })
		.from(forumFollows)
		.leftJoin(memberPreferences, eq(memberPreferences.userId, forumFollows.userId))
		.where(
			and(
				eq(forumFollows.threadId, reply.threadId),
				eq(forumFollows.following, true),
				or(
					sql`${memberPreferences.notifyReplies} is null`,
					eq(memberPreferences.notifyReplies, true)
				),
				reply.authorId === null ? undefined : ne(forumFollows.userId, reply.authorId)
			)
		);
	return storeNotifications(
		tx,
		followers.map((f) => f.userId),
		{
			kind: 'forum_reply',
			title: `${reply.authorName} replied in “${reply.threadTitle}”`,
			link: postLink(reply.threadId, reply.postId)
		}
	);
}

const followSchema = z.object({
	threadId: z.number().int().positive().max(2_147_483_647),
	following: z.boolean()
});

export type FollowInput = z.input<typeof followSchema>;

/**
 * Follow a thread, or stop following it, by choice. Stopping is remembered, so replying there
 * later does not start again; following again by hand does. Audited like other own-account changes.
 */
export async function setFollowing(
	db: Database,
	actor: CurrentUser,
	input: FollowInput
): Promise<{ threadId: number; following: boolean }> {
	const { threadId, following } = parseOrThrow(followSchema, input);
	const thread = await loadThread(db, threadId);
	assertCanReadThread(actor, thread);
	authorise(actor, 'account.manage_own', 'Please sign in to follow conversations.');

	await db.transaction(async (tx) => {
		const [changed] = await tx
			.insert(forumFollows)
			.values({ threadId: thread.id, userId: actor.id, following })
			.onConflictDoUpdate({
				target: [forumFollows.threadId, forumFollows.userId],
				set: { following },
				setWhere: sql`${forumFollows.following} is distinct from ${following}`
			})
			.returning({ following: forumFollows.following });
		if (!changed) return; // already so: nothing to record
		await recordAudit(tx, {
			actorId: actor.id,
			action: following ? 'forum.thread.follow' : 'forum.thread.unfollow',
			targetType: 'forum_thread',
			targetId: thread.id
		});
	});
	return { threadId: thread.id, following };
}

export interface FollowedThread {
	threadId: number;
	title: string;
	category: { slug: string; name: string };
	lastActivityAt: Date;
}

export const FOLLOWED_LIST_MAX = 200;

/** The conversations this person follows and can still read, most recently active first. */
export async function listFollowedThreads(
	db: Database,
	viewer: CurrentUser
): Promise<FollowedThread[]> {
	const rows = await db
		.select({
			threadId: forumThreads.id,
			title: forumThreads.title,
			slug: forumCategories.slug,
			name: forumCategories.name,
			lastActivityAt: forumThreads.lastActivityAt
		})
		.from(forumFollows)
		.innerJoin(forumThreads, eq(forumThreads.id, forumFollows.threadId))
		.innerJoin(forumCategories, eq(forumCategories.id, forumThreads.categoryId))
		.where(
			and(
				eq(forumFollows.userId, viewer.id),
				eq(forumFollows.following, true),
				or(
					eq(forumThreads.status, 'published'),
					and(eq(forumThreads.status, 'held'), eq(forumThreads.authorId, viewer.id))
				)
			)
		)
		.orderBy(desc(forumThreads.lastActivityAt), desc(forumThreads.id))
		.limit(FOLLOWED_LIST_MAX);
	return rows.map((r) => ({
		threadId: r.threadId,
		title: r.title,
		category: { slug: r.slug, name: r.name },
		lastActivityAt: r.lastActivityAt
	}));
}
