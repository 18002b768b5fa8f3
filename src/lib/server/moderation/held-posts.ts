/**
 * The review queue for held forum posts (new members' first posts, risk, personal information,
 * watched words): oldest first, each with why it was held and who wrote it. A youth worker approves
 * one (it goes live, its author hears) or hides it with a reason the author is told. Each action is
 * audited, and only one worker's action on a post takes effect.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumCategories, forumPostRevisions, forumPosts, forumThreads, users } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { storeNotifications } from '../notifications/notify';
import { announceForumWrite, categoryActivity } from '../forum/effects';
import { notifyFollowersOfReply, postLink } from '../forum/followers';
import { loadPostWithThread } from '../forum/load';
import { hideSchema, hideWithReason, postIdSchema } from './hide-post';
import { selectPostViews, toPostView } from '../forum/views';
import { bodySchema } from '../content/limits';
import { renderPostHtml } from '../content/render';
import { config } from '../config';
import { settleClaim } from './claims';
import { ALREADY_DEALT_WITH } from '../../moderation';

export interface HeldPost {
	postId: number;
	threadId: number;
	threadTitle: string;
	categoryName: string;
	opening: boolean;
	author: { id: number | null; username: string; joinedAt: Date | null; publishedPosts: number };
	html: string;
	contentWarning: string | null;
	reasons: string[];
	riskLevel: 'none' | 'concern' | 'high' | 'imminent';
	createdAt: Date;
	editedAt: Date | null;
}

export async function listHeldPosts(
	db: Database,
	actor: CurrentUser,
	limit = 100
): Promise<HeldPost[]> {
	authorise(actor, 'moderation.review', 'Only youth workers can see the review queue.');
	const rows = await db
		.select({
			postId: forumPosts.id,
			threadId: forumThreads.id,
			threadTitle: forumThreads.title,
			categoryName: forumCategories.name,
			opening: sql<boolean>`${forumPosts.threadTitle} is not null`,
			authorId: forumPosts.authorId,
			username: users.username,
			joinedAt: users.createdAt,
			html: forumPosts.html,
			contentWarning: forumPosts.contentWarning,
			reasons: forumPosts.screeningReasons,
			riskLevel: forumPosts.riskLevel,
			createdAt: forumPosts.createdAt,
			editedAt: forumPosts.editedAt,
			publishedPosts: sql<number>`(
				select count(*)::int from ${forumPosts} mine
				where mine.author_id = ${forumPosts.authorId} and mine.published_at is not null
			)`
		})
		.from(forumPosts)
		.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
		.innerJoin(forumCategories, eq(forumCategories.id, forumThreads.categoryId))
		.leftJoin(users, eq(users.id, forumPosts.authorId))
		.where(eq(forumPosts.status, 'held'))
		.orderBy(asc(forumPosts.createdAt), asc(forumPosts.id))
		.limit(limit);
	return rows.map((r) => ({
		postId: r.postId,
		threadId: r.threadId,
		threadTitle: r.threadTitle,
		categoryName: r.categoryName,
		opening: Boolean(r.opening),
		author: {
			id: r.authorId,
			username: r.username ?? 'Former member',
			joinedAt: r.joinedAt,
			publishedPosts: Number(r.publishedPosts)
		},
		html: r.html,
		contentWarning: r.contentWarning,
		reasons: r.reasons,
		riskLevel: r.riskLevel,
		createdAt: r.createdAt,
		editedAt: r.editedAt
	}));
}

export async function heldPostCount(db: Database): Promise<number> {
	return db.$count(forumPosts, eq(forumPosts.status, 'held'));
}

const approveEditSchema = postIdSchema.extend({ body: bodySchema });

/** Told to the author of a reply approved in a conversation a youth worker had removed. */
export const REMOVED_CONVERSATION =
	'The conversation it is in has been removed, so nobody else can see it.';

/**
 * Approve a held post: it goes live where it was written (as the newest activity), its author is
 * told, and followers hear about it as a new reply. In a conversation that has been removed
 * (hidden or deleted) since, it is approved but nobody else sees it, and its author is told so.
 */
export async function approvePost(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof postIdSchema>
): Promise<void> {
	const { postId } = parseOrThrow(postIdSchema, input);
	await approve(db, actor, postId, null);
}

/**
 * Approve a held post with a youth worker's edit: the words as written are kept as a revision
 * (edited by the worker), the new Markdown is rendered and goes live, both versions are audited,
 * and the author is told a youth worker edited it before approving. Staff words are not held, so
 * the edit is not screened again: the worker is the one reviewing it.
 */
export async function approvePostWithEdit(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof approveEditSchema>
): Promise<void> {
	const { postId, body } = parseOrThrow(approveEditSchema, input);
	await approve(db, actor, postId, body);
}

async function approve(
	db: Database,
	actor: CurrentUser,
	postId: number,
	editedBody: string | null
): Promise<void> {
	const { post, thread, authorUsername } = await loadPostWithThread(db, postId);
	authorise(actor, 'moderation.act', 'Only youth workers can approve posts.');
	const opening = post.threadTitle !== null;
	const now = new Date();
	const edit =
		editedBody !== null && editedBody !== post.body
			? { body: editedBody, html: renderPostHtml(editedBody, { siteOrigin: config().ORIGIN }) }
			: null;

	const written = await db.transaction(async (tx) => {
		await settleClaim(tx as unknown as Database, actor, { kind: 'post', itemId: post.id }, { now });
		const [approved] = await tx
			.update(forumPosts)
			.set({
				status: 'published',
				publishedAt: sql`coalesce(${forumPosts.publishedAt}, ${now.toISOString()}::timestamptz)`,
				moderatedById: actor.id,
				moderatedAt: now,
				...(edit ? { body: edit.body, html: edit.html, editedAt: now } : {})
			})
			.where(and(eq(forumPosts.id, post.id), eq(forumPosts.status, 'held')))
			.returning({ id: forumPosts.id });
		if (!approved) throw new ValidationError({ post: ALREADY_DEALT_WITH });
		if (edit)
			await tx.insert(forumPostRevisions).values({
				postId: post.id,
				body: post.body,
				contentWarning: post.contentWarning,
				status: post.status,
				editedById: actor.id,
				replacedAt: now
			});
		const [updatedThread] = await tx
			.update(forumThreads)
			.set({
				lastActivityAt: sql`greatest(${forumThreads.lastActivityAt}, ${now.toISOString()}::timestamptz)`,
				...(opening && thread.status === 'held' ? { status: 'published' as const } : {})
			})
			.where(eq(forumThreads.id, thread.id))
			.returning({ status: forumThreads.status });
		const seen = updatedThread.status === 'published';
		const told =
			post.authorId === null
				? []
				: await storeNotifications(tx, [post.authorId], {
						kind: 'forum_approved',
						title: `${
							edit
								? `A youth worker edited your post in “${thread.title}” before approving it.`
								: `A youth worker approved your post in “${thread.title}”.`
						} ${seen ? 'Everyone can see it now.' : REMOVED_CONVERSATION}`,
						body: edit
							? `They changed some of the words so it fits our guidelines.${seen ? ' Have a look at how it reads now.' : ''}`
							: undefined,
						// A link to a conversation they cannot open would only say "not found".
						link: seen ? postLink(thread.id, post.id) : undefined
					});
		const followers =
			!opening && updatedThread.status === 'published'
				? await notifyFollowersOfReply(tx, {
						threadId: thread.id,
						threadTitle: thread.title,
						postId: post.id,
						authorId: post.authorId,
						authorName: authorUsername ?? 'Someone'
					})
				: [];
		await recordAudit(tx, {
			actorId: actor.id,
			action: edit ? 'forum.post.approve_edit' : 'forum.post.approve',
			targetType: 'forum_post',
			targetId: post.id,
			details: {
				threadId: thread.id,
				authorId: post.authorId,
				reasons: post.screeningReasons,
				...(edit ? { before: post.body, after: edit.body } : {})
			}
		});
		return {
			notifications: [...told, ...followers],
			threadPublished: updatedThread.status === 'published'
		};
	});

	const [row] = await selectPostViews(db).where(eq(forumPosts.id, post.id));
	await announceForumWrite(db, {
		post: row ? { view: toPostView(row), threadPublished: written.threadPublished } : undefined,
		notifications: written.notifications,
		queueChanged: true,
		activity: row
			? categoryActivity(row, {
					id: thread.id,
					categoryId: thread.categoryId,
					published: written.threadPublished,
					opening: post.id === thread.openingPostId
				})
			: undefined
	});
}

/** Hide a post from everyone but staff, telling its author why. */
export function hidePost(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof hideSchema>
): Promise<void> {
	return hideWithReason(db, actor, input, {
		from: ['held', 'published'],
		alreadyDealtWith: ALREADY_DEALT_WITH
	});
}

/**
 * Hide a post from the held queue: only while it is still held, so a worker who approved it a
 * moment earlier is not overruled.
 */
export function hideHeldPost(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof hideSchema>
): Promise<void> {
	return hideWithReason(db, actor, input, {
		from: ['held'],
		alreadyDealtWith: ALREADY_DEALT_WITH
	});
}
