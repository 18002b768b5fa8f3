/**
 * npm run bench:chat: load-tests group chat on the production build (node server.js) and a
 * throwaway PostgreSQL database, with socket.io-client in this process (websocket transport):
 *
 *   1. memory: the server's resident memory before and after 1,000 members connect and join
 *   2. steady load: those 1,000 members in 20 rooms of 50, each sending one message every 10 s
 *   3. burst: 50 people in one room, each sending again as soon as its last message is
 *      acknowledged, against a bare socket.io server that only broadcasts (bench/chat-baseline,
 *      the baseline, in the same run) and then against Together
 *
 * For every phase: send-to-receive latency (stamped here when sent, read here when each other
 * person in the room receives it), messages acknowledged and persisted per second, and whether
 * every acknowledged message reached every person in its room exactly once.
 *
 * The burst's senders are youth workers: members may send at most 10 messages in 30 s, so a
 * burst of members measures the pace limit, not the pipeline. Staff are not paced, and their
 * messages take the same path otherwise (session re-read, room access, screening, one transaction
 * under the room's lock, broadcast after commit). The steady load is members, paced as usual.
 *
 * Needs `npm run build` first and PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres). Settings: BENCH_CHAT_PORT (4500; the baseline
 * uses the next port), BENCH_CHAT_SECONDS (steady load, 60), BENCH_CHAT_BURST_SECONDS (10),
 * BENCH_CHAT_PROFILE=<dir> (write a CPU profile of the server there); DATABASE_POOL_SIZE is passed
 * on to the server.
 */
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import postgres from 'postgres';
import type { Socket } from 'socket.io-client';
import type { CurrentUser } from '../src/lib/server/accounts/current-user';
import { createAccount, OPERATOR } from '../src/lib/server/accounts/manage';
import { controlRoom } from '../src/lib/server/chat/controls';
import { createRoom } from '../src/lib/server/chat/rooms';
import { openDatabase } from '../src/lib/server/db/client';
import { CHAT_EVENTS, CHAT_REQUESTS, type ChatMessageView } from '../src/lib/chat';
import {
	adminUrl,
	cleanUp,
	connect,
	cpuSeconds,
	createDatabase,
	insertPeople,
	ms,
	onCleanUp,
	percentile,
	residentKb,
	sessionCookie,
	startProcess,
	startTogether as startServer,
	stopProcess,
	type Person
} from './bench-support';

const port = Number(process.env.BENCH_CHAT_PORT ?? 4500);
const origin = `http://127.0.0.1:${port}`;
const baselineOrigin = `http://127.0.0.1:${port + 1}`;
const loadSeconds = Number(process.env.BENCH_CHAT_SECONDS ?? 60);
const burstSeconds = Number(process.env.BENCH_CHAT_BURST_SECONDS ?? 10);
const profileDir = process.env.BENCH_CHAT_PROFILE;

const SHAPE = { rooms: 20, roomSize: 50, sendEverySeconds: 10, burstSenders: 50 };
const MEMBERS = SHAPE.rooms * SHAPE.roomSize;
const WARM_UP_SECONDS = 2;
const ACK_TIMEOUT_MS = 10_000;
/** After the last acknowledgement, how long receipts may still be on their way. */
const SETTLE_MS = 5_000;

const BODIES = [
	'Anyone else revising for exams tonight?',
	'That actually helped, thank you for saying it.',
	'My college has a study group on Thursdays if anyone wants to come along.',
	'Proud of you for going to the appointment.',
	'Same here, the waiting list is long but it is moving.',
	'Does anyone have tips for sleeping better before a big day?',
	'Good luck with the interview tomorrow!',
	'I started walking in the mornings and it is making a difference.'
];

// ---------------------------------------------------------------------------------------------
// Cleaning up: whatever happens (an error, Ctrl-C), the servers stop and the database is dropped.

// ---------------------------------------------------------------------------------------------
// The database, its people and rooms, and the servers.

interface Seeded {
	members: Person[];
	burstStaff: Person[];
	loadRooms: number[];
	burstRoom: number;
}

/** Drop-in rooms, set up and opened by a youth worker through the chat services. */
async function openRooms(db: Parameters<typeof createRoom>[0], worker: CurrentUser, count: number) {
	const ids: number[] = [];
	for (let i = 1; i <= count; i++) {
		const room = await createRoom(db, worker, { name: `Bench room ${i}`, kind: 'drop_in' });
		await controlRoom(db, worker, { action: 'open', roomId: room.id });
		ids.push(room.id);
	}
	return ids;
}

async function seed(databaseUrl: string): Promise<Seeded> {
	const handle = await openDatabase({ url: databaseUrl });
	try {
		await handle.migrate();
		const worker = await createAccount(handle.db, OPERATOR, {
			username: 'bench_worker',
			password: 'bench-' + randomBytes(8).toString('hex'),
			roles: ['youth_worker']
		});
		const rooms = await openRooms(handle.db, worker, SHAPE.rooms + 1);
		return {
			members: await insertPeople(databaseUrl, 'bench_member', MEMBERS, 'young_person'),
			burstStaff: await insertPeople(
				databaseUrl,
				'bench_staff',
				SHAPE.burstSenders,
				'youth_worker'
			),
			loadRooms: rooms.slice(0, SHAPE.rooms),
			burstRoom: rooms[SHAPE.rooms]
		};
	} finally {
		await handle.close();
	}
}

const startTogether = (databaseUrl: string) => startServer(databaseUrl, origin, profileDir);

const startBaseline = () =>
	startProcess('bench/chat-baseline/server.js', baselineOrigin, { PORT: String(port + 1) });

// ---------------------------------------------------------------------------------------------
// The server process as the operating system sees it.

// ---------------------------------------------------------------------------------------------
// People connected to a server, and what they receive.

interface Seat {
	socket: Socket;
	roomId: number;
	/** Place in the room (0 … roomSize - 1): where its receipts are counted. */
	slot: number;
	tag: string;
	sent: number;
}

/** Connects each person (signed in when `people` is given) and joins the rooms, 50 at a time. */
async function seatPeople(
	at: string,
	count: number,
	roomOf: (i: number) => number,
	people?: Person[]
): Promise<Seat[]> {
	const seats: Seat[] = [];
	onCleanUp(async () => seats.forEach((s) => s.socket.disconnect()));
	for (let start = 0; start < count; start += 50) {
		const batch = Array.from({ length: Math.min(50, count - start) }, (_, k) => start + k);
		seats.push(
			...(await Promise.all(
				batch.map(async (i) => {
					const socket = await connect(at, people ? await sessionCookie(people[i]) : undefined);
					const roomId = roomOf(i);
					const reply = await socket
						.timeout(ACK_TIMEOUT_MS)
						.emitWithAck(CHAT_REQUESTS.join, { roomId });
					if (!reply?.ok)
						throw new Error(`could not join room ${roomId}: ${JSON.stringify(reply)}`);
					return { socket, roomId, slot: i % SHAPE.roomSize, tag: `p${i}`, sent: 0 };
				})
			))
		);
	}
	return seats;
}

function leave(seats: Seat[]) {
	for (const seat of seats) seat.socket.disconnect();
}

/**
 * One phase's messages: when each was sent, whether it was acknowledged, and how many times each
 * person in its room received it.
 */
class Tracker {
	private messages = new Map<
		string,
		{ at: number; sender: number; status: string | null; receipts: Uint8Array }
	>();
	latencies: number[] = [];
	/** The slowest receipt of the messages sent in each second of the phase. */
	slowestBySecond: number[] = [];
	acknowledged = 0;
	/** Answered `{ ok: false }` (refused), or held for a youth worker, or not answered in time. */
	refused = 0;
	held = 0;
	timedOut = 0;
	/** Receipts of messages this phase never sent (another phase's, or nobody's). */
	strays = 0;
	private firstSend = 0;
	private lastAck = 0;

	sending(clientId: string, sender: number) {
		const at = performance.now();
		if (this.messages.size === 0) this.firstSend = at;
		this.messages.set(clientId, {
			at,
			sender,
			status: null,
			receipts: new Uint8Array(SHAPE.roomSize)
		});
	}

	answered(clientId: string, reply: { ok?: boolean; status?: string } | null) {
		const message = this.messages.get(clientId)!;
		this.lastAck = performance.now();
		if (!reply?.ok) {
			this.refused++;
			return;
		}
		message.status = reply.status ?? 'published';
		if (message.status === 'held') this.held++;
		else this.acknowledged++;
	}

	noAnswer() {
		this.timedOut++;
	}

	received(clientId: string, slot: number) {
		const message = this.messages.get(clientId);
		if (!message) {
			this.strays++;
			return;
		}
		message.receipts[slot]++;
		if (slot !== message.sender && message.receipts[slot] === 1) {
			const latency = performance.now() - message.at;
			this.latencies.push(latency);
			const second = Math.floor((message.at - this.firstSend) / 1000);
			this.slowestBySecond[second] = Math.max(this.slowestBySecond[second] ?? 0, latency);
		}
	}

	/** Every acknowledged, published message received once by every person in its room? */
	delivery() {
		let lost = 0;
		let duplicated = 0;
		let unacknowledgedReceived = 0;
		for (const message of this.messages.values()) {
			if (message.status !== 'published') {
				if (message.receipts.some((n) => n > 0)) unacknowledgedReceived++;
				continue;
			}
			for (const n of message.receipts) {
				if (n === 0) lost++;
				if (n > 1) duplicated += n - 1;
			}
		}
		return { lost, duplicated, unacknowledgedReceived, strays: this.strays };
	}

	get complete(): boolean {
		return this.delivery().lost === 0;
	}

	get seconds(): number {
		return (this.lastAck - this.firstSend) / 1000;
	}
}

function listenFor(seats: Seat[], tracker: () => Tracker) {
	for (const seat of seats)
		seat.socket.on(CHAT_EVENTS.message, (message: Pick<ChatMessageView, 'clientId'>) =>
			tracker().received(message.clientId, seat.slot)
		);
}

async function send(tracker: Tracker, seat: Seat) {
	const clientId = `${seat.tag}-${seat.sent++}`;
	const body = BODIES[(seat.slot + seat.sent) % BODIES.length];
	tracker.sending(clientId, seat.slot);
	try {
		const reply = await seat.socket
			.timeout(ACK_TIMEOUT_MS)
			.emitWithAck(CHAT_REQUESTS.send, { roomId: seat.roomId, clientId, body });
		tracker.answered(clientId, reply);
	} catch {
		tracker.noAnswer();
	}
}

/** Waits until every acknowledged message has reached everyone, or SETTLE_MS has passed. */
async function settle(tracker: Tracker) {
	const until = performance.now() + SETTLE_MS;
	while (!tracker.complete && performance.now() < until) await sleep(50);
}

// ---------------------------------------------------------------------------------------------
// The phases.

/** Each person sends every `sendEverySeconds`, their first sends spread evenly over the period. */
async function steadyLoad(seats: Seat[], tracker: Tracker, seconds: number) {
	const period = SHAPE.sendEverySeconds * 1000;
	const start = performance.now();
	const end = start + seconds * 1000;
	const sends: Promise<void>[] = [];
	await Promise.all(
		seats.map(async (seat, i) => {
			for (let at = start + (i * period) / seats.length; at < end; at += period) {
				await sleep(Math.max(0, at - performance.now()));
				sends.push(send(tracker, seat));
			}
		})
	);
	await Promise.all(sends);
	await settle(tracker);
}

/** Everyone sends again as soon as their last message is acknowledged. */
async function burst(seats: Seat[], tracker: Tracker, seconds: number) {
	const end = performance.now() + seconds * 1000;
	await Promise.all(
		seats.map(async (seat) => {
			while (performance.now() < end) await send(tracker, seat);
		})
	);
	await settle(tracker);
}

interface Measured {
	name: string;
	tracker: Tracker;
	/** Rows written (Together only). */
	persisted?: number;
	serverCpu: number;
	/** CPU of the PostgreSQL connections serving it (Together only). */
	databaseCpu: number;
	clientLagP99: number;
	/** PostgreSQL checkpoints meanwhile (other work on the server creating and dropping databases). */
	checkpoints: number;
}

/** Runs a phase, watching the server's CPU and this process's event loop while it runs. */
async function measure(
	name: string,
	server: Watched,
	run: (tracker: Tracker) => Promise<void>,
	setCurrent: (tracker: Tracker) => void
): Promise<Measured> {
	const tracker = new Tracker();
	setCurrent(tracker);
	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	const cpuBefore = cpuSeconds(server.pid);
	const databaseCpuBefore = await databaseCpu(server.database);
	const checkpointsBefore = await checkpointsSoFar();
	const started = performance.now();
	await run(tracker);
	const elapsed = (performance.now() - started) / 1000;
	lag.disable();
	const databaseCpuAfter = await databaseCpu(server.database);
	let databaseSeconds = 0;
	for (const [pid, seconds] of databaseCpuAfter)
		databaseSeconds += seconds - (databaseCpuBefore.get(pid) ?? 0);
	return {
		name,
		tracker,
		serverCpu: (cpuSeconds(server.pid) - cpuBefore) / elapsed,
		databaseCpu: databaseSeconds / elapsed,
		clientLagP99: lag.percentile(99) / 1e6,
		checkpoints: (await checkpointsSoFar()) - checkpointsBefore
	};
}

/** The server's process, and the database whose PostgreSQL connections work for it (if any). */
interface Watched {
	pid: number;
	database?: string;
}

/** CPU seconds so far of each PostgreSQL connection to this database (none: no database). */
async function databaseCpu(database: string | undefined): Promise<Map<number, number>> {
	if (!database) return new Map();
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		const rows = await sql<{ pid: number }[]>`
			select pid from pg_stat_activity where datname = ${database} and pid <> pg_backend_pid()`;
		const seconds = new Map<number, number>();
		for (const { pid } of rows) {
			try {
				seconds.set(pid, cpuSeconds(pid));
			} catch {
				/* gone meanwhile */
			}
		}
		return seconds;
	} finally {
		await sql.end();
	}
}

/** Checkpoints PostgreSQL has made since its statistics were reset (timed and requested). */
async function checkpointsSoFar(): Promise<number> {
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		const [{ n }] = await sql<{ n: number }[]>`
			select (checkpoints_timed + checkpoints_req)::int as n from pg_stat_bgwriter`;
		return n;
	} finally {
		await sql.end();
	}
}

async function countStored(databaseUrl: string, roomIds: number[]): Promise<number> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		const [{ n }] = await sql<{ n: number }[]>`
			select count(*)::int as n from chat_messages where room_id = any(${roomIds}::int[])`;
		return n;
	} finally {
		await sql.end();
	}
}

interface MemoryFigures {
	beforeKb: number;
	afterKb: number;
	perConnectionKb: number;
}

async function memoryPerConnection(pid: number, connectAll: () => Promise<Seat[]>) {
	const beforeKb = residentKb(pid);
	const seats = await connectAll();
	await sleep(2_000);
	const afterKb = residentKb(pid);
	const memory: MemoryFigures = {
		beforeKb,
		afterKb,
		perConnectionKb: (afterKb - beforeKb) / seats.length
	};
	return { seats, memory };
}

/** Baseline: memory for 1,000 bare connections, then the burst (after a warm-up burst). */
async function baselineRun() {
	const server = await startBaseline();
	const pid = server.pid!;
	const watched: Watched = { pid };
	try {
		const { seats: idle, memory } = await memoryPerConnection(pid, () =>
			seatPeople(baselineOrigin, MEMBERS, (i) => 1 + Math.floor(i / SHAPE.roomSize))
		);
		leave(idle);
		const seats = await seatPeople(baselineOrigin, SHAPE.burstSenders, () => 1_000);
		let current = new Tracker();
		listenFor(seats, () => current);
		const set = (t: Tracker) => (current = t);
		await measure('warm-up', watched, (t) => burst(seats, t, WARM_UP_SECONDS), set);
		const result = await measure('burst', watched, (t) => burst(seats, t, burstSeconds), set);
		leave(seats);
		return { memory, burst: result };
	} finally {
		await stopProcess(server);
	}
}

async function togetherRun(databaseUrl: string, seeded: Seeded) {
	const server = await startTogether(databaseUrl);
	const pid = server.pid!;
	const watched: Watched = { pid, database: new URL(databaseUrl).pathname.slice(1) };
	try {
		const { seats: members, memory } = await memoryPerConnection(pid, () =>
			seatPeople(
				origin,
				MEMBERS,
				(i) => seeded.loadRooms[Math.floor(i / SHAPE.roomSize)],
				seeded.members
			)
		);
		let current = new Tracker();
		const set = (t: Tracker) => (current = t);
		listenFor(members, () => current);
		const load = await measure('load', watched, (t) => steadyLoad(members, t, loadSeconds), set);
		load.persisted = await countStored(databaseUrl, seeded.loadRooms);
		leave(members);
		await sleep(3_000); // the server announces each departure to the room: let that pass

		const staff = await seatPeople(
			origin,
			SHAPE.burstSenders,
			() => seeded.burstRoom,
			seeded.burstStaff
		);
		listenFor(staff, () => current);
		await measure('warm-up', watched, (t) => burst(staff, t, WARM_UP_SECONDS), set);
		const before = await countStored(databaseUrl, [seeded.burstRoom]);
		const result = await measure('burst', watched, (t) => burst(staff, t, burstSeconds), set);
		result.persisted = (await countStored(databaseUrl, [seeded.burstRoom])) - before;
		leave(staff);
		return { memory, load, burst: result };
	} finally {
		await stopProcess(server);
	}
}

// ---------------------------------------------------------------------------------------------
// Reporting.

function row(label: string, m: Measured, baseline?: Measured | null): string {
	const sorted = [...m.tracker.latencies].sort((a, b) => a - b);
	const rate = m.tracker.acknowledged / m.tracker.seconds;
	const persisted = m.persisted === undefined ? '–' : (m.persisted / m.tracker.seconds).toFixed(0);
	const d = m.tracker.delivery();
	const vs =
		baseline === undefined
			? 'baseline'
			: baseline === null
				? '–'
				: `${((rate / (baseline.tracker.acknowledged / baseline.tracker.seconds)) * 100).toFixed(0)}%`;
	return `| ${label} | ${m.tracker.acknowledged.toLocaleString('en-GB')} | ${rate.toFixed(0)} | ${persisted} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(percentile(sorted, 99))} | ${d.lost} / ${d.duplicated} | ${m.tracker.refused + m.tracker.held} / ${m.tracker.timedOut} | ${(m.serverCpu * 100).toFixed(0)}% | ${m.databaseCpu === 0 ? '–' : `${(m.databaseCpu * 100).toFixed(0)}%`} | ${ms(m.clientLagP99)} | ${vs} |`;
}

function slowSeconds(m: Measured): number {
	return m.tracker.slowestBySecond.filter((slowest) => slowest > 100).length;
}

function report(
	together: Awaited<ReturnType<typeof togetherRun>>,
	baseline: Awaited<ReturnType<typeof baselineRun>>,
	loadAtStart: number
): string {
	const kb = (m: MemoryFigures) =>
		`${m.perConnectionKb.toFixed(0)} KB (${(m.beforeKb / 1024).toFixed(0)} → ${(m.afterKb / 1024).toFixed(0)} MB)`;
	return [
		`Chat benchmark, ${new Date().toISOString()}: ${MEMBERS} members in ${SHAPE.rooms} rooms for ${loadSeconds}s; bursts of ${SHAPE.burstSenders} senders in one room for ${burstSeconds}s`,
		`Database pool: ${process.env.DATABASE_POOL_SIZE ?? 10} connections (DATABASE_POOL_SIZE)`,
		`Machine load average (1 min, 2 cores shared with other work): ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`,
		'',
		'| scenario | messages acknowledged | acknowledged/s | persisted/s | p50 (ms) | p95 (ms) | p99 (ms) | lost / duplicated receipts | refused or held / not answered in 10 s | server CPU | its PostgreSQL CPU | client loop lag p99 (ms) | vs baseline msg/s |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
		row('burst: bare socket.io, broadcast only (baseline)', baseline.burst),
		row(
			`burst: Together, ${SHAPE.burstSenders} youth workers in one room`,
			together.burst,
			baseline.burst
		),
		row(
			`steady: Together, ${MEMBERS} members, 1 message / ${SHAPE.sendEverySeconds} s each`,
			together.load,
			null
		),
		'',
		`Server memory per connection (RSS growth while ${MEMBERS} connect and join ÷ ${MEMBERS}): Together ${kb(together.memory)}; bare socket.io ${kb(baseline.memory)}`,
		`Steady load, second by second: the slowest receipt of the messages sent in each second was over 100 ms in ${slowSeconds(together.load)} of ${together.load.tracker.slowestBySecond.length} seconds (slowest ${ms(Math.max(...together.load.tracker.slowestBySecond))} ms)`,
		`PostgreSQL checkpoints during each phase (other work on the same server creating and dropping databases): baseline burst ${baseline.burst.checkpoints}, Together burst ${together.burst.checkpoints}, steady ${together.load.checkpoints}`,
		`Rows stored / messages acknowledged: Together burst ${together.burst.persisted} / ${together.burst.tracker.acknowledged}, steady ${together.load.persisted} / ${together.load.tracker.acknowledged}`,
		`Receipts of messages not sent in the phase: burst ${together.burst.tracker.strays}, steady ${together.load.tracker.strays}; unacknowledged but delivered: burst ${together.burst.tracker.delivery().unacknowledgedReceived}, steady ${together.load.tracker.delivery().unacknowledgedReceived}`
	].join('\n');
}

// ---------------------------------------------------------------------------------------------

try {
	const loadAtStart = loadavg()[0];
	const databaseUrl = await createDatabase('chatbench');
	const seeded = await seed(databaseUrl);
	const together = await togetherRun(databaseUrl, seeded);
	const baseline = await baselineRun();
	console.log(`\n${report(together, baseline, loadAtStart)}\n`);
} finally {
	await cleanUp();
}
