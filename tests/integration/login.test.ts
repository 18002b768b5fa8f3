/** Signing in with a username and password, behind brute-force limits kept in the database. */
import { like } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { openDatabase } from '../../src/lib/server/db/client';
import { rateLimits } from '../../src/lib/server/db/schema';
import { checkCredentials, LOGIN_LIMITS, pausedMessage } from '../../src/lib/server/accounts/login';
import { formatDateTime } from '../../src/lib/format';
import {
	createAccount,
	OPERATOR,
	setSuspension,
	suspensionEnd
} from '../../src/lib/server/accounts/manage';

const PASSWORD = 'plum-tractor-velvet';
const LIMIT = LOGIN_LIMITS.consecutivePerUsernameAndIp.points;

let db: Database;

beforeAll(async () => {
	db = await database();
});

/** Every test gets its own person and its own address, so their counters never meet. */
let next = 0;
async function member() {
	next += 1;
	const username = `signin_${next}_${Math.random().toString(36).slice(2, 7)}`;
	const user = await createAccount(db, OPERATOR, {
		username,
		password: PASSWORD,
		roles: ['young_person']
	});
	return { ...user, ip: `198.51.100.${next}` };
}

async function failTimes(times: number, username: string, ip: string) {
	for (let i = 1; i <= times; i++) {
		const result = await checkCredentials(db, { username, password: `wrong-guess-${i}`, ip });
		expect(result, `failure ${i}`).toEqual({ ok: false, reason: 'invalid' });
	}
}

describe('signing in', () => {
	it('signs in with the right password', async () => {
		const sam = await member();
		const result = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(result).toEqual({
			ok: true,
			user: {
				id: sam.id,
				username: sam.username,
				roles: ['young_person'],
				staff: false,
				sessionVersion: 0,
				mutedUntil: null
			}
		});
	});

	it('signs in whatever case the username is typed in, and ignores stray spaces', async () => {
		const sam = await member();
		const result = await checkCredentials(db, {
			username: `  ${sam.username.toUpperCase()} `,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(result).toMatchObject({ ok: true, user: { id: sam.id } });
	});

	it('gives the same answer for a wrong password as for a username that does not exist', async () => {
		const sam = await member();
		const wrongPassword = await checkCredentials(db, {
			username: sam.username,
			password: 'not-the-password',
			ip: sam.ip
		});
		const unknownUser = await checkCredentials(db, {
			username: 'nobody_by_this_name',
			password: PASSWORD,
			ip: sam.ip
		});
		expect(wrongPassword).toEqual({ ok: false, reason: 'invalid' });
		expect(unknownUser).toEqual(wrongPassword);
	});

	it('does not accept the password with different letter case', async () => {
		const sam = await member();
		const result = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD.toUpperCase(),
			ip: sam.ip
		});
		expect(result).toEqual({ ok: false, reason: 'invalid' });
	});

	it('tells a suspended person their account is paused when the password is right', async () => {
		const sam = await member();
		const until = new Date(Date.now() + 86_400_000);
		await setSuspension(db, OPERATOR, sam.id, { until, reason: 'Unkind messages in chat' });
		const right = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(right).toEqual({ ok: false, reason: 'suspended', until });
		// Until when, never the reason staff recorded.
		expect(pausedMessage(until)).toBe(
			`Your account is paused until ${formatDateTime(until)}. If you think this is a mistake, talk to a youth worker you know. If you need help now, Get help lists who to call.`
		);
		expect(pausedMessage(suspensionEnd('indefinitely'))).toMatch(
			/^Your account is paused until a youth worker lifts the pause\./
		);
		// A wrong password reveals nothing about the suspension.
		const wrong = await checkCredentials(db, {
			username: sam.username,
			password: 'not-the-password',
			ip: sam.ip
		});
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
	});

	it('lets a person sign in again once their suspension is lifted', async () => {
		const sam = await member();
		await setSuspension(db, OPERATOR, sam.id, { until: new Date(Date.now() + 86_400_000) });
		await setSuspension(db, OPERATOR, sam.id, { until: null });
		const result = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(result).toMatchObject({ ok: true, user: { id: sam.id } });
	});
});

describe('repeated wrong passwords', () => {
	it(`refuses the attempt after ${LIMIT} consecutive failures, even with the right password`, async () => {
		const sam = await member();
		await failTimes(LIMIT, sam.username, sam.ip);

		const result = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
		const { retryAfterSeconds } = result as { retryAfterSeconds: number };
		expect(retryAfterSeconds).toBeGreaterThan(0);
		expect(retryAfterSeconds).toBeLessThanOrEqual(
			LOGIN_LIMITS.consecutivePerUsernameAndIp.blockDuration
		);
	});

	it('still lets the same person sign in from another address', async () => {
		const sam = await member();
		await failTimes(LIMIT, sam.username, sam.ip);
		const elsewhere = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: '203.0.113.50'
		});
		expect(elsewhere).toMatchObject({ ok: true, user: { id: sam.id } });
		// ...and signing in elsewhere does not lift the block at the first address.
		const here = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(here).toMatchObject({ ok: false, reason: 'rate_limited' });
	});

	it('counts the username whatever case it is typed in', async () => {
		const sam = await member();
		await failTimes(LIMIT, sam.username.toUpperCase(), sam.ip);
		const result = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
	});

	it('starts counting again after a successful sign-in', async () => {
		const sam = await member();
		await failTimes(LIMIT - 1, sam.username, sam.ip);
		const success = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(success).toMatchObject({ ok: true });

		await failTimes(LIMIT - 1, sam.username, sam.ip);
		const again = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(again).toMatchObject({ ok: true, user: { id: sam.id } });
	});

	it(`refuses every sign-in from an address after ${LOGIN_LIMITS.perIpPerDay.points} failures in a day, whoever it is for`, async () => {
		const sam = await member();
		const ip = '192.0.2.99';
		for (let i = 1; i <= LOGIN_LIMITS.perIpPerDay.points; i++) {
			// A different name each time, so the per-person limit never comes into it.
			const result = await checkCredentials(db, { username: `guess_${i}`, password: PASSWORD, ip });
			expect(result, `failure ${i}`).toEqual({ ok: false, reason: 'invalid' });
		}
		const result = await checkCredentials(db, { username: sam.username, password: PASSWORD, ip });
		expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
		const { retryAfterSeconds } = result as { retryAfterSeconds: number };
		expect(retryAfterSeconds).toBeGreaterThan(
			LOGIN_LIMITS.consecutivePerUsernameAndIp.blockDuration
		);
		expect(retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.perIpPerDay.blockDuration);
	});

	it('keeps its counters in the rate_limits table', async () => {
		const sam = await member();
		await failTimes(3, sam.username, sam.ip);
		const rows = await db
			.select()
			.from(rateLimits)
			.where(like(rateLimits.key, `%${sam.username}%`));
		expect(rows).toHaveLength(1);
		expect(rows[0].key).toContain(sam.ip);
		expect(rows[0].points).toBe(3);
		expect(rows[0].expire!.getTime()).toBeGreaterThan(Date.now());
	});

	it('holds the block for a newly started instance of the server', async () => {
		const sam = await member();
		await failTimes(LIMIT, sam.username, sam.ip);

		// A fresh copy of the module has no limiters in memory: only the database can know.
		vi.resetModules();
		const fresh = await import('../../src/lib/server/accounts/login');
		expect(fresh.checkCredentials).not.toBe(checkCredentials);
		const result = await fresh.checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: sam.ip
		});
		expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
	});

	it.runIf(process.env.TEST_DATABASE_URL)(
		'holds the block for another instance with its own connections to the database',
		async () => {
			const sam = await member();
			await failTimes(LIMIT, sam.username, sam.ip);

			const other = await openDatabase({ url: process.env.DATABASE_URL! });
			try {
				const result = await checkCredentials(other.db, {
					username: sam.username,
					password: PASSWORD,
					ip: sam.ip
				});
				expect(result).toMatchObject({ ok: false, reason: 'rate_limited' });
				const elsewhere = await checkCredentials(other.db, {
					username: sam.username,
					password: PASSWORD,
					ip: '203.0.113.51'
				});
				expect(elsewhere).toMatchObject({ ok: true });
			} finally {
				await other.close();
			}
		}
	);
});
