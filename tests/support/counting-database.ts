/**
 * For tests that bound how many statements a page costs: the test file's own database connection,
 * wrapped so that every statement sent through it is counted.
 */
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { PGlite } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import type { Database } from '../../src/lib/server/db';
import * as schema from '../../src/lib/server/db/schema';

/** The same database connection, counting every statement sent through it. */
export function countingDatabase(db: Database) {
	let n = 0;
	const logger = { logQuery: () => void (n += 1) };
	const client = (db as unknown as { $client: unknown }).$client;
	const counted = process.env.DATABASE_URL
		? drizzlePostgres(client as Sql, { schema, logger })
		: drizzlePglite(client as PGlite, { schema, logger });
	return { db: counted as unknown as Database, queries: () => n };
}
