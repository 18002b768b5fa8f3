/**
 * A youth worker deletes a post (from the held queue or from reports): a soft delete with the
 * worker's id, so readers see "Removed by a youth worker" where they had seen it and the words
 * stay for staff. The author is told why (never who). Only one worker's action takes effect: a
 * held post must still be held; a reported one must still have open reports (which this closes).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumPosts } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { storeNotifications } from '../notifications/notify';
import { announceForumWrite } from '../forum/effects';
import { loadPostWithThread } from '../forum/load';
import { removeThreadIfNothingElsePublic } from '../forum/delete-post';
import { settleClaim } from './claims';
import { hideSchema } from './hide-post';
import { closeReports } from './reported-posts';
import { ALREADY_DEALT_WITH } from '../../moderation';

export const staffDeleteSchema = hideSchema.extend({
	/** Which queue it is in: decides what "still needs dealing with" means. */
	from: z.enum(['held', 'reported'])
});

export async function deletePostAsStaff(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof staffDeleteSchema>
): Promise<void> {
	const { postId, reason, from } = parseOrThrow(staffDeleteSchema, input);
	const { post, thread } = await loadPostWithThread(db, postId);
	authorise(actor, 'moderation.act', 'Only youth workers can delete posts.');
	const opening = post.threadTitle !== null;
	const now = new Date();

	const told = await db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		await settleClaim(t, actor, { kind: 'post', itemId: post.id }, { now });
		const reports = from === 'reported' ? await closeReports(t, post.id, actor, now) : [];
		const [deleted] = await tx
			.update(forumPosts)
			.set({
				status: 'deleted',
				deletedAt: now,
				deletedById: actor.id,
				hiddenReason: reason,
				moderatedById: actor.id,
				moderatedAt: now
			})
			.where(
				and(
					eq(forumPosts.id, post.id),
					inArray(forumPosts.status, from === 'held' ? ['held'] : ['published', 'hidden'])
				)
			)
			.returning({ id: forumPosts.id });
		if (!deleted) throw new ValidationError({ post: ALREADY_DEALT_WITH });
		const threadDeleted = opening && (await removeThreadIfNothingElsePublic(t, thread, post.id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.post.staff_delete',
			targetType: 'forum_post',
			targetId: post.id,
			details: {
				threadId: thread.id,
				authorId: post.authorId,
				from: post.status,
				reason,
				threadDeleted,
				...(reports.length ? { reports } : {})
			}
		});
		return post.authorId === null
			? []
			: storeNotifications(tx, [post.authorId], {
					kind: 'forum_removed',
					title: `A youth worker removed your post in “${thread.title}”.`,
					body: `Why: ${reason}`
				});
	});

	await announceForumWrite(db, {
		changed: {
			threadId: thread.id,
			postId: post.id,
			authorId: post.authorId,
			wasPublic: post.status === 'published' && thread.status === 'published'
		},
		notifications: told,
		queueChanged: true
	});
}
