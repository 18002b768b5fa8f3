/**
 * After an idea session: who may see it and its results, the themes and ideas ranked by dot
 * votes, the CSV export for staff and the printable summary for partners.
 *
 * Ranking counts only published ideas that are not merged duplicates; a duplicate's votes (and
 * comments) count for the idea it was merged into (following a chain of merges to its end).
 * Held, hidden and deleted ideas are never ranked or shown to members; staff who run sessions
 * see held and hidden ones listed apart.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import {
	users,
	workshopComments,
	workshopIdeas,
	workshopParticipants,
	workshops,
	workshopThemes,
	workshopVotes,
	type Workshop
} from '../db/schema';
import { NotFoundError } from '../errors';
import { authorise, can, NotAllowedError } from '../policy';
import { ANONYMOUS_AUTHOR, NO_THEME, RESULTS_CSV_COLUMNS } from '../../workshop-outcomes';

export const NO_SUCH_SESSION = 'That idea session does not exist, or you cannot see it.';
export const RESULTS_NOT_YET =
	'The results are shared with everyone who took part once the session has closed.';
/** Shown instead of the name of an author whose account has gone. */
export const FORMER_MEMBER = 'a former member';

type Participant = typeof workshopParticipants.$inferSelect;

export interface WorkshopAccess {
	workshop: Workshop;
	participant: Participant | null;
	/** Runs idea sessions (sees everything, exports). */
	runs: boolean;
	/** Took part: joined at some point, or was invited by name. */
	tookPart: boolean;
}

/** The session and this person's relation to it; not found if they may not see it at all. */
export async function loadWorkshopAccess(
	db: Database,
	user: CurrentUser,
	workshopId: number
): Promise<WorkshopAccess> {
	const [row] = await db
		.select({ workshop: workshops, participant: workshopParticipants })
		.from(workshops)
		.leftJoin(
			workshopParticipants,
			and(
				eq(workshopParticipants.workshopId, workshops.id),
				eq(workshopParticipants.userId, user.id)
			)
		)
		.where(eq(workshops.id, workshopId));
	if (!row) throw new NotFoundError(NO_SUCH_SESSION);
	const runs = can(user, 'workshops.run');
	const { workshop, participant } = row;
	const tookPart = Boolean(participant && (participant.joinedAt || participant.invited));
	const access: WorkshopAccess = { workshop, participant, runs, tookPart };
	if (!maySeeSession(user, access)) throw new NotFoundError(NO_SUCH_SESSION);
	return access;
}

/**
 * May this person see the session at all (its outcomes trail)? Staff who run sessions always;
 * members once it is no longer a draft: any member for an open session, and the people invited
 * or who joined for an invite-only one.
 */
export function maySeeSession(user: CurrentUser, access: WorkshopAccess): boolean {
	if (access.runs) return true;
	if (!can(user, 'workshops.join')) return false;
	if (access.workshop.phase === 'draft') return false;
	return access.workshop.access === 'members' || access.tookPart;
}

/** Results: staff who run sessions at any time; the people who took part once it has closed. */
export function assertMaySeeResults(access: WorkshopAccess): void {
	if (access.runs) return;
	if (access.workshop.phase !== 'closed' || !access.tookPart)
		throw new NotAllowedError(RESULTS_NOT_YET);
}

export interface RankedIdea {
	id: number;
	rank: number;
	body: string;
	themeId: number | null;
	theme: string;
	votes: number;
	comments: number;
	/** Duplicates merged into this idea. */
	merged: number;
	/** The author's pseudonym as this viewer may see it: null when hidden from them. */
	author: string | null;
	/** For staff: the author's pseudonym even in an anonymous session (safety rule 9). */
	authorId: number | null;
}

export interface RankedTheme {
	id: number | null;
	name: string;
	votes: number;
	ideas: RankedIdea[];
}

export interface SetAsideIdea {
	id: number;
	body: string;
	status: 'held' | 'hidden';
	votes: number;
	author: string | null;
}

export interface SessionResults {
	workshop: Pick<
		Workshop,
		'id' | 'title' | 'questions' | 'partner' | 'anonymous' | 'phase' | 'startsAt' | 'influence'
	>;
	/** Ranked by votes, most first (equal votes share a rank). */
	ideas: RankedIdea[];
	/** Themes by their ideas' votes, ideas without a theme last under "No theme". */
	themes: RankedTheme[];
	/** Staff only: held or hidden ideas, never shown to members. */
	setAside: SetAsideIdea[];
	/** Numbers only, never who. */
	counts: { joined: number; contributed: number; voted: number; ideas: number; votes: number };
}

interface IdeaRow {
	id: number;
	body: string;
	status: string;
	themeId: number | null;
	mergedIntoId: number | null;
	authorId: number | null;
	authorName: string | null;
	createdAt: Date;
}

/** Where a (chain of) merge(s) ends: the idea that carries the votes. */
function rootOf(byId: Map<number, IdeaRow>, id: number): IdeaRow | null {
	let idea = byId.get(id) ?? null;
	const seen = new Set<number>();
	while (idea?.mergedIntoId != null && !seen.has(idea.id)) {
		seen.add(idea.id);
		idea = byId.get(idea.mergedIntoId) ?? null;
	}
	return idea;
}

/** Standard competition ranking: 1, 2, 2, 4. */
function withRanks<T extends { votes: number; rank: number }>(sorted: T[]): T[] {
	sorted.forEach((item, i) => {
		item.rank = i > 0 && sorted[i - 1].votes === item.votes ? sorted[i - 1].rank : i + 1;
	});
	return sorted;
}

/**
 * The session's results as this viewer may see them (access already checked). `runs` shows
 * authors even in an anonymous session and lists held and hidden ideas apart; `hideAuthors`
 * names nobody (for partners).
 */
export async function computeResults(
	db: Database,
	workshop: Workshop,
	runs: boolean,
	options: { hideAuthors?: boolean } = {}
): Promise<SessionResults> {
	const [ideaRows, themeRows, voteRows, commentRows, people] = await Promise.all([
		db
			.select({
				id: workshopIdeas.id,
				body: workshopIdeas.body,
				status: workshopIdeas.status,
				themeId: workshopIdeas.themeId,
				mergedIntoId: workshopIdeas.mergedIntoId,
				authorId: workshopIdeas.authorId,
				authorName: users.username,
				createdAt: workshopIdeas.createdAt
			})
			.from(workshopIdeas)
			.leftJoin(users, eq(users.id, workshopIdeas.authorId))
			.where(eq(workshopIdeas.workshopId, workshop.id)),
		db
			.select()
			.from(workshopThemes)
			.where(eq(workshopThemes.workshopId, workshop.id))
			.orderBy(workshopThemes.position, workshopThemes.id),
		db
			.select({ ideaId: workshopVotes.ideaId, n: sql<number>`count(*)::int` })
			.from(workshopVotes)
			.where(eq(workshopVotes.workshopId, workshop.id))
			.groupBy(workshopVotes.ideaId),
		db
			.select({ ideaId: workshopComments.ideaId, n: sql<number>`count(*)::int` })
			.from(workshopComments)
			.innerJoin(workshopIdeas, eq(workshopIdeas.id, workshopComments.ideaId))
			.where(
				and(eq(workshopIdeas.workshopId, workshop.id), eq(workshopComments.status, 'published'))
			)
			.groupBy(workshopComments.ideaId),
		takingPartCounts(db, workshop.id)
	]);

	const byId = new Map(ideaRows.map((idea) => [idea.id, idea]));
	const themeName = new Map(themeRows.map((t) => [t.id, t.name]));
	const votes = new Map<number, number>();
	const comments = new Map<number, number>();
	const merged = new Map<number, number>();
	const credit = (totals: Map<number, number>, ideaId: number, n: number) => {
		const root = rootOf(byId, ideaId);
		if (root) totals.set(root.id, (totals.get(root.id) ?? 0) + n);
	};
	for (const v of voteRows) credit(votes, v.ideaId, v.n);
	for (const c of commentRows) credit(comments, c.ideaId, c.n);
	for (const idea of ideaRows)
		if (idea.mergedIntoId != null && idea.status !== 'deleted') credit(merged, idea.id, 1);

	const authorFor = (idea: IdeaRow): string | null => {
		if (options.hideAuthors || (!runs && workshop.anonymous)) return null;
		return idea.authorName ?? FORMER_MEMBER;
	};

	const ranked: RankedIdea[] = ideaRows
		.filter((idea) => idea.status === 'published' && idea.mergedIntoId == null)
		.map((idea) => ({
			id: idea.id,
			rank: 0,
			body: idea.body,
			themeId: idea.themeId != null && themeName.has(idea.themeId) ? idea.themeId : null,
			theme: (idea.themeId != null && themeName.get(idea.themeId)) || NO_THEME,
			votes: votes.get(idea.id) ?? 0,
			comments: comments.get(idea.id) ?? 0,
			merged: merged.get(idea.id) ?? 0,
			author: authorFor(idea),
			authorId: runs ? idea.authorId : null
		}))
		.sort((a, b) => b.votes - a.votes || b.comments - a.comments || a.id - b.id);
	withRanks(ranked);

	const themes: RankedTheme[] = themeRows.map((t) => ({
		id: t.id,
		name: t.name,
		votes: 0,
		ideas: []
	}));
	const unthemed: RankedTheme = { id: null, name: NO_THEME, votes: 0, ideas: [] };
	const themeById = new Map(themes.map((t) => [t.id, t]));
	for (const idea of ranked) {
		const theme = (idea.themeId != null && themeById.get(idea.themeId)) || unthemed;
		theme.ideas.push(idea);
		theme.votes += idea.votes;
	}
	const orderedThemes = themes
		.filter((t) => t.ideas.length > 0)
		.sort((a, b) => b.votes - a.votes || b.ideas.length - a.ideas.length);
	if (unthemed.ideas.length) orderedThemes.push(unthemed);

	const setAside: SetAsideIdea[] = runs
		? ideaRows
				.filter(
					(idea): idea is IdeaRow & { status: 'held' | 'hidden' } =>
						(idea.status === 'held' || idea.status === 'hidden') && idea.mergedIntoId == null
				)
				.map((idea) => ({
					id: idea.id,
					body: idea.body,
					status: idea.status,
					votes: votes.get(idea.id) ?? 0,
					author: idea.authorName ?? FORMER_MEMBER
				}))
				.sort((a, b) => a.id - b.id)
		: [];

	return {
		workshop: {
			id: workshop.id,
			title: workshop.title,
			questions: workshop.questions,
			partner: workshop.partner,
			anonymous: workshop.anonymous,
			phase: workshop.phase,
			startsAt: workshop.startsAt,
			influence: workshop.influence
		},
		ideas: ranked,
		themes: orderedThemes,
		setAside,
		counts: {
			...people,
			ideas: ranked.length,
			votes: ranked.reduce((sum, idea) => sum + idea.votes, 0)
		}
	};
}

/** How many joined, wrote something (an idea or a comment) and voted: numbers, never names. */
async function takingPartCounts(db: Database, workshopId: number) {
	const [row] = await db
		.select({
			joined: sql<number>`(select count(*)::int from ${workshopParticipants}
				where ${workshopParticipants.workshopId} = ${workshopId}
				and ${workshopParticipants.joinedAt} is not null)`,
			contributed: sql<number>`(select count(distinct a)::int from (
				select ${workshopIdeas.authorId} as a from ${workshopIdeas}
					where ${workshopIdeas.workshopId} = ${workshopId}
				union
				select c.author_id from workshop_comments c
					join workshop_ideas i on i.id = c.idea_id
					where i.workshop_id = ${workshopId}
			) authors where a is not null)`,
			voted: sql<number>`(select count(distinct ${workshopVotes.userId})::int from ${workshopVotes}
				where ${workshopVotes.workshopId} = ${workshopId})`
		})
		.from(sql`(select 1) one`);
	return { joined: row.joined, contributed: row.contributed, voted: row.voted };
}

/** The results page: staff who run sessions, and people who took part once it has closed. */
export async function sessionResults(
	db: Database,
	user: CurrentUser,
	workshopId: number
): Promise<SessionResults & { runs: boolean }> {
	const access = await loadWorkshopAccess(db, user, workshopId);
	assertMaySeeResults(access);
	return { ...(await computeResults(db, access.workshop, access.runs)), runs: access.runs };
}

/** The printable summary for partners: staff who run sessions. */
export async function sessionSummary(db: Database, user: CurrentUser, workshopId: number) {
	authorise(user, 'workshops.run', 'Only staff who run idea sessions can print their summary.');
	const access = await loadWorkshopAccess(db, user, workshopId);
	// Partners get what members may see: no authors, nothing held or hidden.
	return computeResults(db, access.workshop, false, { hideAuthors: true });
}

/**
 * A spreadsheet cell: text that a spreadsheet would run as a formula (starting with = + - @, or
 * a tab or carriage return that some programs skip first) gets a leading apostrophe, then
 * anything with a comma, quote or line break is quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
	let text = value == null ? '' : String(value);
	if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows to CSV: a byte-order mark (so spreadsheets read it as UTF-8) and CRLF line endings. */
export function toCsv(rows: (string | number | null | undefined)[][]): string {
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name made from the session's title: letters, digits and dashes. */
export function csvFileName(workshop: Pick<Workshop, 'id' | 'title'>, what: string): string {
	const slug = workshop.title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 50);
	return `idea-session-${workshop.id}${slug ? `-${slug}` : ''}-${what}.csv`;
}

/**
 * The ranked ideas as CSV (staff who run sessions): rank, idea, theme, votes, comments, author
 * ("anonymous" for every idea of an anonymous session). Audited: it leaves the site.
 */
export async function resultsCsv(db: Database, user: CurrentUser, workshopId: number) {
	authorise(user, 'workshops.run', 'Only staff who run idea sessions can download the results.');
	const access = await loadWorkshopAccess(db, user, workshopId);
	const results = await computeResults(db, access.workshop, true);
	const rows = results.ideas.map((idea) => [
		idea.rank,
		idea.body,
		idea.theme,
		idea.votes,
		idea.comments,
		access.workshop.anonymous ? ANONYMOUS_AUTHOR : idea.author
	]);
	await recordAudit(db, {
		actorId: user.id,
		action: 'workshop.results.export',
		targetType: 'workshop',
		targetId: workshopId,
		details: { ideas: rows.length }
	});
	return {
		fileName: csvFileName(access.workshop, 'results'),
		csv: toCsv([[...RESULTS_CSV_COLUMNS], ...rows])
	};
}
