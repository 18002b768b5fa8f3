/**
 * Chat over real sockets: a socket.io server on a random port with the app's handlers, people
 * connected as signed-in browsers, and helpers that ask (with an acknowledgement) and wait for
 * events. Used by the chat integration tests.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'socket.io-client';
import { attachRealtime, closeRealtime } from '../../src/lib/server/realtime/attach';
import { resetConfig } from '../../src/lib/server/config';
import type { Answer } from '../../src/lib/server/realtime/listen';
import { connectSignedIn } from './session-socket';
import { randomUUID } from 'node:crypto';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import type { Database } from '../../src/lib/server/db';
import { controlRoom } from '../../src/lib/server/chat/controls';
import { createRoom } from '../../src/lib/server/chat/rooms';
import '../../src/lib/server/chat/socket';
import '../../src/lib/server/workshops/socket';

export interface LiveServer {
	origin: string;
	connect(user: { id: number; sessionVersion: number }): Promise<Socket>;
	close(): Promise<void>;
}

export async function startLiveServer(): Promise<LiveServer> {
	process.env.SOCKET_RECHECK_SECONDS = '3600';
	resetConfig();
	const server: HttpServer = createServer();
	await attachRealtime(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const sockets: Socket[] = [];
	return {
		origin,
		async connect(user) {
			const socket = await connectSignedIn(origin, user);
			sockets.push(socket);
			return socket;
		},
		async close() {
			for (const socket of sockets) socket.disconnect();
			await closeRealtime();
			if (server.listening) await new Promise((resolve) => server.close(resolve));
		}
	};
}

/** Emit with an acknowledgement and resolve with the answer (fails after `ms`). */
export function ask<T extends object = Record<string, unknown>>(
	socket: Socket,
	event: string,
	payload: unknown,
	ms = 5_000
): Promise<Answer & Partial<T>> {
	return socket.timeout(ms).emitWithAck(event, payload) as Promise<Answer & Partial<T>>;
}

/** Resolves with the next `event` payload that matches, or rejects after `ms`. */
export function nextEvent<T>(
	socket: Socket,
	event: string,
	matches: (payload: T) => boolean = () => true,
	ms = 5_000
): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			socket.off(event, listener);
			reject(new Error(`no ${event} within ${ms} ms`));
		}, ms);
		const listener = (payload: T) => {
			if (!matches(payload)) return;
			clearTimeout(timer);
			socket.off(event, listener);
			resolve(payload);
		};
		socket.on(event, listener);
	});
}

/** Collects every `event` payload from now on. */
export function collect<T>(socket: Socket, event: string): T[] {
	const seen: T[] = [];
	socket.on(event, (payload: T) => seen.push(payload));
	return seen;
}

/** Nothing of `event` arrives within `ms`. */
export async function silence(socket: Socket, event: string, ms = 300): Promise<boolean> {
	const seen = collect(socket, event);
	await new Promise((resolve) => setTimeout(resolve, ms));
	return seen.length === 0;
}

export type RoomSettings = Partial<Parameters<typeof createRoom>[2]>;

/** A drop-in room (or as `extra` says) that a youth worker has set up and opened. */
export async function openDropIn(db: Database, worker: CurrentUser, extra: RoomSettings = {}) {
	const room = await createRoom(db, worker, {
		name: `Room ${randomUUID().slice(0, 6)}`,
		kind: 'drop_in',
		...extra
	});
	await controlRoom(db, worker, { action: 'open', roomId: room.id });
	return room;
}
