/**
 * npm run bench:sessions: load-tests a live idea session on the production build (node
 * server.js) and a throwaway PostgreSQL database, with socket.io-client in this process:
 *
 *   1. ideas: 60 participants and the lead on the board of an anonymous session; the
 *      participants add 300 ideas in a minute (each every 12 s, spread evenly)
 *   2. phase change: the lead moves the session to voting; everyone is sent the session as it
 *      now is (or, where what they may see changed, fetches their board again, as browsers do)
 *   3. votes: 180 votes in a minute (each participant 3, spread evenly)
 *   4. reveal: in a session hiding 300 ideas until revealed, the lead reveals them; each person is
 *      sent their whole board (a phase change and the reveal are single events: their p99 is the
 *      slowest of the 60 people)
 *
 * For each: how long from the action (stamped here when emitted) until each other person on the
 * board has the update (p50/p95/p99), and whether every update reached every person exactly once.
 * The same run drives the same phases against a bare socket.io server that only broadcasts
 * (bench/chat-baseline: no session, database, screening or per-person views), the baseline, after
 * the same warm-up (three sessions of 300 ideas). "Server CPU" is the Node process only; the
 * PostgreSQL work Together also causes is not in it.
 *
 * Then the board in a browser: Chromium (Playwright) on a mid-range phone profile (Lighthouse's
 * mobile viewport, 412×823, and its 4× CPU slowdown; no network throttling, the server is local) opens a session with 300 ideas, unthrottled (the baseline) and
 * with the CPU slowed 4×, while 60 more ideas arrive live (5 a second) and then while the person
 * scrolls through the board: time until the board is usable, long tasks, and frame times.
 *
 * Needs `npm run build` first, PostgreSQL (BENCH_DATABASE_URL or TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres) and Chromium (CHROMIUM_PATH, /usr/bin/chromium).
 * Settings: BENCH_SESSIONS_PORT (4520; the baseline uses the next port), BENCH_SESSIONS_SECONDS
 * (how long each of the two load phases takes, 60), BENCH_SESSIONS_BROWSER=0 (skip the browser),
 * BENCH_SESSIONS_ONLY=browser (only the browser part), BENCH_SESSIONS_TRACE=<file> (write a
 * Chrome trace of the 4× load and live phases there, to open in DevTools' Performance panel). The server is
 * `server.js` in the working directory: run from a copy of another build to compare builds.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page } from '@playwright/test';
import type { Socket } from 'socket.io-client';
import type { ChildProcess } from 'node:child_process';
import { createAccount, OPERATOR } from '../src/lib/server/accounts/manage';
import { openDatabase } from '../src/lib/server/db/client';
import { setPhase } from '../src/lib/server/workshops/facilitation';
import { createWorkshop } from '../src/lib/server/workshops/setup';
import {
	WORKSHOP_EVENTS,
	WORKSHOP_REQUESTS,
	type BoardView,
	type ChangedEvent,
	type IdeaEvent,
	type VotesEvent
} from '../src/lib/workshops';
import {
	authSecret,
	cleanUp,
	connect,
	cpuSeconds,
	createDatabase,
	insertPeople,
	ms,
	onCleanUp,
	percentile,
	sessionCookie,
	startProcess,
	startTogether,
	stopProcess,
	type Person
} from './bench-support';

const port = Number(process.env.BENCH_SESSIONS_PORT ?? 4520);
const origin = `http://127.0.0.1:${port}`;
const baselineOrigin = `http://127.0.0.1:${port + 1}`;
const phaseSeconds = Number(process.env.BENCH_SESSIONS_SECONDS ?? 60);
const only = process.env.BENCH_SESSIONS_ONLY;
if (only !== undefined && only !== 'browser')
	throw new Error(`BENCH_SESSIONS_ONLY may only be "browser", not "${only}"`);
const withBrowser = process.env.BENCH_SESSIONS_BROWSER !== '0';
const withLoad = only !== 'browser';
const traceFile = process.env.BENCH_SESSIONS_TRACE;

const SHAPE = { participants: 60, ideas: 300, votes: 180, liveIdeas: 60, liveIdeasPerSecond: 5 };
const ACK_TIMEOUT_MS = 10_000;
const SETTLE_MS = 5_000;

const IDEAS = [
	'A clinic open late on Fridays',
	'Someone my age on the front desk',
	'Booking by text message, not phone calls',
	'A quiet room to wait in',
	'Information in more languages',
	'Staff trained on what racism does to health',
	'Drop-in sessions at the youth club',
	'Free bus fare to appointments',
	'Follow-up by WhatsApp',
	'Posters that look like us'
];

// ---------------------------------------------------------------------------------------------
// The database and the servers.

interface Seeded {
	lead: Person;
	members: Person[];
	/** The session the load runs on, and one per browser run (each with 300 ideas). */
	loadSession: number;
	/** Hides ideas until the lead reveals them: 300 ideas, then a reveal. */
	revealSession: number;
	renderSessions: number[];
}

async function seed(databaseUrl: string): Promise<Seeded> {
	const handle = await openDatabase({ url: databaseUrl });
	try {
		await handle.migrate();
		const lead = await createAccount(handle.db, OPERATOR, {
			username: 'bench_lead',
			password: `bench-${authSecret.slice(0, 16)}`,
			roles: ['coproduction_lead']
		});
		const session = async (title: string, hideUntilReveal = false) => {
			const workshop = await createWorkshop(handle.db, lead, {
				title,
				questions: 'What would make a sexual health clinic feel welcoming?',
				partner: 'Riverside NHS Trust',
				influence: 'co_design',
				startsAt: new Date(Date.now() + 60_000).toISOString().slice(0, 16),
				access: 'members',
				anonymous: 'on',
				hideUntilReveal: hideUntilReveal ? 'on' : undefined,
				votesPerPerson: '3',
				template: 'brainstorm'
			});
			await setPhase(handle.db, lead, { workshopId: workshop.id, to: 'gathering' });
			return workshop.id;
		};
		return {
			lead: { id: lead.id, sessionVersion: lead.sessionVersion },
			members: await insertPeople(databaseUrl, 'bench_member', SHAPE.participants, 'young_person'),
			loadSession: await session('Bench: the load'),
			revealSession: await session('Bench: hidden until revealed', true),
			renderSessions: [
				await session('Bench: the board, unthrottled'),
				await session('Bench: the board, CPU 4× slower')
			]
		};
	} finally {
		await handle.close();
	}
}

// ---------------------------------------------------------------------------------------------
// People on a board, and what reaches them.

interface Seat {
	socket: Socket;
	/** Place on the board: where its receipts are counted. */
	slot: number;
	/** Ideas this person may vote for (not their own). */
	others: number[];
}

async function seatPeople(at: string, workshopId: number, people: (Person | null)[]) {
	const seats: Seat[] = [];
	onCleanUp(async () => seats.forEach((s) => s.socket.disconnect()));
	for (const [slot, person] of people.entries()) {
		const socket = await connect(at, person ? await sessionCookie(person) : undefined);
		const reply = await socket
			.timeout(ACK_TIMEOUT_MS)
			.emitWithAck(WORKSHOP_REQUESTS.join, { workshopId });
		if (!reply?.ok)
			throw new Error(`could not join session ${workshopId}: ${JSON.stringify(reply)}`);
		seats.push({ socket, slot, others: [] });
	}
	return seats;
}

/**
 * One phase's updates: when each was sent, whether it was acknowledged, and how many times each
 * person received it.
 */
class Tracker {
	private updates = new Map<
		number,
		{ at: number; sender: number; ok: boolean; receipts: Uint8Array }
	>();
	latencies: number[] = [];
	refused = 0;
	held = 0;
	timedOut = 0;
	strays = 0;

	constructor(private seats: number) {}

	sending(key: number, sender: number) {
		this.updates.set(key, {
			at: performance.now(),
			sender,
			ok: false,
			receipts: new Uint8Array(this.seats)
		});
	}

	answered(key: number, reply: { ok?: boolean; status?: string } | null) {
		const update = this.updates.get(key)!;
		if (!reply?.ok) this.refused++;
		else if (reply.status === 'held') this.held++;
		else update.ok = true;
	}

	received(key: number, slot: number, at = performance.now()) {
		const update = this.updates.get(key);
		if (!update) {
			this.strays++;
			return;
		}
		update.receipts[slot]++;
		if (slot !== update.sender && update.receipts[slot] === 1) this.latencies.push(at - update.at);
	}

	/** Every acknowledged update received once by everyone else? */
	delivery() {
		let lost = 0;
		let duplicated = 0;
		for (const update of this.updates.values()) {
			if (!update.ok) continue;
			for (const [slot, n] of update.receipts.entries()) {
				if (slot === update.sender) continue;
				if (n === 0) lost++;
				if (n > 1) duplicated += n - 1;
			}
		}
		return { lost, duplicated };
	}

	get acknowledged() {
		return [...this.updates.values()].filter((u) => u.ok).length;
	}
}

async function settle(tracker: Tracker) {
	const until = performance.now() + SETTLE_MS;
	while (tracker.delivery().lost > 0 && performance.now() < until) await sleep(50);
}

async function ask(tracker: Tracker, key: number, seat: Seat, event: string, payload: object) {
	tracker.sending(key, seat.slot);
	try {
		tracker.answered(key, await seat.socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload));
	} catch {
		tracker.timedOut++;
	}
}

/** Runs `count` actions spread evenly over the phase, each by the next participant in turn. */
async function spread(count: number, action: (k: number) => Promise<void>) {
	const start = performance.now();
	const every = (phaseSeconds * 1000) / count;
	const running: Promise<void>[] = [];
	for (let k = 0; k < count; k++) {
		await sleep(Math.max(0, start + k * every - performance.now()));
		running.push(action(k));
	}
	await Promise.all(running);
}

const tagOf = (body: string) => Number(body.match(/\(#(\d+)\)$/)?.[1] ?? -1);

/** Phase 1: 300 ideas in a minute from the participants; everyone (the lead too) receives them. */
async function ideasPhase(seats: Seat[], participants: Seat[], workshopId: number) {
	const tracker = new Tracker(seats.length);
	const listeners = seats.map((seat) => {
		const listener = ({ idea }: IdeaEvent) => tracker.received(tagOf(idea.body), seat.slot);
		seat.socket.on(WORKSHOP_EVENTS.idea, listener);
		return () => seat.socket.off(WORKSHOP_EVENTS.idea, listener);
	});
	await spread(SHAPE.ideas, (k) => {
		const seat = participants[k % participants.length];
		const body = `${IDEAS[k % IDEAS.length]} (#${k})`;
		return ask(tracker, k, seat, WORKSHOP_REQUESTS.addIdea, { workshopId, body });
	});
	await settle(tracker);
	listeners.forEach((off) => off());
	return tracker;
}

/**
 * Phase 2: the lead moves the session to voting. As in the browser, the update has reached a
 * person when they have the session as it now is: sent with the event, or (when what they may see
 * changed, or from a server that sends nothing with it) by fetching their board again.
 */
async function phaseChange(lead: Seat, participants: Seat[], workshopId: number) {
	const tracker = new Tracker(participants.length + 1);
	const arrived = participants.map(
		(seat) =>
			new Promise<void>((resolve) => {
				seat.socket.once(WORKSHOP_EVENTS.changed, async (event: ChangedEvent) => {
					if (!event.workshop) await boardOf(seat, workshopId);
					tracker.received(0, seat.slot);
					resolve();
				});
			})
	);
	await ask(tracker, 0, lead, WORKSHOP_REQUESTS.phase, { workshopId, to: 'voting' });
	await Promise.race([Promise.all(arrived), sleep(ACK_TIMEOUT_MS)]);
	return tracker;
}

async function boardOf(seat: Seat, workshopId: number): Promise<Pick<BoardView, 'ideas'>> {
	const reply = await seat.socket
		.timeout(ACK_TIMEOUT_MS)
		.emitWithAck(WORKSHOP_REQUESTS.board, { workshopId });
	return reply.board;
}

/** The ideas each participant may vote for: not their own (the bare server knows no owners). */
async function voteTargets(participants: Seat[], workshopId: number) {
	for (const seat of participants)
		seat.others = (await boardOf(seat, workshopId)).ideas
			.filter((i) => !('own' in i) || !i.own)
			.map((i) => i.id);
}

/**
 * Phase 3: 180 votes in a minute; everyone hears how many have been cast. A person has the k-th
 * vote (in the order they were cast) once they have been told at least k votes were cast.
 */
async function votesPhase(seats: Seat[], participants: Seat[], workshopId: number) {
	const tracker = new Tracker(seats.length);
	const told = new Int32Array(seats.length);
	const listeners = seats.map((seat) => {
		const listener = ({ votes }: VotesEvent) => {
			for (let k = told[seat.slot]; k < votes.cast; k++) tracker.received(k, seat.slot);
			told[seat.slot] = Math.max(told[seat.slot], votes.cast);
		};
		seat.socket.on(WORKSHOP_EVENTS.votes, listener);
		return () => seat.socket.off(WORKSHOP_EVENTS.votes, listener);
	});
	await spread(SHAPE.votes, (k) => {
		const seat = participants[k % participants.length];
		const ideaId = seat.others[(k * 7) % seat.others.length];
		return ask(tracker, k, seat, WORKSHOP_REQUESTS.vote, { workshopId, ideaId });
	});
	await settle(tracker);
	listeners.forEach((off) => off());
	return tracker;
}

interface PhaseFigures {
	tracker: Tracker;
	serverCpu: number;
}

async function measured(pid: number, run: () => Promise<Tracker>): Promise<PhaseFigures> {
	const before = cpuSeconds(pid);
	const started = performance.now();
	const tracker = await run();
	return {
		tracker,
		serverCpu: (cpuSeconds(pid) - before) / ((performance.now() - started) / 1000)
	};
}

/**
 * The phases against a server: `people[0]` is the lead, the rest participants. `reveal` is a
 * session already holding 300 ideas hidden until the lead reveals them.
 */
async function loadRun(
	server: ChildProcess,
	at: string,
	sessions: { load: number; reveal: number },
	people: (Person | null)[]
) {
	const pid = server.pid!;
	const seats = await seatPeople(at, sessions.load, people);
	const [lead, ...participants] = seats;
	const ideas = await measured(pid, () => ideasPhase(seats, participants, sessions.load));
	const phase = await measured(pid, () => phaseChange(lead, participants, sessions.load));
	await voteTargets(participants, sessions.load);
	const votes = await measured(pid, () => votesPhase(seats, participants, sessions.load));
	seats.forEach((s) => s.socket.disconnect());

	const onReveal = await seatPeople(at, sessions.reveal, people);
	const reveal = await measured(pid, () =>
		revealPhase(onReveal[0], onReveal.slice(1), sessions.reveal)
	);
	onReveal.forEach((s) => s.socket.disconnect());
	return { ideas, phase, votes, reveal };
}

/**
 * Phase 4: the lead reveals a session's 300 hidden ideas. Everyone's view changes, so each person
 * is sent their whole board (or, from a server that sends none, fetches it): the update has
 * reached them when they have a board with every idea.
 */
async function revealPhase(lead: Seat, participants: Seat[], workshopId: number) {
	const tracker = new Tracker(participants.length + 1);
	const arrived = participants.map(
		(seat) =>
			new Promise<void>((resolve) => {
				seat.socket.once(WORKSHOP_EVENTS.changed, async (event: ChangedEvent) => {
					const board = event.board ?? (await boardOf(seat, workshopId));
					if (board.ideas.length >= SHAPE.ideas) tracker.received(0, seat.slot);
					resolve();
				});
			})
	);
	await ask(tracker, 0, lead, WORKSHOP_REQUESTS.reveal, { workshopId });
	await Promise.race([Promise.all(arrived), sleep(ACK_TIMEOUT_MS)]);
	return tracker;
}

// ---------------------------------------------------------------------------------------------
// The board in a browser.

interface RenderFigures {
	rate: number;
	/** From navigation to the board being usable (the idea box enabled once hydrated). */
	readyMs: number;
	load: FrameFigures;
	live: FrameFigures;
	scroll: FrameFigures;
	/** From emitting a live idea to its card being added to the page (drawn once scrolled to). */
	liveToScreen: number[];
}

interface FrameFigures {
	longTasks: number;
	longestTaskMs: number;
	/** Sum over long tasks of the time beyond 50 ms. */
	blockingMs: number;
	frames: number;
	slowFrames: number;
	frameP95: number;
	longestFrameMs: number;
}

/**
 * Records long tasks and frames in the page, and when each live idea (tagged "(#r…)") appeared;
 * `window.__bench.take()` returns and resets the tasks and frames. A string, so that the
 * TypeScript runner's helpers (tsx names its functions) never reach the page.
 */
const PAGE_PROBE = `(() => {
	const state = { tasks: [], frames: [], seen: {} };
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) state.tasks.push(entry.duration);
	}).observe({ type: 'longtask', buffered: true });
	let last = performance.now();
	const frame = (now) => {
		state.frames.push(now - last);
		last = now;
		requestAnimationFrame(frame);
	};
	requestAnimationFrame(frame);
	new MutationObserver((mutations) => {
		for (const m of mutations)
			for (const node of m.addedNodes) {
				if (!(node instanceof Element)) continue;
				// Only cards: reading the text of everything the parser adds costs the page itself.
				const cards = node.matches('article.idea') ? [node] : node.querySelectorAll('article.idea');
				for (const card of cards) {
					const tag = card.textContent.match(/\\(#(r\\d+x\\d+)\\)/);
					if (tag && !(tag[1] in state.seen)) state.seen[tag[1]] = Date.now();
				}
			}
	}).observe(document, { childList: true, subtree: true });
	window.__bench = {
		take() {
			const taken = { tasks: state.tasks, frames: state.frames };
			state.tasks = [];
			state.frames = [];
			return taken;
		},
		seen: () => state.seen
	};
})();`;

async function takeFrames(page: Page): Promise<FrameFigures> {
	const { tasks, frames } = await page.evaluate(() =>
		(
			window as unknown as { __bench: { take(): { tasks: number[]; frames: number[] } } }
		).__bench.take()
	);
	const sorted = [...frames].sort((a, b) => a - b);
	return {
		longTasks: tasks.length,
		longestTaskMs: Math.max(0, ...tasks),
		blockingMs: tasks.reduce((sum, d) => sum + Math.max(0, d - 50), 0),
		frames: frames.length,
		slowFrames: frames.filter((f) => f > 50).length,
		frameP95: percentile(sorted, 95),
		longestFrameMs: Math.max(0, ...frames)
	};
}

async function boardInBrowser(
	seeded: Seeded,
	workshopId: number,
	adders: Seat[],
	rate: number
): Promise<RenderFigures> {
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
	});
	try {
		const context = await browser.newContext({
			viewport: { width: 412, height: 823 },
			deviceScaleFactor: 1.75,
			isMobile: true,
			hasTouch: true
		});
		const [name, value] = (await sessionCookie(seeded.members[0])).split('=');
		await context.addCookies([{ name, value, url: origin }]);
		const page = await context.newPage();
		await page.addInitScript({ content: PAGE_PROBE });
		const cdp = await context.newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate });
		const tracing = traceFile !== undefined && rate !== 1;
		if (tracing) await browser.startTracing(page, { path: traceFile });
		const started = Date.now();
		await page.goto(`${origin}/sessions/${workshopId}`);
		// Usable once hydrated: the idea box is enabled. Asked of the DOM directly, each frame: a
		// role locator would check every button on the page for visibility as it polls, forcing
		// style for the cards the browser skips (300 recalculations, most of a second at 4×).
		await page.waitForFunction(() => {
			const box = document.querySelector('textarea#idea');
			return box instanceof HTMLTextAreaElement && !box.disabled;
		});
		const readyMs = Date.now() - started;
		await sleep(1000);
		const load = await takeFrames(page);

		const sentAt = new Map<string, number>();
		const every = 1000 / SHAPE.liveIdeasPerSecond;
		const start = performance.now();
		const sends: Promise<unknown>[] = [];
		for (let k = 0; k < SHAPE.liveIdeas; k++) {
			await sleep(Math.max(0, start + k * every - performance.now()));
			const tag = `r${rate}x${k}`;
			sentAt.set(tag, Date.now());
			sends.push(
				adders[k % adders.length].socket.emitWithAck(WORKSHOP_REQUESTS.addIdea, {
					workshopId,
					body: `${IDEAS[k % IDEAS.length]} (#${tag})`
				})
			);
		}
		await Promise.all(sends);
		await page.waitForFunction(
			(n) =>
				Object.keys((window as unknown as { __bench: { seen(): object } }).__bench.seen()).length >=
				n,
			SHAPE.liveIdeas,
			{ timeout: 30_000 }
		);
		const live = await takeFrames(page);
		if (tracing) await browser.stopTracing();
		const seen = await page.evaluate(() =>
			(window as unknown as { __bench: { seen(): Record<string, number> } }).__bench.seen()
		);
		const liveToScreen = [...sentAt].map(([tag, at]) => seen[tag] - at).sort((a, b) => a - b);

		await page.mouse.move(200, 400);
		for (let i = 0; i < 40; i++) {
			await page.mouse.wheel(0, 600);
			await sleep(100);
		}
		const scroll = await takeFrames(page);
		return { rate, readyMs, load, live, scroll, liveToScreen };
	} finally {
		await browser.close();
	}
}

/** Fill a session with 300 published ideas before anyone looks at it (not measured). */
async function fillSession(adders: Seat[], workshopId: number) {
	for (let k = 0; k < SHAPE.ideas; k += adders.length)
		await Promise.all(
			adders.map(async (seat, i) => {
				const reply = await seat.socket.emitWithAck(WORKSHOP_REQUESTS.addIdea, {
					workshopId,
					body: `${IDEAS[(k + i) % IDEAS.length]} (#${k + i})`
				});
				if (!reply?.ok || reply.status !== 'published')
					throw new Error(`an idea was not published: ${JSON.stringify(reply)}`);
			})
		);
}

/** Ten participants fill a session with 300 ideas (also warms a server up, the same for both). */
async function filled(at: string, workshopId: number, people: (Person | null)[]) {
	const adders = await seatPeople(at, workshopId, people.slice(1, 11));
	await fillSession(adders, workshopId);
	return adders;
}

// ---------------------------------------------------------------------------------------------
// Reporting.

function row(label: string, figures: PhaseFigures, baseline?: PhaseFigures) {
	const { tracker, serverCpu } = figures;
	const sorted = [...tracker.latencies].sort((a, b) => a - b);
	const d = tracker.delivery();
	const vs = baseline
		? `${ms(
				percentile(sorted, 99) -
					percentile(
						[...baseline.tracker.latencies].sort((a, b) => a - b),
						99
					)
			)} ms`
		: 'baseline';
	return `| ${label} | ${tracker.acknowledged} | ${tracker.latencies.length.toLocaleString('en-GB')} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 95))} | ${ms(percentile(sorted, 99))} | ${ms(sorted.at(-1) ?? NaN)} | ${d.lost} / ${d.duplicated} | ${tracker.refused + tracker.held} / ${tracker.timedOut} | ${(serverCpu * 100).toFixed(0)}% | ${vs} |`;
}

function frames(label: string, f: FrameFigures) {
	return `| ${label} | ${f.longTasks} | ${ms(f.longestTaskMs)} | ${ms(f.blockingMs)} | ${f.frames} | ${f.slowFrames} | ${ms(f.frameP95)} | ${ms(f.longestFrameMs)} |`;
}

type LoadFigures = Awaited<ReturnType<typeof loadRun>>;

function report(
	load: { together: LoadFigures; baseline: LoadFigures } | null,
	renders: RenderFigures[],
	loadAtStart: number
) {
	const lines = [
		`Idea sessions benchmark, ${new Date().toISOString()}: ${SHAPE.participants} participants and the lead, ${SHAPE.ideas} ideas then ${SHAPE.votes} votes, each over ${phaseSeconds} s`,
		`Machine load average (1 min, 2 cores shared with other work): ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0].toFixed(1)} at the end`
	];
	if (load) {
		const { together, baseline } = load;
		lines.push(
			'',
			'| update | acknowledged | receipts | p50 (ms) | p95 (ms) | p99 (ms) | slowest (ms) | lost / duplicated | refused or held / not answered | server CPU | p99 vs baseline |',
			'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
			row('idea added (bare socket.io, baseline)', baseline.ideas),
			row('idea added (Together, each as its viewer may see it)', together.ideas, baseline.ideas),
			row('phase change → everyone has the new phase (baseline)', baseline.phase),
			row('phase change → everyone has the new phase (Together)', together.phase, baseline.phase),
			row('vote cast → count for everyone (baseline)', baseline.votes),
			row('vote cast → count for everyone (Together)', together.votes, baseline.votes),
			row(`reveal → everyone has all ${SHAPE.ideas} ideas (baseline)`, baseline.reveal),
			row(
				`reveal → everyone has all ${SHAPE.ideas} ideas (Together, each their own board)`,
				together.reveal,
				baseline.reveal
			)
		);
	}
	if (renders.length) {
		lines.push(
			'',
			`The board in Chromium, 412×823 phone profile, ${SHAPE.ideas} ideas, then ${SHAPE.liveIdeas} arriving live (${SHAPE.liveIdeasPerSecond} a second), then scrolling:`,
			'',
			'| CPU | phase | long tasks | longest task (ms) | blocking (ms) | frames | frames > 50 ms | frame p95 (ms) | longest frame (ms) |',
			'| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
		);
		for (const r of renders) {
			const cpu = r.rate === 1 ? 'unthrottled (baseline)' : `${r.rate}× slower`;
			lines.push(
				frames(`${cpu} | load (usable after ${r.readyMs} ms)`, r.load),
				frames(
					`${cpu} | live ideas (on the page p50 ${ms(percentile(r.liveToScreen, 50))} / p99 ${ms(percentile(r.liveToScreen, 99))} ms after sending)`,
					r.live
				),
				frames(`${cpu} | scrolling`, r.scroll)
			);
		}
	}
	return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

try {
	const loadAtStart = loadavg()[0];
	const databaseUrl = await createDatabase('sessionbench');
	const seeded = await seed(databaseUrl);

	const members = [seeded.lead, ...seeded.members];
	const server = await startTogether(databaseUrl, origin);
	const renders: RenderFigures[] = [];
	if (withBrowser)
		for (const [i, rate] of [1, 4].entries()) {
			const workshopId = seeded.renderSessions[i];
			const adders = await filled(origin, workshopId, members);
			renders.push(await boardInBrowser(seeded, workshopId, adders, rate));
			adders.forEach((s) => s.socket.disconnect());
		}
	if (!withLoad) {
		await stopProcess(server);
		console.log(`\n${report(null, renders, loadAtStart)}\n`);
	} else {
		(await filled(origin, seeded.revealSession, members)).forEach((s) => s.socket.disconnect());
		const sessions = { load: seeded.loadSession, reveal: seeded.revealSession };
		const together = await loadRun(server, origin, sessions, members);
		await stopProcess(server);

		const bare = await startProcess('bench/chat-baseline/server.js', baselineOrigin, {
			PORT: String(port + 1)
		});
		const people = Array.from({ length: SHAPE.participants + 1 }, () => null);
		// The same warm-up as Together had: three sessions of 300 ideas, one of them to reveal.
		for (const workshopId of [2, 3, 4])
			(await filled(baselineOrigin, workshopId, people)).forEach((s) => s.socket.disconnect());
		const baseline = await loadRun(bare, baselineOrigin, { load: 1, reveal: 2 }, people);
		await stopProcess(bare);
		console.log(`\n${report({ together, baseline }, renders, loadAtStart)}\n`);
	}
} finally {
	await cleanUp();
}
