/**
 * npm run bench: load-tests the production build (node server.js) on a throwaway PostgreSQL
 * database, and prints each figure beside a baseline measured in the same run:
 *   - GET /healthz            baseline: the HTTP stack with no database and no page render
 *   - GET /help               a page render with a database read
 *   - GET /account signed in  session cookie decode + user re-read from the database per request
 *   - POST sign-in            argon2id verification (deliberately slow) end to end
 * and then the forum, on 100,000 seeded posts (scripts/bench-forum.ts), signed in as a member, at
 * 50 connections, beside the framework's floor: a bare SvelteKit app (bench/baseline) rendering
 * the same 50 posts from memory with no session, database or layout:
 *   - GET /forum/t/<id>       a thread page of 50 posts
 *   - GET /forum/<category>   a category page (20 threads of 1,250)
 *   - GET /forum/search?q=…   full-text search (also at 1 connection, for the latency one person sees)
 * Needs `npm run build` first and PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres).
 *
 * While working on one page: BENCH_ONLY=forum runs the forum scenarios alone (no /healthz, /help,
 * /account, sign-in or risk rows), BENCH_ONLY=thread only the baseline and the thread page, and BENCH_KEEP_DATABASE=<name> seeds a database of that name
 * once and keeps it, so later runs with the same name skip the seeding (about a minute).
 * BENCH_SERVER_DIR=<dir> runs the server.js (and build/) in that directory instead of this one:
 * copy a build there to measure before and after alternately in the same minutes. Each forum row
 * also reports the server process's own CPU time per request (from /proc), which moves less than
 * requests/s when other work shares the machine.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import postgres from 'postgres';
import { openDatabase } from '../src/lib/server/db/client';
import { createAccount, OPERATOR } from '../src/lib/server/accounts/manage';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCurrentUser, type CurrentUser } from '../src/lib/server/accounts/current-user';
import { loadThreadPage } from '../src/lib/server/forum/read';
import { benchRisk } from './bench-risk';
import { findSeededForum, SEED, seedForum, type SeededForum } from './bench-forum';

const adminUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.TEST_DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/postgres';
const port = Number(process.env.BENCH_PORT ?? 4180);
const serverDir = process.env.BENCH_SERVER_DIR ?? '.';
const origin = `http://127.0.0.1:${port}`;
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 20);
const forumConnections = Number(process.env.BENCH_FORUM_CONNECTIONS ?? 50);
const baselinePort = port + 1;
const only = process.env.BENCH_ONLY ?? '';
if (!['', 'forum', 'thread'].includes(only))
	throw new Error(`BENCH_ONLY=${only}: "forum" or "thread" (the baseline and thread page only)`);
const kept = process.env.BENCH_KEEP_DATABASE ?? '';
if (kept !== '' && !/^[a-z0-9_]+$/.test(kept))
	throw new Error('BENCH_KEEP_DATABASE: lower-case letters, digits and _ only');

/** A throwaway database, or the kept one (`fresh`: it was just created and needs seeding). */
async function withDatabase<T>(fn: (url: string, fresh: boolean) => Promise<T>): Promise<T> {
	const name = kept || `together_bench_${randomBytes(4).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	const [exists] = kept ? await admin`select 1 from pg_database where datname = ${name}` : [];
	if (!exists) await admin.unsafe(`CREATE DATABASE "${name}"`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	try {
		return await fn(url.toString(), !exists);
	} finally {
		if (!kept) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await admin.end();
	}
}

async function startServer(databaseUrl: string) {
	return start(join(serverDir, 'server.js'), origin, '/readyz', {
		DATABASE_URL: databaseUrl,
		PORT: String(port),
		ORIGIN: origin,
		AUTH_SECRET: randomBytes(33).toString('base64')
	});
}

/** The bare SvelteKit app (bench/baseline), serving the given posts from memory. */
function startBaseline(postsFile: string) {
	const at = `http://127.0.0.1:${baselinePort}`;
	return start('bench/baseline/build/index.js', at, '/', {
		PORT: String(baselinePort),
		ORIGIN: at,
		BASELINE_POSTS: postsFile
	});
}

async function start(script: string, at: string, readyPath: string, env: Record<string, string>) {
	const child = spawn(process.execPath, [script], {
		env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) break;
		try {
			if ((await fetch(`${at}${readyPath}`)).ok) return child;
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	child.kill();
	throw new Error(
		`${script} did not become ready (exit code ${child.exitCode}). Did you run \`npm run build\`?`
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
	/** The server's CPU time (user + system) per request, in ms, when its process was given. */
	cpuMs?: number;
}

/** CPU time a process has used so far (user + system), in ms, from /proc (Linux only). */
function cpuTimeMs(pid: number): number | undefined {
	try {
		// Fields after the command name (which is in parentheses): utime and stime are 14th and 15th.
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
	} catch {
		return undefined;
	}
}

async function load(
	name: string,
	options: Partial<autocannon.Options>,
	pid?: number
): Promise<Row> {
	await autocannon({ url: origin, duration: 2, connections, ...options }); // warm-up, not measured
	const cpuBefore = pid === undefined ? undefined : cpuTimeMs(pid);
	const result = await autocannon({ url: origin, duration, connections, ...options });
	const cpuAfter = pid === undefined ? undefined : cpuTimeMs(pid);
	if (result.non2xx > 0 || result.errors > 0) {
		throw new Error(`${name}: ${result.non2xx} non-2xx responses and ${result.errors} errors`);
	}
	const cpuMs =
		cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
			? undefined
			: (cpuAfter - cpuBefore) / result.requests.total;
	return { name, result, cpuMs };
}

function table(rows: Row[], baseline: Row): string {
	const lines = [
		'| scenario | requests/s (mean) | latency p50 (ms) | latency p97.5 (ms) | latency p99 (ms) | vs baseline req/s | server CPU ms/request | bytes/response |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
	];
	for (const { name, result, cpuMs } of rows) {
		const ratio = result.requests.average / baseline.result.requests.average;
		const bytes = result.requests.total > 0 ? result.throughput.total / result.requests.total : 0;
		lines.push(
			`| ${name} | ${result.requests.average.toFixed(0)} | ${result.latency.p50} | ${result.latency.p97_5} | ${result.latency.p99} | ${name === baseline.name ? 'baseline' : `${(ratio * 100).toFixed(0)}%`} | ${cpuMs === undefined ? '–' : cpuMs.toFixed(2)} | ${bytes.toFixed(0)} |`
		);
	}
	return lines.join('\n');
}

/** The measured thread's first page as the member sees it, for the baseline to render. */
async function baselinePosts(databaseUrl: string, member: CurrentUser, forum: SeededForum) {
	const handle = await openDatabase({ url: databaseUrl });
	try {
		const thread = await loadThreadPage(handle.db, member, {
			threadId: forum.threadId,
			page: 1
		});
		if (thread.posts.length !== 50)
			throw new Error(`expected 50 posts, got ${thread.posts.length}`);
		const file = join(tmpdir(), `together-bench-posts-${process.pid}.json`);
		writeFileSync(
			file,
			JSON.stringify(
				thread.posts.map((p) => ({
					id: p.id,
					author: p.author.username,
					createdAt: p.createdAt,
					timeLabel: p.timeLabel,
					html: p.html,
					threadTitle: thread.thread.title
				}))
			)
		);
		return file;
	} finally {
		await handle.close();
	}
}

async function forumScenarios(
	databaseUrl: string,
	member: CurrentUser,
	cookie: string,
	forum: SeededForum,
	serverPid: number | undefined
) {
	const baseline = await startBaseline(await baselinePosts(databaseUrl, member, forum));
	const rows: Row[] = [];
	const signedIn = { headers: { cookie }, connections: forumConnections };
	const search = `${origin}/forum/search?q=${encodeURIComponent(forum.searchQuery)}`;
	try {
		rows.push(
			await load(
				'bare SvelteKit page, same 50 posts from memory (baseline)',
				{
					url: `http://127.0.0.1:${baselinePort}/`,
					connections: forumConnections
				},
				baseline.pid
			)
		);
	} finally {
		baseline.kill('SIGTERM');
		await once(baseline, 'exit');
	}
	rows.push(
		await load(
			'GET /forum/t/<id>: thread page, 50 posts, signed in',
			{ url: `${origin}/forum/t/${forum.threadId}`, ...signedIn },
			serverPid
		)
	);
	if (only === 'thread') return rows;
	rows.push(
		await load(
			'GET /forum/<category>: 20 of 1,250 threads, signed in',
			{ url: `${origin}/forum/${forum.categorySlug}`, ...signedIn },
			serverPid
		)
	);
	rows.push(
		await load(
			`GET /forum/search?q=${forum.searchQuery}, signed in`,
			{ url: search, ...signedIn },
			serverPid
		)
	);
	// One person searching at a time: the latency someone waits for (6% and 25% of posts match).
	for (const words of [forum.searchQuery, forum.commonWord])
		rows.push(
			await load(
				`GET /forum/search?q=${words}, signed in, 1 connection`,
				{
					url: `${origin}/forum/search?q=${encodeURIComponent(words)}`,
					headers: { cookie },
					connections: 1
				},
				serverPid
			)
		);
	return rows;
}

await withDatabase(async (databaseUrl, fresh) => {
	const handle = await openDatabase({ url: databaseUrl });
	const username = 'bench_member';
	// A kept database keeps its member, so its password is derived from the database's name.
	const password = kept ? `bench-kept-${kept}` : 'bench-' + randomBytes(8).toString('hex');
	let member: CurrentUser;
	let forum: SeededForum;
	let seedSeconds = 'kept';
	await handle.migrate(); // a kept database gets any migrations added since it was seeded
	if (fresh) {
		member = await createAccount(handle.db, OPERATOR, {
			username,
			password,
			roles: ['young_person']
		});
		await handle.close();
		const seedStarted = Date.now();
		forum = await seedForum(databaseUrl);
		seedSeconds = `seeded in ${((Date.now() - seedStarted) / 1000).toFixed(0)}s`;
	} else {
		const user = await handle.db.query.users.findFirst({
			where: (u, { eq }) => eq(u.username, username)
		});
		await handle.close();
		if (!user) throw new Error(`BENCH_KEEP_DATABASE=${kept} has no ${username}: drop it and rerun`);
		member = toCurrentUser(user);
		forum = await findSeededForum(databaseUrl);
	}

	const server = await startServer(databaseUrl);
	try {
		const cookie = await signInCookie(username, password);
		if (only) {
			await printForum(databaseUrl, member, cookie, forum, seedSeconds, server.pid);
			return;
		}
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
		await printForum(databaseUrl, member, cookie, forum, seedSeconds, server.pid);
	} finally {
		server.kill('SIGTERM');
		await once(server, 'exit');
	}
});

async function printForum(
	databaseUrl: string,
	member: CurrentUser,
	cookie: string,
	forum: SeededForum,
	seeded: string,
	serverPid: number | undefined
) {
	const forumRows = await forumScenarios(databaseUrl, member, cookie, forum, serverPid);
	console.log(
		`\nForum: ${SEED.posts.toLocaleString('en-GB')} posts in ${SEED.threads.toLocaleString('en-GB')} threads (${seeded}), ${forumConnections} connections unless stated, ${new Date().toISOString()}, server ${serverDir}, load average ${loadavg()
			.map((n) => n.toFixed(1))
			.join(' ')}\n`
	);
	console.log(table(forumRows, forumRows[0]));
}

// Risk assessment throughput (CPU only, no server or database): scripts/bench-risk.ts
if (!only) console.log(`\n${await benchRisk()}`);
