/**
 * npm run bench: load-tests the production build (node server.js) on a throwaway PostgreSQL
 * database, and prints each figure beside a baseline measured in the same run:
 *   - GET /healthz            baseline: the HTTP stack with no database and no page render
 *   - GET /help               a page render with a database read
 *   - GET /account signed in  session cookie decode + user re-read from the database per request
 *   - POST sign-in            argon2id verification (deliberately slow) end to end
 * Needs `npm run build` first and PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres).
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import postgres from 'postgres';
import { openDatabase } from '../src/lib/server/db/client';
import { createAccount, OPERATOR } from '../src/lib/server/accounts/manage';
import { benchRisk } from './bench-risk';

const adminUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.TEST_DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/postgres';
const port = Number(process.env.BENCH_PORT ?? 4180);
const origin = `http://127.0.0.1:${port}`;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
	const name = `together_bench_${randomBytes(4).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE DATABASE "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	try {
		return await fn(url.toString());
	} finally {
		await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await admin.end();
	}
}

async function startServer(databaseUrl: string) {
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			DATABASE_URL: databaseUrl,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: origin,
			LOG_LEVEL: 'error',
			AUTH_SECRET: randomBytes(33).toString('base64')
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) break;
		try {
			if ((await fetch(`${origin}/readyz`)).ok) return child;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill();
	throw new Error(
		`The server did not become ready (exit code ${child.exitCode}). Did you run \`npm run build\`?`
	);
}

async function signInCookie(username: string, password: string): Promise<string> {
	const response = await fetch(`${origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
		body: new URLSearchParams({ username, password })
	});
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('authjs.session-token='));
	if (!cookie) throw new Error(`sign-in failed with status ${response.status}`);
	return cookie.split(';')[0];
}

interface Row {
	name: string;
	result: autocannon.Result;
}

async function load(name: string, options: Partial<autocannon.Options>): Promise<Row> {
	await autocannon({ url: origin, duration: 2, connections, ...options }); // warm-up, not measured
	const result = await autocannon({ url: origin, duration, connections, ...options });
	if (result.non2xx > 0 || result.errors > 0) {
		throw new Error(`${name}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
	}
	return { name, result };
}

function table(rows: Row[], baseline: Row): string {
	const lines = [
		'| scenario | requests/s (mean) | latency p50 (ms) | latency p99 (ms) | vs baseline req/s |',
		'| --- | ---: | ---: | ---: | ---: |'
	];
	for (const { name, result } of rows) {
		const ratio = result.requests.average / baseline.result.requests.average;
		lines.push(
			`| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p99} | ${name === baseline.name ? 'baseline' : `${(ratio * 100).toFixed(0)}%`} |`
		);
	}
	return lines.join('\n');
}

await withDatabase(async (databaseUrl) => {
	const handle = await openDatabase({ url: databaseUrl });
	await handle.migrate();
	const username = 'bench_member';
	const password = 'bench-' + randomBytes(8).toString('hex');
	await createAccount(handle.db, OPERATOR, { username, password, roles: ['young_person'] });
	await handle.close();

	const server = await startServer(databaseUrl);
	try {
		const cookie = await signInCookie(username, password);
		const rows: Row[] = [];
		rows.push(await load('GET /healthz (baseline)', { url: `${origin}/healthz` }));
		rows.push(await load('GET /help (page + database read)', { url: `${origin}/help` }));
		rows.push(
			await load('GET /account (signed in: session + user re-read)', {
				url: `${origin}/account`,
				headers: { cookie }
			})
		);
		// Sign-in is argon2id-bound by design: few connections, so the limiter is not what we measure.
		const signIn = await autocannon({
			url: `${origin}/login`,
			duration,
			connections: 2,
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				origin,
				'x-forwarded-for': '10.0.0.1'
			},
			body: new URLSearchParams({ username, password }).toString()
		});
		rows.push({ name: 'POST /login (argon2id verify, 2 connections)', result: signIn });
		console.log(
			`\nTogether benchmark, ${new Date().toISOString()}, ${duration}s per scenario, ${connections} connections, PostgreSQL\n`
		);
		console.log(table(rows, rows[0]));
	} finally {
		server.kill('SIGTERM');
		await once(server, 'exit');
	}
});

// Risk assessment throughput (CPU only, no server or database): scripts/bench-risk.ts
console.log(`\n${await benchRisk()}`);
