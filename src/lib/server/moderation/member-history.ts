/**
 * A member as youth workers see them when deciding: their recent posts and what became of them,
 * earlier sanctions, reports against them, and whether a mute or suspension is in force. A few
 * queries for any number of members (the queue shows many at once).
 */
import { and, desc, eq, inArray, isNull, lte, sql, type AnyColumn } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import {
	auditLog,
	chatMessages,
	chatReports,
	chatRooms,
	forumPosts,
	forumReports,
	forumThreads,
	memberSanctions,
	userReports,
	users,
	workshopComments,
	workshopIdeas,
	workshops,
	type ContentStatus,
	type ReportReason,
	type Role,
	type SanctionKind
} from '../db/schema';
import { NotFoundError } from '../errors';
import { authorise, isStaff } from '../policy';
import { MEMBER_NOT_FOUND } from './sanctions';
import { staffNotesFor, type StaffNoteView } from './staff-notes';

export interface HistoryPost {
	id: number;
	threadId: number;
	threadTitle: string;
	status: ContentStatus;
	createdAt: Date;
	/** Why a youth worker hid or removed it. */
	reason: string | null;
	/** Removed by a youth worker (rather than by its author). */
	removedByStaff: boolean;
}

export interface SanctionView {
	id: number;
	kind: SanctionKind;
	message: string;
	endsAt: Date | null;
	createdAt: Date;
	issuedBy: string;
	acknowledgedAt: Date | null;
	liftedAt: Date | null;
	liftedBy: string | null;
}

export interface MemberStanding {
	mutedUntil: Date | null;
	suspendedUntil: Date | null;
	suspendedReason: string | null;
}

export interface MemberSummary extends MemberStanding {
	id: number;
	username: string;
	joinedAt: Date;
	staff: boolean;
	recentPosts: HistoryPost[];
	sanctions: SanctionView[];
	openReports: number;
}

const issuer = alias(users, 'issuer');
const lifter = alias(users, 'lifter');

function standing(
	row: { mutedUntil: Date | null; suspendedUntil: Date | null; suspendedReason: string | null },
	now: Date
): MemberStanding {
	const suspended = row.suspendedUntil && row.suspendedUntil > now;
	return {
		mutedUntil: row.mutedUntil && row.mutedUntil > now ? row.mutedUntil : null,
		suspendedUntil: suspended ? row.suspendedUntil : null,
		suspendedReason: suspended ? row.suspendedReason : null
	};
}

async function sanctionsOf(db: Database, userIds: number[], limit?: number) {
	const query = db
		.select({
			userId: memberSanctions.userId,
			id: memberSanctions.id,
			kind: memberSanctions.kind,
			message: memberSanctions.message,
			endsAt: memberSanctions.endsAt,
			createdAt: memberSanctions.createdAt,
			issuedBy: issuer.username,
			acknowledgedAt: memberSanctions.acknowledgedAt,
			liftedAt: memberSanctions.liftedAt,
			liftedBy: lifter.username
		})
		.from(memberSanctions)
		.leftJoin(issuer, eq(issuer.id, memberSanctions.issuedById))
		.leftJoin(lifter, eq(lifter.id, memberSanctions.liftedById))
		.where(inArray(memberSanctions.userId, userIds))
		.orderBy(desc(memberSanctions.createdAt), desc(memberSanctions.id))
		.$dynamic();
	const rows = await (limit ? query.limit(limit) : query);
	return rows.map((r): SanctionView & { userId: number } => ({
		...r,
		issuedBy: r.issuedBy ?? 'Former staff member'
	}));
}

function toHistoryPost(r: {
	id: number;
	threadId: number;
	threadTitle: string;
	status: ContentStatus;
	createdAt: Date;
	hiddenReason: string | null;
	deletedById: number | null;
}): HistoryPost {
	return {
		id: r.id,
		threadId: r.threadId,
		threadTitle: r.threadTitle,
		status: r.status,
		createdAt: r.createdAt,
		reason: r.status === 'hidden' || r.deletedById !== null ? r.hiddenReason : null,
		removedByStaff: r.status === 'deleted' && r.deletedById !== null
	};
}

/**
 * For the queue: each member's last few posts (any status), their sanctions, open reports about
 * them, and their standing now. Four queries however many members.
 */
export async function memberSummaries(
	db: Database,
	actor: CurrentUser,
	userIds: number[],
	{ posts = 5, now = new Date() }: { posts?: number; now?: Date } = {}
): Promise<Map<number, MemberSummary>> {
	authorise(actor, 'moderation.review', 'Only youth workers can see members’ history.');
	const ids = [...new Set(userIds)];
	const summaries = new Map<number, MemberSummary>();
	if (ids.length === 0) return summaries;

	const ranked = db
		.select({
			id: forumPosts.id,
			authorId: forumPosts.authorId,
			threadId: forumPosts.threadId,
			threadTitle: forumThreads.title,
			status: forumPosts.status,
			createdAt: forumPosts.createdAt,
			hiddenReason: forumPosts.hiddenReason,
			deletedById: forumPosts.deletedById,
			n: sql<number>`row_number() over (partition by ${forumPosts.authorId} order by ${forumPosts.createdAt} desc, ${forumPosts.id} desc)`.as(
				'n'
			)
		})
		.from(forumPosts)
		.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
		.where(inArray(forumPosts.authorId, ids))
		.as('ranked');

	const [people, recent, sanctions, reports] = await Promise.all([
		db
			.select({
				id: users.id,
				username: users.username,
				roles: users.roles,
				joinedAt: users.createdAt,
				mutedUntil: users.mutedUntil,
				suspendedUntil: users.suspendedUntil,
				suspendedReason: users.suspendedReason
			})
			.from(users)
			.where(inArray(users.id, ids)),
		db
			.select()
			.from(ranked)
			.where(lte(ranked.n, posts))
			.orderBy(desc(ranked.createdAt), desc(ranked.id)),
		sanctionsOf(db, ids),
		db
			.select({ userId: userReports.reportedUserId, n: sql<number>`count(*)::int` })
			.from(userReports)
			.where(and(inArray(userReports.reportedUserId, ids), isNull(userReports.reviewedAt)))
			.groupBy(userReports.reportedUserId)
	]);

	for (const p of people)
		summaries.set(p.id, {
			id: p.id,
			username: p.username,
			joinedAt: p.joinedAt,
			staff: isStaff({ id: p.id, roles: p.roles as Role[] }),
			...standing(p, now),
			recentPosts: [],
			sanctions: [],
			openReports: 0
		});
	for (const r of recent) {
		if (r.authorId === null) continue;
		summaries.get(r.authorId)?.recentPosts.push(toHistoryPost(r));
	}
	for (const s of sanctions) {
		const summary = summaries.get(s.userId);
		if (summary && summary.sanctions.length < 5) summary.sanctions.push(s);
	}
	for (const r of reports) {
		const summary = summaries.get(r.userId);
		if (summary) summary.openReports = Number(r.n);
	}
	return summaries;
}

export interface ReportAgainst {
	kind: 'member' | 'post' | 'message';
	reason: ReportReason;
	note: string | null;
	postId: number | null;
	threadId: number | null;
	/** For a report about one of their chat messages. */
	messageId?: number;
	roomId?: number;
	createdAt: Date;
	reviewedAt: Date | null;
}

const staffActor = alias(users, 'staff_actor');

/** What every history entry from the audit log has: what, when, by whom, with what details. */
const entryColumns = {
	id: auditLog.id,
	action: auditLog.action,
	at: auditLog.at,
	by: staffActor.username,
	details: auditLog.details
};

/** An audit entry whose target is this row. */
const auditAbout = (targetType: string, id: AnyColumn) =>
	and(eq(auditLog.targetType, targetType), sql`${id}::text = ${auditLog.targetId}`);

/** What youth workers did about this person in chat rooms (from the audit log). */
export const CHAT_HISTORY_ACTIONS = [
	'chat.message.remove',
	'chat.message.approve',
	'chat.member.mute',
	'chat.member.remove'
] as const;
export type ChatHistoryAction = (typeof CHAT_HISTORY_ACTIONS)[number];

export interface ChatActionView {
	id: number;
	action: ChatHistoryAction;
	at: Date;
	by: string;
	roomId: number | null;
	roomName: string | null;
	/** The message acted on (its words as written, kept for staff even once removed). */
	messageId: number | null;
	messageBody: string | null;
	/** Why it was removed (remove), or until when messages were paused (mute). */
	reason: string | null;
	until: Date | null;
}

/** One query: the chat actions about a member, newest first. */
async function chatActionsAbout(db: Database, userId: number, limit: number) {
	const rows = await db
		.select({
			...entryColumns,
			targetType: auditLog.targetType,
			targetId: auditLog.targetId,
			roomName: chatRooms.name,
			messageBody: chatMessages.body
		})
		.from(auditLog)
		.leftJoin(staffActor, eq(staffActor.id, auditLog.actorId))
		.leftJoin(chatMessages, auditAbout('chat_message', chatMessages.id))
		.leftJoin(chatRooms, sql`${chatRooms.id}::text = ${auditLog.details}->>'roomId'`)
		.where(
			and(
				inArray(auditLog.action, [...CHAT_HISTORY_ACTIONS]),
				sql`((${auditLog.targetType} = 'user' and ${auditLog.targetId} = ${String(userId)})
					or (${auditLog.targetType} = 'chat_message' and ${chatMessages.authorId} = ${userId}))`
			)
		)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(limit);
	return rows.map((r): ChatActionView => {
		const details = r.details ?? {};
		const roomId = Number(details.roomId);
		const until = typeof details.until === 'string' ? new Date(details.until) : null;
		return {
			id: r.id,
			action: r.action as ChatHistoryAction,
			at: r.at,
			by: r.by ?? 'Former staff member',
			roomId: Number.isInteger(roomId) ? roomId : null,
			roomName: r.roomName,
			messageId: r.targetType === 'chat_message' ? Number(r.targetId) : null,
			messageBody: r.messageBody,
			reason: typeof details.reason === 'string' ? details.reason : null,
			until: until && !Number.isNaN(until.getTime()) ? until : null
		};
	});
}

/** What youth workers and facilitators did about their ideas and comments in idea sessions. */
export const SESSION_HISTORY_ACTIONS = [
	'workshop.idea.approve',
	'workshop.idea.keep_hidden',
	'workshop.idea.remove',
	'workshop.idea.hide',
	'workshop.comment.approve',
	'workshop.comment.keep_hidden',
	'workshop.comment.remove'
] as const;
export type SessionHistoryAction = (typeof SESSION_HISTORY_ACTIONS)[number];

export interface SessionActionView {
	id: number;
	action: SessionHistoryAction;
	at: Date;
	by: string;
	workshopId: number | null;
	workshopTitle: string | null;
	/** The idea or comment acted on, as written (kept for staff whatever became of it). */
	body: string | null;
	reason: string | null;
}

/** One query: the idea-session decisions about a member's ideas and comments, newest first. */
async function sessionActionsAbout(db: Database, userId: number, limit: number) {
	const rows = await db
		.select({
			...entryColumns,
			workshopId: workshops.id,
			workshopTitle: workshops.title,
			ideaBody: workshopIdeas.body,
			commentBody: workshopComments.body
		})
		.from(auditLog)
		.leftJoin(staffActor, eq(staffActor.id, auditLog.actorId))
		.leftJoin(workshopIdeas, auditAbout('workshop_idea', workshopIdeas.id))
		.leftJoin(workshopComments, auditAbout('workshop_comment', workshopComments.id))
		.leftJoin(workshops, sql`${workshops.id}::text = ${auditLog.details}->>'workshopId'`)
		.where(
			and(
				inArray(auditLog.action, [...SESSION_HISTORY_ACTIONS]),
				sql`(${workshopIdeas.authorId} = ${userId} or ${workshopComments.authorId} = ${userId})`
			)
		)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(limit);
	return rows.map((r): SessionActionView => ({
		id: r.id,
		action: r.action as SessionHistoryAction,
		at: r.at,
		by: r.by ?? 'Former staff member',
		workshopId: r.workshopId,
		workshopTitle: r.workshopTitle,
		body: r.ideaBody ?? r.commentBody,
		reason: typeof r.details?.reason === 'string' ? r.details.reason : null
	}));
}

export interface MemberPage extends MemberStanding {
	id: number;
	username: string;
	roles: Role[];
	staff: boolean;
	joinedAt: Date;
	lastSeenAt: Date | null;
	sanctions: SanctionView[];
	/** Their posts that were held, hidden or removed, newest first. */
	moderatedPosts: HistoryPost[];
	reports: ReportAgainst[];
	notes: StaffNoteView[];
	openReports: number;
	/** Youth workers' actions about them in chat rooms, newest first. */
	chatActions: ChatActionView[];
	/** Decisions about their ideas and comments in idea sessions, newest first. */
	sessionActions: SessionActionView[];
}

const LIST_LIMIT = 100;

/** /mod/members/[id]: everything moderation knows about one person. */
export async function loadMemberPage(
	db: Database,
	actor: CurrentUser,
	userId: number,
	now = new Date()
): Promise<MemberPage> {
	authorise(actor, 'moderation.review', 'Only youth workers can see members’ history.');
	const [person] = await db.select().from(users).where(eq(users.id, userId));
	if (!person) throw new NotFoundError(MEMBER_NOT_FOUND);

	const [
		sanctions,
		posts,
		memberReports,
		postReports,
		notes,
		chatActions,
		messageReports,
		sessionActions
	] = await Promise.all([
		sanctionsOf(db, [userId], LIST_LIMIT),
		db
			.select({
				id: forumPosts.id,
				threadId: forumPosts.threadId,
				threadTitle: forumThreads.title,
				status: forumPosts.status,
				createdAt: forumPosts.createdAt,
				hiddenReason: forumPosts.hiddenReason,
				deletedById: forumPosts.deletedById
			})
			.from(forumPosts)
			.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
			.where(
				and(
					eq(forumPosts.authorId, userId),
					sql`(${forumPosts.status} in ('held', 'hidden') or ${forumPosts.deletedById} is not null
						or ${forumPosts.moderatedById} is not null)`
				)
			)
			.orderBy(desc(forumPosts.createdAt), desc(forumPosts.id))
			.limit(LIST_LIMIT),
		db
			.select({
				reason: userReports.reason,
				note: userReports.note,
				postId: userReports.contextPostId,
				threadId: forumPosts.threadId,
				createdAt: userReports.createdAt,
				reviewedAt: userReports.reviewedAt
			})
			.from(userReports)
			.leftJoin(forumPosts, eq(forumPosts.id, userReports.contextPostId))
			.where(eq(userReports.reportedUserId, userId))
			.orderBy(desc(userReports.createdAt))
			.limit(LIST_LIMIT),
		db
			.select({
				reason: forumReports.reason,
				note: forumReports.note,
				postId: forumReports.postId,
				threadId: forumPosts.threadId,
				createdAt: forumReports.createdAt,
				reviewedAt: forumReports.reviewedAt
			})
			.from(forumReports)
			.innerJoin(forumPosts, eq(forumPosts.id, forumReports.postId))
			.where(eq(forumPosts.authorId, userId))
			.orderBy(desc(forumReports.createdAt))
			.limit(LIST_LIMIT),
		staffNotesFor(db, actor, [userId], LIST_LIMIT),
		chatActionsAbout(db, userId, LIST_LIMIT),
		db
			.select({
				reason: chatReports.reason,
				note: chatReports.note,
				messageId: chatReports.messageId,
				roomId: chatMessages.roomId,
				createdAt: chatReports.createdAt,
				reviewedAt: chatReports.reviewedAt
			})
			.from(chatReports)
			.innerJoin(chatMessages, eq(chatMessages.id, chatReports.messageId))
			.where(eq(chatMessages.authorId, userId))
			.orderBy(desc(chatReports.createdAt))
			.limit(LIST_LIMIT),
		sessionActionsAbout(db, userId, LIST_LIMIT)
	]);

	const reports: ReportAgainst[] = [
		...memberReports.map((r) => ({ kind: 'member' as const, ...r })),
		...postReports.map((r) => ({ kind: 'post' as const, ...r })),
		...messageReports.map((r) => ({
			kind: 'message' as const,
			...r,
			postId: null,
			threadId: null
		}))
	].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());

	return {
		id: person.id,
		username: person.username,
		roles: person.roles,
		staff: isStaff({ id: person.id, roles: person.roles }),
		joinedAt: person.createdAt,
		lastSeenAt: person.lastSeenAt,
		...standing(person, now),
		sanctions,
		moderatedPosts: posts.map(toHistoryPost),
		reports,
		notes: notes.get(userId) ?? [],
		openReports: memberReports.filter((r) => r.reviewedAt === null).length,
		chatActions,
		sessionActions
	};
}
