/**
 * The process-wide database: opened, migrated and given its first-run data once, on first use.
 * The handle lives on globalThis so that server.js, the SvelteKit bundle and the socket
 * handlers share one connection pool (and one PGlite owner).
 */
import { config } from '../config';
import { openDatabase, type Database, type OpenDatabase } from './client';
import { log } from '../log';

export type { Database } from './client';
export * as schema from './schema';

const KEY = Symbol.for('together.database');
type Holder = { opening?: Promise<OpenDatabase> };
const holder: Holder = ((globalThis as Record<symbol, Holder>)[KEY] ??= {});

export function databaseHandle(): Promise<OpenDatabase> {
	holder.opening ??= start().catch((error) => {
		holder.opening = undefined;
		throw error;
	});
	return holder.opening;
}

/** The drizzle database, ready to use. */
export async function database(): Promise<Database> {
	return (await databaseHandle()).db;
}

async function start(): Promise<OpenDatabase> {
	const { DATABASE_URL, DATA_DIR } = config();
	const handle = await openDatabase(
		DATABASE_URL ? { url: DATABASE_URL } : targetForDataDir(DATA_DIR)
	);
	await handle.migrate();
	log.info({ database: handle.kind }, 'database ready');
	return handle;
}

function targetForDataDir(dir: string) {
	return dir === 'memory://' ? ({ memory: true } as const) : { dataDir: dir };
}

export async function closeDatabase(): Promise<void> {
	const opening = holder.opening;
	holder.opening = undefined;
	if (opening) await (await opening).close();
}
