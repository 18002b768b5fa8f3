/**
 * Group chat over real sockets on a real database: members and a youth worker in an open room;
 * what is published, held or refused; a retry that never duplicates; gap-fill after a dropped
 * connection; pacing, mutes and closed rooms; staff tools; bad input answered, never crashing.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { database, type Database } from '../../src/lib/server/db';
import {
	auditLog,
	chatMessages,
	chatReports,
	chatRooms,
	evidenceSnapshots,
	safeguardingAlerts,
	users
} from '../../src/lib/server/db/schema';
import { createRoom, inviteToRoom, listRoomsFor } from '../../src/lib/server/chat/rooms';
import { controlRoom } from '../../src/lib/server/chat/controls';
import { purgeOldMessages } from '../../src/lib/server/chat/retention';
import { sendMessage } from '../../src/lib/server/chat/send';
import { ROOM_LOCK } from '../../src/lib/server/chat/room-writer';
import { claimAlert, resolveAlert } from '../../src/lib/server/safeguarding/alerts';
import {
	CHAT_EVENTS,
	CHAT_REQUESTS,
	type ChatMessageView,
	type JoinReply,
	type RemovedEvent,
	type RoomState,
	type SendReply,
	type TypingEvent
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
import { alertsWithEvidenceAbout } from '../support/alerts';

let db: Database;
let live: LiveServer;
let account: MakeAccount;
let worker: CurrentUser;

beforeAll(async () => {
	db = await database();
	live = await startLiveServer();
	account = accountMaker(db, 'chat');
	worker = await account(['youth_worker']);
});

afterAll(() => live.close());

const openRoom = (extra: RoomSettings = {}) => openDropIn(db, worker, extra);

async function joined(user: CurrentUser, roomId: number, since?: number) {
	const socket = await live.connect(user);
	const reply = await ask<JoinReply>(socket, CHAT_REQUESTS.join, { roomId, since });
	expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
	return { socket, reply: reply as JoinReply & { ok: true } };
}

function send(socket: Socket, roomId: number, body: string, clientId: string = randomUUID()) {
	return ask<SendReply>(socket, CHAT_REQUESTS.send, { roomId, clientId, body });
}

/** The last message id handed out (sequences are not transactional: seen at once). */
async function lastMessageId() {
	const [row] = (await db.execute(
		sql`select coalesce(last_value, 0)::int as n from pg_sequences where sequencename = 'chat_messages_id_seq'`
	)) as unknown as { n: number }[];
	return row.n;
}

/** For each connection waiting on an advisory lock: whether it has begun writing to chat_messages. */
async function waitingForAdvisoryLock() {
	const rows = (await db.execute(sql`
		select (
			select count(*)::int from pg_locks l
			where l.pid = a.pid and l.relation = 'chat_messages'::regclass and l.mode = 'RowExclusiveLock'
		) as n
		from pg_stat_activity a
		where a.datname = current_database() and a.wait_event_type = 'Lock' and a.wait_event = 'advisory'`)) as unknown as {
		n: number;
	}[];
	return rows.map((r) => r.n);
}

async function storedIn(roomId: number) {
	return db.select().from(chatMessages).where(eq(chatMessages.roomId, roomId));
}

describe('chatting in an open room', () => {
	it('a published message is stored, acknowledged to its sender and received by everyone in the room', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const w = await joined(worker, room.id);
		const heardByKofi = nextEvent<ChatMessageView>(k.socket, CHAT_EVENTS.message);
		const heardByWorker = nextEvent<ChatMessageView>(w.socket, CHAT_EVENTS.message);

		const reply = await send(a.socket, room.id, 'Anyone else revising for **exams**?');

		expect(reply).toMatchObject({ ok: true, status: 'published', help: null });
		const message = reply.message!;
		expect(message.html).toContain('<strong>exams</strong>');
		expect(message.author).toEqual({ id: amara.id, name: amara.username, staff: false });
		expect(await heardByKofi).toMatchObject({
			id: message.id,
			roomId: room.id,
			body: message.body
		});
		expect((await heardByWorker).id).toBe(message.id);
		expect(await storedIn(room.id)).toHaveLength(1);
	});

	it('shows staff as staff on their messages', async () => {
		const room = await openRoom();
		const w = await joined(worker, room.id);
		const reply = await send(w.socket, room.id, 'Welcome everyone, I am here until 9.');
		expect(reply.message?.author).toMatchObject({ name: worker.username, staff: true });
	});

	it('a retried send with the same client id is stored and delivered once, and answered the same', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const received = collect<ChatMessageView>(k.socket, CHAT_EVENTS.message);
		const clientId = randomUUID();

		const [first, second] = await Promise.all([
			send(a.socket, room.id, 'Did it send?', clientId),
			send(a.socket, room.id, 'Did it send?', clientId)
		]);
		const third = await send(a.socket, room.id, 'Did it send?', clientId);

		expect(first.message?.id).toBeDefined();
		expect(second.message?.id).toBe(first.message?.id);
		expect(third.message?.id).toBe(first.message?.id);
		expect(await storedIn(room.id)).toHaveLength(1);
		await silence(k.socket, CHAT_EVENTS.message, 200);
		expect(received.map((m) => m.id)).toEqual([first.message?.id]);
	});

	it('a client id already used in another room is refused, not re-sent', async () => {
		const [one, two] = [await openRoom(), await openRoom()];
		const amara = await account();
		const a = await joined(amara, one.id);
		await ask(a.socket, CHAT_REQUESTS.join, { roomId: two.id });
		const clientId = randomUUID();
		await send(a.socket, one.id, 'first', clientId);
		const reply = await send(a.socket, two.id, 'first', clientId);
		expect(reply).toMatchObject({ ok: false });
		expect(await storedIn(two.id)).toHaveLength(0);
	});

	it('words that suggest someone is at risk are held: only the author (with the crisis panel) and staff see them, and on-duty staff are alerted', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const w = await joined(worker, room.id);
		const staffSees = nextEvent<ChatMessageView>(w.socket, CHAT_EVENTS.message);

		const reply = await send(a.socket, room.id, 'I want to end my life tonight');

		expect(reply).toMatchObject({ ok: true, status: 'held' });
		expect(reply.notice).toMatch(/youth worker/i);
		expect(reply.help?.variant).toBe('crisis');
		// Nobody is on the duty rota, but a youth worker is right here: the panel says so.
		expect(reply.help?.staff.message).toMatch(/youth worker is in this room/);
		expect((await staffSees).status).toBe('held');
		expect(await silence(k.socket, CHAT_EVENTS.message)).toBe(true);
		const [stored] = await storedIn(room.id);
		expect(stored).toMatchObject({ status: 'held', riskLevel: 'imminent' });
		const alerts = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, amara.id));
		expect(alerts).toHaveLength(1);
		// A peer joining later does not get it; the author and staff do.
		const later = await joined(await account(), room.id);
		expect(later.reply.messages.map((m) => m.id)).not.toContain(stored.id);
		const again = await joined(amara, room.id);
		expect(again.reply.messages.map((m) => m.id)).toContain(stored.id);

		// Her phone lost the answer and sends again: the same message, and the crisis panel again.
		const retried = await send(a.socket, room.id, 'I want to end my life tonight', stored.clientId);
		expect(retried).toMatchObject({ ok: true, status: 'held', message: { id: stored.id } });
		expect(retried.help?.variant).toBe('crisis');
		expect(await storedIn(room.id)).toHaveLength(1);
	});

	it('personal contact details are held for a youth worker, not shown to the room', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const reply = await send(a.socket, room.id, 'add me on snap: amara_x99');
		expect(reply).toMatchObject({ ok: true, status: 'held' });
	});

	it('bullying is refused with the reason and nothing is stored', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const reply = await send(a.socket, room.id, 'go kill yourself');
		expect(reply).toMatchObject({ ok: false });
		expect(reply.ok === false && reply.error).toMatch(/never okay/);
		expect(await storedIn(room.id)).toHaveLength(0);
	});

	it('tells others someone is typing, naming them only to staff', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const w = await joined(worker, room.id);
		const memberHears = nextEvent<TypingEvent>(k.socket, CHAT_EVENTS.typing);
		const staffHears = nextEvent<TypingEvent>(w.socket, CHAT_EVENTS.typing);
		expect(await ask(a.socket, CHAT_REQUESTS.typing, { roomId: room.id })).toMatchObject({
			ok: true
		});
		expect(await memberHears).toEqual({ roomId: room.id, name: null });
		expect(await staffHears).toEqual({ roomId: room.id, name: amara.username });
	});

	it('counts who is present and whether a youth worker is here', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const stateAfterWorker = nextEvent<RoomState>(
			a.socket,
			CHAT_EVENTS.state,
			(s) => s.staffPresent === 1
		);
		const w = await joined(worker, room.id);
		expect(w.reply.state).toMatchObject({ presence: 2, staffPresent: 1, open: true });
		expect(await stateAfterWorker).toMatchObject({ presence: 2 });
	});
});

describe('reading back and keeping track', () => {
	it('joining shows the latest 50; earlier pages come 50 at a time until the start', async () => {
		const room = await openRoom();
		const ids: number[] = [];
		for (let i = 0; i < 120; i++) {
			const input = { roomId: room.id, clientId: randomUUID(), body: `note ${i}` };
			ids.push((await sendMessage(db, worker, input)).message.id);
		}
		const reader = await joined(await account(), room.id);
		expect(reader.reply.messages.map((m) => m.id)).toEqual(ids.slice(70));
		expect(reader.reply.more).toBe(true);
		const page2 = await ask<{ messages: ChatMessageView[]; more: boolean }>(
			reader.socket,
			CHAT_REQUESTS.history,
			{ roomId: room.id, before: ids[70] }
		);
		expect(page2.messages?.map((m) => m.id)).toEqual(ids.slice(20, 70));
		expect(page2.more).toBe(true);
		const page3 = await ask<{ messages: ChatMessageView[]; more: boolean }>(
			reader.socket,
			CHAT_REQUESTS.history,
			{ roomId: room.id, before: ids[20] }
		);
		expect(page3.messages?.map((m) => m.id)).toEqual(ids.slice(0, 20));
		expect(page3.more).toBe(false);
	});

	it('counts unread messages per member per room, until they read them', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		let last = 0;
		for (let i = 0; i < 3; i++) last = (await send(a.socket, room.id, `news ${i}`)).message!.id;
		const unread = async (who: CurrentUser) =>
			(await listRoomsFor(db, who)).find((r) => r.id === room.id)?.unread;
		expect(await unread(kofi)).toBe(3);
		expect(await unread(amara)).toBe(0); // your own messages are not unread
		expect(
			await ask(k.socket, CHAT_REQUESTS.read, { roomId: room.id, lastId: last })
		).toMatchObject({ ok: true });
		expect(await unread(kofi)).toBe(0);
		await ask(k.socket, CHAT_REQUESTS.read, { roomId: room.id, lastId: 1 }); // never moves back
		expect(await unread(kofi)).toBe(0);
	});

	it('lists a group room only to the members invited to it (and staff)', async () => {
		const room = await createRoom(db, worker, { name: 'Invited group', kind: 'group' });
		const [invited, other] = [await account(), await account()];
		await inviteToRoom(db, worker, room.id, invited.username);
		const names = async (who: CurrentUser) => (await listRoomsFor(db, who)).map((r) => r.id);
		expect(await names(invited)).toContain(room.id);
		expect(await names(other)).not.toContain(room.id);
		expect(await names(worker)).toContain(room.id);
		await joined(invited, room.id);
	});

	it('a room with a maximum turns members away when full (staff always fit)', async () => {
		const room = await openRoom({ maxMembers: 2 });
		await joined(await account(), room.id);
		await joined(await account(), room.id);
		const third = await live.connect(await account());
		const reply = await ask(third, CHAT_REQUESTS.join, { roomId: room.id });
		expect(reply.ok === false && reply.error).toMatch(/full right now/);
		await joined(worker, room.id);
	});
});

describe('never losing a message', () => {
	it('after a dropped connection, rejoining with the last id seen returns exactly what was missed', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const seen = (await send(a.socket, room.id, 'before the tunnel')).message!;
		await nextEvent(k.socket, CHAT_EVENTS.message, () => true).catch(() => undefined);
		k.socket.disconnect(); // Kofi's train goes into a tunnel

		const missed: number[] = [];
		for (let i = 0; i < 5; i++)
			missed.push((await send(a.socket, room.id, `missed ${i}`)).message!.id);

		const back = await joined(kofi, room.id, seen.id);
		expect(back.reply.messages.map((m) => m.id)).toEqual([seen.id, ...missed]);
		expect(back.reply.more).toBe(false);
	});

	it('a rejoin also re-sends the last messages up to the one given, so one delivered out of order is never lost', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const ids: number[] = [];
		for (let i = 0; i < 3; i++) ids.push((await send(a.socket, room.id, `m${i}`)).message!.id);
		const back = await joined(await account(), room.id, ids[2]);
		expect(back.reply.messages.map((m) => m.id)).toEqual(ids);
	});

	it('while many people send at once, a member who drops out and rejoins ends with every message exactly once', async () => {
		const room = await openRoom();
		const senders = await Promise.all(Array.from({ length: 6 }, () => account()));
		const sockets = await Promise.all(senders.map(async (m) => (await joined(m, room.id)).socket));
		const kofi = await account();
		const k = await joined(kofi, room.id);
		const received = new Map<number, number>();
		const count = (m: ChatMessageView) => received.set(m.id, (received.get(m.id) ?? 0) + 1);
		k.socket.on(CHAT_EVENTS.message, count);

		const sending = Promise.all(
			sockets.flatMap((socket, i) =>
				[0, 1, 2, 3].map((j) => send(socket, room.id, `hello ${i}.${j}`))
			)
		);
		await new Promise((resolve) => setTimeout(resolve, 15));
		k.socket.disconnect();
		const lastSeen = Math.max(0, ...received.keys());
		const replies = await sending;
		const back = await joined(kofi, room.id, lastSeen);
		for (const m of back.reply.messages) if (!received.has(m.id)) count(m);

		const acknowledged = replies.map((r) => r.message!.id).sort((x, y) => x - y);
		expect(replies.every((r) => r.ok)).toBe(true);
		expect([...received.keys()].sort((x, y) => x - y)).toEqual(acknowledged);
		expect([...received.values()].every((n) => n === 1)).toBe(true);
	});

	// Needs a second connection to hold the lock while the server writes: PostgreSQL, not PGlite.
	it.runIf(process.env.TEST_DATABASE_URL)(
		'a message takes its id only once it is the room’s turn to write, so ids rise in commit order',
		async () => {
			const room = await openRoom();
			const a = await joined(await account(), room.id);
			let sending: ReturnType<typeof send> | undefined;
			await db.transaction(async (tx) => {
				// Another writer holds the room: the message waits, without an id or a row.
				await tx.execute(sql`select pg_advisory_xact_lock(${ROOM_LOCK}::int, ${room.id}::int)`);
				const before = await lastMessageId();
				sending = send(a.socket, room.id, 'Waiting my turn');
				await vi.waitFor(async () => expect(await waitingForAdvisoryLock()).toEqual([0]));
				expect(await lastMessageId()).toBe(before);
			});
			expect(await sending).toMatchObject({ ok: true, status: 'published' });
		}
	);

	it('a rejoining client hears about messages removed while it was away', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const w = await joined(worker, room.id);
		const message = (await send(a.socket, room.id, 'something to remove')).message!;
		await nextEvent(k.socket, CHAT_EVENTS.message);
		k.socket.disconnect();
		expect(
			await ask(w.socket, CHAT_REQUESTS.removeMessage, { roomId: room.id, messageId: message.id })
		).toMatchObject({ ok: true });
		const back = await joined(kofi, room.id, message.id);
		expect(back.reply.removedIds).toEqual([message.id]);
	});
});

describe('when members cannot write', () => {
	it('a closed room can be read but not written in, and says why', async () => {
		const room = await createRoom(db, worker, { name: 'Tuesday drop-in', kind: 'drop_in' });
		const a = await joined(await account(), room.id);
		expect(a.reply.room.open).toBe(false);
		const reply = await send(a.socket, room.id, 'hello?');
		expect(reply.ok === false && reply.error).toMatch(/closed/i);
		expect(await storedIn(room.id)).toHaveLength(0);
	});

	it('a room outside its weekly hours cannot be opened', async () => {
		const now = new Date();
		const tomorrow = ((new Date(now.getTime() + 86_400_000).getUTCDay() + 6) % 7) + 1;
		const day = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][tomorrow - 1];
		// Only tomorrow, and only one minute of it at 03:00: not now, whatever the time.
		const room = await createRoom(db, worker, {
			name: 'Later',
			kind: 'drop_in',
			openHours: `${day} 03:00-03:01`
		});
		await expect(controlRoom(db, worker, { action: 'open', roomId: room.id })).rejects.toThrow(
			/outside its hours/
		);
	});

	it('a locked room refuses members but not staff', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const w = await joined(worker, room.id);
		const locked = nextEvent<RoomState>(a.socket, CHAT_EVENTS.state, (s) => s.locked);
		expect(
			await ask(w.socket, CHAT_REQUESTS.setRoom, { action: 'lock', roomId: room.id })
		).toMatchObject({ ok: true });
		expect(await locked).toMatchObject({ locked: true, open: true });
		expect((await send(a.socket, room.id, 'hello')).ok).toBe(false);
		expect((await send(w.socket, room.id, 'Pausing for a moment, everyone.')).ok).toBe(true);
	});

	it('when a youth worker closes the room, members in it are told who to talk to instead; reopening takes that away', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const w = await joined(worker, room.id);
		expect(a.reply.state.help).toBeNull();
		const closed = nextEvent<RoomState>(a.socket, CHAT_EVENTS.state, (s) => !s.open);
		await ask(w.socket, CHAT_REQUESTS.setRoom, { action: 'close', roomId: room.id });
		const state = await closed;
		expect(state).toMatchObject({
			statusLabel: 'Closed until a youth worker opens it.',
			help: { heading: 'Need to talk to someone now?' }
		});
		expect(state.help?.services.map((s) => s.name)).toContain('Samaritans');
		const reopened = nextEvent<RoomState>(a.socket, CHAT_EVENTS.state, (s) => s.open);
		await ask(w.socket, CHAT_REQUESTS.setRoom, { action: 'open', roomId: room.id });
		expect((await reopened).help).toBeNull();
	});

	it('a member muted in the room reads but cannot send, and is told until when', async () => {
		const room = await openRoom();
		const amara = await account();
		const a = await joined(amara, room.id);
		const w = await joined(worker, room.id);
		const told = nextEvent<{ mutedUntil: string }>(a.socket, CHAT_EVENTS.you);
		expect(
			await ask(w.socket, CHAT_REQUESTS.muteMember, {
				roomId: room.id,
				userId: amara.id,
				duration: '10m'
			})
		).toMatchObject({ ok: true });
		expect((await told).mutedUntil).toBeTruthy();
		const reply = await send(a.socket, room.id, 'why?');
		expect(reply.ok === false && reply.error).toMatch(/paused your messages/);
		const audit = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'chat.member.mute'), eq(auditLog.targetId, String(amara.id))));
		expect(audit).toHaveLength(1);
	});

	it('a member muted everywhere by a youth worker cannot chat either', async () => {
		const room = await openRoom();
		const amara = await account();
		await db
			.update(users)
			.set({ mutedUntil: new Date(Date.now() + 3_600_000) })
			.where(eq(users.id, amara.id));
		const a = await joined(amara, room.id);
		const reply = await send(a.socket, room.id, 'hello');
		expect(reply.ok === false && reply.error).toMatch(/paused your posting/);
	});

	it('a member muted everywhere while in the room cannot send their next message', async () => {
		const room = await openRoom();
		const amara = await account();
		const a = await joined(amara, room.id);
		expect(await send(a.socket, room.id, 'first')).toMatchObject({ ok: true });
		await db
			.update(users)
			.set({ mutedUntil: new Date(Date.now() + 3_600_000) })
			.where(eq(users.id, amara.id));
		const reply = await send(a.socket, room.id, 'second');
		expect(reply.ok === false && reply.error).toMatch(/paused your posting/);
		expect((await storedIn(room.id)).map((m) => m.body)).toEqual(['first']);
	});

	it('a muted member whose message shows risk is never turned away: held, alerted, answered with help', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const w = await joined(worker, room.id);
		expect(
			await ask(w.socket, CHAT_REQUESTS.muteMember, {
				roomId: room.id,
				userId: amara.id,
				duration: '10m'
			})
		).toMatchObject({ ok: true });

		const inRoom = await send(a.socket, room.id, 'I want to end my life tonight');
		expect(inRoom).toMatchObject({ ok: true, status: 'held' });
		expect(inRoom.notice).toMatch(/youth worker/i);
		expect(inRoom.help?.variant).toBe('crisis');
		expect(await silence(k.socket, CHAT_EVENTS.message)).toBe(true);
		// Anything else is still refused.
		const other = await send(a.socket, room.id, 'why was I muted?');
		expect(other.ok === false && other.error).toMatch(/paused your messages in this room/);

		// Muted everywhere too: the same.
		await db
			.update(users)
			.set({ mutedUntil: new Date(Date.now() + 3_600_000) })
			.where(eq(users.id, amara.id));
		const everywhere = await send(a.socket, room.id, 'im going to take all my pills tonight');
		expect(everywhere).toMatchObject({ ok: true, status: 'held' });
		expect(everywhere.help?.variant).toBe('crisis');
		const refused = await send(a.socket, room.id, 'hello?');
		expect(refused.ok === false && refused.error).toMatch(/paused your posting/);

		const stored = await storedIn(room.id);
		expect(stored.map((m) => [m.status, m.screeningReasons.includes('muted')])).toEqual([
			['held', true],
			['held', true]
		]);
		const alerts = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, amara.id));
		expect(alerts).toHaveLength(2);
	});

	it('a member suspended elsewhere while in the room is refused, nothing is stored, and the connection ends', async () => {
		const room = await openRoom();
		const amara = await account();
		const a = await joined(amara, room.id);
		const ended = new Promise<void>((resolve) => a.socket.once('disconnect', () => resolve()));
		await db
			.update(users)
			.set({ suspendedUntil: new Date(Date.now() + 86_400_000) })
			.where(eq(users.id, amara.id));
		const reply = await send(a.socket, room.id, 'can anyone see this?');
		expect(reply.ok === false && reply.error).toMatch(/session has ended/);
		await ended;
		expect(await storedIn(room.id)).toHaveLength(0);
	});

	it('a member taken out of a room stops hearing it at once and cannot rejoin', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const w = await joined(worker, room.id);
		const told = nextEvent<{ removed: boolean }>(k.socket, CHAT_EVENTS.you);
		expect(
			await ask(w.socket, CHAT_REQUESTS.removeMember, { roomId: room.id, userId: kofi.id })
		).toMatchObject({ ok: true });
		expect((await told).removed).toBe(true);
		await send(a.socket, room.id, 'still here?');
		expect(await silence(k.socket, CHAT_EVENTS.message)).toBe(true);
		const again = await ask(k.socket, CHAT_REQUESTS.join, { roomId: room.id });
		expect(again.ok === false && again.error).toMatch(/taken you out/);
	});

	it('slow mode spaces members’ messages; staff are exempt', async () => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const w = await joined(worker, room.id);
		await ask(w.socket, CHAT_REQUESTS.setRoom, {
			action: 'slow-mode',
			roomId: room.id,
			seconds: 30
		});
		expect((await send(a.socket, room.id, 'one')).ok).toBe(true);
		const second = await send(a.socket, room.id, 'two');
		expect(second.ok === false && second.error).toMatch(/slow mode.*again in \d+ seconds/i);
		expect((await send(w.socket, room.id, 'staff one')).ok).toBe(true);
		expect((await send(w.socket, room.id, 'staff two')).ok).toBe(true);
	});

	it('a new member sends one message per 5 seconds; everyone at most 10 per 30 seconds', async () => {
		const room = await openRoom();
		const newcomer = await account();
		await joinedDaysAgo(db, newcomer, 1);
		const n = await joined(newcomer, room.id);
		expect((await send(n.socket, room.id, 'hi all')).ok).toBe(true);
		const tooSoon = await send(n.socket, room.id, 'me again');
		expect(tooSoon.ok === false && tooSoon.error).toMatch(/new here/);
		// With how long until it may go, so the app can send it then by itself.
		expect(tooSoon.ok === false && tooSoon.retryInMs).toBeGreaterThan(3_000);
		expect(tooSoon.ok === false && tooSoon.retryInMs).toBeLessThanOrEqual(5_000);

		const regular = await joined(await account(), room.id);
		const results = [];
		for (let i = 0; i < 11; i++) results.push(await send(regular.socket, room.id, `line ${i}`));
		expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
		expect(results[10].ok === false && results[10].error).toMatch(/a lot of messages/);
	});

	it('a flood of sends at once stores no more than the limit allows', async () => {
		const room = await openRoom();
		const r = await joined(await account(), room.id);
		const replies = await Promise.all(
			Array.from({ length: 25 }, (_, i) => send(r.socket, room.id, `flood ${i}`))
		);
		expect(replies.filter((x) => x.ok)).toHaveLength(10);
		expect(await storedIn(room.id)).toHaveLength(10);
	});

	it('a message that shows someone at risk is never held back by pacing', async () => {
		const room = await openRoom();
		const r = await joined(await account(), room.id);
		await ask(r.socket, CHAT_REQUESTS.join, { roomId: room.id });
		for (let i = 0; i < 10; i++) await send(r.socket, room.id, `chat ${i}`);
		const urgent = await send(r.socket, room.id, 'i am going to kill myself tonight');
		expect(urgent).toMatchObject({ ok: true, status: 'held' });
	});
});

describe('staff tools and who may use them', () => {
	it('a youth worker removes a message and it disappears live for everyone', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const w = await joined(worker, room.id);
		const message = (await send(a.socket, room.id, 'unkind words')).message!;
		const gone = nextEvent<RemovedEvent>(k.socket, CHAT_EVENTS.removed);
		await ask(w.socket, CHAT_REQUESTS.removeMessage, { roomId: room.id, messageId: message.id });
		expect(await gone).toEqual({ roomId: room.id, id: message.id });
		const later = await joined(await account(), room.id);
		const placeholder = later.reply.messages.find((m) => m.id === message.id);
		expect(placeholder).toMatchObject({ status: 'removed', body: '', html: '' });
	});

	it.each([
		[CHAT_REQUESTS.removeMessage, { messageId: 1 }],
		[CHAT_REQUESTS.muteMember, { userId: 1, duration: '10m' }],
		[CHAT_REQUESTS.removeMember, { userId: 1 }],
		[CHAT_REQUESTS.setRoom, { action: 'open' }],
		[CHAT_REQUESTS.setRoom, { action: 'lock' }]
	])('a member cannot use %s', async (event, extra) => {
		const room = await openRoom();
		const a = await joined(await account(), room.id);
		const before = await db.select().from(chatRooms).where(eq(chatRooms.id, room.id));
		const reply = await ask(a.socket, event, { roomId: room.id, ...extra });
		expect(reply.ok === false && reply.error).toMatch(/Only staff who run rooms/);
		expect(await db.select().from(chatRooms).where(eq(chatRooms.id, room.id))).toEqual(before);
	});

	it('a coproduction lead cannot moderate a chat room', async () => {
		const room = await openRoom();
		const lead = await account(['coproduction_lead']);
		const l = await joined(lead, room.id);
		const reply = await ask(l.socket, CHAT_REQUESTS.setRoom, { action: 'close', roomId: room.id });
		expect(reply.ok).toBe(false);
	});

	it('group rooms are only for invited members', async () => {
		const room = await createRoom(db, worker, { name: 'Young carers', kind: 'group' });
		const socket = await live.connect(await account());
		const reply = await ask(socket, CHAT_REQUESTS.join, { roomId: room.id });
		expect(reply.ok === false && reply.error).toMatch(/does not exist, or you cannot join/);
	});

	it('a report carries the ten messages before it; "worried" alerts staff', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		for (let i = 0; i < 12; i++) await send(i % 2 ? k.socket : a.socket, room.id, `line ${i}`);
		const reported = (await send(a.socket, room.id, 'nobody would notice if I was gone')).message!;
		const reply = await ask(k.socket, CHAT_REQUESTS.report, {
			roomId: room.id,
			messageId: reported.id,
			reason: 'worried'
		});
		expect(reply).toMatchObject({ ok: true });
		const [report] = await db
			.select()
			.from(chatReports)
			.where(eq(chatReports.messageId, reported.id));
		expect(report.context).toHaveLength(11);
		expect(report.context.at(-1)?.id).toBe(reported.id);
		const alerts = await db
			.select()
			.from(safeguardingAlerts)
			.where(
				and(eq(safeguardingAlerts.subjectUserId, amara.id), eq(safeguardingAlerts.source, 'report'))
			);
		expect(alerts).toHaveLength(1);
	});

	it('"worried" after my earlier report of the same message still alerts staff, once, keeping both notes', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const reported = (await send(a.socket, room.id, 'whatever, nobody would miss me')).message!;
		const report = (reason: string, note?: string) =>
			ask<{ message: string; help: unknown }>(k.socket, CHAT_REQUESTS.report, {
				roomId: room.id,
				messageId: reported.id,
				reason,
				note
			});
		expect(await report('unkind', 'rude to me')).toMatchObject({ ok: true });
		const worried = await report('worried', 'reading it again, I think they mean it');
		expect(worried).toMatchObject({ ok: true, help: null });

		const alertsAboutAmara = () =>
			db
				.select()
				.from(safeguardingAlerts)
				.where(
					and(
						eq(safeguardingAlerts.subjectUserId, amara.id),
						eq(safeguardingAlerts.source, 'report')
					)
				);
		const alerts = await alertsAboutAmara();
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ level: 'high', raisedById: kofi.id });
		expect(alerts[0].note).toBe('rude to me — later: reading it again, I think they mean it');
		expect(
			await db.select().from(chatReports).where(eq(chatReports.messageId, reported.id))
		).toMatchObject([
			{ reason: 'worried', note: 'rude to me — later: reading it again, I think they mean it' }
		]);
		const audits = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'chat.message.report'), eq(auditLog.targetId, String(reported.id)))
			);
		expect(audits.map((x) => x.details)).toContainEqual(
			expect.objectContaining({ reason: 'worried', was: 'unkind', reopened: false })
		);

		// Worried again while that alert is open: staff have it already, and what is new with it.
		expect(await report('worried', 'please check on them')).toMatchObject({ ok: true });
		expect(await alertsAboutAmara()).toMatchObject([
			{
				id: alerts[0].id,
				note: 'rude to me — later: reading it again, I think they mean it — later: please check on them'
			}
		]);
		const onAlert = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'alert.note_added'), eq(auditLog.targetId, String(alerts[0].id)))
			);
		expect(onAlert).toMatchObject([
			{ actorId: kofi.id, details: { note: 'please check on them', messageId: reported.id } }
		]);
	});

	it('a reporter whose own note shows they may not be safe is alerted about and shown the crisis panel; the report still goes through', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const reported = (await send(a.socket, room.id, 'you are so annoying')).message!;
		const note =
			'they keep picking on me and i cant do this anymore im going to take all my pills tonight';
		const reply = await ask<{ message: string; help: { variant: string; level: string } }>(
			k.socket,
			CHAT_REQUESTS.report,
			{ roomId: room.id, messageId: reported.id, reason: 'unkind', note }
		);
		expect(reply).toMatchObject({ ok: true, help: { variant: 'crisis', level: 'imminent' } });
		expect(
			await db.select().from(chatReports).where(eq(chatReports.messageId, reported.id))
		).toMatchObject([{ reason: 'unkind', note }]);
		const alerts = await alertsWithEvidenceAbout(db, kofi.id);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ level: 'imminent', source: 'screening' });
		const { evidence } = alerts[0];
		expect(evidence).toMatchObject({ contentType: 'report_note', text: note });
		expect(evidence.context).toMatchObject({
			reporting: 'chat_message',
			roomId: room.id,
			messageId: reported.id
		});

		// An ordinary note: no panel, nothing raised about the reporter.
		const other = (await send(a.socket, room.id, 'lol')).message!;
		const plain = await ask(k.socket, CHAT_REQUESTS.report, {
			roomId: room.id,
			messageId: other.id,
			reason: 'spam',
			note: 'they keep posting this'
		});
		expect(plain).toMatchObject({ ok: true, help: null });
		expect(
			await db
				.select()
				.from(safeguardingAlerts)
				.where(eq(safeguardingAlerts.subjectUserId, kofi.id))
		).toHaveLength(1);
	});
});

describe('bad input', () => {
	let socket: Socket;
	let roomId: number;
	beforeEach(async () => {
		const room = await openRoom();
		roomId = room.id;
		({ socket } = await joined(await account(), room.id));
	});

	it.each<[string, (roomId: number) => unknown]>([
		['no payload', () => undefined],
		['a string', () => 'hello'],
		['a missing room', () => ({ clientId: randomUUID(), body: 'hi' })],
		['a room id that is text', () => ({ roomId: 'one', clientId: randomUUID(), body: 'hi' })],
		['a negative room id', () => ({ roomId: -4, clientId: randomUUID(), body: 'hi' })],
		['a huge room id', () => ({ roomId: 1e12, clientId: randomUUID(), body: 'hi' })],
		['no client id', (roomId) => ({ roomId, body: 'hi' })],
		['a client id with spaces', (roomId) => ({ roomId, clientId: 'a b', body: 'hi' })],
		[
			'a client id of 65 characters',
			(roomId) => ({ roomId, clientId: 'a'.repeat(65), body: 'hi' })
		],
		['an empty body', (roomId) => ({ roomId, clientId: randomUUID(), body: '   ' })],
		['a body that is a number', (roomId) => ({ roomId, clientId: randomUUID(), body: 42 })],
		[
			'a body that is an object',
			(roomId) => ({ roomId, clientId: randomUUID(), body: { $ne: 1 } })
		],
		[
			'a body over 2,000 characters',
			(roomId) => ({ roomId, clientId: randomUUID(), body: 'a'.repeat(2001) })
		]
	])('chat:send with %s is answered with a reason and stores nothing', async (_, payload) => {
		const reply = await ask(socket, CHAT_REQUESTS.send, payload(roomId));
		expect(reply.ok).toBe(false);
		expect(reply.ok === false && reply.error.length).toBeGreaterThan(5);
		expect(await storedIn(roomId)).toHaveLength(0);
	});

	it('says how long a too-long message is', async () => {
		const reply = await send(socket, roomId, 'a'.repeat(2001));
		expect(reply.ok === false && reply.error).toMatch(/2,000 characters or fewer \(it has 2,001\)/);
	});

	it('an unknown event is answered, and the connection stays up for everyone', async () => {
		const reply = await ask(socket, 'chat:delete-everything', { roomId });
		expect(reply).toEqual({ ok: false, error: 'Together does not know that request.' });
		expect(socket.connected).toBe(true);
		expect((await send(socket, roomId, 'still works')).ok).toBe(true);
	});

	it('joining a room that does not exist is refused', async () => {
		const reply = await ask(socket, CHAT_REQUESTS.join, { roomId: 999_999 });
		expect(reply.ok === false && reply.error).toMatch(/does not exist/);
	});

	it('typing in a room not joined is refused quietly', async () => {
		const reply = await ask(socket, CHAT_REQUESTS.typing, { roomId: roomId + 1000 });
		expect(reply.ok).toBe(false);
	});
});

describe('retention', () => {
	it('deletes messages older than the setting, but keeps reported ones and evidence of a live alert; the evidence copy outlives the message', async () => {
		const room = await openRoom();
		const [amara, kofi] = [await account(), await account()];
		const a = await joined(amara, room.id);
		const k = await joined(kofi, room.id);
		const plain = (await send(a.socket, room.id, 'an ordinary old message')).message!;
		const reported = (await send(a.socket, room.id, 'an old message someone reported')).message!;
		await ask(k.socket, CHAT_REQUESTS.report, {
			roomId: room.id,
			messageId: reported.id,
			reason: 'spam'
		});
		const risky = (await send(a.socket, room.id, 'i want to kill myself')).message!;
		const fresh = (await send(k.socket, room.id, 'a message from today')).message!;
		const later = new Date(Date.now() + 91 * 86_400_000);

		expect((await purgeOldMessages(db, later)).deleted).toBeGreaterThanOrEqual(2);
		const left = (await storedIn(room.id)).map((m) => m.id);
		expect(left).toContain(reported.id);
		expect(left).toContain(risky.id);
		expect(left).not.toContain(plain.id);
		expect(left).not.toContain(fresh.id);

		const [alert] = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, amara.id));
		await claimAlert(db, worker, alert.id);
		await resolveAlert(db, worker, alert.id, 'Spoke with them; safe.');
		expect((await purgeOldMessages(db, later)).deleted).toBeGreaterThanOrEqual(1);
		expect((await storedIn(room.id)).map((m) => m.id)).toEqual([reported.id]);
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alert.evidenceId!));
		expect(evidence.text).toBe('i want to kill myself');
	});
});
