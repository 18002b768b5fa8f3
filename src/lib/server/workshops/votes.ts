/**
 * Dot voting: while the session is voting, each person places up to the session's number of
 * votes (stacking several on one idea is fine), and can take a vote back until voting closes.
 * Voting for one's own idea is allowed only if the lead said so. Votes are numbered slots and the
 * database refuses a slot above the limit, so two tabs voting at once never exceed it. Totals are
 * hidden from everyone until the facilitator closes voting.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { workshopIdeas, workshopVotes, type Workshop } from '../db/schema';
import { isCheckViolation, isUniqueViolation } from '../db/errors';
import { NotFoundError, parseOrThrow } from '../errors';
import { log } from '../log';
import { authorise, NotAllowedError } from '../policy';
import { workshopFor, workshopIdSchema } from './access';
import { maySeeNow } from './board';
import { announceVotes } from './live';

const voteSchema = z.object({
	workshopId: workshopIdSchema,
	ideaId: z.number({ message: 'Say which idea.' }).int().positive().max(2_147_483_647)
});

function assertVoting(workshop: Workshop) {
	if (workshop.phase !== 'voting' || workshop.votingClosedAt)
		throw new NotAllowedError('Voting is not open in this session right now.');
}

/** Place one vote on an idea. Returns the idea ids of the person's votes. */
export async function castVote(
	db: Database,
	voter: CurrentUser,
	input: unknown
): Promise<number[]> {
	const { workshopId, ideaId } = parseOrThrow(voteSchema, input);
	authorise(voter, 'workshops.join', 'Your account cannot vote at the moment.');
	const workshop = await workshopFor(db, voter, workshopId);
	assertVoting(workshop);
	const [idea] = await db
		.select()
		.from(workshopIdeas)
		.where(
			and(
				eq(workshopIdeas.id, ideaId),
				eq(workshopIdeas.workshopId, workshop.id),
				eq(workshopIdeas.status, 'published'),
				isNull(workshopIdeas.mergedIntoId)
			)
		);
	if (!idea || !(await maySeeNow(db, workshop, voter, idea)))
		throw new NotFoundError('That idea is not on the board any more.');
	if (idea.authorId === voter.id && !workshop.selfVote)
		throw new NotAllowedError('In this session you cannot vote for your own idea.');
	const full = `You have used all ${workshop.votesPerPerson} of your votes. Take one back to vote for something else.`;
	for (let attempt = 0; attempt < 3; attempt++) {
		const used = await myVotes(db, workshop.id, voter.id);
		const taken = new Set(used.map((v) => v.slot));
		let slot = 1;
		while (taken.has(slot)) slot++;
		if (slot > workshop.votesPerPerson) throw new NotAllowedError(full);
		try {
			await db
				.insert(workshopVotes)
				.values({ workshopId: workshop.id, userId: voter.id, slot, ideaId });
			return votesNow(db, workshop.id, voter.id);
		} catch (error) {
			if (isCheckViolation(error)) throw new NotAllowedError(full);
			if (!isUniqueViolation(error)) throw error;
			// Another tab took that slot a moment ago: look again.
		}
	}
	throw new NotAllowedError(full);
}

/** Take back one vote from an idea. */
export async function withdrawVote(
	db: Database,
	voter: CurrentUser,
	input: unknown
): Promise<number[]> {
	const { workshopId, ideaId } = parseOrThrow(voteSchema, input);
	const workshop = await workshopFor(db, voter, workshopId);
	assertVoting(workshop);
	const [vote] = await db
		.select({ slot: workshopVotes.slot })
		.from(workshopVotes)
		.where(
			and(
				eq(workshopVotes.workshopId, workshop.id),
				eq(workshopVotes.userId, voter.id),
				eq(workshopVotes.ideaId, ideaId)
			)
		)
		.orderBy(desc(workshopVotes.slot))
		.limit(1);
	if (!vote) throw new NotFoundError('You have no vote on that idea to take back.');
	await db
		.delete(workshopVotes)
		.where(
			and(
				eq(workshopVotes.workshopId, workshop.id),
				eq(workshopVotes.userId, voter.id),
				eq(workshopVotes.slot, vote.slot)
			)
		);
	return votesNow(db, workshop.id, voter.id);
}

/** The voter's votes after a change, announced (how many cast, to all; theirs, to their tabs). */
async function votesNow(db: Database, workshopId: number, voterId: number) {
	const mine = (await myVotes(db, workshopId, voterId)).map((v) => v.ideaId);
	await announceVotes(db, workshopId, voterId, mine).catch((error) =>
		log.warn({ err: error, workshopId }, 'could not announce votes')
	);
	return mine;
}

function myVotes(db: Database, workshopId: number, userId: number) {
	return db
		.select({ slot: workshopVotes.slot, ideaId: workshopVotes.ideaId })
		.from(workshopVotes)
		.where(and(eq(workshopVotes.workshopId, workshopId), eq(workshopVotes.userId, userId)))
		.orderBy(asc(workshopVotes.slot));
}
