/**
 * The chat's socket contract (docs/realtime.md): thin adapters from socket events to the chat
 * services. A socket in a room is in `room:<id>` (and staff also in `room:<id>:staff`, where held
 * messages and typists' names go); joining and leaving announce the room's presence.
 */
import { sameRoles, type CurrentUser } from '../accounts/current-user';
import { database } from '../db';
import { log } from '../log';
import { isStaff, NotAllowedError } from '../policy';
import {
	handlerReadsThePerson,
	registerSocketHandlers,
	whenDisconnected,
	type TogetherSocket
} from '../realtime/attach';
import { listen } from '../realtime/listen';
import { CHAT_EVENTS, CHAT_REQUESTS, type TypingEvent } from '../../chat';
import {
	announceRoomState,
	controlRoom,
	muteInRoom,
	removeFromRoom,
	removeMessage,
	roomState
} from './controls';
import { reportMessage, toggleReaction } from './feedback';
import { joinRoom, markRead, roomHistory } from './join';
import { announcePeople, roomPeople, STAFF_ONLY_PEOPLE } from './people';
import { countPresence, peoplePresentIn, presenceIn } from './presence';
import { loadRoom } from './rooms';
import { roomIdSchema, sendMessage } from './send';
import { SessionEndedError } from './send-context';

const TYPING_EVERY_MS = 2_000;

function roomIdOf(payload: unknown): number {
	const parsed = roomIdSchema.safeParse((payload as { roomId?: unknown } | null)?.roomId);
	if (!parsed.success) throw new NotAllowedError('Say which room.');
	return parsed.data;
}

export function registerChatSocketHandlers(socket: TogetherSocket): void {
	const user = (): CurrentUser => socket.data.user;
	const lastTyping = new Map<number, number>();

	listen(socket, CHAT_REQUESTS.join, async (payload) => {
		const db = await database();
		const joined = await joinRoom(db, user(), payload);
		const roomId = joined.room.id;
		const room = `room:${roomId}` as const;
		if (!socket.rooms.has(room)) await assertRoomHasSpace(roomId, joined.room, user());
		await socket.join(isStaff(user()) ? [room, `${room}:staff`] : [room]);
		// Asked of socket.io once: the count for everyone, the names for the staff in the room.
		const present = await peoplePresentIn(roomId);
		const state = await roomState(
			db,
			await loadRoom(db, roomId),
			new Date(),
			countPresence(present)
		);
		socket.to(room).emit(CHAT_EVENTS.state, state);
		await announcePeople(db, roomId, present);
		return { ...joined, state };
	});

	listen(socket, CHAT_REQUESTS.leave, async (payload) => {
		const roomId = roomIdOf(payload);
		await leave(roomId);
	});

	// Staff only, and only for a room they have open: members never get names, only the count.
	listen(socket, CHAT_REQUESTS.people, async (payload) => {
		const roomId = roomIdOf(payload);
		if (!isStaff(user())) throw new NotAllowedError(STAFF_ONLY_PEOPLE);
		if (!socket.rooms.has(`room:${roomId}:staff`))
			throw new NotAllowedError('Join the room first.');
		return roomPeople(await database(), user(), roomId);
	});

	// sendMessage re-reads the sender with the room (one statement), so the per-event re-read
	// skips it; a sender whose session has ended is told so and their connection ends, as does
	// (once answered) one whose roles changed, to come back into the right rooms.
	listen(socket, CHAT_REQUESTS.send, async (payload) => {
		let endConnection = false;
		try {
			return await sendMessage(await database(), user(), payload, {
				onAuthor: (fresh) => {
					socket.data.user = fresh;
					endConnection = !sameRoles(fresh.roles, socket.data.connectedAs.roles);
				}
			});
		} catch (error) {
			if (error instanceof SessionEndedError) endConnection = true;
			throw error;
		} finally {
			if (endConnection) setImmediate(() => socket.disconnect(true));
		}
	});

	listen(socket, CHAT_REQUESTS.typing, async (payload) => {
		const roomId = roomIdOf(payload);
		const room = `room:${roomId}` as const;
		if (!socket.rooms.has(room)) throw new NotAllowedError('Join the room first.');
		const now = Date.now();
		if (now - (lastTyping.get(roomId) ?? 0) < TYPING_EVERY_MS) return;
		lastTyping.set(roomId, now);
		const anonymous: TypingEvent = { roomId, name: null };
		const named: TypingEvent = { roomId, name: user().username };
		socket.to(room).except(`${room}:staff`).emit(CHAT_EVENTS.typing, anonymous);
		socket.to(`${room}:staff`).emit(CHAT_EVENTS.typing, named);
	});

	listen(socket, CHAT_REQUESTS.read, async (payload) => {
		await markRead(await database(), user(), payload);
	});

	listen(socket, CHAT_REQUESTS.history, async (payload) =>
		roomHistory(await database(), user(), payload)
	);

	listen(socket, CHAT_REQUESTS.react, async (payload) =>
		toggleReaction(await database(), user(), payload)
	);

	listen(socket, CHAT_REQUESTS.report, async (payload) =>
		reportMessage(await database(), user(), payload)
	);

	listen(socket, CHAT_REQUESTS.removeMessage, async (payload) => {
		await removeMessage(await database(), user(), payload);
	});

	listen(socket, CHAT_REQUESTS.muteMember, async (payload) => {
		const until = await muteInRoom(await database(), user(), payload);
		return { mutedUntil: until.toISOString() };
	});

	listen(socket, CHAT_REQUESTS.removeMember, async (payload) => {
		await removeFromRoom(await database(), user(), payload);
	});

	listen(socket, CHAT_REQUESTS.setRoom, async (payload) => {
		const db = await database();
		const room = await controlRoom(db, user(), payload);
		return { state: await roomState(db, room) };
	});

	// Leaving (or losing the connection) changes who is present.
	socket.on('disconnecting', () => {
		const rooms = [...socket.rooms].filter((r) => /^room:\d+$/.test(r));
		if (rooms.length === 0) return;
		whenDisconnected(async () => {
			await new Promise((resolve) => setImmediate(resolve)); // once it has left its rooms
			try {
				const db = await database();
				for (const room of rooms) await announceRoomState(db, Number(room.slice(5)));
			} catch (error) {
				log.warn({ err: error }, 'could not announce presence after a disconnect');
			}
		});
	});

	async function leave(roomId: number) {
		const room = `room:${roomId}` as const;
		await socket.leave(room);
		await socket.leave(`${room}:staff`);
		await announceRoomState(await database(), roomId);
	}
}

/** A room with a maximum refuses members once that many people are in it (staff always fit). */
async function assertRoomHasSpace(
	roomId: number,
	room: { name: string },
	person: CurrentUser
): Promise<void> {
	if (isStaff(person)) return;
	const db = await database();
	const row = await loadRoom(db, roomId);
	if (!row.maxMembers) return;
	const { presence } = await presenceIn(roomId);
	if (presence >= row.maxMembers)
		throw new NotAllowedError(
			`${room.name} is full right now (${row.maxMembers} people). Try again in a little while.`
		);
}

handlerReadsThePerson(CHAT_REQUESTS.send);
registerSocketHandlers(registerChatSocketHandlers);
