/**
 * Following a thread: its author and everyone who replies follow it automatically, and hear about
 * new published replies as in-app notifications (stored in the writer's transaction, pushed live
 * after it commits).
 */
import { and, eq, ne } from 'drizzle-orm';
import type { Database } from '../db';
import { forumFollows } from '../db/schema';
import { storeNotifications } from '../notifications/notify';

export async function followThread(tx: Database, threadId: number, userId: number) {
	await tx.insert(forumFollows).values({ threadId, userId }).onConflictDoNothing();
}

export function postLink(threadId: number, postId: number): string {
	return `/forum/t/${threadId}?post=${postId}#post-${postId}`;
}

/** Everyone following the thread except whoever wrote the reply. */
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
		.where(
			and(
				eq(forumFollows.threadId, reply.threadId),
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
