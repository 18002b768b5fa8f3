/**
 * Telling the people on a session's board what changed, after the change is committed.
 *
 * An idea goes to each connection as that person may see it, decided by the same rule as the
 * whole board (board.ts: `maySee`, `ideaView`), so anonymity, held ideas, hide-until-revealed and
 * 1-2-4-All's small boards hold over the socket too: someone who may not see it is sent nothing,
 * or only that an idea they could see is gone. A new phase is the same for everyone; what changes
 * what people may see (a reveal, a 1-2-4-All stage) sends each person their whole board, all made
 * from one read.
 */
import type { Database } from '../db';
import type { Workshop } from '../db/schema';
import { log } from '../log';
import { isStaff } from '../policy';
import { publisher } from '../realtime/publisher';
import {
	WORKSHOP_EVENTS,
	type ChangedEvent,
	type IdeaEvent,
	type IdeaGoneEvent,
	type MyVotesEvent,
	type ThemesEvent,
	type VotesEvent
} from '../../workshops';
import { loadWorkshop } from './access';
import {
	boardFor,
	boardSource,
	commentRows,
	groupsNow,
	ideaRows,
	ideaView,
	maySee,
	readStamp,
	type IdeaVisibility,
	themesOf,
	visibilityOf,
	voteProgress,
	voteTotals,
	workshopView
} from './board';

const audience = (workshopId: number) => `workshop:${workshopId}` as const;

/**
 * When an announcement cannot be made (the database did not answer after the change was
 * committed), everyone on the board is told to fetch it, so nobody is left with a stale board.
 */
function askToFetch(workshopId: number, error: unknown, what: string) {
	log.warn({ err: error, workshopId }, `could not announce ${what}; asking boards to fetch`);
	const event: ChangedEvent = { workshopId };
	publisher().publish(audience(workshopId), WORKSHOP_EVENTS.changed, event);
}

/**
 * What people may see changed (a stage, a reveal): each person on the board is sent their whole
 * board, made from one read for everyone. If that read fails, they are told to fetch it.
 */
export async function announceBoardChange(db: Database, workshopId: number): Promise<void> {
	try {
		const source = await boardSource(db, await loadWorkshop(db, workshopId));
		await publisher().publishEach(audience(workshopId), (user) => {
			const event: ChangedEvent = { workshopId, board: boardFor(source, user) };
			return { event: WORKSHOP_EVENTS.changed, payload: event };
		});
	} catch (error) {
		askToFetch(workshopId, error, 'the boards');
	}
}

/**
 * The session moved to another phase. Unless that changes what people may see (ideas revealed
 * for grouping or voting, 1-2-4-All's small boards ending), everyone is sent only the session as
 * it now is, and on closing every idea's vote total.
 */
export async function announcePhase(db: Database, before: Workshop, after: Workshop) {
	if (visibilityOf(before) !== visibilityOf(after)) return announceBoardChange(db, after.id);
	const event: ChangedEvent = { workshopId: after.id, workshop: workshopView(after) };
	try {
		if (after.votingClosedAt && !before.votingClosedAt) {
			// Only published ideas take votes, and once voting is over every peer sees them all.
			const published = (await ideaRows(db, after.id)).filter((r) => r.idea.status === 'published');
			const totals = await voteTotals(
				db,
				after,
				published.map((r) => r.idea.id)
			);
			event.totals = Object.fromEntries(totals);
		}
	} catch (error) {
		return askToFetch(after.id, error, 'the vote totals');
	}
	publisher().publish(audience(after.id), WORKSHOP_EVENTS.changed, event);
}

/**
 * One idea changed (added, edited, deleted, commented on, moved, merged, hidden or reviewed):
 * each person on the board is sent it as they may see it now. Someone who may not see it now is
 * told it is gone only if they could see it `before` the change (pass it for changes that can
 * hide an idea); otherwise they are sent nothing, not even that it exists.
 */
export async function announceIdea(
	db: Database,
	workshopId: number,
	ideaId: number,
	{ before }: { before?: IdeaVisibility } = {}
): Promise<void> {
	try {
		const at = await readStamp(db, workshopId);
		const workshop = await loadWorkshop(db, workshopId);
		const [row] = await ideaRows(db, workshopId, ideaId);
		if (!row) return;
		const [comments, totals, groupOf] = await Promise.all([
			commentRows(db, [ideaId]),
			voteTotals(db, workshop, [ideaId]),
			groupsNow(db, workshop)
		]);
		const gone: IdeaGoneEvent = { workshopId, ideaId, at };
		await publisher().publishEach(audience(workshopId), (user) => {
			const group = groupOf.get(user.id)?.memberIds ?? null;
			const viewer = { id: user.id, staff: isStaff(user), group };
			if (maySee(workshop, viewer, row.idea)) {
				const event: IdeaEvent = {
					workshopId,
					at,
					idea: ideaView(workshop, viewer, row, comments, totals.get(ideaId) ?? null)
				};
				return { event: WORKSHOP_EVENTS.idea, payload: event };
			}
			return before && maySee(workshop, viewer, before)
				? { event: WORKSHOP_EVENTS.ideaGone, payload: gone }
				: null;
		});
	} catch (error) {
		askToFetch(workshopId, error, `idea ${ideaId}`);
	}
}

export async function announceThemes(db: Database, workshopId: number): Promise<void> {
	try {
		const event: ThemesEvent = { workshopId, themes: await themesOf(db, workshopId) };
		publisher().publish(audience(workshopId), WORKSHOP_EVENTS.themes, event);
	} catch (error) {
		askToFetch(workshopId, error, 'the themes');
	}
}

/** After a vote: everyone hears how many have been cast; the voter's other tabs, their votes. */
export async function announceVotes(
	db: Database,
	workshopId: number,
	voterId: number,
	myVotes: number[]
): Promise<void> {
	const mine: MyVotesEvent = { workshopId, myVotes };
	publisher().publish(`user:${voterId}`, WORKSHOP_EVENTS.myVotes, mine);
	const event: VotesEvent = { workshopId, votes: await voteProgress(db, workshopId) };
	publisher().publish(audience(workshopId), WORKSHOP_EVENTS.votes, event);
}
