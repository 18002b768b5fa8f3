/**
 * The signed-in person as every request and socket sees them: re-read from the database each
 * time, so a suspension, role change or "sign out everywhere" acts at once.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db';
import { users, type Role, type User } from '../db/schema';
import { isStaff } from '../policy';

export interface CurrentUser {
	id: number;
	username: string;
	roles: Role[];
	staff: boolean;
	sessionVersion: number;
}

/** A session token names a user and the session version it was issued under. */
export interface SessionClaims {
	userId: number;
	sessionVersion: number;
}

export function isSuspended(user: Pick<User, 'suspendedUntil'>, now = new Date()): boolean {
	return user.suspendedUntil !== null && user.suspendedUntil > now;
}

export async function loadCurrentUser(db: Database, claims: SessionClaims | null): Promise<CurrentUser | null> {
	if (!claims || !Number.isInteger(claims.userId)) return null;
	const [user] = await db.select().from(users).where(eq(users.id, claims.userId));
	if (!user || user.sessionVersion !== claims.sessionVersion || isSuspended(user)) return null;
	return toCurrentUser(user);
}

/** Of these sessions, the user ids whose session is no longer valid (one query for many sockets). */
export async function endedSessions(db: Database, sessions: SessionClaims[]): Promise<Set<number>> {
	if (sessions.length === 0) return new Set();
	const ids = [...new Set(sessions.map((s) => s.userId))];
	const rows = await db
		.select({ id: users.id, sessionVersion: users.sessionVersion, suspendedUntil: users.suspendedUntil })
		.from(users)
		.where(inArray(users.id, ids));
	const byId = new Map(rows.map((r) => [r.id, r]));
	return new Set(
		sessions
			.filter((s) => {
				const user = byId.get(s.userId);
				return !user || user.sessionVersion !== s.sessionVersion || isSuspended(user);
			})
			.map((s) => s.userId)
	);
}

export function toCurrentUser(user: User): CurrentUser {
	return {
		id: user.id,
		username: user.username,
		roles: user.roles,
		staff: isStaff({ id: user.id, roles: user.roles }),
		sessionVersion: user.sessionVersion
	};
}
