/**
 * What the plain-JS production entry (server.js) needs from the SvelteKit bundle, handed over
 * on globalThis: attach the socket server to its HTTP server, and shut down cleanly.
 */
import type { Server as HttpServer } from 'node:http';
import { attachRealtime, closeRealtime } from './realtime/attach';
import { closeDatabase, databaseHandle } from './db';
import { config } from './config';
import { log } from './log';

export interface Runtime {
	/** Open and migrate the database, failing fast with a readable message. */
	start(): Promise<void>;
	attachRealtime(server: HttpServer): Promise<unknown>;
	shutdown(): Promise<void>;
}

export const runtime: Runtime = {
	async start() {
		config();
		await databaseHandle();
	},
	attachRealtime,
	async shutdown() {
		await closeRealtime();
		await closeDatabase();
		log.info('shut down cleanly');
	}
};

(globalThis as Record<symbol, Runtime>)[Symbol.for('together.runtime')] = runtime;
