/**
 * The board as one person may see it, computed on the server for each viewer so that what they
 * must not see never leaves it: held and hidden ideas reach only their author and staff; in an
 * anonymous session peers never receive who wrote what (not even an id; staff always see it);
 * with "hide until revealed", peers see only their own ideas until the facilitator reveals them;
 * in 1-2-4-All, pairs and fours see their own small board until the whole group shares. Vote
 * totals appear once voting has closed. Removed comments reach nobody; why something was kept
 * hidden reaches only its author and staff.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import {
	users,
	workshopComments,
	workshopGroups,
	workshopIdeas,
	workshopParticipants,
	workshopThemes,
	workshopVotes,
	workshops,
	type Workshop,
	type WorkshopComment,
	type WorkshopIdea
} from '../db/schema';
import type { Role } from '../db/schema/users';
import { can, isStaff, STAFF_ROLES } from '../policy';
import type {
	BoardView,
	ColumnKey,
	CommentView,
	IdeaView,
	InfluenceKey,
	PhaseKey,
	StageKey,
	TemplateKey,
	VoteProgress
} from '../../workshops';
import { isFacilitator } from './access';

/** 1-2-4-All's pairs or fours, while the session is sharing in them. */
export function smallGroupStage(workshop: Workshop): 'pairs' | 'fours' | null {
	if (workshop.phase !== 'gathering') return null;
	return workshop.stage === 'pairs' || workshop.stage === 'fours' ? workshop.stage : null;
}

/** The 1-2-4-All group this person is in for the current stage, if any. */
export async function currentGroup(db: Database, workshop: Workshop, userId: number) {
	const stage = smallGroupStage(workshop);
	if (!stage) return null;
	const [group] = await db
		.select()
		.from(workshopGroups)
		.where(
			and(
				eq(workshopGroups.workshopId, workshop.id),
				eq(workshopGroups.stage, stage),
				sql`${userId} = any(${workshopGroups.memberIds})`
			)
		);
	return group ?? null;
}

/**
 * May this person see the idea now (before writing about it: a comment, a vote)? The same rule
 * as their board, so nobody acts on an idea their board does not show them.
 */
export async function maySeeNow(
	db: Database,
	workshop: Workshop,
	user: CurrentUser,
	idea: IdeaVisibility
): Promise<boolean> {
	const staff = isStaff(user);
	const group = staff ? null : await currentGroup(db, workshop, user.id);
	return maySee(workshop, { id: user.id, staff, group: group?.memberIds ?? null }, idea);
}

/** Which ideas of others a peer may see now. */
function peersSee(workshop: Workshop, group: readonly number[] | null) {
	if (workshop.hideUntilReveal && !workshop.revealedAt) return 'own' as const;
	if (workshop.template === 'one_two_four_all' && workshop.phase === 'gathering') {
		if (workshop.stage === 'alone' || workshop.stage === null) return 'own' as const;
		if (workshop.stage !== 'all') return group === null ? ('own' as const) : ('group' as const);
	}
	return 'all' as const;
}

/** Who is looking at the board, as far as what they may see goes. */
export interface Viewer {
	id: number;
	staff: boolean;
	/** Who is in their 1-2-4-All pair or four now (them included), if any. */
	group: readonly number[] | null;
}

export interface IdeaRow {
	idea: WorkshopIdea;
	authorName: string | null;
	authorRoles: Role[] | null;
}

export interface CommentRow {
	comment: WorkshopComment;
	authorName: string | null;
}

/** What decides who may see an idea (besides the session and the viewer). */
export type IdeaVisibility = Pick<WorkshopIdea, 'mergedIntoId' | 'status' | 'authorId'>;

/** Whether this viewer may see this idea now: the one rule for the board and its live updates. */
export function maySee(workshop: Workshop, viewer: Viewer, idea: IdeaVisibility): boolean {
	if (idea.mergedIntoId !== null || idea.status === 'deleted') return false;
	if (viewer.staff || idea.authorId === viewer.id) return true;
	if (idea.status !== 'published') return false;
	const scope = peersSee(workshop, viewer.group);
	if (scope === 'own') return false;
	// A pair or four shares what its people thought, alone and together.
	if (scope === 'group') return idea.authorId !== null && viewer.group!.includes(idea.authorId);
	return true;
}

/**
 * An idea as this viewer may see it (call only when `maySee`): who wrote it only for staff or in
 * a session that is not anonymous, held comments only for staff and their writer, vote totals only
 * once voting has closed.
 */
export function ideaView(
	workshop: Workshop,
	viewer: Viewer,
	{ idea, authorName, authorRoles }: IdeaRow,
	comments: CommentRow[],
	votes: number | null
): IdeaView {
	const showAuthors = viewer.staff || !workshop.anonymous;
	const own = idea.authorId === viewer.id;
	return {
		id: idea.id,
		body: idea.body,
		column: idea.column as ColumnKey | null,
		themeId: idea.themeId,
		groupId: viewer.staff || own ? idea.groupId : null,
		status: idea.status as IdeaView['status'],
		author:
			showAuthors && idea.authorId !== null
				? {
						id: idea.authorId,
						name: authorName ?? 'Former member',
						staff: (authorRoles ?? []).some((r) => STAFF_ROLES.includes(r))
					}
				: null,
		own,
		hiddenReason: idea.status === 'hidden' ? idea.hiddenReason : null,
		comments: comments
			.filter(
				({ comment }) =>
					comment.status !== 'deleted' &&
					(viewer.staff || comment.status === 'published' || comment.authorId === viewer.id)
			)
			.map(({ comment, authorName }) => ({
				id: comment.id,
				body: comment.body,
				author: showAuthors ? (authorName ?? 'Former member') : null,
				own: comment.authorId === viewer.id,
				status: comment.status as CommentView['status'],
				hiddenReason: comment.status === 'hidden' ? comment.hiddenReason : null
			})),
		votes: workshop.votingClosedAt !== null ? (votes ?? 0) : null,
		createdAt: idea.createdAt.toISOString()
	};
}

const ideaColumns = {
	idea: workshopIdeas,
	authorName: users.username,
	authorRoles: users.roles
};

/** The session's ideas still on the board (or one of them), with who wrote them. */
export function ideaRows(db: Database, workshopId: number, ideaId?: number): Promise<IdeaRow[]> {
	return db
		.select(ideaColumns)
		.from(workshopIdeas)
		.leftJoin(users, eq(users.id, workshopIdeas.authorId))
		.where(
			and(
				eq(workshopIdeas.workshopId, workshopId),
				ideaId === undefined ? isNull(workshopIdeas.mergedIntoId) : eq(workshopIdeas.id, ideaId),
				ideaId === undefined ? sql`${workshopIdeas.status} <> 'deleted'` : undefined
			)
		)
		.orderBy(asc(workshopIdeas.id));
}

/** The comments on these ideas, oldest first, with who wrote them. */
export function commentRows(db: Database, ideaIds: number[]): Promise<CommentRow[]> {
	if (!ideaIds.length) return Promise.resolve([]);
	return db
		.select({ comment: workshopComments, authorName: users.username })
		.from(workshopComments)
		.leftJoin(users, eq(users.id, workshopComments.authorId))
		.where(inArray(workshopComments.ideaId, ideaIds))
		.orderBy(asc(workshopComments.id));
}

/** Vote totals per idea, once voting has closed (before that nobody sees them). */
export async function voteTotals(
	db: Database,
	workshop: Workshop,
	ideaIds: number[]
): Promise<Map<number, number>> {
	if (workshop.votingClosedAt === null || !ideaIds.length) return new Map();
	const rows = await db
		.select({ ideaId: workshopVotes.ideaId, n: sql<number>`count(*)::int` })
		.from(workshopVotes)
		.where(inArray(workshopVotes.ideaId, ideaIds))
		.groupBy(workshopVotes.ideaId);
	return new Map(rows.map((r) => [r.ideaId, r.n]));
}

/** How many votes have been cast so far, and by how many people (never for which idea). */
export async function voteProgress(db: Database, workshopId: number): Promise<VoteProgress> {
	const [progress] = await db
		.select({
			cast: sql<number>`count(*)::int`,
			voters: sql<number>`count(distinct ${workshopVotes.userId})::int`
		})
		.from(workshopVotes)
		.where(eq(workshopVotes.workshopId, workshopId));
	return progress;
}

/** The pairs or fours of the current 1-2-4-All stage, by member: who is in it, by id and name. */
export type GroupsNow = Map<number, { id: number; memberIds: number[]; names: string[] }>;

export async function groupsNow(db: Database, workshop: Workshop): Promise<GroupsNow> {
	const groupOf: GroupsNow = new Map();
	const stage = smallGroupStage(workshop);
	if (!stage) return groupOf;
	const groups = await db
		.select({ id: workshopGroups.id, memberIds: workshopGroups.memberIds })
		.from(workshopGroups)
		.where(and(eq(workshopGroups.workshopId, workshop.id), eq(workshopGroups.stage, stage)));
	const everyone = groups.flatMap((g) => g.memberIds);
	const names = new Map(
		everyone.length
			? (
					await db
						.select({ id: users.id, username: users.username })
						.from(users)
						.where(inArray(users.id, everyone))
				).map((u) => [u.id, u.username])
			: []
	);
	for (const { id, memberIds } of groups) {
		const group = { id, memberIds, names: memberIds.map((m) => names.get(m) ?? 'Former member') };
		for (const member of memberIds) groupOf.set(member, group);
	}
	return groupOf;
}

/**
 * The database's clock now, in milliseconds. Taken just before reading a board or an idea, it
 * orders what was read: a later stamp saw everything an earlier one did (and more), so a browser
 * can drop an update older than what it already shows, whatever order they arrive in.
 */
export async function readStamp(db: Database, workshopId: number): Promise<number> {
	const [row] = await db
		.select({ at: sql<number>`(extract(epoch from clock_timestamp()) * 1000)::float8` })
		.from(workshops)
		.where(eq(workshops.id, workshopId));
	return Number(row?.at ?? Date.now());
}

/**
 * Everything a session's boards are made from, read once: one person's board (`loadBoard`) or
 * everyone's at once when what they may see changes (live.ts), with no query per person.
 */
export interface BoardSource {
	/** When it was read (`readStamp`). */
	at: number;
	workshop: Workshop;
	rows: IdeaRow[];
	commentsOf: Map<number, CommentRow[]>;
	totals: Map<number, number>;
	votesOf: Map<number, number[]>;
	/** Ideas as any peer, or any member of staff, not involved in them sees them (made once). */
	peerViews: Map<number, IdeaView>;
	staffViews: Map<number, IdeaView>;
	themes: BoardView['themes'];
	participants: number;
	progress: VoteProgress;
	groups: GroupsNow;
}

export async function boardSource(db: Database, workshop: Workshop): Promise<BoardSource> {
	const at = await readStamp(db, workshop.id);
	const [rows, votes, themes, [{ participants }], progress, groups] = await Promise.all([
		ideaRows(db, workshop.id),
		db
			.select({ userId: workshopVotes.userId, ideaId: workshopVotes.ideaId })
			.from(workshopVotes)
			.where(eq(workshopVotes.workshopId, workshop.id))
			.orderBy(asc(workshopVotes.userId), asc(workshopVotes.slot)),
		themesOf(db, workshop.id),
		db
			.select({ participants: sql<number>`count(*)::int` })
			.from(workshopParticipants)
			.where(
				and(
					eq(workshopParticipants.workshopId, workshop.id),
					sql`${workshopParticipants.joinedAt} is not null`
				)
			),
		voteProgress(db, workshop.id),
		groupsNow(db, workshop)
	]);
	const ids = rows.map((r) => r.idea.id);
	const [comments, totals] = await Promise.all([
		commentRows(db, ids),
		voteTotals(db, workshop, ids)
	]);
	return {
		at,
		workshop,
		rows,
		commentsOf: groupBy(comments, (c) => c.comment.ideaId),
		totals,
		votesOf: new Map(
			[...groupBy(votes, (v) => v.userId)].map(([userId, v]) => [userId, v.map((x) => x.ideaId)])
		),
		peerViews: new Map(),
		staffViews: new Map(),
		themes,
		participants,
		progress,
		groups
	};
}

function groupBy<T>(items: T[], key: (item: T) => number): Map<number, T[]> {
	const groups = new Map<number, T[]>();
	for (const item of items) {
		const list = groups.get(key(item));
		if (list) list.push(item);
		else groups.set(key(item), [item]);
	}
	return groups;
}

/**
 * An idea as this viewer sees it. An idea that is not theirs and has no comment of theirs looks
 * the same to every peer (and to every member of staff), so when everyone's board is made at once
 * it is made once per kind of viewer, not once per person.
 */
function viewOf(source: BoardSource, viewer: Viewer, row: IdeaRow): IdeaView {
	const comments = source.commentsOf.get(row.idea.id) ?? [];
	const make = (as: Viewer) =>
		ideaView(source.workshop, as, row, comments, source.totals.get(row.idea.id) ?? null);
	const involved =
		row.idea.authorId === viewer.id || comments.some((c) => c.comment.authorId === viewer.id);
	if (involved) return make(viewer);
	const shared = viewer.staff ? source.staffViews : source.peerViews;
	let view = shared.get(row.idea.id);
	if (!view) shared.set(row.idea.id, (view = make({ id: 0, staff: viewer.staff, group: null })));
	return view;
}

/** One person's board, from what was read for everyone. */
export function boardFor(source: BoardSource, user: CurrentUser): BoardView {
	const { workshop } = source;
	const group = source.groups.get(user.id) ?? null;
	const viewer: Viewer = { id: user.id, staff: isStaff(user), group: group?.memberIds ?? null };
	return {
		at: source.at,
		workshop: workshopView(workshop),
		themes: source.themes,
		ideas: source.rows
			.filter((row) => maySee(workshop, viewer, row.idea))
			.map((row) => viewOf(source, viewer, row)),
		myVotes: source.votesOf.get(user.id) ?? [],
		myGroup: group
			? {
					id: group.id,
					size: group.memberIds.length,
					members: viewer.staff || !workshop.anonymous ? group.names : []
				}
			: null,
		facilitator: isFacilitator(user),
		reviewer: can(user, 'moderation.act'),
		participants: source.participants,
		votes: source.progress
	};
}

export async function loadBoard(
	db: Database,
	user: CurrentUser,
	workshop: Workshop
): Promise<BoardView> {
	return boardFor(await boardSource(db, workshop), user);
}

/** The session itself as everyone on its board sees it (the same for everyone). */
export function workshopView(workshop: Workshop): BoardView['workshop'] {
	return {
		id: workshop.id,
		title: workshop.title,
		questions: workshop.questions,
		backgroundHtml: workshop.backgroundHtml,
		partner: workshop.partner,
		influence: workshop.influence as InfluenceKey,
		template: workshop.template as TemplateKey,
		phase: workshop.phase as PhaseKey,
		stage: workshop.stage as StageKey | null,
		phaseEndsAt: workshop.phaseEndsAt?.toISOString() ?? null,
		startsAt: workshop.startsAt.toISOString(),
		anonymous: workshop.anonymous,
		hidden: workshop.hideUntilReveal && !workshop.revealedAt,
		votesPerPerson: workshop.votesPerPerson,
		selfVote: workshop.selfVote,
		contentWarning: workshop.contentWarning,
		chatRoomId: workshop.chatRoomId,
		votingClosed: workshop.votingClosedAt !== null
	};
}

/**
 * What decides which of others' ideas peers see (hidden until revealed; 1-2-4-All's stage while
 * sharing): when it changes, everyone's board must be fetched again.
 */
export function visibilityOf(workshop: Workshop): string {
	const hidden = workshop.hideUntilReveal && !workshop.revealedAt;
	const smallBoards = workshop.template === 'one_two_four_all' && workshop.phase === 'gathering';
	return `${hidden}:${smallBoards ? workshop.stage : 'all'}`;
}

/** The session's themes in board order. */
export function themesOf(db: Database, workshopId: number) {
	return db
		.select({ id: workshopThemes.id, name: workshopThemes.name })
		.from(workshopThemes)
		.where(eq(workshopThemes.workshopId, workshopId))
		.orderBy(asc(workshopThemes.position), asc(workshopThemes.id));
}
