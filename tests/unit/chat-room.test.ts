/**
 * The chat room in the browser when the signal drops while sending: the message stays "sending"
 * and is sent again as the same message; if the server held it for risk and its answer never
 * arrived (the held message reached this browser another way, by gap-fill or to the author's
 * other tabs), the browser asks again for the answer, so the crisis panel is still shown. Messages
 * written offline by a new member go one by one as the pace allows, none left "failed".
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ChatRoomClient } from '../../src/lib/client/chat-room.svelte';
import {
	CHAT_EVENTS,
	CHAT_REQUESTS,
	type ChatMessageView,
	type RoomState,
	type RoomView,
	type SendReply
} from '../../src/lib/chat';
import { noReactions } from '../../src/lib/forum';
import type { CrisisPanelData } from '../../src/lib/signposting/crisis-panel';

const ROOM: RoomView = {
	id: 3,
	name: 'Tuesday drop-in',
	description: '',
	kind: 'drop_in',
	guidelinesHtml: '',
	contentWarning: null,
	open: true,
	locked: false,
	slowModeSeconds: 0,
	statusLabel: 'Open now',
	mutedUntil: null
};
const OPEN_NOW: RoomState = {
	roomId: ROOM.id,
	open: true,
	locked: false,
	slowModeSeconds: 0,
	statusLabel: 'Open now',
	presence: 2,
	staffPresent: 1,
	help: null
};
const ME = 42;
const PANEL = { variant: 'crisis' } as unknown as CrisisPanelData;

function held(clientId: string): ChatMessageView {
	return {
		id: 9,
		roomId: ROOM.id,
		clientId,
		body: 'I want to end it tonight',
		html: '<p>I want to end it tonight</p>',
		author: { id: ME, name: 'amara', staff: false },
		createdAt: '2026-11-26T19:00:00.000Z',
		status: 'held',
		reactions: noReactions().counts,
		mine: []
	};
}

/** A socket whose requests the test answers, or loses (as a phone out of signal does). */
function fakeSocket() {
	const listeners = new Map<string, (payload: unknown) => void>();
	const sends: { payload: { clientId: string }; answer: (reply: unknown) => void }[] = [];
	const socket = {
		connected: true,
		on: (event: string, handler: (payload: unknown) => void) => listeners.set(event, handler),
		off: (event: string) => listeners.delete(event),
		emit: () => {},
		connect: () => {},
		timeout: () => ({
			emitWithAck: (event: string, payload: { clientId: string }) => {
				if (event === CHAT_REQUESTS.join)
					return Promise.resolve({
						ok: true,
						room: ROOM,
						state: OPEN_NOW,
						messages: [],
						removedIds: [],
						more: false
					});
				if (event !== CHAT_REQUESTS.send) return Promise.resolve({ ok: false, error: 'no' });
				return new Promise((answer, lose) =>
					sends.push({ payload, answer: (reply) => (reply ? answer(reply) : lose(new Error())) })
				);
			}
		})
	};
	return {
		socket: socket as unknown as Socket,
		sends,
		deliver: (event: string, payload: unknown) => listeners.get(event)?.(payload),
		dropSignal: () => (socket.connected = false),
		signalBack: () => (socket.connected = true)
	};
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A member with the room open, joined over the fake socket. */
async function inRoom(live: ReturnType<typeof fakeSocket>) {
	const room = new ChatRoomClient(live.socket, {
		room: ROOM,
		messages: [],
		more: false,
		userId: ME,
		lastReadId: 0
	});
	const stop = room.start();
	await settle();
	return { room, stop };
}

beforeEach(() => {
	vi.stubGlobal('window', new EventTarget());
});
afterEach(() => {
	vi.unstubAllGlobals();
});

describe('a held message whose answer was lost', () => {
	it('asks again as the same message and shows the crisis panel', async () => {
		const live = fakeSocket();
		const { room, stop } = await inRoom(live);

		room.send('I want to end it tonight');
		await settle();
		expect(live.sends).toHaveLength(1);
		const { clientId } = live.sends[0].payload;
		// The signal drops before the answer comes back: still "sending", nothing shown.
		live.dropSignal();
		live.sends[0].answer(null);
		await settle();
		expect(room.outgoing.map((m) => m.state)).toEqual(['sending']);
		expect(room.help).toBeNull();

		// Back online, the held message reaches this browser before any answer does.
		live.signalBack();
		live.deliver(CHAT_EVENTS.message, held(clientId));
		await settle();
		expect(room.outgoing).toEqual([]);
		expect(room.messages.map((m) => m.status)).toEqual(['held']);
		expect(live.sends).toHaveLength(2);
		expect(live.sends[1].payload.clientId).toBe(clientId);

		const answer: SendReply = {
			status: 'held',
			message: held(clientId),
			notice: 'A youth worker will read your message before the room sees it.',
			help: PANEL
		};
		live.sends[1].answer({ ok: true, ...answer });
		await settle();
		expect(room.help).toBe(PANEL);
		expect(room.notice).toMatch(/youth worker will read/);
		expect(room.messages).toHaveLength(1);
		stop();
	});

	it('does not ask twice when the held message arrives while its answer is on the way', async () => {
		const live = fakeSocket();
		const { room, stop } = await inRoom(live);
		room.send('I want to end it tonight');
		await settle();
		const { clientId } = live.sends[0].payload;
		live.deliver(CHAT_EVENTS.message, held(clientId));
		await settle();
		expect(live.sends).toHaveLength(1);
		live.sends[0].answer({
			ok: true,
			status: 'held',
			message: held(clientId),
			notice: null,
			help: PANEL
		});
		await settle();
		expect(room.help).toBe(PANEL);
		stop();
	});
});

describe('a message refused as too soon', () => {
	it('stays "sending" and goes by itself once it may; one refused for longer fails with why', async () => {
		const live = fakeSocket();
		const { room, stop } = await inRoom(live);
		room.send('back on the bus now');
		await settle();
		const spacing = 'Because you are new here, messages go one every 5 seconds.';
		live.sends[0].answer({ ok: false, error: spacing, retryInMs: 50 });
		await settle();
		expect(room.outgoing.map((m) => [m.state, m.error])).toEqual([['sending', null]]);
		await vi.waitFor(() => expect(live.sends).toHaveLength(2), { timeout: 2_000 });
		expect(live.sends[1].payload.clientId).toBe(live.sends[0].payload.clientId);

		room.send('and again');
		await settle();
		live.sends[2].answer({ ok: false, error: 'Slow down', retryInMs: 120_000 });
		await settle();
		expect(room.outgoing.map((m) => m.state)).toEqual(['sending', 'failed']);
		stop();
	});
});

describe('a youth worker opening the room as the page loads', () => {
	it('waits until the page has joined the room, then shows the state the answer brings', async () => {
		const asked: string[] = [];
		let finishJoining = () => {};
		const closed: RoomState = { ...OPEN_NOW, open: false, statusLabel: 'Closed' };
		const socket = {
			connected: true,
			on: () => {},
			off: () => {},
			emit: () => {},
			connect: () => {},
			timeout: () => ({
				emitWithAck: (event: string) => {
					asked.push(event);
					if (event === CHAT_REQUESTS.join)
						return new Promise((resolve) => {
							finishJoining = () =>
								resolve({
									ok: true,
									room: { ...ROOM, open: false },
									state: closed,
									messages: [],
									removedIds: [],
									more: false
								});
						});
					if (event === CHAT_REQUESTS.setRoom)
						return Promise.resolve({ ok: true, state: OPEN_NOW });
					return Promise.resolve({ ok: false, error: 'no' });
				}
			})
		};
		const room = new ChatRoomClient(socket as unknown as Socket, {
			room: { ...ROOM, open: false },
			messages: [],
			more: false,
			userId: ME,
			lastReadId: 0
		});
		const stop = room.start();

		// Pressed before the join is answered: a change the room announced now would not reach
		// this page, so it waits.
		const opening = room.setRoom({ action: 'open' });
		await settle();
		expect(asked).toEqual([CHAT_REQUESTS.join]);
		finishJoining();
		expect(await opening).toBeNull();
		expect(asked).toEqual([CHAT_REQUESTS.join, CHAT_REQUESTS.setRoom]);
		expect(room.state?.open).toBe(true);
		stop();
	});
});
