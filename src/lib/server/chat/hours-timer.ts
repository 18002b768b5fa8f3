/**
 * Rooms open and close with the clock as well as by hand: when a drop-in's weekly hours end or
 * begin, or a youth worker's opening lapses, nobody acts, so nothing would tell the people who
 * have the room open. This timer looks, every few seconds, at the rooms this process has sockets
 * in and announces `room:state` to those sockets when the room's state by the clock changed since
 * the last look. Each instance announces to its own sockets only (`io.local`): several instances
 * each telling their own people is the same as one telling everyone, and announcing twice is
 * harmless (a client just takes the latest state). The comparison uses one database row at two
 * moments, so changes made by hand (already announced by `controlRoom`) never announce again.
 */
import { inArray } from 'drizzle-orm';
import type { Server } from 'socket.io';
import type { Database } from '../db';
import { chatRooms } from '../db/schema';
import { socketServer } from '../realtime/attach';
import { CHAT_EVENTS } from '../../chat';
import { roomAvailability } from './availability';
import { roomState } from './controls';
import { repeatEvery } from '../repeat';

/** The chat rooms (`room:<id>`) that sockets of this process are in. */
function localRoomIds(io: Server): number[] {
	const ids: number[] = [];
	for (const name of io.of('/').adapter.rooms.keys()) {
		const match = /^room:(\d+)$/.exec(name);
		if (match) ids.push(Number(match[1]));
	}
	return ids;
}

/**
 * Announce every room (with sockets here) whose open state or status line differs between `from`
 * and `to`. Returns the ids announced.
 */
export async function announceHoursChanges(
	db: Database,
	io: Server,
	from: Date,
	to: Date
): Promise<number[]> {
	const ids = localRoomIds(io);
	if (ids.length === 0) return [];
	const rooms = await db.select().from(chatRooms).where(inArray(chatRooms.id, ids));
	const announced: number[] = [];
	for (const room of rooms) {
		const before = roomAvailability(room, from);
		const after = roomAvailability(room, to);
		if (before.open === after.open && before.statusLabel === after.statusLabel) continue;
		io.local.to(`room:${room.id}`).emit(CHAT_EVENTS.state, await roomState(db, room, to));
		announced.push(room.id);
	}
	return announced;
}

/** Every `everyMs`, announce what the clock changed since the last tick (never two at once). */
export function startRoomHoursTimer(
	db: () => Promise<Database>,
	everyMs = 5_000
): () => Promise<void> {
	let last = new Date();
	return repeatEvery(
		everyMs,
		async () => {
			const now = new Date();
			const io = socketServer();
			if (io) await announceHoursChanges(await db(), io, last, now);
			last = now;
		},
		{ failure: 'announcing room hours failed' }
	);
}
