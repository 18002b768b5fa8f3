/**
 * Hiding a forum post with a reason its author is told: the one way staff hide, from the held
 * queue or from reports. Hiding an opening post hides its thread; only one worker's action on a
 * post takes effect; the action is audited and announced after commit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumPosts, forumThreads, type ForumPost } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { storeNotifications } from '../notifications/notify';
import { announceForumWrite } from '../forum/effects';
import { loadPostWithThread } from '../forum/load';
import { settleClaim } from './claims';
import { tidyText } from '../content/limits';

export const postIdSchema = z.object({ postId: z.number().int().positive().max(2_147_483_647) });

export const hideSchema = postIdSchema.extend({
	reason: z
		.string()
		.transform((r) => tidyText(r).replace(/\s+/g, ' ').trim())
		.pipe(
			z
				.string()
				.min(3, 'Say why it is hidden: the author is told.')
				.max(500, 'Keep the reason to 500 characters or fewer.')
		)
});

export interface HideOptions {
	/** The statuses the post may be in for this hide to apply. */
	from: ForumPost['status'][];
	/** Told to the worker whose action came second. */
	alreadyDealtWith: string;
	/** Work in the same transaction before hiding (e.g. closing reports); returns audit details. */
	before?: (tx: Database, postId: number, now: Date) => Promise<Record<string, unknown>>;
}

export async function hideWithReason(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof hideSchema>,
	options: HideOptions
): Promise<void> {
	const { postId, reason } = parseOrThrow(hideSchema, input);
	const { post, thread } = await loadPostWithThread(db, postId);
	authorise(actor, 'moderation.act', 'Only youth workers can hide posts.');
	const opening = post.threadTitle !== null;
	const now = new Date();

	const told = await db.transaction(async (tx) => {
		await settleClaim(tx as unknown as Database, actor, { kind: 'post', itemId: post.id }, { now });
		const extra = (await options.before?.(tx as unknown as Database, post.id, now)) ?? {};
		const [hidden] = await tx
			.update(forumPosts)
			.set({ status: 'hidden', hiddenReason: reason, moderatedById: actor.id, moderatedAt: now })
			.where(and(eq(forumPosts.id, post.id), inArray(forumPosts.status, options.from)))
			.returning({ id: forumPosts.id });
		if (!hidden) throw new ValidationError({ post: options.alreadyDealtWith });
		if (opening)
			await tx.update(forumThreads).set({ status: 'hidden' }).where(eq(forumThreads.id, thread.id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.post.hide',
			targetType: 'forum_post',
			targetId: post.id,
			details: {
				threadId: thread.id,
				authorId: post.authorId,
				from: post.status,
				reason,
				...extra
			}
		});
		return post.authorId === null
			? []
			: storeNotifications(tx, [post.authorId], {
					kind: 'forum_hidden',
					title: `A youth worker hid your post in “${thread.title}”.`,
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
