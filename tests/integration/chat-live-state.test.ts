/**
 * What staff and members see of a room while it is open, over real sockets on a real database:
 * "People here" (names) reaches staff only, live as people come and go, with the new-member
 * badge and who is paused, and the member tools work from it; members only ever get the count.
 * And rooms that open and close with the clock: when a drop-in's hours end or begin, or an
 * opening lapses, everyone with the room open is told (`room:state`) without anyone acting.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { database, type Database } from '../../src/lib/server/db';
import { chatRooms } from '../../src/lib/server/db/schema';
import { createRoom } from '../../src/lib/server/chat/rooms';
import { announceHoursChanges, startRoomHoursTimer } from '../../src/lib/server/chat/hours-timer';
import { socketServer } from '../../src/lib/server/realtime/attach';
import {
	CHAT_EVENTS,
	CHAT_REQUESTS,
	type JoinReply,
	type PeopleEvent,
	type RoomState,
	type SendReply
} from '../../src/lib/chat';
import { accountMaker, joinedDaysAgo, type MakeAccount } from '../support/members';
import {
	ask,
	openDropIn,
	type RoomSettings,
	collect,
	nextEvent,
	silence,
	startLiveServer,
	type LiveServer
} from '../support/chat';

let db: Database;
let live: LiveServer;
let account: MakeAccount;
let worker: CurrentUser;

beforeAll(async () => {
	db = await database();
	live = await startLiveServer();
	account = accountMaker(db, 'here');
	worker = await account(['youth_worker']);
});

afterAll(() => live.close());

const openRoom = (extra: RoomSettings = {}) => openDropIn(db, worker, extra);

async function joined(user: CurrentUser, roomId: number) {
	const socket = await live.connect(user);
	const reply = await ask<JoinReply>(socket, CHAT_REQUESTS.join, { roomId });
	expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
	return socket;
}

const peopleOf = (socket: Socket, roomId: unknown) =>
	ask<PeopleEvent>(socket, CHAT_REQUESTS.people, { roomId });

const names = (event: Partial<PeopleEvent>) => (event.people ?? []).map((p) => p.name);

describe('people in the room, for staff', () => {
	it('staff see who is here by name, staff marked, new members badged; staff first', async () => {
		const room = await openRoom();
		const established = await account();
		const newcomer = await joinedDaysAgo(db, await account(), 2);
		await joined(established, room.id);
		await joined(newcomer, room.id);
		const w = await joined(worker, room.id);

		const reply = await peopleOf(w, room.id);
		expect(reply).toMatchObject({ ok: true, roomId: room.id });
		expect(reply.people).toEqual([
			{ id: worker.id, name: worker.username, staff: true, newMember: false, mutedUntil: null },
			{
				id: established.id,
				name: established.username,
				staff: false,
				newMember: false,
				mutedUntil: null
			},
			{ id: newcomer.id, name: newcomer.username, staff: false, newMember: true, mutedUntil: null }
		]);
	});

	it('a member asking for the list is refused, and never receives names as people come and go', async () => {
		const room = await openRoom();
		const amara = await account();
		const a = await joined(amara, room.id);
		const heardByMember = collect<PeopleEvent>(a, CHAT_EVENTS.people);
		const statesForMember = collect<RoomState>(a, CHAT_EVENTS.state);

		const refused = await peopleOf(a, room.id);
		expect(refused).toEqual({ ok: false, error: 'Only staff can see who is in a room.' });

		const w = await joined(worker, room.id);
		const kofi = await account();
		const staffHearsKofi = nextEvent<PeopleEvent>(w, CHAT_EVENTS.people, (e) =>
			names(e).includes(kofi.username)
		);
		const k = await joined(kofi, room.id);
		await staffHearsKofi;
		k.disconnect();
		await nextEvent<PeopleEvent>(w, CHAT_EVENTS.people, (e) => !names(e).includes(kofi.username));

		expect(heardByMember).toEqual([]);
		// The member still hears the count change, and nothing in it names anyone.
		expect(statesForMember.some((s) => s.presence === 3)).toBe(true);
		for (const state of statesForMember) {
			expect(Object.keys(state).sort()).toEqual(
				[
					'help',
					'locked',
					'open',
					'presence',
					'roomId',
					'slowModeSeconds',
					'staffPresent',
					'statusLabel'
				].sort()
			);
			expect(JSON.stringify(state)).not.toContain(kofi.username);
		}
	});

	it('staff must have the room open to ask; a coproduction lead (staff) may see it', async () => {
		const room = await openRoom();
		const elsewhere = await live.connect(worker);
		expect(await peopleOf(elsewhere, room.id)).toEqual({
			ok: false,
			error: 'Join the room first.'
		});
		const lead = await account(['coproduction_lead']);
		const l = await joined(lead, room.id);
		expect(names(await peopleOf(l, room.id))).toEqual([lead.username]);
		expect(await peopleOf(l, 'nine')).toMatchObject({ ok: false });
	});

	it('the list updates live, shows who is paused, and the member tools work from it', async () => {
		const room = await openRoom();
		const w = await joined(worker, room.id);
		const kofi = await account();
		const arrives = nextEvent<PeopleEvent>(w, CHAT_EVENTS.people, (e) =>
			names(e).includes(kofi.username)
		);
		const k = await joined(kofi, room.id);
		const person = (await arrives).people.find((p) => p.name === kofi.username)!;
		expect(person).toMatchObject({ id: kofi.id, staff: false, mutedUntil: null });

		const paused = nextEvent<PeopleEvent>(
			w,
			CHAT_EVENTS.people,
			(e) => !!e.people.find((p) => p.id === kofi.id)?.mutedUntil
		);
		expect(
			await ask(w, CHAT_REQUESTS.muteMember, {
				roomId: room.id,
				userId: person.id,
				duration: '10m'
			})
		).toMatchObject({ ok: true });
		const until = (await paused).people.find((p) => p.id === kofi.id)!.mutedUntil!;
		expect(new Date(until).getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);

		const gone = nextEvent<PeopleEvent>(
			w,
			CHAT_EVENTS.people,
			(e) => !names(e).includes(kofi.username)
		);
		expect(
			await ask(w, CHAT_REQUESTS.removeMember, { roomId: room.id, userId: person.id })
		).toMatchObject({ ok: true });
		expect(names(await gone)).toEqual([worker.username]);
		expect(await silence(k, CHAT_EVENTS.people)).toBe(true);
	});
});

describe('rooms that open and close with the clock', () => {
	// Monday 23 November 2026, in winter: London time is UTC.
	const monday = (time: string) => new Date(`2026-11-23T${time}Z`);

	async function roomWithHours(openUntil: Date | null) {
		const room = await createRoom(db, worker, {
			name: `Hours ${randomUUID().slice(0, 6)}`,
			kind: 'drop_in',
			openHours: 'Mon 10:00-11:00'
		});
		await db.update(chatRooms).set({ openUntil }).where(eq(chatRooms.id, room.id));
		return room;
	}

	it('when the hours end, everyone with the room open is told it has closed, when it opens, and who to talk to meanwhile', async () => {
		const room = await roomWithHours(monday('11:00:00'));
		const a = await joined(await account(), room.id);
		const told = nextEvent<RoomState>(a, CHAT_EVENTS.state);

		const announced = await announceHoursChanges(
			db,
			socketServer()!,
			monday('10:59:58'),
			monday('11:00:02')
		);

		expect(announced).toEqual([room.id]);
		const state = await told;
		expect(state).toMatchObject({
			roomId: room.id,
			open: false,
			statusLabel: 'Closed. Opens at 10:00 on Monday, when a youth worker is here.',
			help: { heading: 'Need to talk to someone now?' }
		});
		expect(state.help?.services.map((s) => s.name)).toContain('Samaritans');
	});

	it('when the hours begin, the status changes to waiting for a youth worker', async () => {
		const room = await roomWithHours(null);
		const a = await joined(await account(), room.id);
		const told = nextEvent<RoomState>(a, CHAT_EVENTS.state);
		await announceHoursChanges(db, socketServer()!, monday('09:59:58'), monday('10:00:02'));
		expect(await told).toMatchObject({
			open: false,
			statusLabel: expect.stringMatching(
				/^Closed until a youth worker opens it, during its hours until \d\d:\d\d/
			)
		});
	});

	it('nothing is announced while nothing changes', async () => {
		const room = await roomWithHours(monday('11:00:00'));
		const a = await joined(await account(), room.id);
		const quiet = silence(a, CHAT_EVENTS.state);
		expect(
			await announceHoursChanges(db, socketServer()!, monday('10:20:00'), monday('10:20:05'))
		).not.toContain(room.id);
		expect(await quiet).toBe(true);
	});

	it('the timer closes a lapsed opening for people in the room, and they can no longer write', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const w = await joined(worker, room.id);
		await db
			.update(chatRooms)
			.set({ openUntil: new Date(Date.now() + 1_200) })
			.where(eq(chatRooms.id, room.id));
		const memberTold = nextEvent<RoomState>(a, CHAT_EVENTS.state, (s) => !s.open, 6_000);
		const staffTold = nextEvent<RoomState>(w, CHAT_EVENTS.state, (s) => !s.open, 6_000);
		const stop = startRoomHoursTimer(database, 200);
		try {
			expect(await memberTold).toMatchObject({
				roomId: room.id,
				open: false,
				statusLabel: 'Closed until a youth worker opens it.',
				presence: 2,
				staffPresent: 1
			});
			await staffTold;
		} finally {
			await stop();
		}
		const reply = await ask<SendReply>(a, CHAT_REQUESTS.send, {
			roomId: room.id,
			clientId: randomUUID(),
			body: 'still open?'
		});
		expect(reply.ok === false && reply.error).toMatch(/closed/i);
	});
});
