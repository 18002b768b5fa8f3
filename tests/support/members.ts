/**
 * Rate limits treat accounts younger than a week as new members (3 conversations and 10 replies
 * a day, one post per 30 seconds). Tests about something else make members who joined a while
 * ago, so posting in quick succession is allowed, as it is for an established member.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';

/** The password of every account `accountMaker` makes. */
export const PASSWORD = 'plum-tractor-velvet';

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

export type MakeAccount = (roles?: CurrentUser['roles']) => Promise<CurrentUser>;

/**
 * Makes established members (joined a month ago), named `${prefix}_1`, `${prefix}_2`, … with
 * `PASSWORD`: young people unless given other roles. New members' limits are tested on their own.
 */
export function accountMaker(db: Database, prefix: string): MakeAccount {
	let made = 0;
	return (roles = ['young_person']) => {
		made += 1;
		return createAccount(db, OPERATOR, {
			username: `${prefix}_${made}`,
			password: PASSWORD,
			roles
		}).then((user) => joinedDaysAgo(db, user));
	};
}
