/**
 * Idea sessions on a real database: setting one up, the phase machine (only legal moves, only by
 * the lead), ideas screened like every write, anonymity (peers never receive who wrote what, over
 * the socket or otherwise; staff do), hide-until-reveal, 1-2-4-All groups, themes and merges, and
 * dot votes that never exceed the limit, even from two tabs at once.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { database, type Database } from '../../src/lib/server/db';
import {
	chatMessages,
	notifications,
	safeguardingAlerts,
	workshopComments,
	workshopIdeas,
	workshopVotes,
	workshops
} from '../../src/lib/server/db/schema';
import { createWorkshop, type WorkshopInput } from '../../src/lib/server/workshops/setup';
import { admitToWorkshop, loadWorkshop } from '../../src/lib/server/workshops/access';
import { listRoomsFor } from '../../src/lib/server/chat/rooms';
import { CHAT_REQUESTS } from '../../src/lib/chat';
import { loadBoard } from '../../src/lib/server/workshops/board';
import {
	addComment,
	addIdea,
	deleteIdea,
	editIdea
} from '../../src/lib/server/workshops/contributions';
import {
	createTheme,
	formGroups,
	hideIdea,
	mergeIdea,
	moveIdea,
	nextStage,
	reveal,
	setPhase
} from '../../src/lib/server/workshops/facilitation';
import { castVote, withdrawVote } from '../../src/lib/server/workshops/votes';
import { askForCheckIn } from '../../src/lib/server/workshops/wellbeing';
import {
	WORKSHOP_EVENTS,
	WORKSHOP_REQUESTS,
	type ChangedEvent,
	type IdeaEvent,
	type IdeaView,
	type MyVotesEvent,
	type VotesEvent
} from '../../src/lib/workshops';
import { accountMaker, type MakeAccount } from '../support/members';
import { rejection } from '../support/outcomes';
import type { ValidationError } from '../../src/lib/server/errors';
import type { Socket } from 'socket.io-client';
import { ask, nextEvent, silence, startLiveServer, type LiveServer } from '../support/chat';

let db: Database;
let account: MakeAccount;
let lead: CurrentUser;
let live: LiveServer;

beforeAll(async () => {
	db = await database();
	account = accountMaker(db, 'idea');
	lead = await account(['coproduction_lead']);
	live = await startLiveServer();
});
afterAll(() => live.close());

const tomorrow = () => {
	const d = new Date(Date.now() + 86_400_000);
	return `${d.toISOString().slice(0, 10)}T18:30`;
};

async function session(extra: WorkshopInput = {}) {
	return createWorkshop(db, lead, {
		title: 'Better sexual health clinics for young people',
		questions: 'What would make you feel comfortable walking into a clinic?',
		partner: 'Riverside NHS Trust',
		influence: 'co_design',
		startsAt: tomorrow(),
		access: 'members',
		votesPerPerson: '3',
		template: 'brainstorm',
		...extra
	});
}

async function running(extra: WorkshopInput = {}) {
	const workshop = await session(extra);
	await setPhase(db, lead, { workshopId: workshop.id, to: 'gathering' });
	return loadWorkshop(db, workshop.id);
}

async function idea(workshopId: number, author: CurrentUser, body: string, column?: string) {
	const outcome = await addIdea(db, author, { workshopId, body, column });
	return outcome.id;
}

describe('setting up', () => {
	it('a lead sets up a session with its own chat room; a member cannot', async () => {
		const workshop = await session();
		expect(workshop).toMatchObject({ phase: 'draft', influence: 'co_design', inviteCode: null });
		expect(workshop.chatRoomId).not.toBeNull();
		const member = await account();
		expect(await rejection(createWorkshop(db, member, { title: 'x' }))).toBeTruthy();
	});

	it('says what is wrong with a bad set-up and writes nothing', async () => {
		const before = await db.$count(workshops);
		const error = await rejection(
			createWorkshop(db, lead, {
				title: 'ok title',
				questions: '',
				influence: 'total control',
				startsAt: 'next tuesday',
				access: 'members',
				votesPerPerson: '99',
				template: 'brainstorm'
			})
		);
		expect((error as ValidationError).fieldErrors).toMatchObject({
			questions: expect.stringMatching(/question/),
			influence: expect.stringMatching(/how much say/),
			startsAt: expect.stringMatching(/date and time/),
			votesPerPerson: expect.stringMatching(/at most 10/)
		});
		expect(await db.$count(workshops)).toBe(before);
	});

	it('an invite-only session needs its code or a named invitation', async () => {
		const [named, stranger] = [await account(), await account()];
		const workshop = await running({ access: 'invite', invitees: named.username });
		expect(workshop.inviteCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
		await admitToWorkshop(db, named, workshop);
		expect(await rejection(admitToWorkshop(db, stranger, workshop))).toBeTruthy();
		expect(
			await rejection(admitToWorkshop(db, stranger, workshop, { code: 'WRNG-CODE' }))
		).toMatchObject({
			message: expect.stringMatching(/code is not right/)
		});
		await admitToWorkshop(db, stranger, workshop, { code: workshop.inviteCode!.toLowerCase() });
		expect(await idea(workshop.id, stranger, 'Evening opening hours')).toBeGreaterThan(0);
	});
});

describe('the phase machine', () => {
	it('moves only forwards through legal phases, and only for the lead', async () => {
		const workshop = await session();
		const member = await account();
		expect(
			await rejection(setPhase(db, member, { workshopId: workshop.id, to: 'gathering' }))
		).toBeTruthy();
		expect(
			await rejection(setPhase(db, lead, { workshopId: workshop.id, to: 'voting' }))
		).toMatchObject({
			message: expect.stringMatching(/can move to/)
		});
		await setPhase(db, lead, { workshopId: workshop.id, to: 'gathering', minutes: 10 });
		const gathering = await loadWorkshop(db, workshop.id);
		expect(gathering.phaseEndsAt!.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
		await setPhase(db, lead, { workshopId: workshop.id, to: 'voting' }); // grouping may be skipped
		expect(
			await rejection(setPhase(db, lead, { workshopId: workshop.id, to: 'gathering' }))
		).toBeTruthy();
		await setPhase(db, lead, { workshopId: workshop.id, to: 'closed' });
		expect(
			await rejection(setPhase(db, lead, { workshopId: workshop.id, to: 'voting' }))
		).toMatchObject({
			message: 'This session has closed.'
		});
	});

	it('ideas are added only while gathering, and edited or deleted only by their author then', async () => {
		const workshop = await session();
		const [amara, kofi] = [await account(), await account()];
		expect(
			await rejection(addIdea(db, amara, { workshopId: workshop.id, body: 'too early' }))
		).toBeTruthy();
		await setPhase(db, lead, { workshopId: workshop.id, to: 'gathering' });
		const id = await idea(workshop.id, amara, 'Drop-in hours after school');
		expect(
			await rejection(editIdea(db, kofi, { workshopId: workshop.id, ideaId: id, body: 'mine now' }))
		).toMatchObject({
			message: 'You can only change your own ideas.'
		});
		await editIdea(db, amara, {
			workshopId: workshop.id,
			ideaId: id,
			body: 'Drop-in hours after school, till 7'
		});
		await setPhase(db, lead, { workshopId: workshop.id, to: 'grouping' });
		expect(
			await rejection(deleteIdea(db, amara, { workshopId: workshop.id, ideaId: id }))
		).toBeTruthy();
		expect(
			await rejection(addIdea(db, amara, { workshopId: workshop.id, body: 'late' }))
		).toBeTruthy();
		await addComment(db, kofi, { workshopId: workshop.id, ideaId: id, body: 'Yes, and weekends!' });
	});

	it('an invite-only session’s chat is for its people: others cannot find, join, read or write in it', async () => {
		const [named, stranger] = [await account(), await account()];
		const workshop = await running({ access: 'invite', invitees: named.username });
		const roomId = workshop.chatRoomId!;
		const listed = async (who: CurrentUser) => (await listRoomsFor(db, who)).map((r) => r.id);
		expect(await listed(named)).toContain(roomId);
		expect(await listed(lead)).toContain(roomId);
		expect(await listed(stranger)).not.toContain(roomId);

		const outside = await live.connect(stranger);
		const joining = await ask(outside, CHAT_REQUESTS.join, { roomId });
		expect(joining.ok === false && joining.error).toMatch(/does not exist, or you cannot join/);
		const sending = await ask(outside, CHAT_REQUESTS.send, {
			roomId,
			clientId: randomUUID(),
			body: 'Can I come in?'
		});
		expect(sending.ok).toBe(false);
		expect(await db.$count(chatMessages, eq(chatMessages.roomId, roomId))).toBe(0);

		const inside = await live.connect(named);
		expect((await ask(inside, CHAT_REQUESTS.join, { roomId })).ok).toBe(true);
		// With the code, the stranger is part of the session, and of its chat.
		await admitToWorkshop(db, stranger, workshop, { code: workshop.inviteCode! });
		expect((await ask(outside, CHAT_REQUESTS.join, { roomId })).ok).toBe(true);
	});

	it('the session’s chat room opens and closes with it', async () => {
		const workshop = await running();
		const { loadRoom } = await import('../../src/lib/server/chat/rooms');
		expect((await loadRoom(db, workshop.chatRoomId!)).openUntil!.getTime()).toBeGreaterThan(
			Date.now()
		);
		await setPhase(db, lead, { workshopId: workshop.id, to: 'voting' });
		await setPhase(db, lead, { workshopId: workshop.id, to: 'closed' });
		expect((await loadRoom(db, workshop.chatRoomId!)).openUntil).toBeNull();
	});
});

describe('what each person sees', () => {
	it('screens ideas: a held one reaches only its author and staff; a refused one is not stored', async () => {
		const workshop = await running();
		const [amara, kofi] = [await account(), await account()];
		const held = await addIdea(db, amara, {
			workshopId: workshop.id,
			body: 'text me on 07700 900123'
		});
		expect(held).toMatchObject({ status: 'held', notice: expect.stringMatching(/youth worker/) });
		const risky = await addIdea(db, amara, {
			workshopId: workshop.id,
			body: 'honestly i want to die'
		});
		expect(risky.help?.variant).toBe('crisis');
		expect(
			await rejection(addIdea(db, kofi, { workshopId: workshop.id, body: 'go kill yourself' }))
		).toBeTruthy();
		const peer = await loadBoard(db, kofi, workshop);
		expect(peer.ideas).toEqual([]);
		const own = await loadBoard(db, amara, workshop);
		expect(own.ideas.map((i) => i.status)).toEqual(['held', 'held']);
		const staffBoard = await loadBoard(db, lead, workshop);
		expect(staffBoard.ideas).toHaveLength(2);
	});

	it('a muted member whose idea or comment shows risk is never turned away: held, alerted, answered with help; anything else is refused', async () => {
		const workshop = await running();
		const [amara, kofi] = [await account(), await account()];
		const own = await idea(workshop.id, amara, 'Evening opening hours');
		const theirs = await idea(workshop.id, kofi, 'Walk-in appointments');
		const muted = { ...amara, mutedUntil: new Date(Date.now() + 86_400_000) };
		const crisis = 'i cant do this anymore im going to take all my pills tonight';

		const added = await addIdea(db, muted, { workshopId: workshop.id, body: crisis });
		const edited = await editIdea(db, muted, {
			workshopId: workshop.id,
			ideaId: own,
			body: `Evening opening hours. ${crisis}`
		});
		const commented = await addComment(db, muted, {
			workshopId: workshop.id,
			ideaId: theirs,
			body: crisis
		});
		for (const outcome of [added, edited, commented]) {
			expect(outcome).toMatchObject({
				status: 'held',
				notice: expect.stringMatching(/youth worker/)
			});
			expect(outcome.help?.variant).toBe('crisis');
		}
		const ideas = await db.select().from(workshopIdeas).where(eq(workshopIdeas.authorId, amara.id));
		expect(ideas.map((i) => [i.status, i.screeningReasons.includes('muted')])).toEqual([
			['held', true],
			['held', true]
		]);
		const [comment] = await db
			.select()
			.from(workshopComments)
			.where(eq(workshopComments.authorId, amara.id));
		expect(comment).toMatchObject({ status: 'held' });
		expect(comment.screeningReasons).toContain('muted');
		expect(
			await db
				.select()
				.from(safeguardingAlerts)
				.where(eq(safeguardingAlerts.subjectUserId, amara.id))
		).toHaveLength(3);
		expect((await loadBoard(db, kofi, workshop)).ideas.map((i) => i.id)).toEqual([theirs]);

		// Anything else is refused as muted, as before, and nothing is stored.
		for (const attempt of [
			() => addIdea(db, muted, { workshopId: workshop.id, body: 'Free wifi in the waiting room' }),
			() => editIdea(db, muted, { workshopId: workshop.id, ideaId: own, body: 'Late opening' }),
			() => addComment(db, muted, { workshopId: workshop.id, ideaId: theirs, body: 'Yes please' })
		])
			expect((await rejection(attempt())).message).toMatch(/paused your posting until/);
		expect(await db.$count(workshopIdeas, eq(workshopIdeas.authorId, amara.id))).toBe(2);
		expect(await db.$count(workshopComments, eq(workshopComments.authorId, amara.id))).toBe(1);
	});

	it('in an anonymous session peers never receive who wrote what, over the socket too; staff do', async () => {
		const workshop = await running({ anonymous: 'on' });
		const [amara, kofi] = [await account(), await account()];
		await idea(workshop.id, amara, 'Free condoms at the youth club');
		await addComment(db, amara, {
			workshopId: workshop.id,
			ideaId: (await loadBoard(db, amara, workshop)).ideas[0].id,
			body: 'And at school'
		});
		const socket = await live.connect(kofi);
		const reply = await ask<{ board: unknown }>(socket, WORKSHOP_REQUESTS.join, {
			workshopId: workshop.id
		});
		const wire = JSON.stringify(reply);
		expect(wire).toContain('Free condoms at the youth club');
		expect(wire).not.toContain(amara.username);
		expect(wire).not.toMatch(new RegExp(`"id":${amara.id}[,}]`));
		const mine = await loadBoard(db, amara, workshop);
		expect(mine.ideas[0]).toMatchObject({ own: true, author: null });
		const staffBoard = await loadBoard(db, lead, workshop);
		expect(staffBoard.ideas[0].author).toMatchObject({ id: amara.id, name: amara.username });
	});

	it('with hide-until-reveal, peers see only their own ideas until the lead reveals them', async () => {
		const workshop = await running({ hideUntilReveal: 'on' });
		const [amara, kofi] = [await account(), await account()];
		const hidden = await idea(workshop.id, amara, 'A clinic on the bus route');
		await idea(workshop.id, kofi, 'Online booking');
		const socket = await live.connect(kofi);
		const before = JSON.stringify(
			await ask(socket, WORKSHOP_REQUESTS.join, { workshopId: workshop.id })
		);
		expect(before).toContain('Online booking');
		expect(before).not.toContain('A clinic on the bus route');
		// Nor can Kofi comment on it by guessing its id (which would tell him it is there).
		expect(
			await rejection(
				addComment(db, kofi, { workshopId: workshop.id, ideaId: hidden, body: 'Love this' })
			)
		).toMatchObject({ message: 'That idea is not here any more.' });
		await reveal(db, lead, { workshopId: workshop.id });
		await addComment(db, kofi, { workshopId: workshop.id, ideaId: hidden, body: 'Love this' });
		const after = JSON.stringify(
			await ask(socket, WORKSHOP_REQUESTS.board, { workshopId: workshop.id })
		);
		expect(after).toContain('A clinic on the bus route');
	});

	it('1-2-4-All: alone, then pairs and fours from who is there, each sharing its people’s ideas on its own small board', async () => {
		const workshop = await running({ template: 'one_two_four_all' });
		expect(workshop.stage).toBe('alone');
		const people = [await account(), await account(), await account(), await account()];
		for (const person of people) await admitToWorkshop(db, person, workshop);
		await idea(workshop.id, people[0], 'Thinking alone');
		expect((await loadBoard(db, people[1], workshop)).ideas).toEqual([]);
		await nextStage(db, lead, { workshopId: workshop.id });
		const inPairs = await loadWorkshop(db, workshop.id);
		expect(inPairs.stage).toBe('pairs');
		const myPair = (await loadBoard(db, people[0], inPairs)).myGroup!;
		expect(myPair.members).toHaveLength(2);
		await idea(workshop.id, people[0], 'Said in my pair');
		const partner = people.find(
			(p) => p.id !== people[0].id && myPair.members.includes(p.username)
		)!;
		const stranger = people.find((p) => !myPair.members.includes(p.username))!;
		// The pair shares what each thought alone, and what they add together; nobody else sees it.
		expect((await loadBoard(db, partner, inPairs)).ideas.map((i) => i.body)).toEqual([
			'Thinking alone',
			'Said in my pair'
		]);
		expect((await loadBoard(db, stranger, inPairs)).ideas).toEqual([]);
		await nextStage(db, lead, { workshopId: workshop.id });
		await nextStage(db, lead, { workshopId: workshop.id });
		const all = await loadWorkshop(db, workshop.id);
		expect(all.stage).toBe('all');
		expect((await loadBoard(db, stranger, all)).ideas).toHaveLength(2);
		expect(await rejection(nextStage(db, lead, { workshopId: workshop.id }))).toBeTruthy();
	});

	it('in an anonymous 1-2-4-All session nobody is told who is in their pair (it would name every author)', async () => {
		const workshop = await running({ template: 'one_two_four_all', anonymous: 'on' });
		const [amara, kofi] = [await account(), await account()];
		for (const person of [amara, kofi]) await admitToWorkshop(db, person, workshop);
		await idea(workshop.id, amara, 'Thought alone');
		await nextStage(db, lead, { workshopId: workshop.id });
		const inPairs = await loadWorkshop(db, workshop.id);
		const board = await loadBoard(db, kofi, inPairs);
		expect(board.myGroup).toMatchObject({ size: 2, members: [] });
		expect(board.ideas.map((i) => [i.body, i.author])).toEqual([['Thought alone', null]]);
		expect(JSON.stringify(board)).not.toContain(amara.username);
	});

	it('forms groups so nobody is left on their own', () => {
		const sizes = (n: number, size: number) =>
			formGroups(
				Array.from({ length: n }, (_, i) => i),
				size
			)
				.map((g) => g.length)
				.sort();
		expect(sizes(5, 2)).toEqual([2, 3]);
		expect(sizes(4, 2)).toEqual([2, 2]);
		expect(sizes(6, 4)).toEqual([6]);
		expect(sizes(9, 4)).toEqual([4, 5]);
		expect(sizes(1, 2)).toEqual([1]);
		expect(sizes(0, 2)).toEqual([]);
	});
});

describe('live updates: each person is sent an idea as they may see it', () => {
	type Seen = { event: string; payload: { idea?: IdeaView; ideaId?: number } };
	const LIVE = [WORKSHOP_EVENTS.idea, WORKSHOP_EVENTS.ideaGone, WORKSHOP_EVENTS.changed];

	/** Connect and join each person, recording every board event they receive from now on. */
	async function onBoard(workshopId: number, people: CurrentUser[]) {
		return Promise.all(
			people.map(async (person) => {
				const socket = await live.connect(person);
				expect(await ask(socket, WORKSHOP_REQUESTS.join, { workshopId })).toMatchObject({
					ok: true
				});
				const seen: Seen[] = [];
				for (const event of LIVE) socket.on(event, (payload) => seen.push({ event, payload }));
				return { socket, seen, wire: () => JSON.stringify(seen) };
			})
		);
	}

	/** The lead adds a last idea everyone sees; once each has it, everything before has arrived. */
	async function settle(workshopId: number, boards: { socket: Socket }[]) {
		const arrived = boards.map(({ socket }) =>
			nextEvent<IdeaEvent>(socket, WORKSHOP_EVENTS.idea, (e) => e.idea.body === 'Last one')
		);
		await idea(workshopId, lead, 'Last one');
		await Promise.all(arrived);
	}
	const bodies = (seen: Seen[]) =>
		seen.filter((s) => s.event === WORKSHOP_EVENTS.idea).map((s) => s.payload.idea!.body);

	it('in an anonymous session: peers get ideas without authors, never held ones; staff get all', async () => {
		const workshop = await running({ anonymous: 'on' });
		const [amara, kofi] = [await account(), await account()];
		const [mine, peer, staff] = await onBoard(workshop.id, [amara, kofi, lead]);
		const id = await idea(workshop.id, amara, 'A drop-in after school');
		await idea(workshop.id, amara, 'text me on 07700 900123');
		await addComment(db, kofi, { workshopId: workshop.id, ideaId: id, body: 'Yes, on Fridays' });
		await hideIdea(db, lead, { workshopId: workshop.id, ideaId: id });
		await settle(workshop.id, [mine, peer, staff]);

		expect(bodies(peer.seen)).toEqual([
			'A drop-in after school',
			'A drop-in after school',
			'Last one'
		]);
		expect(peer.wire()).not.toContain('07700');
		expect(peer.wire()).not.toContain(amara.username);
		expect(peer.wire()).not.toMatch(new RegExp(`"id":${amara.id}[,}]`));
		const commented = peer.seen[1].payload.idea!;
		expect(commented.comments).toEqual([
			expect.objectContaining({ body: 'Yes, on Fridays', own: true, author: null })
		]);
		expect(peer.seen[2]).toEqual({
			event: WORKSHOP_EVENTS.ideaGone,
			payload: { workshopId: workshop.id, ideaId: id, at: expect.any(Number) }
		});

		expect(bodies(mine.seen)).toContain('text me on 07700 900123');
		const hidden = mine.seen.filter((s) => s.payload.idea?.id === id).at(-1)!.payload.idea!;
		expect(hidden).toMatchObject({ status: 'hidden', own: true });

		const held = staff.seen.find((s) => s.payload.idea?.body.includes('07700'))!.payload.idea!;
		expect(held).toMatchObject({ status: 'held', author: { id: amara.id } });
	});

	it('hide-until-reveal and 1-2-4-All pairs: nobody is sent what they may not see yet', async () => {
		const hiding = await running({ hideUntilReveal: 'on' });
		const [amara, kofi] = [await account(), await account()];
		const [, peer] = await onBoard(hiding.id, [amara, kofi]);
		await idea(hiding.id, amara, 'A clinic on the bus route');
		expect(await silence(peer.socket, WORKSHOP_EVENTS.idea)).toBe(true);
		expect(peer.wire()).not.toContain('bus route');
		const told = nextEvent(peer.socket, WORKSHOP_EVENTS.changed);
		await reveal(db, lead, { workshopId: hiding.id });
		await told;

		const pairs = await running({ template: 'one_two_four_all' });
		const people = [await account(), await account(), await account(), await account()];
		for (const person of people) await admitToWorkshop(db, person, pairs);
		await nextStage(db, lead, { workshopId: pairs.id });
		const boards = await onBoard(pairs.id, people);
		const myPair = (await loadBoard(db, people[0], await loadWorkshop(db, pairs.id))).myGroup!;
		await idea(pairs.id, people[0], 'Said in my pair');
		await nextStage(db, lead, { workshopId: pairs.id });
		await nextStage(db, lead, { workshopId: pairs.id });
		await settle(pairs.id, boards);
		people.forEach((person, i) => {
			const inPair = myPair.members.includes(person.username);
			expect(bodies(boards[i].seen).includes('Said in my pair'), person.username).toBe(inPair);
		});
	});

	it('a vote tells everyone how many have been cast, never for what; the voter’s other tab gets theirs', async () => {
		const workshop = await running();
		const [amara, kofi] = [await account(), await account()];
		const id = await idea(workshop.id, amara, 'Evening appointments');
		await setPhase(db, lead, { workshopId: workshop.id, to: 'voting' });
		const [peer, tab] = await onBoard(workshop.id, [amara, kofi]);
		const progress = nextEvent<VotesEvent>(peer.socket, WORKSHOP_EVENTS.votes);
		const otherTab = nextEvent<MyVotesEvent>(tab.socket, WORKSHOP_EVENTS.myVotes);
		await castVote(db, kofi, { workshopId: workshop.id, ideaId: id });
		expect(await progress).toEqual({ workshopId: workshop.id, votes: { cast: 1, voters: 1 } });
		expect(await otherTab).toEqual({ workshopId: workshop.id, myVotes: [id] });

		// Closing changes nobody's view of which ideas there are: everyone is sent the session and
		// the totals, rather than each fetching their whole board.
		const closed = nextEvent<ChangedEvent>(peer.socket, WORKSHOP_EVENTS.changed);
		await setPhase(db, lead, { workshopId: workshop.id, to: 'closed' });
		expect(await closed).toMatchObject({
			workshop: { phase: 'closed', votingClosed: true },
			totals: { [id]: 1 }
		});
	});

	it('a phase change that reveals ideas sends each person their whole board as they may see it', async () => {
		const workshop = await running({ hideUntilReveal: 'on', anonymous: 'on' });
		const [amara, kofi] = [await account(), await account()];
		await idea(workshop.id, amara, 'Walk-in hours on Saturdays');
		await idea(workshop.id, amara, 'call me on 07700 900123');
		const [peer, staff] = await onBoard(workshop.id, [kofi, lead]);
		const told = nextEvent<ChangedEvent>(peer.socket, WORKSHOP_EVENTS.changed);
		const staffTold = nextEvent<ChangedEvent>(staff.socket, WORKSHOP_EVENTS.changed);
		await setPhase(db, lead, { workshopId: workshop.id, to: 'voting' });
		const { board } = await told;
		expect(board?.workshop).toMatchObject({ phase: 'voting', hidden: false });
		expect(board?.ideas.map((i) => [i.body, i.author, i.own])).toEqual([
			['Walk-in hours on Saturdays', null, false]
		]);
		expect(JSON.stringify(board)).not.toContain(amara.username);
		expect((await staffTold).board?.ideas).toHaveLength(2);
	});
});

describe('grouping and voting', () => {
	it('only the lead makes themes, moves, merges and hides; merged ideas’ votes follow them', async () => {
		const workshop = await running({ selfVote: 'on' });
		const [amara, kofi] = [await account(), await account()];
		const a = await idea(workshop.id, amara, 'Late opening');
		const b = await idea(workshop.id, kofi, 'Open later in the evening');
		const c = await idea(workshop.id, kofi, 'Pizza');
		expect(
			await rejection(createTheme(db, amara, { workshopId: workshop.id, name: 'Times' }))
		).toBeTruthy();
		const theme = await createTheme(db, lead, { workshopId: workshop.id, name: 'Opening times' });
		expect(
			await rejection(moveIdea(db, kofi, { workshopId: workshop.id, ideaId: a, themeId: theme.id }))
		).toBeTruthy();
		await moveIdea(db, lead, { workshopId: workshop.id, ideaId: a, themeId: theme.id });
		await hideIdea(db, lead, { workshopId: workshop.id, ideaId: c });
		await setPhase(db, lead, { workshopId: workshop.id, to: 'voting' });
		await castVote(db, amara, { workshopId: workshop.id, ideaId: b });
		await mergeIdea(db, lead, { workshopId: workshop.id, ideaId: b, intoId: a });
		await setPhase(db, lead, { workshopId: workshop.id, to: 'closed' });
		const board = await loadBoard(db, amara, await loadWorkshop(db, workshop.id));
		expect(board.ideas.map((i) => [i.body, i.themeId, i.votes])).toEqual([
			['Late opening', theme.id, 1]
		]);
		const kofiBoard = await loadBoard(db, kofi, await loadWorkshop(db, workshop.id));
		expect(kofiBoard.ideas.find((i) => i.body === 'Pizza')?.status).toBe('hidden');
	});

	it('votes only while voting, up to the limit, never for your own idea unless allowed; totals hidden until closed', async () => {
		const workshop = await running({ votesPerPerson: '2' });
		const [amara, kofi] = [await account(), await account()];
		const mine = await idea(workshop.id, amara, 'Mine');
		const theirs = await idea(workshop.id, kofi, 'Theirs');
		expect(
			await rejection(castVote(db, amara, { workshopId: workshop.id, ideaId: theirs }))
		).toMatchObject({
			message: expect.stringMatching(/Voting is not open/)
		});
		await setPhase(db, lead, { workshopId: workshop.id, to: 'voting' });
		expect(
			await rejection(castVote(db, amara, { workshopId: workshop.id, ideaId: mine }))
		).toMatchObject({
			message: expect.stringMatching(/your own idea/)
		});
		await castVote(db, amara, { workshopId: workshop.id, ideaId: theirs });
		expect(await castVote(db, amara, { workshopId: workshop.id, ideaId: theirs })).toEqual([
			theirs,
			theirs
		]);
		expect(
			await rejection(castVote(db, amara, { workshopId: workshop.id, ideaId: theirs }))
		).toMatchObject({
			message: expect.stringMatching(/used all 2/)
		});
		expect(
			(await loadBoard(db, amara, await loadWorkshop(db, workshop.id))).ideas[1].votes
		).toBeNull();
		expect(await withdrawVote(db, amara, { workshopId: workshop.id, ideaId: theirs })).toEqual([
			theirs
		]);
		await setPhase(db, lead, { workshopId: workshop.id, to: 'closed' });
		const closed = await loadBoard(db, kofi, await loadWorkshop(db, workshop.id));
		expect(closed.ideas.map((i) => i.votes)).toEqual([0, 1]);
		expect(
			await rejection(castVote(db, amara, { workshopId: workshop.id, ideaId: theirs }))
		).toBeTruthy();
	});

	it('votes sent at once from two tabs never exceed the limit (the database refuses the extra)', async () => {
		const workshop = await running({ votesPerPerson: '3' });
		const [amara, kofi] = [await account(), await account()];
		const ideas = [
			await idea(workshop.id, kofi, 'one'),
			await idea(workshop.id, kofi, 'two'),
			await idea(workshop.id, kofi, 'three')
		];
		await setPhase(db, lead, { workshopId: workshop.id, to: 'voting' });
		const results = await Promise.allSettled(
			Array.from({ length: 12 }, (_, i) =>
				castVote(db, amara, { workshopId: workshop.id, ideaId: ideas[i % 3] })
			)
		);
		expect(results.filter((r) => r.status === 'fulfilled').length).toBeLessThanOrEqual(3);
		const stored = await db.select().from(workshopVotes).where(eq(workshopVotes.userId, amara.id));
		expect(stored).toHaveLength(3);
		// And directly, past the service: the database itself refuses a fourth slot.
		await expect(
			db
				.insert(workshopVotes)
				.values({ workshopId: workshop.id, userId: amara.id, slot: 4, ideaId: ideas[0] })
		).rejects.toThrow();
	});
});

describe('wellbeing', () => {
	it('"ask for a check-in" tells the lead and, with nobody on duty, every youth worker — and says so', async () => {
		const workshop = await running();
		const [amara, worker] = [await account(), await account(['youth_worker'])];
		const reply = await askForCheckIn(db, amara, { workshopId: workshop.id });
		expect(reply.message).toMatch(/Nobody is on duty right now/);
		for (const who of [lead, worker]) {
			const told = await db.select().from(notifications).where(eq(notifications.userId, who.id));
			expect(told.some((n) => n.kind === 'check_in' && n.title.includes(amara.username))).toBe(
				true
			);
		}
		const amaraTold = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, amara.id));
		expect(amaraTold).toEqual([]);

		// Pressing again soon after is answered kindly, without telling everyone twice.
		const checkIns = () =>
			db.$count(
				notifications,
				and(eq(notifications.userId, lead.id), eq(notifications.kind, 'check_in'))
			);
		const before = await checkIns();
		const again = await askForCheckIn(db, amara, { workshopId: workshop.id });
		expect(again.message).toMatch(/You asked a few minutes ago/);
		expect(await checkIns()).toBe(before);
		// Later, it is a new request.
		const later = new Date(Date.now() + 6 * 60_000);
		await askForCheckIn(db, amara, { workshopId: workshop.id }, later);
		expect(await checkIns()).toBe(before + 1);
	});

	it('people who arrive before the start count as taking part, and are grouped in 1-2-4-All', async () => {
		const workshop = await session({ template: 'one_two_four_all' });
		const early = [await account(), await account()];
		for (const person of early) await admitToWorkshop(db, person, workshop);
		await setPhase(db, lead, { workshopId: workshop.id, to: 'gathering' });
		await nextStage(db, lead, { workshopId: workshop.id });
		const board = await loadBoard(db, early[0], await loadWorkshop(db, workshop.id));
		expect(board.participants).toBe(2);
		expect(board.myGroup?.members).toHaveLength(2);
	});
});

describe('bad input over the socket', () => {
	it.each([
		[WORKSHOP_REQUESTS.addIdea, { workshopId: 'x', body: 'hi' }],
		[WORKSHOP_REQUESTS.addIdea, { body: 'a'.repeat(501) }],
		[WORKSHOP_REQUESTS.vote, { ideaId: -1 }],
		[WORKSHOP_REQUESTS.phase, { to: 'closed' }],
		[WORKSHOP_REQUESTS.merge, { ideaId: 1, intoId: 1 }],
		[WORKSHOP_REQUESTS.join, { workshopId: 999_999 }]
	])('%s with bad or unauthorised input is answered with a reason', async (event, payload) => {
		const workshop = await running();
		const member = await account();
		const socket = await live.connect(member);
		const before = await db.$count(workshopIdeas);
		const reply = await ask(socket, event, { workshopId: workshop.id, ...payload });
		expect(reply.ok).toBe(false);
		expect(reply.ok === false && reply.error.length).toBeGreaterThan(5);
		expect(await db.$count(workshopIdeas)).toBe(before);
	});
});
