/**
 * One chat room in the browser: the messages (in id order, one copy of each), what I am sending
 * (shown at once as "sending", then "sent", or "failed — tap to retry"), the room's state, who is
 * typing. Joining asks for everything after the last message seen, so after a dropped connection
 * nothing is missed; messages still unacknowledged when the connection dropped are sent again (the
 * server stores each client id once, so a retry never duplicates). Unsent messages are also kept
 * in this browser's storage until acknowledged, so a reload loses nothing. Staff also keep "People
 * here" (asked for on every join, then kept live by `room:people`, which only staff receive).
 */
import type { Socket } from 'socket.io-client';
import {
	CHAT_EVENTS,
	CHAT_REQUESTS,
	type Ack,
	type ChatMessageView,
	type JoinReply,
	type PeopleEvent,
	type PersonHere,
	type ReactionsEvent,
	type RemovedEvent,
	type RoomState,
	type RoomView,
	type SendReply,
	type TypingEvent,
	type YouEvent,
	markRemoved,
	mergeMessages
} from '$lib/chat';
import type { ReactionKey } from '$lib/forum';
import type { CrisisPanelData } from '$lib/signposting/crisis-panel';
import { clearDraft, draftKey, readDraft, saveDraft } from './drafts';

export interface Outgoing {
	clientId: string;
	body: string;
	createdAt: string;
	state: 'sending' | 'failed';
	error: string | null;
}

const ACK_TIMEOUT_MS = 10_000;
const TYPING_SHOWN_MS = 4_000;
/** A message refused as too soon goes by itself if it may within this long; else "Failed". */
const AUTO_RETRY_WITHIN_MS = 30_000;
/** Sent this long after it may go, so clocks a little apart still agree. */
const RETRY_MARGIN_MS = 300;

/** Kept with the forum's drafts: forgotten after a week, and on signing out. */
function outboxKey(userId: number, roomId: number) {
	return draftKey(userId, `chat-outbox-${roomId}`);
}

function newClientId(): string {
	if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
	return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

export class ChatRoomClient {
	messages = $state<ChatMessageView[]>([]);
	outgoing = $state<Outgoing[]>([]);
	room = $state<RoomView>() as RoomView;
	state = $state<RoomState | null>(null);
	joined = $state(false);
	#joining: Promise<void> | null = null;
	joinError = $state<string | null>(null);
	removed = $state<string | null>(null);
	more = $state(false);
	loadingOlder = $state(false);
	typing = $state<string | null>(null);
	/** The crisis panel for my own words (screening asked for it). */
	help = $state<CrisisPanelData | null>(null);
	/** While the room is closed, who to talk to instead (as loaded, then as room:state says). */
	closedHelp = $state<CrisisPanelData | null>(null);
	notice = $state<string | null>(null);
	/** The read marker when the page opened, for the "new messages" line. */
	lastReadId = $state(0);
	/** Staff only: who has the room open now (null until known, and always for members). */
	people = $state<PersonHere[] | null>(null);

	/** Null while rendering on the server: nothing is sent from there. */
	#socket: Socket | null;
	#userId: number;
	#typingTimer: ReturnType<typeof setTimeout> | undefined;
	#stops: (() => void)[] = [];
	#reconnecting = false;
	/** Sends waiting until the pace allows them. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
	#timers = new Set<ReturnType<typeof setTimeout>>();
	/** Client ids of messages whose send is waiting for its answer. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not shown
	#asking = new Set<string>();
	#staff: boolean;

	constructor(
		socket: Socket | null,
		{
			room,
			messages,
			more,
			userId,
			lastReadId,
			closedHelp = null,
			staff = false
		}: {
			room: RoomView;
			messages: ChatMessageView[];
			more: boolean;
			userId: number;
			lastReadId: number;
			/** Who to talk to, when the page loaded with the room closed. */
			closedHelp?: CrisisPanelData | null;
			/** The viewer is staff: keep "People here". */
			staff?: boolean;
		}
	) {
		this.#socket = socket;
		this.#userId = userId;
		this.#staff = staff;
		this.room = room;
		this.messages = messages;
		this.more = more;
		this.lastReadId = lastReadId;
		this.closedHelp = closedHelp;
		this.outgoing = this.#readOutbox();
	}

	get roomId(): number {
		return this.room.id;
	}

	/** The newest message id seen (gap-fill asks for everything after it). */
	get lastSeenId(): number {
		return this.messages.length ? this.messages[this.messages.length - 1].id : 0;
	}

	start(): () => void {
		const socket = this.#socket;
		if (!socket) return () => {};
		const on = <T>(event: string, handler: (payload: T) => void) => {
			socket.on(event, handler);
			this.#stops.push(() => socket.off(event, handler));
		};
		on('connect', () => this.join());
		on('disconnect', () => (this.joined = false));
		on<ChatMessageView>(CHAT_EVENTS.message, (m) => m.roomId === this.roomId && this.#add([m]));
		on<RemovedEvent>(CHAT_EVENTS.removed, (e) => e.roomId === this.roomId && this.#remove([e.id]));
		on<ReactionsEvent>(CHAT_EVENTS.reactions, (e) => {
			if (e.roomId !== this.roomId) return;
			this.messages = this.messages.map((m) => (m.id === e.id ? { ...m, reactions: e.counts } : m));
		});
		on<RoomState>(CHAT_EVENTS.state, (s) => s.roomId === this.roomId && this.#setState(s));
		on<TypingEvent>(CHAT_EVENTS.typing, (e) => {
			if (e.roomId !== this.roomId) return;
			this.typing = e.name ? `${e.name} is typing…` : 'Someone is typing…';
			clearTimeout(this.#typingTimer);
			this.#typingTimer = setTimeout(() => (this.typing = null), TYPING_SHOWN_MS);
		});
		on<PeopleEvent>(CHAT_EVENTS.people, (e) => {
			if (e.roomId === this.roomId) this.people = e.people;
		});
		on<YouEvent>(CHAT_EVENTS.you, (e) => {
			if (e.roomId !== this.roomId) return;
			if (e.removed) this.removed = e.message;
			this.room = { ...this.room, mutedUntil: e.mutedUntil };
			this.notice = e.message;
		});
		// The browser knows before socket.io does: go again as soon as the network is back.
		const online = () => {
			if (!socket.connected) socket.connect();
		};
		window.addEventListener('online', online);
		this.#stops.push(() => window.removeEventListener('online', online));
		if (socket.connected) this.join();
		return () => {
			for (const stop of this.#stops.splice(0)) stop();
			clearTimeout(this.#typingTimer);
			for (const timer of this.#timers) clearTimeout(timer);
			this.#timers.clear();
			if (socket.connected) socket.emit(CHAT_REQUESTS.leave, { roomId: this.roomId });
		};
	}

	/** (Re)join: everything after the last message seen, then send what is still waiting. */
	join(): Promise<void> {
		this.#joining = this.#join();
		return this.#joining;
	}

	/**
	 * Staff: open, close, pause or pace the room; the problem, or null. Sent once this page has
	 * joined (so it hears what follows: events are handled concurrently, and a change made before
	 * the join reached the room would be missed), and the answer's new state is shown at once.
	 */
	async setRoom(payload: object): Promise<string | null> {
		await this.#joining;
		const reply = await this.#ask<{ state: RoomState }>(CHAT_REQUESTS.setRoom, {
			roomId: this.roomId,
			...payload
		});
		if (!reply.ok) return reply.error;
		this.#setState(reply.state);
		return null;
	}

	async #join(): Promise<void> {
		const reply = await this.#ask<JoinReply>(CHAT_REQUESTS.join, {
			roomId: this.roomId,
			since: this.lastSeenId || undefined
		});
		if (!reply.ok) {
			this.joinError = reply.error;
			if (/taken you out/.test(reply.error)) this.removed = reply.error;
			return;
		}
		this.joinError = null;
		this.room = reply.room;
		this.#setState(reply.state);
		if (!this.lastSeenId) this.more = reply.more;
		this.#add(reply.messages);
		this.#remove(reply.removedIds);
		this.joined = true;
		for (const waiting of this.outgoing)
			if (waiting.state === 'sending') void this.#deliver(waiting);
		if (this.#staff) await this.#askPeople();
	}

	/** The room opened, closed, paused or changed its pace, or people came and went. */
	#setState(state: RoomState): void {
		this.state = state;
		this.room = {
			...this.room,
			open: state.open,
			locked: state.locked,
			slowModeSeconds: state.slowModeSeconds,
			statusLabel: state.statusLabel
		};
		this.closedHelp = state.open ? null : state.help;
	}

	async #askPeople(): Promise<void> {
		const reply = await this.#ask<PeopleEvent>(CHAT_REQUESTS.people, { roomId: this.roomId });
		if (reply.ok) this.people = reply.people;
	}

	/** Show the message at once and send it. */
	send(body: string): void {
		const message: Outgoing = {
			clientId: newClientId(),
			body,
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a timestamp, not state
			createdAt: new Date().toISOString(),
			state: 'sending',
			error: null
		};
		this.outgoing = [...this.outgoing, message];
		this.#writeOutbox();
		void this.#deliver(message);
	}

	retry(clientId: string): void {
		const message = this.outgoing.find((m) => m.clientId === clientId);
		if (!message) return;
		this.#update(clientId, { state: 'sending', error: null });
		void this.#deliver({ ...message, state: 'sending' });
	}

	/** Give up on a failed message (its words go back into the box for editing). */
	discard(clientId: string): string | null {
		const message = this.outgoing.find((m) => m.clientId === clientId);
		this.outgoing = this.outgoing.filter((m) => m.clientId !== clientId);
		this.#writeOutbox();
		return message?.body ?? null;
	}

	async #deliver(message: Outgoing): Promise<void> {
		// Offline: it stays "sending" and goes when the connection is back (join() sends it).
		if (!this.#socket?.connected) return;
		this.#asking.add(message.clientId);
		const reply = await this.#ask<SendReply>(CHAT_REQUESTS.send, {
			roomId: this.roomId,
			clientId: message.clientId,
			body: message.body
		}).finally(() => this.#asking.delete(message.clientId));
		if (reply.ok) {
			this.outgoing = this.outgoing.filter((m) => m.clientId !== message.clientId);
			this.#writeOutbox();
			this.#add([reply.message]);
			this.help = reply.help ?? this.help;
			this.notice = reply.notice;
			return;
		}
		// Lost on the way (the connection dropped): still "sending"; it goes again on reconnect.
		if (reply.error === LOST && !this.#socket?.connected) return;
		if (reply.error === NO_ANSWER) {
			// No answer on a connection that looks open: on a phone that lost its signal the socket
			// cannot tell yet. Keep it "sending", start a fresh connection, and it goes again on
			// reconnect (the server keeps one copy per client id, so nothing doubles).
			this.#reconnect();
			return;
		}
		// Too soon after the last one (new members' spacing, slow mode): it goes by itself once it
		// may, as when messages written offline are sent together on reconnecting.
		if (reply.retryInMs !== undefined && reply.retryInMs <= AUTO_RETRY_WITHIN_MS) {
			const timer = setTimeout(() => {
				this.#timers.delete(timer);
				void this.#deliver(message);
			}, reply.retryInMs + RETRY_MARGIN_MS);
			this.#timers.add(timer);
			return;
		}
		this.#update(message.clientId, { state: 'failed', error: reply.error });
	}

	#reconnect() {
		const socket = this.#socket;
		if (!socket || this.#reconnecting) return;
		this.#reconnecting = true;
		socket.disconnect();
		socket.connect();
		socket.once('connect', () => (this.#reconnecting = false));
	}

	typingNow(): void {
		if (this.#socket?.connected && this.joined)
			this.#socket.emit(CHAT_REQUESTS.typing, { roomId: this.roomId }, () => {});
	}

	markRead(): void {
		if (!this.#socket?.connected || !this.lastSeenId) return;
		this.#socket.emit(
			CHAT_REQUESTS.read,
			{ roomId: this.roomId, lastId: this.lastSeenId },
			() => {}
		);
	}

	async loadOlder(): Promise<void> {
		const first = this.messages[0];
		if (!first || this.loadingOlder) return;
		this.loadingOlder = true;
		const reply = await this.#ask<{ messages: ChatMessageView[]; more: boolean }>(
			CHAT_REQUESTS.history,
			{ roomId: this.roomId, before: first.id }
		);
		this.loadingOlder = false;
		if (!reply.ok) {
			this.notice = reply.error;
			return;
		}
		this.#add(reply.messages);
		this.more = reply.more;
	}

	async react(id: number, kind: ReactionKey): Promise<void> {
		const reply = await this.#ask<{ counts: ChatMessageView['reactions']; mine: ReactionKey[] }>(
			CHAT_REQUESTS.react,
			{ roomId: this.roomId, messageId: id, kind }
		);
		if (!reply.ok) {
			this.notice = reply.error;
			return;
		}
		this.messages = this.messages.map((m) =>
			m.id === id ? { ...m, reactions: reply.counts, mine: reply.mine } : m
		);
	}

	/** Ask the server and wait for its answer; a lost connection or no answer is an error too. */
	ask<T extends object>(event: string, payload: unknown): Promise<Ack<T>> {
		return this.#ask<T>(event, payload);
	}

	#ask<T extends object>(event: string, payload: unknown): Promise<Ack<T>> {
		const socket = this.#socket;
		if (!socket?.connected) return Promise.resolve({ ok: false, error: LOST });
		return socket
			.timeout(ACK_TIMEOUT_MS)
			.emitWithAck(event, payload)
			.then(
				(reply: Ack<T>) => reply,
				() => ({ ok: false as const, error: socket.connected ? NO_ANSWER : LOST })
			);
	}

	#add(incoming: ChatMessageView[]) {
		if (incoming.length === 0) return;
		this.messages = mergeMessages(this.messages, incoming);
		// My own message, delivered (perhaps to another tab of mine): no longer waiting here.
		const mine = incoming.filter((m) => m.author.id === this.#userId);
		const arrived = mine.map((m) => m.clientId);
		const settled = this.outgoing.filter((o) => arrived.includes(o.clientId));
		if (settled.length === 0) return;
		this.outgoing = this.outgoing.filter((o) => !arrived.includes(o.clientId));
		this.#writeOutbox();
		// Held, and its answer never came (the signal dropped): ask again, as the same message, for
		// the answer, which carries the crisis panel if the words showed risk.
		for (const waiting of settled) {
			const held = mine.some((m) => m.clientId === waiting.clientId && m.status === 'held');
			if (held && !this.#asking.has(waiting.clientId)) void this.#deliver(waiting);
		}
	}

	#remove(ids: number[]) {
		if (ids.length) this.messages = markRemoved(this.messages, ids);
	}

	#update(clientId: string, change: Partial<Outgoing>) {
		this.outgoing = this.outgoing.map((m) => (m.clientId === clientId ? { ...m, ...change } : m));
		this.#writeOutbox();
	}

	#readOutbox(): Outgoing[] {
		try {
			const saved = readDraft(outboxKey(this.#userId, this.room.id))?.outbox;
			const list = saved ? (JSON.parse(saved) as Outgoing[]) : [];
			return Array.isArray(list)
				? list.map((m) => ({ ...m, state: 'sending' as const, error: null }))
				: [];
		} catch {
			return [];
		}
	}

	/** If storage is off, the message is still on screen and retried while the page is open. */
	#writeOutbox() {
		const key = outboxKey(this.#userId, this.room.id);
		if (this.outgoing.length) saveDraft(key, { outbox: JSON.stringify(this.outgoing) });
		else clearDraft(key);
	}
}

export const LOST = 'No connection. It will send when you are back online.';
const NO_ANSWER = 'Together did not answer in time.';
