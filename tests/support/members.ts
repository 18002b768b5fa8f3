/**
 * Rate limits treat accounts younger than a week as new members (3 conversations and 10 replies
 * a day, one post per 30 seconds). Tests about something else make members who joined a while
 * ago, so posting in quick succession is allowed, as it is for an established member.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';

export async function joinedDaysAgo<T extends { id: number }>(
	db: Database,
	user: T,
	days = 30,
	now = new Date()
): Promise<T> {
	await db
		.update(users)
		.set({ createdAt: new Date(now.getTime() - days * 86_400_000) })
		.where(eq(users.id, user.id));
	return user;
}
