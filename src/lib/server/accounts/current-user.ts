/**
 * The signed-in person as every request and socket sees them: re-read from the database each
 * time, so a suspension, role change or "sign out everywhere" acts at once.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { memberSanctions, notifications, users, type Role, type User } from '../db/schema';
import { isStaff } from '../policy';
import { log } from '../log';

export interface CurrentUser {
	id: number;
	username: string;
	roles: Role[];
	staff: boolean;
	sessionVersion: number;
	/** Muted until then (read-only), or null. */
	mutedUntil: Date | null;
}

/** A session token names a user and the session version it was issued under. */
export interface SessionClaims {
	userId: number;
	sessionVersion: number;
}

/** Said to a connection whose session no longer stands (it is then ended). */
export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

export function isSuspended(user: Pick<User, 'suspendedUntil'>, now = new Date()): boolean {
	return user.suspendedUntil !== null && user.suspendedUntil > now;
}

/** The person alone (sockets re-read them on every event): one prepared query on one row. */
const personQuery = preparedQuery((db: Database) =>
	db
		.select()
		.from(users)
		.where(eq(users.id, sql.placeholder('userId')))
		.prepare('current_user')
);

export async function loadCurrentUser(
	db: Database,
	claims: SessionClaims | null
): Promise<CurrentUser | null> {
	if (!claims || !Number.isInteger(claims.userId)) return null;
	const [user] = await personQuery(db).execute({ userId: claims.userId });
	if (!sessionStands(db, user, claims)) return null;
	return toCurrentUser(user);
}

/**
 * The person from a users row read with something else (one statement for a socket event that
 * needs more than the person), or null when their session no longer stands.
 */
export function currentUserFromRow(
	db: Database,
	user: User | null | undefined,
	claims: SessionClaims
): CurrentUser | null {
	return sessionStands(db, user ?? undefined, claims) ? toCurrentUser(user!) : null;
}

/** The account exists, the session is of its current version, and it is not suspended. */
function sessionStands(db: Database, user: User | undefined, claims: SessionClaims): user is User {
	if (!user || user.sessionVersion !== claims.sessionVersion || isSuspended(user)) return false;
	noteLastSeen(db, user);
	return true;
}

/**
 * What every signed-in request needs to know, in one query: who this is (if the session still
 * stands), whether a youth worker's warning waits to be read, and how many notifications are unread.
 */
export interface RequestSession {
	user: CurrentUser;
	pendingWarning: boolean;
	unreadNotifications: number;
}

/** Every request runs it, so it is built once per database and sent as a prepared statement. */
const sessionQuery = preparedQuery((db: Database) => {
	const userId = sql.placeholder('userId');
	return db
		.select({
			user: users,
			pendingWarning: sql<boolean>`exists (
				select 1 from ${memberSanctions} w
				where w.user_id = ${userId} and w.kind = 'warning' and w.acknowledged_at is null
			)`,
			unreadNotifications: sql<number>`(
				select count(*)::int from ${notifications} n
				where n.user_id = ${userId} and n.read_at is null
			)`
		})
		.from(users)
		.where(eq(users.id, userId))
		.prepare('request_session');
});

export async function loadSession(
	db: Database,
	claims: SessionClaims | null
): Promise<RequestSession | null> {
	if (!claims || !Number.isInteger(claims.userId)) return null;
	const [row] = await sessionQuery(db).execute({ userId: claims.userId });
	if (!row) return null;
	const { user } = row;
	if (!sessionStands(db, user, claims)) return null;
	return {
		user: toCurrentUser(user),
		pendingWarning: Boolean(row.pendingWarning),
		unreadNotifications: Number(row.unreadNotifications)
	};
}

/** Of these sessions, the user ids whose session is no longer valid (one query for many sockets). */
/**
 * Of these open connections' people, whose connection must end: the account is gone, its
 * sessions were ended, it is suspended, or (when `roles` is given) its roles changed since the
 * connection began, so it reconnects with what its roles now allow.
 */
/** The same roles, in any order. */
export function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
	return a.length === b.length && a.every((r) => b.includes(r));
}

export async function endedSessions(
	db: Database,
	sessions: (SessionClaims & { roles?: readonly Role[] })[]
): Promise<Set<number>> {
	if (sessions.length === 0) return new Set();
	const ids = [...new Set(sessions.map((s) => s.userId))];
	const rows = await db
		.select({
			id: users.id,
			sessionVersion: users.sessionVersion,
			suspendedUntil: users.suspendedUntil,
			roles: users.roles
		})
		.from(users)
		.where(inArray(users.id, ids));
	const byId = new Map(rows.map((r) => [r.id, r]));
	return new Set(
		sessions
			.filter((s) => {
				const user = byId.get(s.userId);
				return (
					!user ||
					user.sessionVersion !== s.sessionVersion ||
					isSuspended(user) ||
					(s.roles !== undefined && !sameRoles(s.roles, user.roles))
				);
			})
			.map((s) => s.userId)
	);
}

const LAST_SEEN_RESOLUTION_MS = 5 * 60_000;

/** Records activity at most every few minutes, without making the request wait for it. */
function noteLastSeen(db: Database, user: User, now = new Date()) {
	if (user.lastSeenAt && now.getTime() - user.lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS)
		return;
	db.update(users)
		.set({ lastSeenAt: now })
		.where(eq(users.id, user.id))
		.then(
			() => {},
			(error) => log.warn({ err: error, userId: user.id }, 'could not record last seen')
		);
}

export function toCurrentUser(user: User): CurrentUser {
	return {
		id: user.id,
		username: user.username,
		roles: user.roles,
		staff: isStaff({ id: user.id, roles: user.roles }),
		sessionVersion: user.sessionVersion,
		mutedUntil: user.mutedUntil
	};
}
