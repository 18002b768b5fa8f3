/**
 * The review queue for held forum posts (new members' first posts, risk, personal information,
 * watched words): oldest first, each with why it was held and who wrote it. A youth worker approves
 * one (it goes live, its author hears) or hides it with a reason the author is told. Each action is
 * audited, and only one worker's action on a post takes effect.
 */
import { asc, eq, sql } from 'drizzle-orm';
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
import { loadPostWithThread, unchangedSince } from '../forum/load';
import { hideSchema, hideWithReason, postIdSchema } from './hide-post';
import { selectPostViews, toPostView } from '../forum/views';
import { bodySchema, titleSchema } from '../content/limits';
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

/**
 * When the post had last been edited as the youth worker read it (`''`: never): an author may edit
 * a held post, and a worker approves only the words they read.
 */
const seenSchema = z
	.string()
	.max(40)
	.refine((v) => v === '' || !Number.isNaN(Date.parse(v)), 'That is not a time.')
	.transform((v) => (v === '' ? null : new Date(v)))
	.optional();
const approveSchema = postIdSchema.extend({ seen: seenSchema });
const approveEditSchema = approveSchema.extend({ body: bodySchema, title: titleSchema.optional() });

/** Told to a youth worker whose page showed words the author has changed since. */
export const CHANGED_SINCE_READ =
	'Its author changed this post after you opened it. Reload to read it again before you approve it.';

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
	input: z.input<typeof approveSchema>
): Promise<void> {
	const { postId, seen } = parseOrThrow(approveSchema, input);
	await approve(db, actor, postId, seen, null);
}

/**
 * Approve a held post with a youth worker's edit: the words as written are kept as a revision
 * (edited by the worker), the new Markdown is rendered and goes live, both versions are audited,
 * and the author is told a youth worker edited it before approving. A conversation's opening post
 * can have its title edited too (a title held for naming someone need not be approved as it is or
 * hidden); the old title is in the audit entry. Staff words are not held, so the edit is not
 * screened again: the worker is the one reviewing it.
 */
export async function approvePostWithEdit(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof approveEditSchema>
): Promise<void> {
	const { postId, seen, body, title } = parseOrThrow(approveEditSchema, input);
	await approve(db, actor, postId, seen, { body, title });
}

async function approve(
	db: Database,
	actor: CurrentUser,
	postId: number,
	seen: Date | null | undefined,
	edited: { body: string; title?: string } | null
): Promise<void> {
	const { post, thread, authorUsername } = await loadPostWithThread(db, postId);
	authorise(actor, 'moderation.act', 'Only youth workers can approve posts.');
	if (seen !== undefined && post.status === 'held' && seen?.getTime() !== post.editedAt?.getTime())
		throw new ValidationError({ post: CHANGED_SINCE_READ });
	const opening = post.threadTitle !== null;
	const now = new Date();
	const newBody = edited && edited.body !== post.body ? edited.body : null;
	const newTitle =
		opening && edited?.title !== undefined && edited.title !== post.threadTitle
			? edited.title
			: null;
	const edit =
		newBody !== null || newTitle !== null
			? {
					body: newBody ?? post.body,
					...(newBody !== null
						? { html: renderPostHtml(newBody, { siteOrigin: config().ORIGIN }) }
						: {}),
					...(newTitle !== null ? { threadTitle: newTitle } : {})
				}
			: null;
	const title = newTitle ?? thread.title;

	const written = await db.transaction(async (tx) => {
		await settleClaim(tx as unknown as Database, actor, { kind: 'post', itemId: post.id }, { now });
		const [approved] = await tx
			.update(forumPosts)
			.set({
				status: 'published',
				publishedAt: sql`coalesce(${forumPosts.publishedAt}, ${now.toISOString()}::timestamptz)`,
				moderatedById: actor.id,
				moderatedAt: now,
				...(edit ? { ...edit, editedAt: now } : {})
			})
			// Still held, and not edited since it was read.
			.where(unchangedSince({ id: post.id, status: 'held', editedAt: post.editedAt }))
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
				...(opening && thread.status === 'held' ? { status: 'published' as const } : {}),
				...(newTitle !== null ? { title: newTitle } : {})
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
								? `A youth worker edited your post in “${title}” before approving it.`
								: `A youth worker approved your post in “${title}”.`
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
						threadTitle: title,
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
				...(newBody !== null ? { before: post.body, after: newBody } : {}),
				...(newTitle !== null ? { titleBefore: post.threadTitle, titleAfter: newTitle } : {})
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
