/** Times typed into the rota are UK times, whether or not the clocks have gone forward. */
import { describe, expect, it } from 'vitest';
import { parseLondonDateTime, timeAgo, toLondonInput } from '../../src/lib/format';

describe('reading a datetime-local value as London time', () => {
	it('reads winter times as GMT and summer times as BST', () => {
		expect(parseLondonDateTime('2025-01-15T12:00')?.toISOString()).toBe('2025-01-15T12:00:00.000Z');
		expect(parseLondonDateTime('2025-07-15T12:00')?.toISOString()).toBe('2025-07-15T11:00:00.000Z');
	});

	it('copes with the hour the clocks skip in spring and the hour they repeat in autumn', () => {
		// 30 March 2025: 01:00 GMT becomes 02:00 BST, so 01:30 never happens; read it as GMT.
		expect(parseLondonDateTime('2025-03-30T01:30')?.toISOString()).toBe('2025-03-30T01:30:00.000Z');
		expect(parseLondonDateTime('2025-03-30T02:30')?.toISOString()).toBe('2025-03-30T01:30:00.000Z');
		// 26 October 2025: 01:30 happens twice; the first (BST) is meant.
		expect(parseLondonDateTime('2025-10-26T01:30')?.toISOString()).toBe('2025-10-26T00:30:00.000Z');
		expect(parseLondonDateTime('2025-10-26T02:30')?.toISOString()).toBe('2025-10-26T02:30:00.000Z');
	});

	it('refuses what is not a date and time', () => {
		for (const value of ['', 'tomorrow', '2025-02-30T10:00', '2025-01-01T24:00', '2025-01-01'])
			expect(parseLondonDateTime(value), value).toBeNull();
	});

	it('writes an instant back as the London time a datetime-local box shows', () => {
		expect(toLondonInput(new Date('2025-07-15T11:00:00Z'))).toBe('2025-07-15T12:00');
		expect(toLondonInput(new Date('2025-01-15T11:00:00Z'))).toBe('2025-01-15T11:00');
	});
});

describe('how long ago', () => {
	const now = new Date('2025-05-01T12:00:00Z');
	const before = (ms: number) => new Date(now.getTime() - ms);
	it('says it in words staff read at a glance', () => {
		expect(timeAgo(before(20_000), now)).toBe('just now');
		expect(timeAgo(before(3 * 60_000 + 10_000), now)).toBe('3 min ago');
		expect(timeAgo(before(60 * 60_000), now)).toBe('1 hour ago');
		expect(timeAgo(before(5 * 60 * 60_000), now)).toBe('5 hours ago');
		expect(timeAgo(before(3 * 24 * 60 * 60_000), now)).toBe('3 days ago');
		expect(timeAgo(new Date(now.getTime() + 5000), now)).toBe('just now');
	});
});
