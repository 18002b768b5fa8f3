/**
 * `npm run demo` fills a fresh database with sign-ins for every role and a few sample
 * conversations; it must work on the first start (within the forum's own posting limits) and
 * never duplicate anything when started again.
 */
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { database } from '../../src/lib/server/db';
import { forumPosts, forumThreads } from '../../src/lib/server/db/schema';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/lib/server/demo/seed';

const db = await database();

it('signs in every role and fills the forum with published sample conversations, once', async () => {
	const accounts = await seedDemo(db);
	expect(accounts.map((a) => a.label)).toEqual(DEMO_ACCOUNTS.map((a) => a.label));
	const threads = await db.select().from(forumThreads);
	expect(threads.length).toBeGreaterThanOrEqual(4);
	expect(threads.every((t) => t.status === 'published')).toBe(true);
	const held = await db.$count(forumPosts, eq(forumPosts.status, 'held'));
	expect(held).toBe(0);
	const posts = await db.$count(forumPosts);
	expect(posts).toBeGreaterThan(threads.length);

	await seedDemo(db);
	expect(await db.$count(forumThreads)).toBe(threads.length);
	expect(await db.$count(forumPosts)).toBe(posts);
});
