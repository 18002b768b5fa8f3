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
		// The server ending the session (suspension, sign out everywhere) is not a blip to retry.
		connection.status = reason === 'io server disconnect' ? 'offline' : 'reconnecting';
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
