/**
 * The board shows its cards in runs that a phone skips while off screen. Every idea is shown, in
 * the board's order, and an idea stays in its run as others arrive or go, so the card someone is
 * typing a comment into is not made again.
 */
import { describe, expect, it } from 'vitest';
import { BoardChunks, CHUNK_SIZE } from '../../src/lib/client/idea-chunks';

const ideas = (...ids: number[]) => ids.map((id) => ({ id }));
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const shape = (chunks: { key: number; items: { id: number }[] }[]) =>
	chunks.map((c) => ({ key: c.key, ids: c.items.map((i) => i.id) }));

describe('the board in runs of cards', () => {
	it('shows every idea once, in order, in runs of at most the run size', () => {
		const chunks = new BoardChunks().place('ideas', ideas(...range(1, 60)));
		expect(chunks.flatMap((c) => c.items.map((i) => i.id))).toEqual(range(1, 60));
		expect(chunks.map((c) => c.items.length)).toEqual([
			CHUNK_SIZE,
			CHUNK_SIZE,
			59 - 2 * CHUNK_SIZE
		]);
	});

	it('adds arriving ideas to the last run, and starts a new run when it is full', () => {
		const board = new BoardChunks();
		const before = shape(board.place('ideas', ideas(...range(1, CHUNK_SIZE))));
		const after = shape(board.place('ideas', ideas(...range(1, CHUNK_SIZE + 2))));
		expect(after[0]).toEqual({ key: before[0].key, ids: range(1, CHUNK_SIZE + 1) });
		expect(after[1].ids).toEqual([CHUNK_SIZE + 1]);
	});

	it('keeps every other idea in its run when one goes', () => {
		const board = new BoardChunks();
		const before = shape(board.place('ideas', ideas(...range(1, 50))));
		const after = shape(board.place('ideas', ideas(...range(1, 50).filter((id) => id !== 3))));
		expect(after.map((c) => c.key)).toEqual(before.map((c) => c.key));
		expect(after[0].ids).toEqual(before[0].ids.filter((id) => id !== 3));
		expect(after.slice(1)).toEqual(before.slice(1));
	});

	it('puts an idea shown late (approved after being held) beside its neighbours', () => {
		const board = new BoardChunks();
		board.place('ideas', ideas(1, 2, 4, 5));
		const after = board.place('ideas', ideas(1, 2, 3, 4, 5));
		expect(shape(after)).toEqual([{ key: after[0].key, ids: [1, 2, 3, 4, 5] }]);
	});

	it('still shows everything in the new order when ideas are ranked by votes', () => {
		const board = new BoardChunks();
		board.place('ideas', ideas(...range(1, 50)));
		const ranked = range(1, 50).reverse();
		const chunks = board.place('ideas', ideas(...ranked));
		expect(chunks.flatMap((c) => c.items.map((i) => i.id))).toEqual(ranked);
		expect(new Set(chunks.map((c) => c.key)).size).toBe(chunks.length);
	});

	it('keeps each theme’s runs apart', () => {
		const board = new BoardChunks();
		const loose = board.place('loose', ideas(1, 2));
		const theme = board.place('theme-7', ideas(3, 4));
		expect(shape(loose)).toEqual([{ key: loose[0].key, ids: [1, 2] }]);
		expect(shape(theme)).toEqual([{ key: theme[0].key, ids: [3, 4] }]);
	});
});
