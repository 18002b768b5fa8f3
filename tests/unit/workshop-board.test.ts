/**
 * The idea session board in the browser keeps the newest news of each idea, whatever order it
 * arrives in: an update read on the server before the board (or before an update already shown)
 * is dropped, so a hidden idea never comes back from a late message, and a fetched board older
 * than one pushed meanwhile does not replace it.
 */
import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { WorkshopBoard } from '../../src/lib/client/workshop-board.svelte';
import {
	WORKSHOP_EVENTS,
	WORKSHOP_REQUESTS,
	type BoardView,
	type IdeaView
} from '../../src/lib/workshops';

function idea(id: number, body: string): IdeaView {
	return {
		id,
		body,
		column: null,
		themeId: null,
		groupId: null,
		status: 'published',
		hiddenReason: null,
		author: null,
		own: false,
		comments: [],
		votes: null,
		createdAt: '2026-11-26T10:00:00.000Z'
	} as IdeaView;
}

function boardAt(at: number, ideas: IdeaView[]): BoardView {
	return {
		at,
		workshop: { id: 7, phase: 'gathering' },
		themes: [],
		ideas,
		myVotes: [],
		myGroup: null,
		facilitator: false,
		reviewer: false,
		participants: 2,
		votes: { cast: 0, voters: 0 }
	} as unknown as BoardView;
}

/** A socket that records listeners, and answers requests when the test says so. */
function fakeSocket() {
	const listeners = new Map<string, (payload: unknown) => void>();
	const answers: ((reply: unknown) => void)[] = [];
	const requests: string[] = [];
	const socket = {
		connected: false,
		on: (event: string, handler: (payload: unknown) => void) => listeners.set(event, handler),
		off: (event: string) => listeners.delete(event),
		emit: () => {},
		timeout: () => ({
			emitWithAck: (event: string) => {
				if (event !== WORKSHOP_REQUESTS.board) requests.push(event);
				return new Promise((resolve) => answers.push(resolve));
			}
		})
	};
	return {
		socket: socket as unknown as Socket,
		connect: () => (socket.connected = true),
		fire: (event: string, payload: object) => listeners.get(event)!({ workshopId: 7, ...payload }),
		answer: (reply: unknown) => answers.shift()!(reply),
		requests
	};
}

describe('the idea session board in the browser', () => {
	it('keeps the newest news of each idea, whatever order it arrives in', () => {
		const fake = fakeSocket();
		const live = new WorkshopBoard(fake.socket, boardAt(100, [idea(1, 'first words')]), null);
		live.start();
		const bodies = () => live.board.ideas.map((i) => i.body);

		fake.fire(WORKSHOP_EVENTS.idea, { at: 90, idea: idea(1, 'older than the board') });
		expect(bodies()).toEqual(['first words']);
		fake.fire(WORKSHOP_EVENTS.idea, { at: 120, idea: idea(1, 'edited') });
		expect(bodies()).toEqual(['edited']);
		fake.fire(WORKSHOP_EVENTS.ideaGone, { at: 130, ideaId: 1 });
		expect(bodies()).toEqual([]);
		// A comment's update read before the idea was hidden, arriving after: it stays gone.
		fake.fire(WORKSHOP_EVENTS.idea, { at: 125, idea: idea(1, 'edited, with a comment') });
		expect(bodies()).toEqual([]);
		fake.fire(WORKSHOP_EVENTS.idea, { at: 140, idea: idea(2, 'a new one') });
		expect(bodies()).toEqual(['a new one']);
	});

	it('does not let a fetched board replace a newer one sent meanwhile; keeps newer news on top', async () => {
		const fake = fakeSocket();
		const live = new WorkshopBoard(fake.socket, boardAt(100, [idea(1, 'one')]), null);
		live.start();
		fake.connect();
		const fetching = live.refetch();
		fake.fire(WORKSHOP_EVENTS.changed, { board: boardAt(200, [idea(1, 'one'), idea(2, 'two')]) });
		fake.fire(WORKSHOP_EVENTS.idea, { at: 210, idea: idea(3, 'three') });
		fake.answer({ ok: true, board: boardAt(150, [idea(1, 'one')]) });
		await fetching;
		expect(live.board.at).toBe(200);
		expect(live.board.ideas.map((i) => i.body)).toEqual(['one', 'two', 'three']);

		const again = live.refetch();
		fake.fire(WORKSHOP_EVENTS.idea, { at: 260, idea: idea(4, 'four') });
		fake.fire(WORKSHOP_EVENTS.idea, { at: 240, idea: idea(2, 'two, older than the reply') });
		fake.answer({
			ok: true,
			board: boardAt(250, [idea(1, 'one'), idea(2, 'two, edited'), idea(3, 'three')])
		});
		await again;
		expect(live.board.at).toBe(250);
		expect(live.board.ideas.map((i) => i.body)).toEqual(['one', 'two, edited', 'three', 'four']);
	});

	it('sends a double-tapped request once: an idea is not added twice', async () => {
		const fake = fakeSocket();
		const live = new WorkshopBoard(fake.socket, boardAt(100, []), null);
		live.start();
		fake.connect();
		const first = live.act(WORKSHOP_REQUESTS.addIdea, { body: 'Free wifi' });
		const second = live.act(WORKSHOP_REQUESTS.addIdea, { body: 'Free wifi' });
		expect(fake.requests).toEqual([WORKSHOP_REQUESTS.addIdea]);
		expect(await second).toBeNull();
		fake.answer({ ok: true });
		expect(await first).toBeNull();
		// Once answered, the same words can be sent again on purpose.
		void live.act(WORKSHOP_REQUESTS.addIdea, { body: 'Free wifi' });
		expect(fake.requests).toHaveLength(2);
	});
});
