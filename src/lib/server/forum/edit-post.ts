/**
 * Editing your own post: validate → load the post and its thread → authorise (yours, not removed,
 * thread open) → screen the new words → not muted (unless the words show risk: then held, see
 * safety/while-muted.ts) → keep the old version as a revision and save the new one
 * (audit, alert) → after commit, tell the thread it changed.
 *
 * An edit is screened like a new post, pre-moderation included: words that would be held now are
 * held (and leave peers' view until a youth worker approves them), and so is a new member's edit.
 * So is any edit of a post a youth worker edited (approve with edit), so that its author cannot put
 * back at once what the worker took out. A post waiting for a youth worker keeps waiting, with its
 * highest risk remembered. A held opening post holds its conversation, as a new one is held.
 *
 * The edit is decided on the post as it was read. If a youth worker (or members' reports) changed
 * it meanwhile (hid, removed or approved it), the edit writes nothing and the author is told to
 * reload: an edit never undoes a youth worker's decision.
 */
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import { config } from '../config';
import { renderPostHtml } from '../content/render';
import { bodySchema, contentWarningSchema } from '../content/limits';
import type { Database } from '../db';
import { forumPostRevisions, forumPosts, forumThreads, type ForumPost } from '../db/schema';
import { ConflictError, parseOrThrow } from '../errors';
import { NotAllowedError, assertMayPost, can, mutedRefusal } from '../policy';
import { maxLevel } from '../safety/risk';
import { heldWhileMuted } from '../safety/while-muted';
import { assertCanReadThread, isClosed } from './access';
import { announceForumWrite } from './effects';
import { loadPostWithThread, POST_CHANGED_MEANWHILE, unchangedSince } from './load';
import { blockedOutcome, writtenOutcome, type PostOutcome } from './outcome';
import { raiseAlertForPost } from './post-safety';
import {
	AFTER_STAFF_EDIT_MESSAGE,
	AFTER_STAFF_EDIT_REASON,
	contentWarningPart,
	heldForReview,
	screenForumWrite
} from './screening';
import { viewOfWrittenPost } from './views';

const editSchema = z.object({
	postId: z.number().int().positive().max(2_147_483_647),
	body: bodySchema,
	contentWarning: contentWarningSchema
});

export type EditPostInput = z.input<typeof editSchema>;

export async function editOwnPost(
	db: Database,
	author: CurrentUser,
	input: EditPostInput
): Promise<PostOutcome> {
	const data = parseOrThrow(editSchema, input);
	const { post, thread } = await loadPostWithThread(db, data.postId);
	const now = new Date();
	assertCanReadThread(author, thread);
	// A mute is looked at after screening: someone at risk always reaches a youth worker.
	assertMayPost(author, { screenFirst: true });
	if (post.authorId !== author.id) throw new NotAllowedError('You can only edit your own posts.');
	if (post.status === 'deleted' || post.status === 'hidden')
		throw new NotAllowedError('This post has been removed, so it can no longer be edited.');
	if (thread.locked && !can(author, 'moderation.act'))
		throw new NotAllowedError('This conversation is locked, so its posts can no longer be edited.');
	if (isClosed(thread, now) && !can(author, 'moderation.act'))
		throw new NotAllowedError(
			'This conversation has closed, so its posts can no longer be edited.'
		);

	const words = await screenForumWrite(
		db,
		author,
		[
			{
				field: 'body',
				text: data.body,
				kind: post.threadTitle !== null ? 'forum_post' : 'forum_reply'
			},
			...contentWarningPart(data.contentWarning, 'forum_reply')
		],
		{ premoderate: true }
	);
	// Muted: refused as before, unless the words show risk (then held, never published, alerted).
	const screened = heldWhileMuted(words, mutedRefusal(author, now));
	if (screened.action === 'block') return blockedOutcome(db, screened);
	// What a youth worker changed before approving stays changed until a youth worker has read
	// the author's new words.
	const decision = (await editedByYouthWorker(db, post))
		? heldForReview(screened, AFTER_STAFF_EDIT_REASON, AFTER_STAFF_EDIT_MESSAGE)
		: screened;

	const wasHeld = post.status === 'held';
	const opening = post.threadTitle !== null;
	const status = wasHeld || decision.action === 'hold' ? 'held' : 'published';
	const body = decision.texts.body ?? data.body;
	const html = renderPostHtml(body, { siteOrigin: config().ORIGIN });

	const written = await db.transaction(async (tx) => {
		const [updated] = await tx
			.update(forumPosts)
			.set({
				body,
				html,
				contentWarning: decision.texts.contentWarning ?? data.contentWarning,
				status,
				editedAt: now,
				screeningReasons: wasHeld
					? [...new Set([...post.screeningReasons, ...decision.reasons])]
					: decision.reasons,
				riskLevel: wasHeld ? maxLevel(post.riskLevel, decision.risk.level) : decision.risk.level
			})
			.where(unchangedSince(post))
			.returning();
		if (!updated) throw new ConflictError({ post: POST_CHANGED_MEANWHILE });
		// An opening post waiting for a youth worker takes its conversation with it, as a new
		// conversation waits: out of peers' lists, and no replies until it is approved.
		if (opening && status === 'held')
			await tx
				.update(forumThreads)
				.set({ status: 'held' })
				.where(and(eq(forumThreads.id, thread.id), eq(forumThreads.status, 'published')));
		await tx.insert(forumPostRevisions).values({
			postId: post.id,
			body: post.body,
			contentWarning: post.contentWarning,
			status: post.status,
			editedById: author.id,
			replacedAt: now
		});
		await recordAudit(tx, {
			actorId: author.id,
			action: 'forum.post.edit',
			targetType: 'forum_post',
			targetId: post.id,
			details: { threadId: thread.id, from: post.status, to: status, reasons: decision.reasons }
		});
		const alert = await raiseAlertForPost(tx, decision, { post: updated, author, thread });
		return { post: updated, alert };
	});

	const wasPublic = post.status === 'published' && thread.status === 'published';
	await announceForumWrite(db, {
		alert: written.alert,
		changed: { threadId: thread.id, postId: post.id, authorId: author.id, wasPublic },
		// Newly held: the author still sees it, marked as waiting.
		post:
			status === 'held'
				? { view: viewOfWrittenPost(written.post, author, null), threadPublished: false }
				: undefined,
		queueChanged: status === 'held'
	});
	return writtenOutcome(db, decision, { ...written.post, status });
}

/** Whether anyone but its author ever replaced this post's words (a youth worker's approve with edit). */
async function editedByYouthWorker(db: Database, post: ForumPost): Promise<boolean> {
	const [row] = await db
		.select({ id: forumPostRevisions.id })
		.from(forumPostRevisions)
		.where(
			and(
				eq(forumPostRevisions.postId, post.id),
				sql`${forumPostRevisions.editedById} is distinct from ${post.authorId}`
			)
		)
		.limit(1);
	return row !== undefined;
}
