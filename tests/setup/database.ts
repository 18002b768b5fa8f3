/**
 * Every test file gets its own empty, migrated database: a fresh database on the real
 * PostgreSQL server when TEST_DATABASE_URL is set, an in-memory PGlite otherwise.
 */
import { afterAll } from 'vitest';
import postgres from 'postgres';
import { closeDatabase } from '../../src/lib/server/db';
import { resetConfig } from '../../src/lib/server/config';

process.env.NODE_ENV = 'test';
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-0123456789';

const adminUrl = process.env.TEST_DATABASE_URL;
let dropName: string | undefined;

if (adminUrl) {
	const name = `together_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE DATABASE "${name}"`);
	await admin.end();
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	process.env.DATABASE_URL = url.toString();
	dropName = name;
} else {
	delete process.env.DATABASE_URL;
	process.env.DATA_DIR = 'memory://';
}
resetConfig();

afterAll(async () => {
	await closeDatabase();
	if (adminUrl && dropName) {
		const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
		await admin.unsafe(`DROP DATABASE IF EXISTS "${dropName}" WITH (FORCE)`);
		await admin.end();
	}
});
