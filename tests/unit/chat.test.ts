/**
 * The rules of chat that need no database: when a room is open and what members are told,
 * how fast members may send, and how a browser keeps one copy of each message.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roomAvailability, openingEndsAt } from '../../src/lib/server/chat/availability';
import { chatPaceRefusal } from '../../src/lib/server/chat/pace';
import { markRemoved, mergeMessages, type ChatMessageView } from '../../src/lib/chat';
import type { OpeningPeriod } from '../../src/lib/signposting/opening-hours';

// Tuesday 24 November 2026: London is on GMT, so London time = UTC.
const tuesdayAt = (time: string) => new Date(`2026-11-24T${time}:00Z`);
const tuesdayEvening: OpeningPeriod[] = [{ day: 2, opens: '18:00', closes: '21:00' }];

function room(overrides: Partial<Parameters<typeof roomAvailability>[0]> = {}) {
	return { openHours: [], openUntil: null, locked: false, archivedAt: null, ...overrides };
}

describe('when a room is open', () => {
	it('is closed until a youth worker opens it, even within its hours', () => {
		const state = roomAvailability(room({ openHours: tuesdayEvening }), tuesdayAt('19:00'));
		expect(state).toMatchObject({ open: false, writable: false, withinHours: true });
		expect(state.statusLabel).toBe(
			'Closed until a youth worker opens it, during its hours until 21:00.'
		);
	});

	it('is open once opened, until the end of its hours', () => {
		const now = tuesdayAt('19:00');
		const until = openingEndsAt(room({ openHours: tuesdayEvening }), now);
		expect(until).toEqual(tuesdayAt('21:00'));
		const state = roomAvailability(room({ openHours: tuesdayEvening, openUntil: until }), now);
		expect(state).toMatchObject({ open: true, writable: true });
		expect(state.statusLabel).toBe('Open now until 21:00');
	});

	it('closes by itself when its hours end, and says when it next opens', () => {
		const state = roomAvailability(
			room({ openHours: tuesdayEvening, openUntil: tuesdayAt('21:00') }),
			tuesdayAt('21:00')
		);
		expect(state.open).toBe(false);
		expect(state.statusLabel).toBe(
			'Closed. Opens at 18:00 on Tuesday, when a youth worker is here.'
		);
	});

	it('cannot be opened outside its hours', () => {
		expect(openingEndsAt(room({ openHours: tuesdayEvening }), tuesdayAt('10:00'))).toBeNull();
	});

	it('a room without hours stays open for at most 12 hours after opening', () => {
		const now = tuesdayAt('10:00');
		expect(openingEndsAt(room(), now)).toEqual(tuesdayAt('22:00'));
	});

	it('a locked room is open but nobody may write', () => {
		const state = roomAvailability(
			room({ openUntil: tuesdayAt('22:00'), locked: true }),
			tuesdayAt('10:00')
		);
		expect(state).toMatchObject({ open: true, writable: false });
		expect(state.statusLabel).toMatch(/Paused by a youth worker/);
	});

	it('an archived room is never open', () => {
		const state = roomAvailability(
			room({ openUntil: tuesdayAt('22:00'), archivedAt: tuesdayAt('09:00') }),
			tuesdayAt('10:00')
		);
		expect(state.open).toBe(false);
	});
});

describe('how fast members may send', () => {
	const now = new Date('2026-11-24T12:00:00Z');
	const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

	it('lets an established member send freely within 10 messages per 30 seconds', () => {
		const sentAt = Array.from({ length: 9 }, (_, i) => ago(i + 1));
		expect(
			chatPaceRefusal({ sentAt, lastInRoom: null, newMember: false }, { slowModeSeconds: 0, now })
		).toBeNull();
	});

	it('refuses the 11th in 30 seconds, saying when the oldest of them leaves the window', () => {
		const sentAt = Array.from({ length: 10 }, (_, i) => ago(i + 1)); // newest first: 1 s … 10 s ago
		const refusal = chatPaceRefusal(
			{ sentAt, lastInRoom: null, newMember: false },
			{ slowModeSeconds: 0, now }
		);
		expect(refusal?.retryAt).toEqual(new Date(ago(10).getTime() + 30_000));
		expect(refusal?.message).toMatch(/a lot of messages.*in 20 seconds/);
	});

	it('spaces a new member’s messages 5 seconds apart', () => {
		const refusal = chatPaceRefusal(
			{ sentAt: [ago(2)], lastInRoom: ago(2), newMember: true },
			{ slowModeSeconds: 0, now }
		);
		expect(refusal?.message).toMatch(/new here.*in 3 seconds/);
		expect(
			chatPaceRefusal(
				{ sentAt: [ago(5)], lastInRoom: ago(5), newMember: true },
				{ slowModeSeconds: 0, now }
			)
		).toBeNull();
	});

	it('slow mode counts messages in this room only, and the longest wait speaks', () => {
		expect(
			chatPaceRefusal(
				{ sentAt: [ago(3)], lastInRoom: null, newMember: false },
				{ slowModeSeconds: 60, now }
			)
		).toBeNull();
		const refusal = chatPaceRefusal(
			{ sentAt: [ago(3)], lastInRoom: ago(3), newMember: true },
			{ slowModeSeconds: 60, now }
		);
		expect(refusal?.message).toMatch(/slow mode.*in 57 seconds/);
	});
});

describe('one copy of each message in the browser', () => {
	const message = (id: number, extra: Partial<ChatMessageView> = {}): ChatMessageView => ({
		id,
		roomId: 1,
		clientId: `c${id}`,
		body: `m${id}`,
		html: `<p>m${id}</p>`,
		author: { id: 1, name: 'amara', staff: false },
		createdAt: new Date(0).toISOString(),
		status: 'published',
		reactions: { love: 0, me_too: 0, helped: 0, proud: 0 },
		mine: [],
		...extra
	});

	it('keeps each id once, in id order, however messages arrive', () => {
		fc.assert(
			fc.property(fc.array(fc.array(fc.integer({ min: 1, max: 40 }))), (batches) => {
				let kept: ChatMessageView[] = [];
				for (const batch of batches)
					kept = mergeMessages(
						kept,
						batch.map((id) => message(id))
					);
				const ids = kept.map((m) => m.id);
				expect(ids).toEqual([...new Set(batches.flat())].sort((a, b) => a - b));
			})
		);
	});

	it('keeps my own reactions when the same message arrives again without them', () => {
		const kept = mergeMessages([message(1, { mine: ['love'] })], [message(1)]);
		expect(kept[0].mine).toEqual(['love']);
	});

	it('a removed message keeps its place but loses its words', () => {
		const [kept] = markRemoved([message(3)], [3]);
		expect(kept).toMatchObject({ id: 3, status: 'removed', body: '', html: '' });
	});
});
