/**
 * The browser's one socket to Together, opened only for signed-in people (the server refuses
 * anyone else). `connection.status` drives the live indicator in the header; pages and the
 * layout listen for server events with `onEvent`.
 */
import { io, type Socket } from 'socket.io-client';

export type ConnectionStatus = 'offline' | 'connecting' | 'live' | 'reconnecting';

export const connection = $state<{ status: ConnectionStatus; error: string | null }>({
	status: 'offline',
	error: null
});

/**
 * Sent locally (not by the server) when the socket connects again after a break: events may
 * have been missed meanwhile, so listeners refetch what they show.
 */
export const RECONNECTED = 'connection:restored';

type Handler = (payload: unknown) => void;
// A registry of listeners, not state anything renders: plain collections on purpose.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const handlers = new Map<string, Set<Handler>>();

function dispatch(event: string, payload: unknown) {
	for (const handler of handlers.get(event) ?? []) {
		try {
			handler(payload);
		} catch (error) {
			console.error(`handler for ${event} failed`, error);
		}
	}
}

/**
 * Listen for a server event (whether or not the socket is open yet). Returns the function that
 * stops listening: call it when the component goes away.
 */
export function onEvent<T = unknown>(event: string, handler: (payload: T) => void): () => void {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- see `handlers`
	const set = handlers.get(event) ?? new Set<Handler>();
	handlers.set(event, set);
	const wrapped: Handler = (payload) => handler(payload as T);
	set.add(wrapped);
	return () => {
		set.delete(wrapped);
		if (set.size === 0) handlers.delete(event);
	};
}

let socket: Socket | null = null;

export function connect(): Socket {
	if (socket) return socket;
	connection.status = 'connecting';
	socket = io({ transports: ['websocket', 'polling'], withCredentials: true });
	let everConnected = false;
	socket.onAny((event: string, payload: unknown) => dispatch(event, payload));
	socket.on('connect', () => {
		connection.status = 'live';
		connection.error = null;
		if (everConnected) dispatch(RECONNECTED, null);
		everConnected = true;
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
