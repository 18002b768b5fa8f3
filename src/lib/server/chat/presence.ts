/**
 * Who has a room open right now: the sockets in `room:<id>`, asked of socket.io (across every
 * instance when the Redis adapter is in use). With no socket server in this process (a CLI, a
 * test without one) nobody is present. Counts go to everyone in the room; who they are (ids)
 * only ever leaves this module for staff (see people.ts).
 */
import { socketServer } from '../realtime/attach';

export interface Presence {
	presence: number;
	staffPresent: number;
}

/** Each distinct person with the room open, and whether they are staff. */
export async function peoplePresentIn(roomId: number): Promise<Map<number, boolean>> {
	const people = new Map<number, boolean>();
	const io = socketServer();
	if (!io) return people;
	const sockets = await io.in(`room:${roomId}`).fetchSockets();
	for (const socket of sockets) {
		const user = (socket.data as { user?: { id: number; staff: boolean } }).user;
		if (user) people.set(user.id, user.staff);
	}
	return people;
}

export function countPresence(people: Map<number, boolean>): Presence {
	let staffPresent = 0;
	for (const staff of people.values()) if (staff) staffPresent++;
	return { presence: people.size, staffPresent };
}

export async function presenceIn(roomId: number): Promise<Presence> {
	return countPresence(await peoplePresentIn(roomId));
}
