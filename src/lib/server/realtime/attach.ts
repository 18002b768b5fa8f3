/**
 * The one socket.io server, attached to the same HTTP server as SvelteKit (by the Vite plugin
 * in development, by server.js in production). Each socket joins `user:<id>`, and `staff` for
 * staff. Domain handlers register through `registerSocketHandlers`.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { CurrentUser } from '../accounts/current-user';
import { endedSessions, loadCurrentUser, sameRoles, SESSION_ENDED } from '../accounts/current-user';
import { config } from '../config';
import { database } from '../db';
import { log } from '../log';
import { answerUnknown } from './listen';
import { installPublisher, type Publisher } from './publisher';
import { originAllowed, userFromHandshake } from './socket-auth';

export interface SocketData {
	/** The person as of their last event (re-read at most every FRESH_FOR_MS). */
	user: CurrentUser;
	/** The person as they connected: their roles decided the rooms this socket is in. */
	connectedAs: CurrentUser;
}
export type TogetherSocket = Socket<
	Record<string, never>,
	Record<string, never>,
	Record<string, never>,
	SocketData
>;
type Registrar = (socket: TogetherSocket) => void;

/** How long a re-read of the person behind a socket holds before the next event reads again. */
const FRESH_FOR_MS = 1_000;

const KEY = Symbol.for('together.io');
const g = globalThis as Record<symbol, Server | undefined>;
const registrars: Registrar[] = [];

/** The socket server of this process, once attached (presence asks it who is in a room). */
export function socketServer(): Server | undefined {
	return g[KEY];
}

/**
 * Events whose service re-reads the person itself, in the same statement as what else it needs
 * (a chat message: see chat/send-context.ts), and refuses and ends the connection if their
 * session no longer stands: the per-event re-read below skips them rather than read twice.
 */
const readThePersonThemselves = new Set<string>();

export function handlerReadsThePerson(event: string): void {
	readThePersonThemselves.add(event);
}

/** Domains (chat, workshops, forum) add their event handlers here. */
export function registerSocketHandlers(registrar: Registrar): void {
	registrars.push(registrar);
}

export async function attachRealtime(httpServer: HttpServer): Promise<Server> {
	const existing = g[KEY];
	if (existing) return existing;
	// No connection-state recovery: socket.io would replay a resumed connection's missed events
	// before any check runs, so someone suspended or taken out of a room meanwhile would receive
	// them. Every page catches up from the database when it reconnects instead.
	const io = new Server(httpServer, { serveClient: false });
	g[KEY] = io;
	await useRedisAdapterIfConfigured(io);

	io.use(async (socket, next) => {
		const { headers } = socket.handshake;
		if (!originAllowed(headers.origin, headers.host, config().ORIGIN)) {
			return next(new Error('This connection did not come from Together.'));
		}
		try {
			const user = await userFromHandshake(headers);
			if (!user) return next(new Error('Please sign in.'));
			socket.data.user = user;
			socket.data.connectedAs = user;
			next();
		} catch (error) {
			log.error({ err: error }, 'socket authentication failed');
			next(new Error('Could not check your session. Try again shortly.'));
		}
	});

	io.on('connection', (socket: TogetherSocket) => {
		const { user } = socket.data;
		socket.join(`user:${user.id}`);
		if (user.staff) socket.join('staff');
		// Every event re-reads the person (at most once a second), so a suspension, a sign-out
		// everywhere or a change of roles acts on an open socket at once.
		let freshAt = Date.now();
		socket.use(async ([event], next) => {
			if (readThePersonThemselves.has(event) || Date.now() - freshAt < FRESH_FOR_MS) return next();
			try {
				const fresh = await loadCurrentUser(await database(), {
					userId: user.id,
					sessionVersion: user.sessionVersion
				});
				if (!fresh || !sameRoles(fresh.roles, user.roles)) {
					// Ended, or new roles: they reconnect (if they still may) into the right rooms.
					next(new Error(SESSION_ENDED));
					socket.disconnect(true);
					return;
				}
				socket.data.user = fresh;
				freshAt = Date.now();
				next();
			} catch (error) {
				log.error({ err: error }, 'could not re-read the person behind a socket event');
				next(new Error('Something went wrong on our side. Try again in a moment.'));
			}
		});
		for (const register of registrars) register(socket);
		answerUnknown(socket);
	});

	installPublisher(socketPublisher(io));
	startSessionRecheck(io);
	log.info('realtime attached');
	return io;
}

/**
 * Suspensions, "sign out everywhere" and role changes made in this process disconnect at once
 * (publisher); those made elsewhere (the CLI, another instance) are caught by this periodic
 * re-check, so an idle connection never keeps what a former role let it receive.
 */
function startSessionRecheck(io: Server) {
	const timer = setInterval(async () => {
		try {
			const sockets = [...io.of('/').sockets.values()] as TogetherSocket[];
			const claims = sockets.map((s) => ({
				userId: s.data.user.id,
				sessionVersion: s.data.user.sessionVersion,
				roles: s.data.connectedAs.roles
			}));
			const ended = await endedSessions(await database(), claims);
			for (const socket of sockets) if (ended.has(socket.data.user.id)) socket.disconnect(true);
		} catch (error) {
			log.warn({ err: error }, 'socket session re-check failed');
		}
	}, config().SOCKET_RECHECK_SECONDS * 1000);
	timer.unref();
	recheckTimers.set(io, timer);
}

const recheckTimers = new WeakMap<Server, NodeJS.Timeout>();

function socketPublisher(io: Server): Publisher {
	return {
		publish(audience, event, payload) {
			io.to(audience).emit(event, payload);
		},
		async publishEach(audience, personalise) {
			// Local sockets come back as themselves; with the Redis adapter, other instances'
			// sockets come back with their data and an emit that goes through the adapter.
			for (const socket of await io.in(audience).fetchSockets()) {
				const message = personalise((socket.data as SocketData).user);
				if (message) socket.emit(message.event, message.payload);
			}
		},
		disconnectUser(userId) {
			io.in(`user:${userId}`).disconnectSockets(true);
		},
		removeFromRoom(userId, audience) {
			io.in(`user:${userId}`).socketsLeave(audience);
		}
	};
}

/** Several instances fan out through Redis streams when REDIS_URL is set. */
async function useRedisAdapterIfConfigured(io: Server) {
	const url = config().REDIS_URL;
	if (!url) return;
	const [{ createClient }, { createAdapter }] = await Promise.all([
		import('redis'),
		import('@socket.io/redis-streams-adapter')
	]);
	const client = createClient({ url });
	client.on('error', (err) => log.warn({ err }, 'redis error'));
	await client.connect();
	io.adapter(createAdapter(client));
	log.info('realtime fan-out through redis');
}

/** Work handlers start when a connection ends (attendance, presence), still running. */
const afterDisconnect = new Set<Promise<unknown>>();

/**
 * Run work that a connection's end starts, so that closing the socket server waits for it (and a
 * shutdown or a test never closes the database under it).
 */
export function whenDisconnected(work: () => Promise<unknown>): void {
	const running = work().finally(() => afterDisconnect.delete(running));
	afterDisconnect.add(running);
}

export async function closeRealtime(): Promise<void> {
	const io = g[KEY];
	if (!io) return;
	g[KEY] = undefined;
	clearInterval(recheckTimers.get(io));
	installPublisher(undefined);
	await new Promise<void>((resolve) => io.close(() => resolve()));
	// Closing ended every connection: let what their ends started finish.
	while (afterDisconnect.size) await Promise.allSettled([...afterDisconnect]);
}
