/**
 * Starting a conversation: validate → load the category → authorise → screen the title, body and
 * content warning → write the thread and its opening post (+ follow, audit, alert) in one
 * transaction → after commit, tell who should know and return the outcome to the author.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import { config } from '../config';
import { renderPostHtml } from '../content/render';
import { bodySchema, contentWarningSchema, titleSchema } from '../content/limits';
import type { Database } from '../db';
import { forumPosts, forumThreads } from '../db/schema';
import { heldWhileMuted } from '../safety/while-muted';
import { parseOrThrow } from '../errors';
import { assertMayPost, mutedRefusal } from '../policy';
import { assertCanStartThread } from './access';
import { announceForumWrite, categoryActivity } from './effects';
import { followThread } from './followers';
import { loadCategoryBySlug } from './load';
import { blockedOutcome, writtenOutcome, type PostOutcome } from './outcome';
import { raiseAlertForPost } from './post-safety';
import { assertWithinPostingLimits, lockPostingFor } from './rate-limits';
import { contentWarningPart, screenForumWrite } from './screening';

const createThreadSchema = z.object({
	categorySlug: z.string().max(100),
	title: titleSchema,
	body: bodySchema,
	contentWarning: contentWarningSchema
});

export type CreateThreadInput = z.input<typeof createThreadSchema>;

/** `now` is the clock (tests move it); it is also when the post is written. */
export interface WriteOptions {
	now?: Date;
}

export async function createThread(
	db: Database,
	author: CurrentUser,
	input: CreateThreadInput,
	{ now = new Date() }: WriteOptions = {}
): Promise<PostOutcome> {
	const data = parseOrThrow(createThreadSchema, input);
	const category = await loadCategoryBySlug(db, data.categorySlug);
	// A mute is looked at after screening: someone at risk always reaches a youth worker.
	assertMayPost(author, { screenFirst: true });
	assertCanStartThread(author, category);

	const screened = await screenForumWrite(
		db,
		author,
		[
			{ field: 'title', text: data.title, kind: 'thread_title' },
			{ field: 'body', text: data.body, kind: 'forum_post' },
			...contentWarningPart(data.contentWarning, 'forum_post')
		],
		{ premoderate: true }
	);
	// Muted: refused as before, unless the words show risk (then held, never published, alerted).
	const decision = heldWhileMuted(screened, mutedRefusal(author, now));
	if (decision.action === 'block') return blockedOutcome(db, decision);
	// Posting limits never stand between someone at risk and a youth worker: such a post is held
	// and raises an alert whatever the pace. Otherwise a refusal stores nothing and the form keeps
	// the words.
	const paced = !decision.alert;
	if (paced) await assertWithinPostingLimits(db, author, 'thread', now);

	const title = decision.texts.title ?? data.title;
	const body = decision.texts.body ?? data.body;
	const html = renderPostHtml(body, { siteOrigin: config().ORIGIN });
	const status = decision.action === 'publish' ? 'published' : 'held';

	const written = await db.transaction(async (tx) => {
		// Another post by the same person, sent at the same moment, must not slip past the limit.
		await lockPostingFor(tx, author);
		if (paced) await assertWithinPostingLimits(tx, author, 'thread', now);
		const [thread] = await tx
			.insert(forumThreads)
			.values({
				categoryId: category.id,
				title,
				authorId: author.id,
				status,
				createdAt: now,
				lastActivityAt: now
			})
			.returning();
		const [post] = await tx
			.insert(forumPosts)
			.values({
				threadId: thread.id,
				authorId: author.id,
				threadTitle: title,
				body,
				html,
				status,
				screeningReasons: decision.reasons,
				riskLevel: decision.risk.level,
				contentWarning: decision.texts.contentWarning ?? data.contentWarning,
				createdAt: now,
				publishedAt: status === 'published' ? now : null
			})
			.returning();
		await tx
			.update(forumThreads)
			.set({ openingPostId: post.id })
			.where(eq(forumThreads.id, thread.id));
		await followThread(tx, thread.id, author.id);
		await recordAudit(tx, {
			actorId: author.id,
			action: 'forum.thread.create',
			targetType: 'forum_thread',
			targetId: thread.id,
			details: { postId: post.id, categoryId: category.id, status, reasons: decision.reasons }
		});
		const alert = await raiseAlertForPost(tx, decision, {
			post,
			author,
			thread: { id: thread.id, title, categoryName: category.name }
		});
		return { post, alert };
	});

	// Nobody can be watching a thread that did not exist: staff and safeguarding hear now, and
	// the category's open lists if it is published.
	await announceForumWrite(db, {
		alert: written.alert,
		queueChanged: status === 'held',
		activity: categoryActivity(
			{ id: written.post.id, status },
			{
				id: written.post.threadId,
				categoryId: category.id,
				published: status === 'published',
				opening: true
			}
		)
	});
	return writtenOutcome(db, decision, { ...written.post, status });
}
