/**
 * What the real-time benchmarks (bench-chat.ts, bench-sessions.ts) share: a throwaway database
 * that is dropped whatever happens, people inserted in one statement, the production server and
 * its bare baseline as child processes, minted Auth.js session cookies, socket.io clients, and
 * the figures (/proc CPU and memory, percentiles).
 */
import { encode } from '@auth/core/jwt';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import { io, type Socket } from 'socket.io-client';

export const adminUrl =
	process.env.BENCH_DATABASE_URL ??
	process.env.TEST_DATABASE_URL ??
	'postgres://postgres@127.0.0.1:5432/postgres';

/** The secret the server is started with, so this process can mint its session cookies. */
export const authSecret = randomBytes(33).toString('base64');

const cleanups: (() => Promise<unknown>)[] = [];

/** Run at clean-up, last added first (also on an error or Ctrl-C). */
export function onCleanUp(step: () => Promise<unknown>): void {
	cleanups.push(step);
}

export async function cleanUp(): Promise<void> {
	while (cleanups.length > 0) {
		try {
			await cleanups.pop()!();
		} catch (error) {
			console.error('cleaning up:', error);
		}
	}
}

for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.once(signal, () => void cleanUp().finally(() => process.exit(130)));

/** A new database named `<prefix>_<random>`, dropped at clean-up. Returns its URL. */
export async function createDatabase(prefix: string): Promise<string> {
	const name = `${prefix}_${randomBytes(4).toString('hex')}`;
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	await admin.unsafe(`CREATE DATABASE "${name}"`);
	onCleanUp(async () => {
		await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await admin.end();
	});
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	return url.toString();
}

export interface Person {
	id: number;
	sessionVersion: number;
}

/** People who joined a month ago (so new-member limits do not apply), inserted at once. */
export async function insertPeople(
	databaseUrl: string,
	prefix: string,
	count: number,
	role: string
): Promise<Person[]> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const joined = new Date(Date.now() - 30 * 86_400_000);
		const rows = await sql<{ id: number; session_version: number }[]>`
			insert into users ${sql(
				Array.from({ length: count }, (_, i) => ({
					username: `${prefix}_${i + 1}`,
					password_hash: '!', // cannot sign in with a password: the bench mints sessions
					roles: [role],
					created_at: joined
				}))
			)} returning id, session_version`;
		return rows.map((r) => ({ id: r.id, sessionVersion: r.session_version }));
	} finally {
		await sql.end();
	}
}

/**
 * Start `node <script>` in production mode and wait for its /readyz; stopped at clean-up.
 * With `profileDir`, the process writes a CPU profile there when it exits.
 */
export async function startProcess(
	script: string,
	at: string,
	env: Record<string, string>,
	profileDir?: string
): Promise<ChildProcess> {
	const flags = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [];
	const child = spawn(process.execPath, [...flags, script], {
		env: { ...process.env, NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
		stdio: ['ignore', 'ignore', 'inherit']
	});
	onCleanUp(() => stopProcess(child));
	for (let i = 0; i < 300; i++) {
		if (child.exitCode !== null) break;
		try {
			if ((await fetch(`${at}/readyz`)).ok) return child;
		} catch {
			/* not up yet */
		}
		await sleep(200);
	}
	throw new Error(
		`${script} did not become ready (exit code ${child.exitCode}). Did you run \`npm run build\`?`
	);
}

export async function stopProcess(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	child.kill('SIGTERM');
	await once(child, 'exit');
}

/** The production server on this database, at `origin` (its port), signing with `authSecret`. */
export function startTogether(
	databaseUrl: string,
	origin: string,
	profileDir?: string
): Promise<ChildProcess> {
	return startProcess(
		'server.js',
		origin,
		{
			DATABASE_URL: databaseUrl,
			PORT: new URL(origin).port,
			ORIGIN: origin,
			AUTH_SECRET: authSecret
		},
		profileDir
	);
}

/** Resident memory of a process, in KB. */
export function residentKb(pid: number): number {
	const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
	if (!line) throw new Error(`no VmRSS for process ${pid}`);
	return Number(line[1]);
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
	return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (100 Hz)
}

/** The Auth.js session cookie a signed-in browser would send for this person. */
export async function sessionCookie(person: Person): Promise<string> {
	const jwt = await encode({
		token: { uid: person.id, sv: person.sessionVersion },
		secret: authSecret,
		salt: 'authjs.session-token'
	});
	return `authjs.session-token=${jwt}`;
}

/** A socket.io client over websocket (as browsers use it), with our Origin and the cookie. */
export function connect(at: string, cookie?: string): Promise<Socket> {
	const socket = io(at, {
		transports: ['websocket'],
		extraHeaders: { Origin: at, ...(cookie ? { Cookie: cookie } : {}) },
		reconnection: false,
		forceNew: true
	});
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => reject(new Error(`refused: ${error.message}`)));
	});
}

/** The p-th percentile of an ascending list (nearest rank). */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Milliseconds as a table shows them. */
export const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
