/**
 * Reported forum posts in the review queue: each post with open reports, the reasons with their
 * counts, and whether members' reports have hidden it. A youth worker keeps it (the reports are
 * dismissed and the post is shown again if they had hidden it) or hides it with a reason its
 * author is told. Both are audited; reporters are never named to the author. A reported post its
 * author deleted stays in the queue, its words kept, until a youth worker closes its reports
 * ("Nothing more to do") or acts on its author.
 */
import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumPosts, forumReports, forumThreads, users, type ReportReason } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { announceForumWrite } from '../forum/effects';
import { loadPostWithThread } from '../forum/load';
import { REPORTED_REASON } from '../forum/report';
import { hideSchema, hideWithReason, postIdSchema } from './hide-post';
import { settleClaim } from './claims';
import { ALREADY_DEALT_WITH } from '../../moderation';

/**
 * The posts whose open reports wait for a youth worker: still there (showing, or hidden by
 * reports), or deleted by their author (a youth worker's delete closes the reports itself).
 */
export const REPORTS_AWAIT_REVIEW: SQL = or(
	inArray(forumPosts.status, ['published', 'hidden']),
	and(eq(forumPosts.status, 'deleted'), isNull(forumPosts.deletedById))
)!;

export interface ReportedPost {
	postId: number;
	threadId: number;
	threadTitle: string;
	opening: boolean;
	author: string;
	/** Plain text, at most 300 characters. */
	excerpt: string;
	/** Hidden by members' reports (or otherwise), waiting for a decision. */
	hidden: boolean;
	/** Its author deleted it after it was reported: only its reports (and its author) to deal with. */
	deletedByAuthor: boolean;
	reasons: { reason: ReportReason; count: number }[];
	notes: string[];
	firstReportedAt: Date;
}

const EXCERPT_MAX = 300;

function excerptOf(body: string): string {
	const plain = body.replace(/\s+/g, ' ').trim();
	return plain.length > EXCERPT_MAX ? `${plain.slice(0, EXCERPT_MAX - 1)}…` : plain;
}

export async function listReportedPosts(
	db: Database,
	actor: CurrentUser,
	limit = 100
): Promise<ReportedPost[]> {
	authorise(actor, 'moderation.review', 'Only youth workers can see the review queue.');
	const rows = await db
		.select({
			postId: forumPosts.id,
			threadId: forumThreads.id,
			threadTitle: forumThreads.title,
			opening: sql<boolean>`${forumPosts.threadTitle} is not null`,
			author: users.username,
			body: forumPosts.body,
			status: forumPosts.status,
			reason: forumReports.reason,
			note: forumReports.note,
			createdAt: forumReports.createdAt
		})
		.from(forumReports)
		.innerJoin(forumPosts, eq(forumPosts.id, forumReports.postId))
		.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
		.leftJoin(users, eq(users.id, forumPosts.authorId))
		.where(and(isNull(forumReports.reviewedAt), REPORTS_AWAIT_REVIEW))
		.orderBy(asc(forumReports.createdAt), asc(forumReports.id));

	const byPost = new Map<number, ReportedPost>();
	for (const r of rows) {
		let item = byPost.get(r.postId);
		if (!item) {
			if (byPost.size >= limit) continue;
			item = {
				postId: r.postId,
				threadId: r.threadId,
				threadTitle: r.threadTitle,
				opening: Boolean(r.opening),
				author: r.author ?? 'Former member',
				excerpt: excerptOf(r.body),
				hidden: r.status === 'hidden',
				deletedByAuthor: r.status === 'deleted',
				reasons: [],
				notes: [],
				firstReportedAt: r.createdAt
			};
			byPost.set(r.postId, item);
		}
		const counted = item.reasons.find((x) => x.reason === r.reason);
		if (counted) counted.count += 1;
		else item.reasons.push({ reason: r.reason, count: 1 });
		if (r.note) item.notes.push(r.note);
	}
	for (const item of byPost.values()) item.reasons.sort((a, b) => b.count - a.count);
	return [...byPost.values()];
}

export async function reportedPostCount(db: Database): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(distinct ${forumReports.postId})::int` })
		.from(forumReports)
		.innerJoin(forumPosts, eq(forumPosts.id, forumReports.postId))
		.where(and(isNull(forumReports.reviewedAt), REPORTS_AWAIT_REVIEW));
	return Number(row?.n ?? 0);
}

/** Mark a post's open reports as dealt with; refuses when there were none (someone got there first). */
export async function closeReports(tx: Database, postId: number, actor: CurrentUser, now: Date) {
	const closed = await tx
		.update(forumReports)
		.set({ reviewedAt: now, reviewedById: actor.id })
		.where(and(eq(forumReports.postId, postId), isNull(forumReports.reviewedAt)))
		.returning({ reason: forumReports.reason });
	if (closed.length === 0) throw new ValidationError({ post: ALREADY_DEALT_WITH });
	return closed.map((r) => r.reason);
}

/**
 * Keep a reported post: its reports are dismissed and, if they had hidden it, it is shown again.
 * For a post its author deleted, this closes its reports ("Nothing more to do"); it stays removed.
 */
export async function keepReportedPost(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof postIdSchema>
): Promise<void> {
	const { postId } = parseOrThrow(postIdSchema, input);
	const { post, thread } = await loadPostWithThread(db, postId);
	authorise(actor, 'moderation.act', 'Only youth workers can deal with reports.');
	const opening = post.threadTitle !== null;
	const now = new Date();

	const shown = await db.transaction(async (tx) => {
		await settleClaim(tx as unknown as Database, actor, { kind: 'post', itemId: post.id }, { now });
		const reasons = await closeReports(tx as unknown as Database, post.id, actor, now);
		const [restored] = await tx
			.update(forumPosts)
			.set({ status: 'published', hiddenReason: null, moderatedById: actor.id, moderatedAt: now })
			.where(
				and(
					eq(forumPosts.id, post.id),
					eq(forumPosts.status, 'hidden'),
					eq(forumPosts.hiddenReason, REPORTED_REASON)
				)
			)
			.returning({ id: forumPosts.id });
		if (restored && opening)
			await tx
				.update(forumThreads)
				.set({ status: 'published' })
				.where(and(eq(forumThreads.id, thread.id), eq(forumThreads.status, 'hidden')));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.report.dismiss',
			targetType: 'forum_post',
			targetId: post.id,
			details: { threadId: thread.id, authorId: post.authorId, reasons, unhidden: !!restored }
		});
		return !!restored;
	});

	await announceForumWrite(db, {
		changed: shown
			? {
					threadId: thread.id,
					postId: post.id,
					authorId: post.authorId,
					// It is public again: the thread's room refetches it.
					wasPublic: opening || thread.status === 'published'
				}
			: undefined,
		queueChanged: true
	});
}

/** Hide a reported post (or confirm members' hiding of it) with a reason its author is told. */
export function hideReportedPost(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof hideSchema>
): Promise<void> {
	return hideWithReason(db, actor, input, {
		from: ['published', 'hidden'],
		alreadyDealtWith: ALREADY_DEALT_WITH,
		before: async (tx, postId, now) => ({ reports: await closeReports(tx, postId, actor, now) })
	});
}
