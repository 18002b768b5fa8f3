/**
 * Checking a username and password, behind brute-force limits kept in the database (so they
 * hold across instances): consecutive failures per username+IP, and failures per IP per day.
 * The answer never reveals whether the username exists.
 */
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import { sql } from 'drizzle-orm';
import type { Database } from '../db';
import { rateLimits, users } from '../db/schema';
import { isSuspended, type CurrentUser, toCurrentUser } from './current-user';
import { timingSafeDummyHash, verifyPassword } from './passwords';
import { formatDateTime } from '../../format';
import { isIndefiniteSuspension } from './manage';

export const LOGIN_LIMITS = {
	consecutivePerUsernameAndIp: { points: 10, duration: 60 * 60 * 3, blockDuration: 60 * 15 },
	perIpPerDay: { points: 100, duration: 60 * 60 * 24, blockDuration: 60 * 60 * 24 }
};

export type LoginResult =
	| { ok: true; user: CurrentUser }
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'suspended'; until: Date }
	| { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

const limiters = new WeakMap<
	Database,
	{ byUserIp: RateLimiterDrizzle; byIp: RateLimiterDrizzle }
>();

function limitersFor(db: Database) {
	let l = limiters.get(db);
	if (!l) {
		const common = { storeClient: db, schema: rateLimits, clearExpiredByTimeout: false };
		l = {
			byUserIp: new RateLimiterDrizzle({
				...common,
				keyPrefix: 'login_user_ip',
				...LOGIN_LIMITS.consecutivePerUsernameAndIp
			}),
			byIp: new RateLimiterDrizzle({
				...common,
				keyPrefix: 'login_ip_day',
				...LOGIN_LIMITS.perIpPerDay
			})
		};
		limiters.set(db, l);
	}
	return l;
}

export async function checkCredentials(
	db: Database,
	input: { username: string; password: string; ip: string }
): Promise<LoginResult> {
	const { byUserIp, byIp } = limitersFor(db);
	const userIpKey = `${input.username.trim().toLowerCase()}_${input.ip}`;
	const [userIp, ip] = await Promise.all([byUserIp.get(userIpKey), byIp.get(input.ip)]);
	const blockedFor = Math.max(
		remainingBlock(userIp, LOGIN_LIMITS.consecutivePerUsernameAndIp.points),
		remainingBlock(ip, LOGIN_LIMITS.perIpPerDay.points)
	);
	if (blockedFor > 0) return { ok: false, reason: 'rate_limited', retryAfterSeconds: blockedFor };

	const [user] = await db
		.select()
		.from(users)
		.where(sql`lower(${users.username}) = ${input.username.trim().toLowerCase()}`);
	const passwordMatches = await verifyPassword(
		user?.passwordHash ?? (await timingSafeDummyHash()),
		input.password
	);

	if (!user || !passwordMatches) {
		const results = await Promise.allSettled([
			countFailure(byUserIp, userIpKey, LOGIN_LIMITS.consecutivePerUsernameAndIp),
			countFailure(byIp, input.ip, LOGIN_LIMITS.perIpPerDay)
		]);
		const blocked = results
			.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
			.map((r) =>
				r.reason instanceof RateLimiterRes ? Math.ceil(r.reason.msBeforeNext / 1000) : 0
			);
		if (blocked.length && Math.max(...blocked) > 0) {
			return { ok: false, reason: 'rate_limited', retryAfterSeconds: Math.max(...blocked) };
		}
		return { ok: false, reason: 'invalid' };
	}
	await byUserIp.delete(userIpKey);
	// The right password: they may know until when.
	if (isSuspended(user)) return { ok: false, reason: 'suspended', until: user.suspendedUntil! };
	return { ok: true, user: toCurrentUser(user) };
}

/**
 * Counts one failure. The failure that reaches the limit starts the block itself, so the very
 * next attempt is refused even with the right password (the limiter on its own would only
 * block on the attempt after that, and only if it failed too).
 */
async function countFailure(
	limiter: RateLimiterDrizzle,
	key: string,
	limit: { points: number; blockDuration: number }
) {
	const res = await limiter.consume(key);
	if (res.consumedPoints >= limit.points) await limiter.block(key, limit.blockDuration);
}

function remainingBlock(res: RateLimiterRes | null, points: number): number {
	if (!res || res.consumedPoints <= points) return 0;
	return Math.ceil(res.msBeforeNext / 1000);
}

/** "Try again in 15 minutes" */
/**
 * What a suspended person is told once their password is right: until when. Not the reason a
 * moderator recorded (that is staff-only; a warning the member must read is sent separately).
 */
export function pausedMessage(until: Date | null): string {
	const when =
		until === null
			? ' at the moment'
			: isIndefiniteSuspension(until)
				? ' until a youth worker lifts the pause'
				: ` until ${formatDateTime(until)}`;
	return `Your account is paused${when}. If you think this is a mistake, talk to a youth worker you know. If you need help now, Get help lists who to call.`;
}

export function waitMessage(seconds: number): string {
	const minutes = Math.ceil(seconds / 60);
	const when =
		minutes >= 120
			? `${Math.ceil(minutes / 60)} hours`
			: minutes <= 1
				? 'a minute'
				: `${minutes} minutes`;
	return `Too many sign-in attempts. For your safety, please wait ${when} and try again.`;
}
