/**
 * Idea sessions over the socket (docs/realtime.md, docs/idea-sessions.md): joining puts a
 * connection in `workshop:<id>`, where ideas arrive one at a time as that person may see them
 * (live.ts). Every request, a youth worker's review of a held idea included, is a thin adapter
 * over the workshop services and answers `{ ok, ... }` or `{ ok: false, error }`.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { database } from '../db';
import { workshopParticipants } from '../db/schema';
import { log } from '../log';
import { parseOrThrow } from '../errors';
import { registerSocketHandlers, whenDisconnected, type TogetherSocket } from '../realtime/attach';
import { listen } from '../realtime/listen';
import { WORKSHOP_REQUESTS } from '../../workshops';
import { admitToWorkshop, loadWorkshop, workshopFor, workshopIdSchema } from './access';
import { loadBoard } from './board';
import { askForCheckIn } from './wellbeing';
import { addComment, addIdea, deleteIdea, editIdea } from './contributions';
import {
	createTheme,
	hideIdea,
	mergeIdea,
	moveIdea,
	nextStage,
	reveal,
	setPhase
} from './facilitation';
import { castVote, withdrawVote } from './votes';
import { reviewContribution } from './review';

const joinSchema = z.object({
	workshopId: workshopIdSchema,
	code: z.string().max(40).nullish()
});
const ref = z.object({ workshopId: workshopIdSchema });

export function registerWorkshopSocketHandlers(socket: TogetherSocket): void {
	const user = () => socket.data.user;
	const joined = new Set<number>();

	listen(socket, WORKSHOP_REQUESTS.join, async (payload) => {
		const { workshopId, code } = parseOrThrow(joinSchema, payload);
		const db = await database();
		const workshop = await loadWorkshop(db, workshopId);
		await admitToWorkshop(db, user(), workshop, { code });
		await socket.join(`workshop:${workshop.id}`);
		joined.add(workshop.id);
		return { board: await loadBoard(db, user(), workshop) };
	});

	listen(socket, WORKSHOP_REQUESTS.leave, async (payload) => {
		const { workshopId } = parseOrThrow(ref, payload);
		await socket.leave(`workshop:${workshopId}`);
		await markLeft(workshopId);
	});

	listen(socket, WORKSHOP_REQUESTS.board, async (payload) => {
		const { workshopId } = parseOrThrow(ref, payload);
		const db = await database();
		return { board: await loadBoard(db, user(), await workshopFor(db, user(), workshopId)) };
	});

	const actions = {
		[WORKSHOP_REQUESTS.addIdea]: addIdea,
		[WORKSHOP_REQUESTS.editIdea]: editIdea,
		[WORKSHOP_REQUESTS.comment]: addComment,
		[WORKSHOP_REQUESTS.review]: reviewContribution,
		[WORKSHOP_REQUESTS.checkIn]: askForCheckIn
	} as const;
	for (const [event, action] of Object.entries(actions))
		listen(socket, event, async (payload) => action(await database(), user(), payload));

	const votes = { [WORKSHOP_REQUESTS.vote]: castVote, [WORKSHOP_REQUESTS.unvote]: withdrawVote };
	for (const [event, action] of Object.entries(votes))
		listen(socket, event, async (payload) => ({
			myVotes: await action(await database(), user(), payload)
		}));

	const quiet = {
		[WORKSHOP_REQUESTS.deleteIdea]: deleteIdea,
		[WORKSHOP_REQUESTS.phase]: setPhase,
		[WORKSHOP_REQUESTS.stage]: nextStage,
		[WORKSHOP_REQUESTS.reveal]: reveal,
		[WORKSHOP_REQUESTS.theme]: createTheme,
		[WORKSHOP_REQUESTS.move]: moveIdea,
		[WORKSHOP_REQUESTS.merge]: mergeIdea,
		[WORKSHOP_REQUESTS.hide]: hideIdea
	} as const;
	for (const [event, action] of Object.entries(quiet))
		listen(socket, event, async (payload) => {
			await action(await database(), user(), payload);
		});

	// Attendance: leaving the page or losing the connection counts as leaving.
	socket.on('disconnect', () => {
		for (const workshopId of joined) whenDisconnected(() => markLeft(workshopId));
	});

	async function markLeft(workshopId: number) {
		joined.delete(workshopId);
		try {
			const db = await database();
			await db
				.update(workshopParticipants)
				.set({ leftAt: new Date() })
				.where(
					and(
						eq(workshopParticipants.workshopId, workshopId),
						eq(workshopParticipants.userId, user().id)
					)
				);
		} catch (error) {
			log.warn({ err: error }, 'could not record leaving a session');
		}
	}
}

registerSocketHandlers(registerWorkshopSocketHandlers);
