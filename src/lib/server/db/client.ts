/**
 * Opens the one store: postgres.js against a real server when a URL is given, PGlite
 * (PostgreSQL in WebAssembly) persisted in a directory otherwise. Both run the same schema and
 * the same migrations, so the service code cannot tell them apart.
 */
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { acquireDataDirLock } from './lock';
import type { Sql } from 'postgres';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
	db: Database;
	kind: 'postgres' | 'pglite';
	/** Apply the committed SQL migrations under drizzle/. */
	migrate(): Promise<void>;
	/** Cheap round trip for /readyz. */
	ping(): Promise<void>;
	close(): Promise<void>;
}

export type DatabaseTarget = { url: string } | { dataDir: string } | { memory: true };

const migrationsFolder = () => path.resolve(process.env.MIGRATIONS_DIR ?? 'drizzle');

export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
	if ('url' in target) return openPostgres(target.url);
	return openPglite('dataDir' in target ? target.dataDir : undefined);
}

/**
 * Drizzle sends each query unprepared unless it is given a name, so PostgreSQL parses and plans
 * the same page queries on every request (on a thread page that was most of the database's time).
 * With prepared statements, postgres.js keeps each distinct query text prepared per connection
 * (connections are recycled every 30–60 minutes, which bounds the cache) and PostgreSQL can reuse
 * a generic plan. Queries inside transactions are left as they are.
 */
function preparingStatements(client: Sql): Sql {
	return new Proxy(client, {
		get(target, property, receiver) {
			if (property !== 'unsafe') return Reflect.get(target, property, receiver);
			return (query: string, args?: unknown[], options: Record<string, unknown> = {}) =>
				target.unsafe(query, args as never, { ...options, prepare: true });
		}
	});
}

async function openPostgres(url: string): Promise<OpenDatabase> {
	const { default: postgres } = await import('postgres');
	const { drizzle } = await import('drizzle-orm/postgres-js');
	const client = postgres(url, {
		max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
		onnotice: () => {}
	});
	const db = drizzle(preparingStatements(client), { schema }) as unknown as Database;
	return {
		db,
		kind: 'postgres',
		async migrate() {
			const { migrate } = await import('drizzle-orm/postgres-js/migrator');
			const single = postgres(url, { max: 1, onnotice: () => {} });
			try {
				await migrate(drizzle(single), { migrationsFolder: migrationsFolder() });
			} finally {
				await single.end();
			}
		},
		async ping() {
			await client`select 1`;
		},
		async close() {
			await client.end({ timeout: 5 });
		}
	};
}

async function openPglite(dataDir: string | undefined): Promise<OpenDatabase> {
	const { PGlite } = await import('@electric-sql/pglite');
	const { drizzle } = await import('drizzle-orm/pglite');
	const release = dataDir ? acquireDataDirLock(dataDir) : () => {};
	let client;
	try {
		client = dataDir ? new PGlite(path.join(dataDir, 'pglite')) : new PGlite();
		await client.waitReady;
	} catch (error) {
		release();
		throw error;
	}
	const pg = client;
	const db = drizzle(pg, { schema }) as unknown as Database;
	return {
		db,
		kind: 'pglite',
		async migrate() {
			const { migrate } = await import('drizzle-orm/pglite/migrator');
			await migrate(drizzle(pg), { migrationsFolder: migrationsFolder() });
		},
		async ping() {
			await pg.query('select 1');
		},
		async close() {
			await pg.close();
			release();
		}
	};
}
