/**
 * Who has a room open right now: the sockets in `room:<id>`, asked of socket.io (across every
 * instance when the Redis adapter is in use). With no socket server in this process (a CLI, a
 * test without one) nobody is present.
 */
import { socketServer } from '../realtime/attach';

export interface Presence {
	presence: number;
	staffPresent: number;
}

export async function presenceIn(roomId: number): Promise<Presence> {
	const io = socketServer();
	if (!io) return { presence: 0, staffPresent: 0 };
	const sockets = await io.in(`room:${roomId}`).fetchSockets();
	const people = new Map<number, boolean>();
	for (const socket of sockets) {
		const user = (socket.data as { user?: { id: number; staff: boolean } }).user;
		if (user) people.set(user.id, user.staff);
	}
	let staffPresent = 0;
	for (const staff of people.values()) if (staff) staffPresent++;
	return { presence: people.size, staffPresent };
}
