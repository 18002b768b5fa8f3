/**
 * A post's edit history, for staff who review content (`moderation.review`): every earlier version
 * with who replaced it and when, newest first, and the version as it is now. Anyone else is told
 * the post is not there (they should not learn that a history exists).
 */
import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db';
import {
	forumPostRevisions,
	forumPosts,
	forumThreads,
	users,
	type ContentStatus
} from '../db/schema';
import { NotFoundError } from '../errors';
import { can, type Actor } from '../policy';
import { POST_NOT_FOUND } from './access';
import { FORMER_MEMBER } from './views';

const author = alias(users, 'author');

export interface PostVersion {
	/** The Markdown as written: shown as plain text, never rendered. */
	body: string;
	contentWarning: string | null;
	status: ContentStatus;
}

export interface PostHistory {
	post: PostVersion & {
		id: number;
		threadId: number;
		threadTitle: string;
		authorUsername: string;
		createdAt: Date;
		editedAt: Date | null;
		deletedAt: Date | null;
		/** Its words (and its earlier versions' words) were erased under the retention setting. */
		purgedAt: Date | null;
	};
	/** Newest first: each is what the post said until `replacedAt`. */
	revisions: (PostVersion & { id: number; replacedAt: Date; replacedBy: string })[];
}

export async function loadPostHistory(
	db: Database,
	viewer: Actor,
	postId: number
): Promise<PostHistory> {
	if (!can(viewer, 'moderation.review')) throw new NotFoundError(POST_NOT_FOUND);
	const [post] = await db
		.select({
			id: forumPosts.id,
			threadId: forumPosts.threadId,
			threadTitle: forumThreads.title,
			authorUsername: author.username,
			body: forumPosts.body,
			contentWarning: forumPosts.contentWarning,
			status: forumPosts.status,
			createdAt: forumPosts.createdAt,
			editedAt: forumPosts.editedAt,
			deletedAt: forumPosts.deletedAt,
			purgedAt: forumPosts.purgedAt
		})
		.from(forumPosts)
		.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
		.leftJoin(author, eq(author.id, forumPosts.authorId))
		.where(eq(forumPosts.id, postId));
	if (!post) throw new NotFoundError(POST_NOT_FOUND);
	const revisions = await db
		.select({
			id: forumPostRevisions.id,
			body: forumPostRevisions.body,
			contentWarning: forumPostRevisions.contentWarning,
			status: forumPostRevisions.status,
			replacedAt: forumPostRevisions.replacedAt,
			replacedBy: users.username
		})
		.from(forumPostRevisions)
		.leftJoin(users, eq(users.id, forumPostRevisions.editedById))
		.where(eq(forumPostRevisions.postId, postId))
		.orderBy(desc(forumPostRevisions.replacedAt), desc(forumPostRevisions.id));
	return {
		post: { ...post, authorUsername: post.authorUsername ?? FORMER_MEMBER },
		revisions: revisions.map((r) => ({ ...r, replacedBy: r.replacedBy ?? FORMER_MEMBER }))
	};
}
