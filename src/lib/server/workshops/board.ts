/**
 * The board as one person may see it, computed on the server for each viewer so that what they
 * must not see never leaves it: held and hidden ideas reach only their author and staff; in an
 * anonymous session peers never receive who wrote what (not even an id; staff always see it);
 * with "hide until revealed", peers see only their own ideas until the facilitator reveals them;
 * in 1-2-4-All, pairs and fours see their own small board until the whole group shares. Vote
 * totals appear once voting has closed.
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
	type Workshop
} from '../db/schema';
import { isStaff, STAFF_ROLES } from '../policy';
import type {
	BoardView,
	ColumnKey,
	IdeaView,
	InfluenceKey,
	PhaseKey,
	StageKey,
	TemplateKey
} from '../../workshops';
import { isFacilitator } from './access';

/** The 1-2-4-All group this person is in for the current stage, if any. */
export async function currentGroup(db: Database, workshop: Workshop, userId: number) {
	if (workshop.phase !== 'gathering' || (workshop.stage !== 'pairs' && workshop.stage !== 'fours'))
		return null;
	const [group] = await db
		.select()
		.from(workshopGroups)
		.where(
			and(
				eq(workshopGroups.workshopId, workshop.id),
				eq(workshopGroups.stage, workshop.stage),
				sql`${userId} = any(${workshopGroups.memberIds})`
			)
		);
	return group ?? null;
}

/** Which ideas of others a peer may see now. */
function peersSee(workshop: Workshop, groupId: number | null) {
	if (workshop.hideUntilReveal && !workshop.revealedAt) return 'own' as const;
	if (workshop.template === 'one_two_four_all' && workshop.phase === 'gathering') {
		if (workshop.stage === 'alone' || workshop.stage === null) return 'own' as const;
		if (workshop.stage !== 'all') return groupId === null ? ('own' as const) : groupId;
	}
	return 'all' as const;
}

export async function loadBoard(
	db: Database,
	viewer: CurrentUser,
	workshop: Workshop
): Promise<BoardView> {
	const staff = isStaff(viewer);
	const group = await currentGroup(db, workshop, viewer.id);
	const scope = staff ? 'all' : peersSee(workshop, group?.id ?? null);

	const rows = await db
		.select({
			idea: workshopIdeas,
			authorName: users.username,
			authorRoles: users.roles
		})
		.from(workshopIdeas)
		.leftJoin(users, eq(users.id, workshopIdeas.authorId))
		.where(
			and(
				eq(workshopIdeas.workshopId, workshop.id),
				isNull(workshopIdeas.mergedIntoId),
				sql`${workshopIdeas.status} <> 'deleted'`
			)
		)
		.orderBy(asc(workshopIdeas.id));
	const visible = rows.filter(({ idea }) => {
		if (staff || idea.authorId === viewer.id) return true;
		if (idea.status !== 'published') return false;
		if (scope === 'own') return false;
		if (typeof scope === 'number') return idea.groupId === scope;
		return true;
	});
	const ids = visible.map((r) => r.idea.id);
	const votingClosed = workshop.votingClosedAt !== null;
	const [comments, totals, mine, themes, [{ participants }], groupNames] = await Promise.all([
		ids.length
			? db
					.select({
						comment: workshopComments,
						authorName: users.username
					})
					.from(workshopComments)
					.leftJoin(users, eq(users.id, workshopComments.authorId))
					.where(inArray(workshopComments.ideaId, ids))
					.orderBy(asc(workshopComments.id))
			: Promise.resolve([]),
		votingClosed && ids.length
			? db
					.select({ ideaId: workshopVotes.ideaId, n: sql<number>`count(*)::int` })
					.from(workshopVotes)
					.where(inArray(workshopVotes.ideaId, ids))
					.groupBy(workshopVotes.ideaId)
			: Promise.resolve([]),
		db
			.select({ ideaId: workshopVotes.ideaId })
			.from(workshopVotes)
			.where(and(eq(workshopVotes.workshopId, workshop.id), eq(workshopVotes.userId, viewer.id)))
			.orderBy(asc(workshopVotes.slot)),
		db
			.select({ id: workshopThemes.id, name: workshopThemes.name })
			.from(workshopThemes)
			.where(eq(workshopThemes.workshopId, workshop.id))
			.orderBy(asc(workshopThemes.position), asc(workshopThemes.id)),
		db
			.select({ participants: sql<number>`count(*)::int` })
			.from(workshopParticipants)
			.where(
				and(
					eq(workshopParticipants.workshopId, workshop.id),
					sql`${workshopParticipants.joinedAt} is not null`
				)
			),
		group
			? db
					.select({ username: users.username })
					.from(users)
					.where(inArray(users.id, group.memberIds))
			: Promise.resolve([])
	]);
	const showAuthors = staff || !workshop.anonymous;
	const votes = new Map(totals.map((t) => [t.ideaId, t.n]));
	const ideas: IdeaView[] = visible.map(({ idea, authorName, authorRoles }) => ({
		id: idea.id,
		body: idea.body,
		column: idea.column as ColumnKey | null,
		themeId: idea.themeId,
		groupId: staff || idea.authorId === viewer.id ? idea.groupId : null,
		status: idea.status as IdeaView['status'],
		author:
			showAuthors && idea.authorId !== null
				? {
						id: idea.authorId,
						name: authorName ?? 'Former member',
						staff: (authorRoles ?? []).some((r) => STAFF_ROLES.includes(r))
					}
				: null,
		own: idea.authorId === viewer.id,
		comments: comments
			.filter(
				(c) =>
					c.comment.ideaId === idea.id &&
					(staff || c.comment.status === 'published' || c.comment.authorId === viewer.id)
			)
			.map((c) => ({
				id: c.comment.id,
				body: c.comment.body,
				author: showAuthors ? (c.authorName ?? 'Former member') : null,
				own: c.comment.authorId === viewer.id,
				held: c.comment.status !== 'published'
			})),
		votes: votingClosed ? (votes.get(idea.id) ?? 0) : null,
		createdAt: idea.createdAt.toISOString()
	}));
	return {
		workshop: {
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
			votingClosed
		},
		themes,
		ideas,
		myVotes: mine.map((v) => v.ideaId),
		myGroup: group ? { id: group.id, members: groupNames.map((g) => g.username) } : null,
		facilitator: isFacilitator(viewer),
		participants
	};
}
