/** Starting up: the environment is checked once, and a mistake stops the server with advice. */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/lib/server/config';

let dataDir: string;

beforeEach(() => {
	dataDir = mkdtempSync(path.join(tmpdir(), 'together-config-'));
});

afterEach(() => {
	rmSync(dataDir, { recursive: true, force: true });
});

function refusal(env: NodeJS.ProcessEnv): ConfigError {
	try {
		loadConfig(env);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		return error as ConfigError;
	}
	throw new Error('loadConfig accepted the environment');
}

describe('loading the configuration', () => {
	it('refuses to start in production against a database server without AUTH_SECRET, and says how to make one', () => {
		const error = refusal({
			NODE_ENV: 'production',
			DATABASE_URL: 'postgres://together@db.internal:5432/together',
			DATA_DIR: dataDir
		});
		expect(error.message).toContain('AUTH_SECRET is not set');
		expect(error.message).toContain('openssl rand');
	});

	it('generates a secret for the embedded database, keeps it under DATA_DIR, and reuses it next time', () => {
		const env = { NODE_ENV: 'production', DATA_DIR: dataDir };
		const first = loadConfig(env);
		expect(first.embedded).toBe(true);
		expect(first.authSecret.length).toBeGreaterThanOrEqual(32);

		const file = path.join(dataDir, 'auth-secret');
		expect(readFileSync(file, 'utf8').trim()).toBe(first.authSecret);
		// Only the account running Together may read it.
		expect(statSync(file).mode & 0o077).toBe(0);

		expect(loadConfig(env).authSecret).toBe(first.authSecret);
	});

	it('gives each new data directory its own secret', () => {
		const other = mkdtempSync(path.join(tmpdir(), 'together-config-'));
		try {
			expect(loadConfig({ DATA_DIR: dataDir }).authSecret).not.toBe(
				loadConfig({ DATA_DIR: other }).authSecret
			);
		} finally {
			rmSync(other, { recursive: true, force: true });
		}
	});

	it('uses AUTH_SECRET when it is set, and writes nothing to disk', () => {
		const secret = 'x'.repeat(40);
		const loaded = loadConfig({
			NODE_ENV: 'production',
			DATABASE_URL: 'postgresql://together@db.internal/together',
			AUTH_SECRET: secret,
			DATA_DIR: dataDir
		});
		expect(loaded.authSecret).toBe(secret);
		expect(loaded.embedded).toBe(false);
		expect(() => statSync(path.join(dataDir, 'auth-secret'))).toThrow();
	});

	it('refuses an AUTH_SECRET that is too short to be safe, and says how to make one', () => {
		const error = refusal({ AUTH_SECRET: 'hunter2', DATA_DIR: dataDir });
		expect(error.message).toContain('AUTH_SECRET');
		expect(error.message).toContain('at least 32 characters');
		expect(error.message).toContain('openssl rand');
	});

	it('explains what is wrong with a DATABASE_URL that is not a PostgreSQL address', () => {
		const error = refusal({ DATABASE_URL: 'mysql://root@localhost/together', DATA_DIR: dataDir });
		expect(error.message).toContain('Together cannot start');
		expect(error.message).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
	});

	it('treats an empty DATABASE_URL as not set and uses the embedded database', () => {
		const loaded = loadConfig({ DATABASE_URL: '  ', DATA_DIR: dataDir });
		expect(loaded.embedded).toBe(true);
		expect(loaded.DATABASE_URL).toBeUndefined();
	});
});
