/**
 * What every signed-in request reads about its person, in one query: the user (while the session
 * stands), whether a youth worker's warning waits to be read, and how many notifications are unread.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { memberSanctions, notifications, users } from '../../src/lib/server/db/schema';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { loadSession } from '../../src/lib/server/accounts/current-user';

let db: Database;
beforeAll(async () => {
	db = await database();
});

let next = 0;
async function member() {
	next += 1;
	return createAccount(db, OPERATOR, {
		username: `session_${next}`,
		password: 'plum-tractor-velvet',
		roles: ['young_person']
	});
}

describe('a signed-in request', () => {
	it('knows the person, with nothing waiting for them', async () => {
		const sam = await member();
		const session = await loadSession(db, { userId: sam.id, sessionVersion: 0 });
		expect(session).toMatchObject({
			user: { id: sam.id, username: sam.username },
			pendingWarning: false,
			unreadNotifications: 0
		});
	});

	it('counts only their own unread notifications', async () => {
		const sam = await member();
		const other = await member();
		await db.insert(notifications).values([
			{ userId: sam.id, kind: 'forum_reply', title: 'one' },
			{ userId: sam.id, kind: 'forum_reply', title: 'two', readAt: new Date() },
			{ userId: sam.id, kind: 'forum_reply', title: 'three' },
			{ userId: other.id, kind: 'forum_reply', title: 'not theirs' }
		]);
		const session = await loadSession(db, { userId: sam.id, sessionVersion: 0 });
		expect(session?.unreadNotifications).toBe(2);
	});

	it('says a warning waits until it is acknowledged, and only theirs', async () => {
		const sam = await member();
		const other = await member();
		const [warning] = await db
			.insert(memberSanctions)
			.values({ userId: sam.id, kind: 'warning', message: 'Please be kind.' })
			.returning();
		await db
			.insert(memberSanctions)
			.values({ userId: other.id, kind: 'mute', message: 'A break.', endsAt: new Date() });
		expect((await loadSession(db, { userId: sam.id, sessionVersion: 0 }))?.pendingWarning).toBe(
			true
		);
		expect((await loadSession(db, { userId: other.id, sessionVersion: 0 }))?.pendingWarning).toBe(
			false
		);
		await db
			.update(memberSanctions)
			.set({ acknowledgedAt: new Date() })
			.where(eq(memberSanctions.id, warning.id));
		expect((await loadSession(db, { userId: sam.id, sessionVersion: 0 }))?.pendingWarning).toBe(
			false
		);
	});

	it('is nobody once the session has ended or the account is suspended', async () => {
		const sam = await member();
		expect(await loadSession(db, { userId: sam.id, sessionVersion: 1 })).toBeNull();
		await db
			.update(users)
			.set({ suspendedUntil: new Date(Date.now() + 86_400_000) })
			.where(eq(users.id, sam.id));
		expect(await loadSession(db, { userId: sam.id, sessionVersion: 0 })).toBeNull();
		expect(await loadSession(db, { userId: 999_999, sessionVersion: 0 })).toBeNull();
		expect(await loadSession(db, null)).toBeNull();
	});
});
