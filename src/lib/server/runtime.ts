/**
 * What the plain-JS production entry (server.js) needs from the bundle, handed over on
 * globalThis: attach the socket server to its HTTP server, and shut down cleanly.
 */
import type { Server as HttpServer } from 'node:http';
import { attachRealtime, closeRealtime } from './realtime/attach';
import { closeDatabase, database, databaseHandle, type Database } from './db';
import { config } from './config';
import { log } from './log';
import { startEscalationTimer } from './safeguarding/escalation';
import { purgeDeletedPosts, startRetentionTimer } from './forum/retention';
import { purgeOldMessages } from './chat/retention';
import { startRoomHoursTimer } from './chat/hours-timer';
// Registers the forum's (thread:watch, thread:unwatch), the chat's and idea sessions' socket events before any
// socket connects.
import './forum/live';
import './chat/socket';
import './workshops/socket';

export interface Runtime {
	/** Open and migrate the database, failing fast with a readable message; start scheduled work. */
	start(): Promise<void>;
	attachRealtime(server: HttpServer): Promise<unknown>;
	shutdown(): Promise<void>;
}

/** The running escalation timer, on globalThis so a reloaded module (dev) never starts a second. */
const TIMER = Symbol.for('together.escalationTimer');
/** The hourly retention purge (deleted posts' words), kept the same way. */
const RETENTION_TIMER = Symbol.for('together.retentionTimer');
/** Announces rooms opening and closing with the clock (chat/hours-timer.ts), kept the same way. */
const ROOM_HOURS_TIMER = Symbol.for('together.roomHoursTimer');
const g = globalThis as Record<symbol, (() => Promise<void>) | undefined>;

/** Every retention rule, one after the other. */
export async function purgeExpired(db: Database) {
	return { posts: await purgeDeletedPosts(db), chat: await purgeOldMessages(db) };
}

export const runtime: Runtime = {
	async start() {
		config();
		await databaseHandle();
		await g[TIMER]?.();
		// Unclaimed alerts escalate, and alerts raised where nobody could be reached are announced.
		g[TIMER] = startEscalationTimer(database);
		await g[RETENTION_TIMER]?.();
		// Deleted posts' words are erased, and old chat messages deleted, once their retention
		// periods have passed (hourly).
		g[RETENTION_TIMER] = startRetentionTimer(database, { purge: purgeExpired });
		await g[ROOM_HOURS_TIMER]?.();
		// People with a room open see it close (and say when it opens) as its hours end.
		g[ROOM_HOURS_TIMER] = startRoomHoursTimer(database);
	},
	attachRealtime,
	async shutdown() {
		const stopEscalation = g[TIMER];
		g[TIMER] = undefined;
		await stopEscalation?.();
		const stopRetention = g[RETENTION_TIMER];
		g[RETENTION_TIMER] = undefined;
		await stopRetention?.();
		const stopRoomHours = g[ROOM_HOURS_TIMER];
		g[ROOM_HOURS_TIMER] = undefined;
		await stopRoomHours?.();
		await closeRealtime();
		await closeDatabase();
		log.info('shut down cleanly');
	}
};

(globalThis as Record<symbol, Runtime>)[Symbol.for('together.runtime')] = runtime;
