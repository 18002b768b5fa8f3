/**
 * Replying in a thread, optionally quoting one of its posts: validate → load the thread (and the
 * quoted post) → authorise (may post; the thread is open) → screen → write the reply (the thread
 * re-read and locked: still open?), follow the thread, notify followers if it is published, audit,
 * alert → after commit, publish it to the thread's room (if the thread was still public; if held,
 * to its author only) and return the outcome.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import { config } from '../config';
import { renderPostHtml } from '../content/render';
import { bodySchema, contentWarningSchema } from '../content/limits';
import type { Database } from '../db';
import { forumPosts, forumThreads, users } from '../db/schema';
import { heldWhileMuted } from '../safety/while-muted';
import { parseOrThrow, ValidationError } from '../errors';
import { NotAllowedError, assertMayPost, isStaff, mutedRefusal } from '../policy';
import { assertCanReadThread, replyRefusal } from './access';
import { announceForumWrite, categoryActivity } from './effects';
import { followThread, notifyFollowersOfReply } from './followers';
import { loadThread } from './load';
import { blockedOutcome, writtenOutcome, type PostOutcome } from './outcome';
import { raiseAlertForPost } from './post-safety';
import { assertWithinPostingLimits, lastPostInThread, lockPostingFor } from './rate-limits';
import type { WriteOptions } from './create-thread';
import { contentWarningPart, screenForumWrite } from './screening';
import { viewOfWrittenPost } from './views';

const id = z.number().int().positive().max(2_147_483_647);

const replySchema = z.object({
	threadId: id,
	body: bodySchema,
	contentWarning: contentWarningSchema,
	quotePostId: id.nullish()
});

export type ReplyInput = z.input<typeof replySchema>;

export async function replyToThread(
	db: Database,
	author: CurrentUser,
	input: ReplyInput,
	{ now = new Date() }: WriteOptions = {}
): Promise<PostOutcome> {
	const data = parseOrThrow(replySchema, input);
	const thread = await loadThread(db, data.threadId);
	assertCanReadThread(author, thread);
	const quote = data.quotePostId ? await loadQuote(db, thread.id, data.quotePostId) : null;
	// A mute is looked at after screening: someone at risk always reaches a youth worker.
	assertMayPost(author, { screenFirst: true });
	assertThreadTakesReplies(author, thread, now);

	const screened = await screenForumWrite(
		db,
		author,
		[
			{ field: 'body', text: data.body, kind: 'forum_reply' },
			...contentWarningPart(data.contentWarning, 'forum_reply')
		],
		{ premoderate: true }
	);
	// Muted: refused as before, unless the words show risk (then held, never published, alerted).
	const decision = heldWhileMuted(screened, mutedRefusal(author, now));
	if (decision.action === 'block') return blockedOutcome(db, decision);
	// Pacing (slow mode, posting limits) never stands between someone at risk and a youth worker:
	// such a post is held and raises an alert whatever the pace. Otherwise a refusal stores
	// nothing and the form keeps the words.
	const paced = !decision.alert;
	if (paced) await assertReplyPace(db, author, thread, now);

	const body = decision.texts.body ?? data.body;
	const html = renderPostHtml(body, { siteOrigin: config().ORIGIN });
	const status = decision.action === 'publish' ? 'published' : 'held';

	const written = await db.transaction(async (tx) => {
		// Another post by the same person, sent at the same moment, must not slip past a limit.
		await lockPostingFor(tx, author);
		// The thread as it is now, and kept so until this reply commits: a lock, a close or a hide
		// that a youth worker committed since it was first read refuses the reply here.
		const current = await lockThreadForReply(tx, thread);
		assertThreadTakesReplies(author, current, now);
		if (paced) await assertReplyPace(tx, author, current, now);
		const [post] = await tx
			.insert(forumPosts)
			.values({
				threadId: thread.id,
				authorId: author.id,
				body,
				html,
				status,
				screeningReasons: decision.reasons,
				riskLevel: decision.risk.level,
				contentWarning: decision.texts.contentWarning ?? data.contentWarning,
				quotedPostId: quote?.id ?? null,
				createdAt: now,
				publishedAt: status === 'published' ? now : null
			})
			.returning();
		let notified: Awaited<ReturnType<typeof notifyFollowersOfReply>> = [];
		if (status === 'published') {
			await tx
				.update(forumThreads)
				.set({ lastActivityAt: now })
				.where(eq(forumThreads.id, thread.id));
			notified = await notifyFollowersOfReply(tx, {
				threadId: thread.id,
				threadTitle: thread.title,
				postId: post.id,
				authorId: author.id,
				authorName: author.username
			});
		}
		await followThread(tx, thread.id, author.id);
		await recordAudit(tx, {
			actorId: author.id,
			action: 'forum.post.create',
			targetType: 'forum_post',
			targetId: post.id,
			details: { threadId: thread.id, status, reasons: decision.reasons }
		});
		const alert = await raiseAlertForPost(tx, decision, { post, author, thread });
		return { post, alert, notified, threadPublished: current.status === 'published' };
	});

	await announceForumWrite(db, {
		alert: written.alert,
		post: {
			view: viewOfWrittenPost(written.post, author, quote),
			threadPublished: written.threadPublished
		},
		notifications: written.notified,
		queueChanged: status === 'held',
		activity: categoryActivity(
			{ id: written.post.id, status },
			{
				id: thread.id,
				categoryId: thread.categoryId,
				published: thread.status === 'published',
				opening: false
			}
		)
	});
	return writtenOutcome(db, decision, { ...written.post, status });
}

type ReplyThread = Parameters<typeof replyRefusal>[1] & { id: number };

/**
 * The thread's reply rules as committed now, with its row locked (as for an update) until the
 * reply commits, so a youth worker's hide or lock waits for the reply or comes before it.
 */
async function lockThreadForReply<T extends ReplyThread>(tx: Database, thread: T): Promise<T> {
	const [row] = await tx
		.select({
			status: forumThreads.status,
			locked: forumThreads.locked,
			closesAt: forumThreads.closesAt,
			slowModeMinutes: forumThreads.slowModeMinutes
		})
		.from(forumThreads)
		.where(eq(forumThreads.id, thread.id))
		.for('no key update');
	return { ...thread, ...row };
}

/** Open: published, and not locked or closed (for members). */
function assertThreadTakesReplies(author: CurrentUser, thread: ReplyThread, now: Date) {
	const refusal = replyRefusal(author, thread, { now });
	if (refusal) throw new NotAllowedError(refusal);
}

/** Not too soon after this person's last post here (slow mode), nor past their posting limits. */
async function assertReplyPace(db: Database, author: CurrentUser, thread: ReplyThread, now: Date) {
	const lastOwnPostAt =
		thread.slowModeMinutes && !isStaff(author)
			? await lastPostInThread(db, thread.id, author.id)
			: null;
	const refusal = replyRefusal(author, thread, { now, lastOwnPostAt });
	if (refusal) throw new NotAllowedError(refusal);
	await assertWithinPostingLimits(db, author, 'reply', now);
}

/** Only a published post in the same thread can be quoted. */
async function loadQuote(db: Database, threadId: number, postId: number) {
	const [quote] = await db
		.select({
			id: forumPosts.id,
			html: forumPosts.html,
			username: users.username,
			contentWarning: forumPosts.contentWarning
		})
		.from(forumPosts)
		.leftJoin(users, eq(users.id, forumPosts.authorId))
		.where(
			and(
				eq(forumPosts.id, postId),
				eq(forumPosts.threadId, threadId),
				eq(forumPosts.status, 'published')
			)
		);
	if (!quote)
		throw new ValidationError({
			quotePostId:
				'The post you were quoting is no longer there. Your reply is kept: post it without the quote.'
		});
	return quote;
}
