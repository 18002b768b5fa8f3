/**
 * The review queue at /mod: one list of everything waiting for a youth worker. Held posts (new
 * member, risk, watched word, personal information), reported posts (reasons with counts; one its
 * author deleted too, until its reports are closed),
 * reported members, held chat messages and reported chat messages (with the conversation the
 * reporter saw), held idea-session ideas and comments (with the session, and a comment's idea), each with its reason, the screening result, its author's recent history,
 * the staff notes on them, and who (if anyone) is looking at it. Oldest first, or highest risk
 * first (imminent > high > concern > none, then most reports, then oldest). A fixed number of
 * queries however long the queue is.
 */
import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import {
	chatMessages,
	chatReports,
	chatRooms,
	forumCategories,
	forumPosts,
	forumReports,
	forumThreads,
	users,
	workshopComments,
	workshopIdeas,
	workshops,
	type ContentStatus,
	type MessageStatus,
	type ReportedContextMessage,
	type ReportReason
} from '../db/schema';
import { authorise } from '../policy';
import { liveClaims, type ClaimRef, type ClaimView } from './claims';
import { memberSummaries, type MemberSummary } from './member-history';
import { listReportedUsers } from './reported-users';
import { REPORTS_AWAIT_REVIEW } from './reported-posts';
import { staffNotesFor, type StaffNoteView } from './staff-notes';
import {
	QUEUE_KINDS,
	QUEUE_SORTS,
	type QueueCounts,
	type QueueKind,
	type QueueSort
} from '../../moderation';

export type RiskLevel = 'none' | 'concern' | 'high' | 'imminent';
export type QueueItemKind =
	| 'held'
	| 'reported_post'
	| 'reported_user'
	| 'held_message'
	| 'reported_message'
	| 'held_idea'
	| 'held_comment';

export interface QueuePost {
	id: number;
	threadId: number;
	threadTitle: string;
	categoryName: string;
	opening: boolean;
	/** Sanitised when written: the only form rendered. */
	html: string;
	/** The Markdown, for "approve with edit". */
	body: string;
	contentWarning: string | null;
	status: ContentStatus;
	createdAt: Date;
	editedAt: Date | null;
}

/** A chat message in the queue (held by screening, or reported by members). */
export interface QueueMessage {
	id: number;
	roomId: number;
	roomName: string;
	/** Sanitised when written: the only form rendered. */
	html: string;
	status: MessageStatus;
	createdAt: Date;
}

/** An idea-session idea, or a comment on one, that screening held (plain text, never HTML). */
export interface QueueIdea {
	workshopId: number;
	workshopTitle: string;
	ideaId: number;
	ideaBody: string;
	/** For a held comment: the comment (the idea is what it answers). */
	comment: { id: number; body: string } | null;
}

export interface QueueItem {
	/** Unique in the queue: "post-12", "user-5", "message-40". */
	key: string;
	kind: QueueItemKind;
	claimRef: ClaimRef;
	/** Held since / first reported. */
	waitingSince: Date;
	/** The screening result (a reported member has none of their own). */
	risk: RiskLevel;
	reportCount: number;
	/** Why screening or pre-moderation held it. */
	heldReasons: string[];
	reportReasons: { reason: ReportReason; count: number }[];
	reporterNotes: string[];
	post: QueuePost | null;
	message: QueueMessage | null;
	idea: QueueIdea | null;
	/** For a reported message: the conversation up to it, as the first reporter saw it. */
	conversation: ReportedContextMessage[];
	/** For a reported member: the posts their reporters pointed at. */
	contextPosts: { postId: number; threadId: number }[];
	memberId: number | null;
	memberName: string;
	claim: ClaimView | null;
}

export interface ReviewQueue {
	sort: QueueSort;
	kind: QueueKind;
	items: QueueItem[];
	members: Map<number, MemberSummary>;
	notes: Map<number, StaffNoteView[]>;
	counts: QueueCounts;
}

export interface QueueQuery {
	sort: QueueSort;
	kind: QueueKind;
}

/** Query parameters as typed in the address bar: anything unknown means the default. */
export function parseQueueQuery(params: URLSearchParams): QueueQuery {
	const sort = params.get('sort');
	const kind = params.get('kind');
	return {
		sort: (QUEUE_SORTS as readonly string[]).includes(sort ?? '') ? (sort as QueueSort) : 'oldest',
		kind: (QUEUE_KINDS as readonly string[]).includes(kind ?? '') ? (kind as QueueKind) : 'all'
	};
}

const RISK_RANK: Record<RiskLevel, number> = { imminent: 3, high: 2, concern: 1, none: 0 };
const FORMER_MEMBER = 'Former member';

/** At most this many of each kind at once: the queue is worked from the top. */
export const QUEUE_LIMIT = 200;

const postColumns = {
	id: forumPosts.id,
	threadId: forumPosts.threadId,
	threadTitle: forumThreads.title,
	categoryName: forumCategories.name,
	opening: sql<boolean>`${forumPosts.threadTitle} is not null`,
	html: forumPosts.html,
	body: forumPosts.body,
	contentWarning: forumPosts.contentWarning,
	status: forumPosts.status,
	createdAt: forumPosts.createdAt,
	editedAt: forumPosts.editedAt,
	authorId: forumPosts.authorId,
	authorName: users.username,
	reasons: forumPosts.screeningReasons,
	riskLevel: forumPosts.riskLevel
};

function selectQueuePosts(db: Database) {
	return db
		.select(postColumns)
		.from(forumPosts)
		.innerJoin(forumThreads, eq(forumThreads.id, forumPosts.threadId))
		.innerJoin(forumCategories, eq(forumCategories.id, forumThreads.categoryId))
		.leftJoin(users, eq(users.id, forumPosts.authorId));
}

type PostRow = Awaited<ReturnType<ReturnType<typeof selectQueuePosts>['execute']>>[number];

function toQueuePost(r: PostRow): QueuePost {
	return {
		id: r.id,
		threadId: r.threadId,
		threadTitle: r.threadTitle,
		categoryName: r.categoryName,
		opening: Boolean(r.opening),
		html: r.html,
		body: r.body,
		contentWarning: r.contentWarning,
		status: r.status,
		createdAt: r.createdAt,
		editedAt: r.editedAt
	};
}

/** A queue item: what every item has, and nothing of what only some kinds have. */
function queueItem(
	item: Pick<QueueItem, 'key' | 'kind' | 'claimRef' | 'waitingSince' | 'risk' | 'memberId'> &
		Omit<Partial<QueueItem>, 'memberName'> & { memberName: string | null }
): QueueItem {
	return {
		reportCount: 0,
		heldReasons: [],
		reportReasons: [],
		reporterNotes: [],
		post: null,
		message: null,
		idea: null,
		conversation: [],
		contextPosts: [],
		claim: null,
		...item,
		memberName: item.memberName ?? FORMER_MEMBER
	};
}

async function heldItems(db: Database): Promise<QueueItem[]> {
	const rows = await selectQueuePosts(db)
		.where(eq(forumPosts.status, 'held'))
		.orderBy(asc(forumPosts.createdAt), asc(forumPosts.id))
		.limit(QUEUE_LIMIT);
	return rows.map((r) =>
		queueItem({
			key: `post-${r.id}`,
			kind: 'held',
			claimRef: { kind: 'post', itemId: r.id },
			waitingSince: r.createdAt,
			risk: r.riskLevel,
			heldReasons: r.reasons,
			post: toQueuePost(r),
			memberId: r.authorId,
			memberName: r.authorName
		})
	);
}

async function reportedPostItems(db: Database): Promise<QueueItem[]> {
	const reports = await db
		.select({
			postId: forumReports.postId,
			reason: forumReports.reason,
			note: forumReports.note,
			createdAt: forumReports.createdAt
		})
		.from(forumReports)
		.innerJoin(forumPosts, eq(forumPosts.id, forumReports.postId))
		.where(and(isNull(forumReports.reviewedAt), REPORTS_AWAIT_REVIEW))
		.orderBy(asc(forumReports.createdAt), asc(forumReports.id));
	const grouped = new Map<
		number,
		{ reasons: QueueItem['reportReasons']; notes: string[]; first: Date; count: number }
	>();
	for (const r of reports) {
		let group = grouped.get(r.postId);
		if (!group) {
			if (grouped.size >= QUEUE_LIMIT) continue;
			group = { reasons: [], notes: [], first: r.createdAt, count: 0 };
			grouped.set(r.postId, group);
		}
		group.count += 1;
		const counted = group.reasons.find((x) => x.reason === r.reason);
		if (counted) counted.count += 1;
		else group.reasons.push({ reason: r.reason, count: 1 });
		if (r.note) group.notes.push(r.note);
	}
	if (grouped.size === 0) return [];
	const rows = await selectQueuePosts(db).where(inArray(forumPosts.id, [...grouped.keys()]));
	return rows.map((r) => {
		const group = grouped.get(r.id)!;
		return queueItem({
			key: `post-${r.id}`,
			kind: 'reported_post',
			claimRef: { kind: 'post', itemId: r.id },
			waitingSince: group.first,
			risk: r.riskLevel,
			reportCount: group.count,
			reportReasons: group.reasons.sort((a, b) => b.count - a.count),
			reporterNotes: group.notes,
			post: toQueuePost(r),
			memberId: r.authorId,
			memberName: r.authorName
		});
	});
}

async function reportedUserItems(db: Database, actor: CurrentUser): Promise<QueueItem[]> {
	const reported = await listReportedUsers(db, actor, QUEUE_LIMIT);
	return reported.map((r) =>
		queueItem({
			key: `user-${r.userId}`,
			kind: 'reported_user',
			claimRef: { kind: 'user', itemId: r.userId },
			waitingSince: r.firstReportedAt,
			risk: 'none',
			reportCount: r.reasons.reduce((n, x) => n + x.count, 0),
			reportReasons: r.reasons,
			reporterNotes: r.notes,
			contextPosts: r.contextPosts,
			memberId: r.userId,
			memberName: r.username
		})
	);
}

const messageColumns = {
	id: chatMessages.id,
	roomId: chatMessages.roomId,
	roomName: chatRooms.name,
	html: chatMessages.html,
	status: chatMessages.status,
	createdAt: chatMessages.createdAt,
	authorId: chatMessages.authorId,
	authorName: users.username,
	reasons: chatMessages.screeningReasons,
	riskLevel: chatMessages.riskLevel
};

interface MessageRow {
	id: number;
	roomId: number;
	roomName: string;
	html: string;
	status: MessageStatus;
	createdAt: Date;
}

function toQueueMessage(r: MessageRow): QueueMessage {
	return {
		id: r.id,
		roomId: r.roomId,
		roomName: r.roomName,
		html: r.html,
		status: r.status,
		createdAt: r.createdAt
	};
}

/** Chat messages screening held: in no room until a youth worker approves them. */
async function heldMessageItems(db: Database): Promise<QueueItem[]> {
	const rows = await db
		.select(messageColumns)
		.from(chatMessages)
		.innerJoin(chatRooms, eq(chatRooms.id, chatMessages.roomId))
		.leftJoin(users, eq(users.id, chatMessages.authorId))
		.where(eq(chatMessages.status, 'held'))
		.orderBy(asc(chatMessages.createdAt), asc(chatMessages.id))
		.limit(QUEUE_LIMIT);
	return rows.map((r) =>
		queueItem({
			key: `message-${r.id}`,
			kind: 'held_message',
			claimRef: { kind: 'message', itemId: r.id },
			waitingSince: r.createdAt,
			risk: r.riskLevel,
			heldReasons: r.reasons,
			message: toQueueMessage(r),
			memberId: r.authorId,
			memberName: r.authorName
		})
	);
}

/** Published chat messages with open reports: one query, a row per report. */
async function reportedMessageItems(db: Database): Promise<QueueItem[]> {
	const rows = await db
		.select({
			...messageColumns,
			reason: chatReports.reason,
			note: chatReports.note,
			context: chatReports.context,
			reportedAt: chatReports.createdAt
		})
		.from(chatReports)
		.innerJoin(chatMessages, eq(chatMessages.id, chatReports.messageId))
		.innerJoin(chatRooms, eq(chatRooms.id, chatMessages.roomId))
		.leftJoin(users, eq(users.id, chatMessages.authorId))
		.where(and(isNull(chatReports.reviewedAt), eq(chatMessages.status, 'published')))
		.orderBy(asc(chatReports.createdAt), asc(chatReports.id));
	const items = new Map<number, QueueItem>();
	for (const r of rows) {
		let item = items.get(r.id);
		if (!item) {
			if (items.size >= QUEUE_LIMIT) continue;
			item = queueItem({
				key: `message-${r.id}`,
				kind: 'reported_message',
				claimRef: { kind: 'message', itemId: r.id },
				waitingSince: r.reportedAt,
				risk: r.riskLevel,
				message: toQueueMessage(r),
				conversation: r.context,
				memberId: r.authorId,
				memberName: r.authorName
			});
			items.set(r.id, item);
		}
		item.reportCount += 1;
		const counted = item.reportReasons.find((x) => x.reason === r.reason);
		if (counted) counted.count += 1;
		else item.reportReasons.push({ reason: r.reason, count: 1 });
		if (r.note) item.reporterNotes.push(r.note);
	}
	for (const item of items.values()) item.reportReasons.sort((a, b) => b.count - a.count);
	return [...items.values()];
}

/** What held idea and comment items share: the screening result and who wrote it. */
function heldContribution(
	r: {
		createdAt: Date;
		riskLevel: RiskLevel;
		reasons: string[];
		authorId: number | null;
		authorName: string | null;
	},
	key: string,
	kind: 'held_idea' | 'held_comment',
	claimRef: ClaimRef,
	idea: QueueIdea
): QueueItem {
	return queueItem({
		key,
		kind,
		claimRef,
		waitingSince: r.createdAt,
		risk: r.riskLevel,
		heldReasons: r.reasons,
		idea,
		memberId: r.authorId,
		memberName: r.authorName
	});
}

/** Idea-session ideas screening held: only their author and staff see them until decided. */
async function heldIdeaItems(db: Database): Promise<QueueItem[]> {
	const rows = await db
		.select({
			id: workshopIdeas.id,
			body: workshopIdeas.body,
			workshopId: workshops.id,
			workshopTitle: workshops.title,
			createdAt: workshopIdeas.createdAt,
			riskLevel: workshopIdeas.riskLevel,
			reasons: workshopIdeas.screeningReasons,
			authorId: workshopIdeas.authorId,
			authorName: users.username
		})
		.from(workshopIdeas)
		.innerJoin(workshops, eq(workshops.id, workshopIdeas.workshopId))
		.leftJoin(users, eq(users.id, workshopIdeas.authorId))
		.where(eq(workshopIdeas.status, 'held'))
		.orderBy(asc(workshopIdeas.createdAt), asc(workshopIdeas.id))
		.limit(QUEUE_LIMIT);
	return rows.map((r) =>
		heldContribution(
			r,
			`idea-${r.id}`,
			'held_idea',
			{ kind: 'idea', itemId: r.id },
			{
				workshopId: r.workshopId,
				workshopTitle: r.workshopTitle,
				ideaId: r.id,
				ideaBody: r.body,
				comment: null
			}
		)
	);
}

/** Held comments on ideas still in their session (a removed idea's comments go with it). */
async function heldCommentItems(db: Database): Promise<QueueItem[]> {
	const rows = await db
		.select({
			id: workshopComments.id,
			body: workshopComments.body,
			ideaId: workshopIdeas.id,
			ideaBody: workshopIdeas.body,
			workshopId: workshops.id,
			workshopTitle: workshops.title,
			createdAt: workshopComments.createdAt,
			riskLevel: workshopComments.riskLevel,
			reasons: workshopComments.screeningReasons,
			authorId: workshopComments.authorId,
			authorName: users.username
		})
		.from(workshopComments)
		.innerJoin(workshopIdeas, eq(workshopIdeas.id, workshopComments.ideaId))
		.innerJoin(workshops, eq(workshops.id, workshopIdeas.workshopId))
		.leftJoin(users, eq(users.id, workshopComments.authorId))
		.where(and(eq(workshopComments.status, 'held'), ne(workshopIdeas.status, 'deleted')))
		.orderBy(asc(workshopComments.createdAt), asc(workshopComments.id))
		.limit(QUEUE_LIMIT);
	return rows.map((r) =>
		heldContribution(
			r,
			`comment-${r.id}`,
			'held_comment',
			{ kind: 'idea_comment', itemId: r.id },
			{
				workshopId: r.workshopId,
				workshopTitle: r.workshopTitle,
				ideaId: r.ideaId,
				ideaBody: r.ideaBody,
				comment: { id: r.id, body: r.body }
			}
		)
	);
}

function byOldest(a: QueueItem, b: QueueItem): number {
	return a.waitingSince.getTime() - b.waitingSince.getTime() || a.key.localeCompare(b.key);
}

function byRisk(a: QueueItem, b: QueueItem): number {
	return RISK_RANK[b.risk] - RISK_RANK[a.risk] || b.reportCount - a.reportCount || byOldest(a, b);
}

export async function loadReviewQueue(
	db: Database,
	actor: CurrentUser,
	query: QueueQuery = { sort: 'oldest', kind: 'all' },
	now = new Date()
): Promise<ReviewQueue> {
	authorise(actor, 'moderation.review', 'Only youth workers can see the review queue.');
	const [held, reportedPosts, reportedUsers, heldMessages, reportedMessages, ideas, comments] =
		await Promise.all([
			heldItems(db),
			reportedPostItems(db),
			reportedUserItems(db, actor),
			heldMessageItems(db),
			reportedMessageItems(db),
			heldIdeaItems(db),
			heldCommentItems(db)
		]);
	const heldIdeas = [...ideas, ...comments];
	const byKind: Record<Exclude<QueueKind, 'all'>, QueueItem[]> = {
		held,
		reported: reportedPosts,
		users: reportedUsers,
		held_messages: heldMessages,
		reported_messages: reportedMessages,
		held_ideas: heldIdeas
	};
	const counts = totalled({
		held: held.length,
		reportedPosts: reportedPosts.length,
		reportedUsers: reportedUsers.length,
		heldMessages: heldMessages.length,
		reportedMessages: reportedMessages.length,
		heldIdeas: heldIdeas.length
	});
	const chosen = query.kind === 'all' ? Object.values(byKind).flat() : byKind[query.kind];
	const items = chosen.sort(query.sort === 'risk' ? byRisk : byOldest);

	const memberIds = items.map((i) => i.memberId).filter((id): id is number => id !== null);
	const idsOf = (kind: ClaimRef['kind']) =>
		items.filter((i) => i.claimRef.kind === kind).map((i) => i.claimRef.itemId);
	const [postClaims, userClaims, messageClaims, ideaClaims, commentClaims, members, notes] =
		await Promise.all([
			liveClaims(db, 'post', idsOf('post'), now),
			liveClaims(db, 'user', idsOf('user'), now),
			liveClaims(db, 'message', idsOf('message'), now),
			liveClaims(db, 'idea', idsOf('idea'), now),
			liveClaims(db, 'idea_comment', idsOf('idea_comment'), now),
			memberSummaries(db, actor, memberIds, { now }),
			staffNotesFor(db, actor, memberIds, 5)
		]);
	const claims = {
		post: postClaims,
		user: userClaims,
		message: messageClaims,
		idea: ideaClaims,
		idea_comment: commentClaims
	};
	for (const item of items)
		item.claim = claims[item.claimRef.kind].get(item.claimRef.itemId) ?? null;
	return { sort: query.sort, kind: query.kind, items, members, notes, counts };
}

/** What the staff header shows: how many items wait, by kind (one query). */
export async function queueCounts(db: Database): Promise<QueueCounts> {
	const [row] = await db
		.select({
			held: sql<number>`(select count(*)::int from forum_posts where status = 'held')`,
			reportedPosts: sql<number>`(${db
				.select({ n: sql`count(distinct ${forumReports.postId})::int` })
				.from(forumReports)
				.innerJoin(forumPosts, eq(forumPosts.id, forumReports.postId))
				.where(and(isNull(forumReports.reviewedAt), REPORTS_AWAIT_REVIEW))})`,
			reportedUsers: sql<number>`(
				select count(distinct u.reported_user_id)::int from user_reports u
				where u.reviewed_at is null
			)`,
			heldMessages: sql<number>`(select count(*)::int from chat_messages where status = 'held')`,
			reportedMessages: sql<number>`(
				select count(distinct r.message_id)::int from chat_reports r
				join chat_messages m on m.id = r.message_id
				where r.reviewed_at is null and m.status = 'published'
			)`,
			heldIdeas: sql<number>`(
				(select count(*)::int from workshop_ideas where status = 'held') +
				(select count(*)::int from workshop_comments c
					join workshop_ideas i on i.id = c.idea_id
					where c.status = 'held' and i.status <> 'deleted')
			)`
		})
		.from(sql`(select 1) as one`);
	return totalled({
		held: Number(row?.held ?? 0),
		reportedPosts: Number(row?.reportedPosts ?? 0),
		reportedUsers: Number(row?.reportedUsers ?? 0),
		heldMessages: Number(row?.heldMessages ?? 0),
		reportedMessages: Number(row?.reportedMessages ?? 0),
		heldIdeas: Number(row?.heldIdeas ?? 0)
	});
}

function totalled(counts: Omit<QueueCounts, 'total'>): QueueCounts {
	return { ...counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
}
