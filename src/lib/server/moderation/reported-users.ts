/**
 * Members reported by other members (not one post): each with the reasons and their counts, the
 * reporters' notes and the posts that prompted them. A youth worker dismisses the reports or acts
 * on the member (sanctions.ts); either way the open reports are marked reviewed. The reported
 * member never learns who reported them.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { forumPosts, userReports, users, type ReportReason } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { publisher } from '../realtime/publisher';
import { settleClaim } from './claims';
import { closeUserReports, loadMember } from './sanctions';
import { FORUM_EVENTS } from '../../forum';
import { ALREADY_DEALT_WITH } from '../../moderation';

export interface ReportedUser {
	userId: number;
	username: string;
	reasons: { reason: ReportReason; count: number }[];
	notes: string[];
	/** Posts the reporters pointed at. */
	contextPosts: { postId: number; threadId: number }[];
	firstReportedAt: Date;
}

export async function listReportedUsers(
	db: Database,
	actor: CurrentUser,
	limit = 100
): Promise<ReportedUser[]> {
	authorise(actor, 'moderation.review', 'Only youth workers can see the review queue.');
	const rows = await db
		.select({
			userId: userReports.reportedUserId,
			username: users.username,
			reason: userReports.reason,
			note: userReports.note,
			contextPostId: userReports.contextPostId,
			contextThreadId: forumPosts.threadId,
			createdAt: userReports.createdAt
		})
		.from(userReports)
		.innerJoin(users, eq(users.id, userReports.reportedUserId))
		.leftJoin(forumPosts, eq(forumPosts.id, userReports.contextPostId))
		.where(isNull(userReports.reviewedAt))
		.orderBy(asc(userReports.createdAt), asc(userReports.id));
	const byUser = new Map<number, ReportedUser>();
	for (const r of rows) {
		let item = byUser.get(r.userId);
		if (!item) {
			if (byUser.size >= limit) continue;
			item = {
				userId: r.userId,
				username: r.username,
				reasons: [],
				notes: [],
				contextPosts: [],
				firstReportedAt: r.createdAt
			};
			byUser.set(r.userId, item);
		}
		const counted = item.reasons.find((x) => x.reason === r.reason);
		if (counted) counted.count += 1;
		else item.reasons.push({ reason: r.reason, count: 1 });
		if (r.note) item.notes.push(r.note);
		if (
			r.contextPostId !== null &&
			r.contextThreadId !== null &&
			!item.contextPosts.some((p) => p.postId === r.contextPostId)
		)
			item.contextPosts.push({ postId: r.contextPostId, threadId: r.contextThreadId });
	}
	for (const item of byUser.values()) item.reasons.sort((a, b) => b.count - a.count);
	return [...byUser.values()];
}

/** How many reports about this member are still open. */
export async function openUserReportCount(db: Database, userId: number): Promise<number> {
	return db.$count(
		userReports,
		and(eq(userReports.reportedUserId, userId), isNull(userReports.reviewedAt))
	);
}

export const dismissSchema = z.object({ userId: z.number().int().positive().max(2_147_483_647) });

/** A reported member needs nothing doing: their open reports are marked reviewed. */
export async function dismissUserReports(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof dismissSchema>,
	now = new Date()
): Promise<void> {
	const { userId } = parseOrThrow(dismissSchema, input);
	const member = await loadMember(db, userId);
	authorise(actor, 'moderation.act', 'Only youth workers can deal with reports.');
	await db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		await settleClaim(t, actor, { kind: 'user', itemId: member.id }, { now });
		const reports = await closeUserReports(t, member.id, actor, now);
		if (reports.length === 0) throw new ValidationError({ form: ALREADY_DEALT_WITH });
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'moderation.user_report.dismiss',
			targetType: 'user',
			targetId: member.id,
			details: { reports }
		});
	});
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}
