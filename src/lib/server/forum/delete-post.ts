/**
 * Deleting your own post: a soft delete. Others see "removed by its author" where they had seen
 * it; the words stay for staff (and any safeguarding evidence was snapshotted separately). A thread
 * whose opening post goes with nothing else published in it goes too. If a youth worker acted on
 * the post after it was read (hid, removed or approved it), nothing is written and the author is
 * told to reload.
 */
import { and, count, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumPosts, forumThreads } from '../db/schema';
import { ConflictError, NotFoundError, parseOrThrow } from '../errors';
import { NotAllowedError } from '../policy';
import { assertCanReadThread, POST_NOT_FOUND } from './access';
import { announceForumWrite } from './effects';
import { loadPostWithThread, POST_CHANGED_MEANWHILE, unchangedSince } from './load';

const deleteSchema = z.object({ postId: z.number().int().positive().max(2_147_483_647) });

export interface DeletedPost {
	threadId: number;
	/** The whole conversation went with it (it was the opening post, with no replies). */
	threadDeleted: boolean;
	categorySlug: string;
}

export async function deleteOwnPost(
	db: Database,
	author: CurrentUser,
	input: z.input<typeof deleteSchema>
): Promise<DeletedPost> {
	const { postId } = parseOrThrow(deleteSchema, input);
	const { post, thread } = await loadPostWithThread(db, postId);
	assertCanReadThread(author, thread);
	// Deleting is always allowed for your own words, even when you may not post (suspended people
	// cannot sign in at all).
	if (post.authorId !== author.id) throw new NotAllowedError('You can only delete your own posts.');
	if (post.status === 'deleted') throw new NotFoundError(POST_NOT_FOUND);
	if (post.status === 'hidden')
		throw new NotAllowedError('A youth worker has already removed this post.');

	const opening = post.threadTitle !== null;
	const now = new Date();
	const threadDeleted = await db.transaction(async (tx) => {
		const [deleted] = await tx
			.update(forumPosts)
			.set({ status: 'deleted', deletedAt: now })
			.where(unchangedSince(post))
			.returning({ id: forumPosts.id });
		if (!deleted) throw new ConflictError({ post: POST_CHANGED_MEANWHILE });
		const goesToo = opening && (await removeThreadIfNothingElsePublic(tx, thread, post.id));
		await recordAudit(tx, {
			actorId: author.id,
			action: 'forum.post.delete',
			targetType: 'forum_post',
			targetId: post.id,
			details: { threadId: thread.id, from: post.status, threadDeleted: goesToo }
		});
		return goesToo;
	});

	await announceForumWrite(db, {
		changed: {
			threadId: thread.id,
			postId: post.id,
			authorId: author.id,
			wasPublic: post.status === 'published' && thread.status === 'published'
		},
		queueChanged: post.status === 'held'
	});
	return { threadId: thread.id, threadDeleted, categorySlug: thread.categorySlug };
}

/**
 * When an opening post is removed, its conversation goes too unless another post in it is public
 * (then the thread stays, with "removed" where the opening post was). A thread nobody could see
 * anyway (a new one held, or hidden) goes with it; one held because its opening post was edited
 * into waiting, with public replies, stays and is public again. Inside the remover's transaction;
 * says whether the thread went.
 */
export async function removeThreadIfNothingElsePublic(
	tx: Database,
	thread: { id: number; status: string },
	postId: number
): Promise<boolean> {
	const [others] = await tx
		.select({ n: count() })
		.from(forumPosts)
		.where(
			and(
				eq(forumPosts.threadId, thread.id),
				ne(forumPosts.id, postId),
				eq(forumPosts.status, 'published')
			)
		);
	// Held with public replies: its opening post was edited into waiting. Without it, the replies
	// are public again, under "removed".
	const heldByItsEdit = thread.status === 'held' && others.n > 0;
	const goes = (thread.status !== 'published' && !heldByItsEdit) || others.n === 0;
	if (goes)
		await tx.update(forumThreads).set({ status: 'deleted' }).where(eq(forumThreads.id, thread.id));
	else if (heldByItsEdit)
		await tx
			.update(forumThreads)
			.set({ status: 'published' })
			.where(eq(forumThreads.id, thread.id));
	return goes;
}
