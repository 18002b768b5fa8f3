/**
 * Races on a real database (PostgreSQL, not PGlite: it needs a second connection). A test holds a
 * forum post's (or thread's) row lock in a transaction of its own, starts the write under test
 * (which reads the row, then waits for the lock when it comes to write), and acts as a youth
 * worker would in that same transaction before letting go:
 *
 *     await holdingRowLock(db, 'post', postId, async (tx) => {
 *       editing = editOwnPost(db, author, { ... });
 *       await untilWaitingForALock(db);
 *       await hidePost(tx, worker, { ... });
 *     });
 */
import { eq, sql } from 'drizzle-orm';
import { vi } from 'vitest';
import type { Database } from '../../src/lib/server/db';
import { forumPosts, forumThreads } from '../../src/lib/server/db/schema';

const TABLES = { post: forumPosts, thread: forumThreads } as const;

export async function holdingRowLock<T>(
	db: Database,
	row: keyof typeof TABLES,
	id: number,
	during: (tx: Database) => Promise<T>
): Promise<T> {
	const table = TABLES[row];
	return db.transaction(async (tx) => {
		const [locked] = await tx
			.select({ id: table.id })
			.from(table)
			.where(eq(table.id, id))
			.for('update');
		if (!locked) throw new Error(`no ${row} ${id} to lock`);
		return during(tx as unknown as Database);
	});
}

/** Resolves once `n` other connections to this database wait for a lock (a row's, here). */
export async function untilWaitingForALock(db: Database, n = 1): Promise<void> {
	await vi.waitFor(
		async () => {
			const [row] = (await db.execute(sql`
				select count(*)::int as n from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock'`)) as unknown as {
				n: number;
			}[];
			if (row.n < n) throw new Error(`${row.n} of ${n} waiting for a lock`);
		},
		{ timeout: 5_000, interval: 20 }
	);
}
