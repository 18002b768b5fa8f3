/**
 * The browser's one socket to Together, opened only for signed-in people (the server refuses
 * anyone else). `connection.status` drives the live indicator in the header.
 */
import { io, type Socket } from 'socket.io-client';

export type ConnectionStatus = 'offline' | 'connecting' | 'live' | 'reconnecting';

export const connection = $state<{ status: ConnectionStatus; error: string | null }>({
	status: 'offline',
	error: null
});

let socket: Socket | null = null;

export function connect(): Socket {
	if (socket) return socket;
	connection.status = 'connecting';
	socket = io({ transports: ['websocket', 'polling'], withCredentials: true });
	socket.on('connect', () => {
		connection.status = 'live';
		connection.error = null;
	});
	socket.on('disconnect', (reason) => {
		if (reason !== 'io server disconnect') {
			connection.status = 'reconnecting';
			return;
		}
		// The server let go of us: the session may have ended (then the retry is refused and we stay
		// offline) or the person's roles changed (then the retry joins the right rooms).
		connection.status = 'offline';
		setTimeout(() => socket?.connect(), 1000);
	});
	socket.on('connect_error', (err) => {
		connection.status = socket?.active ? 'reconnecting' : 'offline';
		connection.error = err.message;
	});
	return socket;
}

export function disconnect(): void {
	socket?.disconnect();
	socket = null;
	connection.status = 'offline';
}
