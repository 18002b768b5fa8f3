/**
 * One idea session in the browser: the board as the server says this person may see it, kept up
 * to date one idea at a time (each arrives as this person may see it), fetched whole on joining,
 * after a reconnect and when the session moves on. Actions go over the socket and answer with an
 * error sentence or null; their effect arrives like everyone else's.
 */
import type { Socket } from 'socket.io-client';
import type { Ack } from '$lib/chat';
import type { CrisisPanelData } from '$lib/signposting/crisis-panel';
import {
	PHASE_LABELS,
	STAGE_LABELS,
	WORKSHOP_EVENTS,
	WORKSHOP_REQUESTS,
	type BoardView,
	type ChangedEvent,
	type IdeaEvent,
	type IdeaGoneEvent,
	type MyVotesEvent,
	type ThemesEvent,
	type VotesEvent
} from '$lib/workshops';

const REFETCH_AFTER_MS = 150;
/** New ideas are announced to screen readers together, at most this often. */
const ANNOUNCE_EVERY_MS = 2000;
const LOST = 'No connection right now. Try again when you are back online.';

type Update = (board: BoardView) => void;

export class WorkshopBoard {
	board = $state<BoardView>() as BoardView;
	joined = $state(false);
	problem = $state<string | null>(null);
	notice = $state<string | null>(null);
	help = $state<CrisisPanelData | null>(null);
	/** Said to screen readers when the board changes ("2 new ideas"). */
	announcement = $state('');

	#socket: Socket | null;
	#code: string | null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#stops: (() => void)[] = [];
	/** Updates that arrive while the whole board is being fetched, applied on top of it. */
	#pending: Update[] | null = null;
	#newIdeas = 0;
	/** When each idea's latest news applied was read on the server (bookkeeping, not shown). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#ideaAt = new Map<number, number>();
	#announceTimer: ReturnType<typeof setTimeout> | undefined;
	/** Requests on their way (event and payload). */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
	#acting = new Set<string>();

	constructor(socket: Socket | null, board: BoardView, code: string | null) {
		this.#socket = socket;
		this.board = board;
		this.#code = code;
	}

	get id(): number {
		return this.board.workshop.id;
	}

	start(): () => void {
		const socket = this.#socket;
		if (!socket) return () => {};
		const mine = <T extends { workshopId: number }>(apply: (event: T) => Update) => {
			return (event: T) => {
				if (event.workshopId === this.id) this.#apply(apply(event));
			};
		};
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler knows its event's shape
		const handlers: [string, (event: any) => void][] = [
			['connect', () => void this.#join()],
			[
				WORKSHOP_EVENTS.changed,
				(event: ChangedEvent) => {
					if (event.workshopId !== this.id) return;
					const { workshop, totals, board } = event;
					if (workshop) return this.#apply((now) => this.#moveOn(now, workshop, totals));
					if (board) return this.#show(board);
					clearTimeout(this.#timer);
					this.#timer = setTimeout(() => this.refetch(), REFETCH_AFTER_MS);
				}
			],
			[
				WORKSHOP_EVENTS.idea,
				mine(
					(e: IdeaEvent) => (board) => this.#newer(board, e.idea.id, e.at) && this.#upsert(board, e)
				)
			],
			[
				WORKSHOP_EVENTS.ideaGone,
				mine(
					(e: IdeaGoneEvent) => (board) =>
						this.#newer(board, e.ideaId, e.at) && removeIdea(board, e)
				)
			],
			[WORKSHOP_EVENTS.themes, mine((e: ThemesEvent) => (board) => (board.themes = e.themes))],
			[WORKSHOP_EVENTS.votes, mine((e: VotesEvent) => (board) => (board.votes = e.votes))],
			[WORKSHOP_EVENTS.myVotes, mine((e: MyVotesEvent) => (board) => (board.myVotes = e.myVotes))]
		];
		for (const [event, handler] of handlers) {
			socket.on(event, handler);
			this.#stops.push(() => socket.off(event, handler));
		}
		if (socket.connected) void this.#join();
		return () => {
			for (const stop of this.#stops.splice(0)) stop();
			clearTimeout(this.#timer);
			clearTimeout(this.#announceTimer);
			if (socket.connected) socket.emit(WORKSHOP_REQUESTS.leave, { workshopId: this.id }, () => {});
		};
	}

	/**
	 * Whether news of an idea read at `at` is newer than what this board shows of it: the board
	 * itself, or news of it already applied. Older news (overtaken on the way) is dropped.
	 */
	#newer(board: BoardView, ideaId: number, at: number): boolean {
		if (at < Math.max(board.at, this.#ideaAt.get(ideaId) ?? 0)) return false;
		this.#ideaAt.set(ideaId, at);
		return true;
	}

	#apply(update: Update) {
		this.#pending?.push(update);
		update(this.board);
	}

	/** Put an idea in its place on the board (ideas are in the order they were added). */
	#upsert(board: BoardView, { idea }: IdeaEvent) {
		const at = board.ideas.findIndex((i) => i.id === idea.id);
		if (at >= 0) {
			board.ideas[at] = idea;
			return;
		}
		let i = board.ideas.length;
		while (i > 0 && board.ideas[i - 1].id > idea.id) i--;
		board.ideas.splice(i, 0, idea);
		if (!idea.own) this.#countNewIdea();
	}

	#countNewIdea() {
		this.#newIdeas++;
		this.#announceTimer ??= setTimeout(() => {
			const n = this.#newIdeas;
			this.announcement = n === 1 ? '1 new idea.' : `${n} new ideas.`;
			this.#newIdeas = 0;
			this.#announceTimer = undefined;
		}, ANNOUNCE_EVERY_MS);
	}

	async #join() {
		const reply = await this.#fetch(WORKSHOP_REQUESTS.join, { code: this.#code });
		if (!reply.ok) {
			this.problem = reply.error;
			return;
		}
		this.joined = true;
		this.problem = null;
	}

	async refetch() {
		await this.#fetch(WORKSHOP_REQUESTS.board, {});
	}

	/** Fetch the whole board, keeping what arrives meanwhile (it may be newer than the reply). */
	async #fetch(event: string, payload: object): Promise<Ack<{ board: BoardView }>> {
		const pending: Update[] = [];
		this.#pending = pending;
		const reply = await this.ask<{ board: BoardView }>(event, { workshopId: this.id, ...payload });
		if (this.#pending === pending) this.#pending = null;
		if (!reply.ok) return reply;
		this.#show(reply.board, pending);
		return reply;
	}

	/** The session as it now is (and the vote totals, as voting closes). */
	#moveOn(board: BoardView, workshop: BoardView['workshop'], totals?: Record<number, number>) {
		if (board === this.board) this.#announceMove(board.workshop, workshop);
		board.workshop = workshop;
		if (totals) for (const idea of board.ideas) idea.votes = totals[idea.id] ?? 0;
	}

	/**
	 * A whole board (fetched, or sent because what this person may see changed), unless the one
	 * shown is newer; then what arrived while it was being fetched, where that is newer still.
	 */
	#show(next: BoardView, arrivedMeanwhile: Update[] = []) {
		if (next.at < this.board.at) return;
		for (const update of arrivedMeanwhile) update(next);
		this.#announceMove(this.board.workshop, next.workshop);
		this.board = next;
	}

	#announceMove(before: BoardView['workshop'], now: BoardView['workshop']) {
		if (now.phase !== before.phase)
			this.announcement =
				now.phase === 'closed'
					? 'The session has closed.'
					: `The session moved on: ${PHASE_LABELS[now.phase]}.`;
		else if (now.stage !== before.stage && now.stage)
			this.announcement = `Next stage: ${STAGE_LABELS[now.stage].name}.`;
		else if (now.hidden !== before.hidden) this.announcement = 'Everyone’s ideas are now shown.';
	}

	/** Ask the server; a lost connection or no answer is an error too. */
	ask<T extends object>(event: string, payload: object): Promise<Ack<T>> {
		const socket = this.#socket;
		if (!socket?.connected) return Promise.resolve({ ok: false, error: LOST });
		return socket
			.timeout(10_000)
			.emitWithAck(event, payload)
			.then(
				(reply: Ack<T>) => reply,
				() => ({ ok: false as const, error: 'Together did not answer in time. Try again.' })
			);
	}

	/**
	 * Run an action on this session. Returns the error, or null. Its effect on the board arrives
	 * over the socket before the answer does (the server announces, then answers).
	 */
	/**
	 * Ask for a change. The same request again while it is on its way (a double tap) is ignored,
	 * so nothing is added, voted or moved twice by accident.
	 */
	async act(event: string, payload: object = {}): Promise<string | null> {
		const key = `${event} ${JSON.stringify(payload)}`;
		if (this.#acting.has(key)) return null;
		this.#acting.add(key);
		const reply = await this.ask<{
			notice?: string | null;
			help?: CrisisPanelData | null;
			message?: string;
			myVotes?: number[];
		}>(event, { workshopId: this.id, ...payload }).finally(() => this.#acting.delete(key));
		if (!reply.ok) return reply.error;
		if (reply.help) this.help = reply.help;
		this.notice = reply.notice ?? reply.message ?? null;
		if (reply.myVotes) this.board.myVotes = reply.myVotes;
		return null;
	}
}

function removeIdea(board: BoardView, { ideaId }: IdeaGoneEvent) {
	const at = board.ideas.findIndex((i) => i.id === ideaId);
	if (at >= 0) board.ideas.splice(at, 1);
}
