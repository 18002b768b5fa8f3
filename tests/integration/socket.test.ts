/**
 * The live connection: only signed-in people, from our own pages, may open one; each joins their
 * own room (and staff the staff room); a suspension closes it at once.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { sessionCookie } from '../support/session-socket';
import type { AddressInfo } from 'node:net';
import { encode } from '@auth/core/jwt';
import { eq } from 'drizzle-orm';
import { io as connectTo, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';
import {
	createAccount,
	OPERATOR,
	setRoles,
	setSuspension,
	signOutEverywhere
} from '../../src/lib/server/accounts/manage';
import { endedSessions, type CurrentUser } from '../../src/lib/server/accounts/current-user';
import {
	attachRealtime,
	closeRealtime,
	registerSocketHandlers
} from '../../src/lib/server/realtime/attach';
import { publisher } from '../../src/lib/server/realtime/publisher';
import { resetConfig } from '../../src/lib/server/config';

const PASSWORD = 'plum-tractor-velvet';

let db: Database;
let server: HttpServer;
let origin: string;
const sockets: Socket[] = [];

/** Server-side disconnections, by user id, so a test can wait until the server has noticed. */
const serverDisconnects = new Map<number, ((reason: string) => void)[]>();
function serverNoticesDisconnect(userId: number): Promise<string> {
	return new Promise((resolve) => {
		serverDisconnects.set(userId, [...(serverDisconnects.get(userId) ?? []), resolve]);
	});
}

beforeAll(async () => {
	// Only the publisher may close a connection here, not the periodic re-check of sessions.
	process.env.SOCKET_RECHECK_SECONDS = '3600';
	resetConfig();
	db = await database();
	server = createServer();
	await attachRealtime(server);
	registerSocketHandlers((socket) => {
		socket.on('disconnect', (reason) => {
			const waiting = serverDisconnects.get(socket.data.user.id) ?? [];
			serverDisconnects.delete(socket.data.user.id);
			for (const resolve of waiting) resolve(reason);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
	for (const socket of sockets.splice(0)) socket.disconnect();
});

afterAll(async () => {
	await closeRealtime(); // closes the HTTP server too
	if (server.listening) await new Promise((resolve) => server.close(resolve));
});

let next = 0;
function account(roles: CurrentUser['roles']) {
	next += 1;
	return createAccount(db, OPERATOR, { username: `live_${next}`, password: PASSWORD, roles });
}

function open(headers: Record<string, string>): Socket {
	const socket = connectTo(origin, {
		transports: ['websocket'],
		extraHeaders: headers,
		reconnection: false,
		forceNew: true
	});
	sockets.push(socket);
	return socket;
}

function connected(socket: Socket): Promise<Socket> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => resolve(socket));
		socket.once('connect_error', (error) => reject(new Error(`refused: ${error.message}`)));
	});
}

function refused(socket: Socket): Promise<string> {
	return new Promise((resolve, reject) => {
		socket.once('connect', () => reject(new Error('the connection was accepted')));
		socket.once('connect_error', (error) => resolve(error.message));
	});
}

function nextEvent<T>(socket: Socket, event: string): Promise<T> {
	return new Promise((resolve) => socket.once(event, (payload: T) => resolve(payload)));
}

async function signedIn(user: CurrentUser): Promise<Socket> {
	return connected(open({ Origin: origin, Cookie: await sessionCookie(user) }));
}

describe('opening a live connection', () => {
	it('refuses someone who is not signed in', async () => {
		expect(await refused(open({ Origin: origin }))).toBe('Please sign in.');
	});

	it('refuses a session cookie that was not made with our secret', async () => {
		const member = await account(['young_person']);
		const forged = await encode({
			token: { uid: member.id, sv: 0 },
			secret: 'someone-elses-secret-someone-elses-secret',
			salt: 'authjs.session-token'
		});
		const socket = open({ Origin: origin, Cookie: `authjs.session-token=${forged}` });
		expect(await refused(socket)).toBe('Please sign in.');
	});

	it('refuses a valid session when the page is on another site', async () => {
		const member = await account(['young_person']);
		const cookie = await sessionCookie(member);
		expect(await refused(open({ Origin: 'https://evil.example', Cookie: cookie }))).toBe(
			'This connection did not come from Together.'
		);
		expect(await refused(open({ Cookie: cookie }))).toBe(
			'This connection did not come from Together.'
		);
	});

	it('refuses a session that "sign out everywhere" has ended', async () => {
		const member = await account(['young_person']);
		await signOutEverywhere(db, member);
		expect(await refused(open({ Origin: origin, Cookie: await sessionCookie(member) }))).toBe(
			'Please sign in.'
		);
	});

	it('accepts a signed-in member, who hears what is sent to them and not what is sent to staff', async () => {
		const member = await account(['young_person']);
		const worker = await account(['youth_worker']);
		const memberSocket = await signedIn(member);
		const workerSocket = await signedIn(worker);

		const overheard: unknown[] = [];
		memberSocket.on('staff:notice', (payload) => overheard.push(payload));
		const workerHears = nextEvent(workerSocket, 'staff:notice');
		const memberHearsOwn = nextEvent(memberSocket, 'own:notice');
		const workerHearsOwn = nextEvent(workerSocket, 'own:notice');

		publisher().publish('staff', 'staff:notice', { alert: 1 });
		// Sent after the staff notice on the same connection, so if the member were in the staff
		// room the staff notice would have reached them first.
		publisher().publish(`user:${member.id}`, 'own:notice', { for: member.id });
		publisher().publish(`user:${worker.id}`, 'own:notice', { for: worker.id });

		expect(await workerHears).toEqual({ alert: 1 });
		expect(await memberHearsOwn).toEqual({ for: member.id });
		expect(await workerHearsOwn).toEqual({ for: worker.id });
		expect(overheard).toEqual([]);
	});

	it('puts every kind of staff in the staff room', async () => {
		for (const role of ['safeguarding_lead', 'coproduction_lead', 'admin'] as const) {
			const staff = await account([role]);
			const socket = await signedIn(staff);
			const hears = nextEvent(socket, 'staff:notice');
			publisher().publish('staff', 'staff:notice', { role });
			expect(await hears, role).toEqual({ role });
		}
	});
});

describe('suspension', () => {
	it('closes an open connection at once and refuses new ones', async () => {
		const member = await account(['young_person']);
		const cookie = await sessionCookie(member);
		const socket = await signedIn(member);
		const closed = nextEvent<string>(socket, 'disconnect');

		await setSuspension(db, OPERATOR, member.id, {
			until: new Date(Date.now() + 86_400_000),
			reason: 'test'
		});

		expect(await closed).toBe('io server disconnect');
		expect(await refused(open({ Origin: origin, Cookie: cookie }))).toBe('Please sign in.');
		// Not even with the session version the suspension moved on to.
		const [row] = await db.select().from(users).where(eq(users.id, member.id));
		const newer = await sessionCookie(row);
		expect(await refused(open({ Origin: origin, Cookie: newer }))).toBe('Please sign in.');
	});

	it('stops a staff member whose connection had dropped from resuming it after suspension', async () => {
		const worker = await account(['youth_worker']);
		const socket = await signedIn(worker);
		// Receiving something gives the client a point to resume from, as in real use.
		const heard = nextEvent(socket, 'staff:notice');
		publisher().publish('staff', 'staff:notice', { n: 1 });
		await heard;

		// The network drops (not a server decision), so socket.io would normally let it resume.
		const noticed = serverNoticesDisconnect(worker.id);
		const dropped = nextEvent<string>(socket, 'disconnect');
		socket.io.engine.close();
		await dropped;
		expect(await noticed).toBe('transport close');

		await setSuspension(db, OPERATOR, worker.id, { until: new Date(Date.now() + 86_400_000) });
		publisher().publish('staff', 'staff:notice', { n: 2 });

		const resumed = refused(socket);
		socket.connect();
		expect(await resumed).toBe('Please sign in.');
	});

	it('replays nothing missed while a connection was down: a former youth worker hears no staff news', async () => {
		const worker = await account(['youth_worker']);
		const socket = await signedIn(worker);
		const heard = nextEvent(socket, 'staff:notice');
		publisher().publish('staff', 'staff:notice', { n: 1 });
		await heard;

		const noticed = serverNoticesDisconnect(worker.id);
		const dropped = nextEvent(socket, 'disconnect');
		socket.io.engine.close();
		await dropped;
		expect(await noticed).toBe('transport close');

		const overheard: unknown[] = [];
		socket.on('staff:notice', (payload) => overheard.push(payload));
		await setRoles(db, OPERATOR, worker.id, ['young_person']);
		publisher().publish('staff', 'staff:notice', { n: 2 }); // while they were away
		const back = connected(socket);
		socket.connect();
		await back;
		expect(socket.recovered).toBeFalsy();

		const own = nextEvent(socket, 'own:notice');
		publisher().publish('staff', 'staff:notice', { n: 3 });
		publisher().publish(`user:${worker.id}`, 'own:notice', {});
		await own;
		expect(overheard).toEqual([]);
	});
});

describe('a change made elsewhere (the CLI, another server)', () => {
	it('a staff member whose roles changed is disconnected at their next event', async () => {
		const worker = await account(['youth_worker']);
		const socket = await signedIn(worker);
		await db
			.update(users)
			.set({ roles: ['young_person'] })
			.where(eq(users.id, worker.id));
		await new Promise((resolve) => setTimeout(resolve, 1_100)); // past the last re-read
		const closed = nextEvent<string>(socket, 'disconnect');
		socket.emit('chat:typing', { roomId: 1 });
		expect(await closed).toBe('io server disconnect');
	});
});

describe('the periodic re-check of open connections', () => {
	it('ends the connections of someone whose roles changed elsewhere (the CLI, another server)', async () => {
		const worker = await account(['youth_worker']);
		const claim = { userId: worker.id, sessionVersion: worker.sessionVersion, roles: worker.roles };
		expect(await endedSessions(db, [claim])).toEqual(new Set());
		// Changed straight in the database, as another process would: nobody here was told.
		await db
			.update(users)
			.set({ roles: ['young_person'] })
			.where(eq(users.id, worker.id));
		expect(await endedSessions(db, [claim])).toEqual(new Set([worker.id]));
		expect(await endedSessions(db, [{ ...claim, roles: ['young_person'] }])).toEqual(new Set());
	});
});
