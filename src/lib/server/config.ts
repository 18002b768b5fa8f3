/**
 * Every environment setting, parsed once with zod. Code shared with server.js and the CLIs
 * reads process.env through here, never through $env (which only exists inside Vite).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
	.string()
	.optional()
	.transform((v) => v === '1' || v === 'true' || v === 'yes');

const schema = z.object({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	DATABASE_URL: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || undefined)
		.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
			message: 'must start with postgres:// or postgresql://'
		}),
	DATA_DIR: z.string().trim().min(1).default('./data'),
	AUTH_SECRET: z
		.string()
		.optional()
		.transform((v) => v || undefined)
		.refine((v) => v === undefined || v.length >= 32, {
			message: 'must be at least 32 characters (make one with: openssl rand -base64 33)'
		}),
	ORIGIN: z.string().url().optional(),
	SITE_NAME: z.string().trim().min(1).max(60).default('Together'),
	QUICK_EXIT_URL: z.string().url().default('https://www.bbc.co.uk/weather'),
	REDIS_URL: z.string().optional(),
	/** Told (no content, just that an alert is unclaimed) when a safeguarding alert escalates. */
	ESCALATION_WEBHOOK_URL: z.string().url().optional(),
	LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
	DEMO: boolish,
	/** How often open sockets are re-checked against the database (suspensions made elsewhere). */
	SOCKET_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
	TRUST_PROXY: boolish
});

export type Config = z.infer<typeof schema> & { authSecret: string; embedded: boolean };

export class ConfigError extends Error {}

let cached: Config | undefined;

/** Parse the environment; throws ConfigError with a message an operator can act on. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		throw new ConfigError(
			`Together cannot start: the environment is not valid.\n${lines.join('\n')}`
		);
	}
	const values = parsed.data;
	const embedded = !values.DATABASE_URL;
	let authSecret = values.AUTH_SECRET;
	if (!authSecret) {
		if (values.NODE_ENV === 'production' && !embedded) {
			throw new ConfigError(
				"Together cannot start: AUTH_SECRET is not set. It signs everyone's session.\n" +
					'  Make one with:  openssl rand -base64 33\n' +
					'  and set it in the environment as AUTH_SECRET.'
			);
		}
		authSecret = persistedSecret(values.DATA_DIR);
	}
	return { ...values, authSecret, embedded };
}

export function config(): Config {
	cached ??= loadConfig();
	return cached;
}

/** For tests that change the environment between cases. */
export function resetConfig() {
	cached = undefined;
}

/** The embedded default keeps a generated secret under DATA_DIR so sessions survive restarts. */
function persistedSecret(dataDir: string): string {
	const file = path.join(dataDir, 'auth-secret');
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dataDir, { recursive: true });
	const secret = randomBytes(33).toString('base64');
	writeFileSync(file, secret + '\n', { mode: 0o600 });
	return secret;
}
