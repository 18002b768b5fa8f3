/**
 * One idea session in the browser: the board as the server says this person may see it, fetched
 * again (at most every 150 ms) whenever the session tells us it changed, and after a reconnect.
 * Actions go over the socket and answer with an error sentence or null.
 */
import type { Socket } from 'socket.io-client';
import type { Ack } from '$lib/chat';
import type { CrisisPanelData } from '$lib/signposting/crisis-panel';
import {
	WORKSHOP_EVENTS,
	WORKSHOP_REQUESTS,
	type BoardView,
	type ChangedEvent
} from '$lib/workshops';

const REFETCH_AFTER_MS = 150;
const LOST = 'No connection right now. Try again when you are back online.';

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
		const onConnect = () => this.#join();
		const onChanged = (event: ChangedEvent) => {
			if (event.workshopId !== this.id) return;
			clearTimeout(this.#timer);
			this.#timer = setTimeout(() => this.refetch(), REFETCH_AFTER_MS);
		};
		socket.on('connect', onConnect);
		socket.on(WORKSHOP_EVENTS.changed, onChanged);
		this.#stops.push(
			() => socket.off('connect', onConnect),
			() => socket.off(WORKSHOP_EVENTS.changed, onChanged)
		);
		if (socket.connected) void this.#join();
		return () => {
			for (const stop of this.#stops.splice(0)) stop();
			clearTimeout(this.#timer);
			if (socket.connected) socket.emit(WORKSHOP_REQUESTS.leave, { workshopId: this.id }, () => {});
		};
	}

	async #join() {
		const reply = await this.ask<{ board: BoardView }>(WORKSHOP_REQUESTS.join, {
			workshopId: this.id,
			code: this.#code
		});
		if (!reply.ok) {
			this.problem = reply.error;
			return;
		}
		this.joined = true;
		this.problem = null;
		this.#show(reply.board);
	}

	async refetch() {
		const reply = await this.ask<{ board: BoardView }>(WORKSHOP_REQUESTS.board, {
			workshopId: this.id
		});
		if (reply.ok) this.#show(reply.board);
	}

	#show(next: BoardView) {
		const before = this.board;
		const added = next.ideas.filter((i) => !before.ideas.some((b) => b.id === i.id)).length;
		if (next.workshop.phase !== before.workshop.phase)
			this.announcement = `The session moved on: ${next.workshop.phase === 'closed' ? 'it has closed' : `now ${next.workshop.phase}`}.`;
		else if (next.workshop.stage !== before.workshop.stage && next.workshop.stage)
			this.announcement = `Next stage: ${next.workshop.stage}.`;
		else if (added > 0) this.announcement = added === 1 ? '1 new idea.' : `${added} new ideas.`;
		this.board = next;
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

	/** Run an action on this session; refresh the board after it. Returns the error, or null. */
	async act(event: string, payload: object = {}): Promise<string | null> {
		const reply = await this.ask<{
			notice?: string | null;
			help?: CrisisPanelData | null;
			message?: string;
			myVotes?: number[];
		}>(event, { workshopId: this.id, ...payload });
		if (!reply.ok) return reply.error;
		if (reply.help) this.help = reply.help;
		this.notice = reply.notice ?? reply.message ?? null;
		if (reply.myVotes) this.board = { ...this.board, myVotes: reply.myVotes };
		await this.refetch();
		return null;
	}
}
