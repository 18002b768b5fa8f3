/**
 * Group chat as the browser and the server both see it: limits, the socket contract's event names
 * and payloads (docs/realtime.md), and the words shown for room states.
 */
import type { ReactionCounts, ReactionKey } from './forum';
import type { CrisisPanelData } from './signposting/crisis-panel';

export const MESSAGE_MAX = 2_000;
/** History comes in pages of this many messages. */
export const HISTORY_PAGE = 50;
/** A rejoin after a long break gets at most this many missed messages at once (then pages back). */
export const GAP_FILL_MAX = 500;
export const CLIENT_ID_MAX = 64;

export const ROOM_KIND_LABELS = {
	drop_in: 'Drop-in',
	group: 'Group',
	session: 'Idea session chat'
} as const;
export type RoomKindKey = keyof typeof ROOM_KIND_LABELS;

/** Client → server events (each answers through its acknowledgement callback). */
export const CHAT_REQUESTS = {
	join: 'room:join',
	leave: 'room:leave',
	send: 'chat:send',
	typing: 'chat:typing',
	read: 'room:read',
	history: 'room:history',
	react: 'chat:react',
	report: 'chat:report',
	removeMessage: 'mod:remove-message',
	muteMember: 'mod:mute-member',
	removeMember: 'mod:remove-member',
	setRoom: 'mod:room',
	/** Staff only: who has the room open now, by name (members get only the count). */
	people: 'room:people'
} as const;

/** Server → client events. */
export const CHAT_EVENTS = {
	message: 'chat:message',
	removed: 'chat:removed',
	reactions: 'chat:reactions',
	typing: 'chat:typing',
	state: 'room:state',
	/** You were removed from the room, or your messages here were paused. */
	you: 'room:you',
	/** Staff only (`room:<id>:staff`): who is here now, whenever it changes. */
	people: 'room:people'
} as const;

export type MessageStatus = 'published' | 'held' | 'removed';

export interface ChatAuthor {
	id: number | null;
	name: string;
	staff: boolean;
}

export interface ChatMessageView {
	id: number;
	roomId: number;
	clientId: string;
	/** The Markdown as sent (empty once removed). */
	body: string;
	/** Sanitised when written: the only form rendered (empty once removed). */
	html: string;
	author: ChatAuthor;
	createdAt: string;
	/** `held` reaches only its author and staff; `removed` shows as a placeholder. */
	status: MessageStatus;
	reactions: ReactionCounts;
	/** The viewer's own reactions (empty in broadcasts, which go to everyone). */
	mine: ReactionKey[];
}

export interface RoomState {
	roomId: number;
	open: boolean;
	locked: boolean;
	slowModeSeconds: number;
	/** Why members cannot write now, and when they can ("Opens at 19:00 on Tuesday"). */
	statusLabel: string;
	/** Distinct people with the room open now. */
	presence: number;
	/** Of whom staff. */
	staffPresent: number;
	/** While the room is closed: who to talk to instead (the crisis services), else null. */
	help: CrisisPanelData | null;
}

export interface RoomView {
	id: number;
	name: string;
	description: string;
	kind: RoomKindKey;
	guidelinesHtml: string;
	contentWarning: string | null;
	open: boolean;
	locked: boolean;
	slowModeSeconds: number;
	statusLabel: string;
	/** Until when the viewer's messages here are paused by a youth worker. */
	mutedUntil: string | null;
}

/** Someone with the room open now, as staff see them in "People here". */
export interface PersonHere {
	id: number;
	name: string;
	staff: boolean;
	/** Joined Together in the last 7 days. */
	newMember: boolean;
	/** Until when a youth worker paused their messages in this room, if that is still ahead. */
	mutedUntil: string | null;
}

/** `room:people` (event, and the answer to the request of that name). */
export interface PeopleEvent {
	roomId: number;
	people: PersonHere[];
}

export type Ack<T extends object = object> =
	| ({ ok: true } & T)
	/** `retryInMs`: refused for now only (pacing); it may go that much later. */
	| { ok: false; error: string; retryInMs?: number };

export interface JoinReply {
	room: RoomView;
	state: RoomState;
	/** Messages after `since`, else the latest page; oldest first. */
	messages: ChatMessageView[];
	/** More messages exist before the first one returned (scroll back with room:history). */
	more: boolean;
	/** Ids among recent messages that were removed: a rejoining client drops them. */
	removedIds: number[];
	/** The viewer's read marker before this join (for the "new messages" line). */
	lastReadId: number;
}

/** The answer to a report: thanks, and the crisis panel when the reporter's own note calls for it. */
export interface ChatReportReply {
	message: string;
	help: CrisisPanelData | null;
}

export interface SendReply {
	status: 'published' | 'held';
	message: ChatMessageView;
	/** Said to the author when held. */
	notice: string | null;
	/** Crisis signposting when the words suggest risk. */
	help: CrisisPanelData | null;
}

export interface TypingEvent {
	roomId: number;
	/** Only staff are told who. */
	name: string | null;
}

export interface RemovedEvent {
	roomId: number;
	id: number;
}

export interface ReactionsEvent {
	roomId: number;
	id: number;
	counts: ReactionCounts;
}

/** `room:you`: what a youth worker did about you in this room. */
export interface YouEvent {
	roomId: number;
	removed: boolean;
	mutedUntil: string | null;
	message: string;
}

export const MUTE_DURATIONS = {
	'10m': '10 minutes',
	'1h': '1 hour',
	session: 'The rest of this session'
} as const;
export type MuteDuration = keyof typeof MUTE_DURATIONS;

export const ROOM_SLOW_MODE_CHOICES = [0, 5, 10, 30, 60, 120] as const;

export function slowModeSecondsLabel(seconds: number): string {
	if (seconds <= 0) return 'Slow mode off';
	return `Slow mode: one message every ${seconds < 60 ? `${seconds} seconds` : seconds === 60 ? 'minute' : `${seconds / 60} minutes`}`;
}

/** A client id: what `crypto.randomUUID()` makes, or any short token of letters, digits, - and _. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Messages as a browser keeps them: one copy of each id, in id order, however often a message
 * arrives (live, in an acknowledgement, again in a gap-fill). A later copy wins, but keeps the
 * viewer's own reactions if it came without them (broadcasts do).
 */
export function mergeMessages(
	existing: ChatMessageView[],
	incoming: ChatMessageView[]
): ChatMessageView[] {
	const byId = new Map(existing.map((m) => [m.id, m]));
	for (const m of incoming) {
		const before = byId.get(m.id);
		byId.set(m.id, { ...m, mine: m.mine.length ? m.mine : (before?.mine ?? []) });
	}
	return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Removed by a youth worker: the placeholder stays, the words go. */
export function markRemoved(messages: ChatMessageView[], ids: number[]): ChatMessageView[] {
	const gone = new Set(ids);
	return messages.map((m) =>
		gone.has(m.id) ? { ...m, status: 'removed' as const, body: '', html: '' } : m
	);
}
