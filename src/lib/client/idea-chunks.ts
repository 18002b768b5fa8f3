/**
 * A board's cards in runs ("chunks") of about two dozen, so that a phone's browser can skip a
 * whole run while it is off screen (`content-visibility: auto` on the run) and, when an idea
 * arrives, lay out only its run rather than every card on the board. Every card stays in the page,
 * so find-in-page and screen readers still reach every idea.
 *
 * An idea keeps its run while others arrive or go (runs are not re-cut by position), so its card,
 * and anything typed into it, is kept. Only when the order itself changes (ideas ranked by votes)
 * do ideas move to other runs.
 */
export const CHUNK_SIZE = 24;
/** Runs of each group drawn as the page loads (more than a screenful); the rest follow. */
export const FIRST_RUNS = 2;

export interface Chunk<T> {
	key: number;
	items: T[];
}

class Chunker {
	#chunkOf = new Map<number, number>();
	#next = 0;

	/** `items` in their order, cut into runs; each item in the run it was in before if it can be. */
	place<T extends { id: number }>(items: readonly T[]): Chunk<T>[] {
		const chunks: Chunk<T>[] = [];
		const started = new Set<number>();
		let current: Chunk<T> | undefined;
		for (const item of items) {
			const before = this.#chunkOf.get(item.id);
			if (before !== undefined && before === current?.key) {
				current.items.push(item);
				continue;
			}
			if (before !== undefined && !started.has(before)) {
				current = { key: before, items: [item] };
				started.add(before);
				chunks.push(current);
				continue;
			}
			if (!current || current.items.length >= CHUNK_SIZE) {
				current = { key: this.#next++, items: [] };
				started.add(current.key);
				chunks.push(current);
			}
			current.items.push(item);
			this.#chunkOf.set(item.id, current.key);
		}
		return chunks;
	}
}

/** Runs for each group of a board (a theme, a column), kept from one update to the next. */
export class BoardChunks {
	#groups = new Map<string, Chunker>();

	place<T extends { id: number }>(group: string, items: readonly T[]): Chunk<T>[] {
		let chunker = this.#groups.get(group);
		if (!chunker) this.#groups.set(group, (chunker = new Chunker()));
		return chunker.place(items);
	}
}
