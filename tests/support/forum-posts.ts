/** Forum posts written straight to the database, for tests of reading and searching. */
import type { Database } from '../../src/lib/server/db';
import { forumPosts } from '../../src/lib/server/db/schema';

/**
 * `count` published replies in one thread, a minute apart and ending two days ago, written straight
 * to the database: what a busy forum holds, for tests of reading and searching (not of posting).
 */
export async function publishedReplies(
	db: Database,
	{
		threadId,
		authorId,
		count,
		body
	}: { threadId: number; authorId: number; count: number; body: (i: number) => string }
): Promise<number[]> {
	const start = Date.now() - 2 * 86_400_000 - count * 60_000;
	const rows = await db
		.insert(forumPosts)
		.values(
			Array.from({ length: count }, (_, i) => {
				const at = new Date(start + i * 60_000);
				const words = body(i);
				return {
					threadId,
					authorId,
					body: words,
					html: `<p>${words}</p>`,
					status: 'published' as const,
					createdAt: at,
					publishedAt: at
				};
			})
		)
		.returning({ id: forumPosts.id });
	return rows.map((r) => r.id);
}
