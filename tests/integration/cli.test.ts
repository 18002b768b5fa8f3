/** The operator CLI (scripts/user.ts): how the first admin is made and accounts are managed from a terminal. */
import { desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { explain, main } from '../../scripts/user';
import { database, type Database } from '../../src/lib/server/db';
import { auditLog, users } from '../../src/lib/server/db/schema';
import { checkCredentials } from '../../src/lib/server/accounts/login';

const PASSWORD = 'plum-tractor-velvet';

let db: Database;

beforeAll(async () => {
	db = await database();
});

async function account(username: string) {
	const [row] = await db
		.select()
		.from(users)
		.where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
	return row;
}

/** Runs a command that should fail, and returns what the operator would read. */
async function failureOf(argv: string[]): Promise<string> {
	const outcome = await main(argv).then(
		(output) => ({ output }),
		(error: unknown) => ({ error })
	);
	expect(outcome, 'the command succeeded').toHaveProperty('error');
	return explain((outcome as { error: unknown }).error);
}

const create = (username: string, ...roles: string[]) => [
	'create',
	'--username',
	username,
	'--password',
	PASSWORD,
	...roles.flatMap((role) => ['--role', role])
];

describe('user create', () => {
	it('creates an account with every role given', async () => {
		const output = await main(create('first_admin', 'youth_worker', 'admin'));

		const row = await account('first_admin');
		expect(output).toBe(`Created first_admin (id ${row.id}) with roles: youth_worker, admin`);
		expect(row.roles).toEqual(['youth_worker', 'admin']);
		expect(row.createdById).toBeNull();
		const signIn = await checkCredentials(db, {
			username: 'first_admin',
			password: PASSWORD,
			ip: '192.0.2.10'
		});
		expect(signIn).toMatchObject({ ok: true, user: { staff: true } });

		const [entry] = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.targetId, String(row.id)));
		expect(entry).toMatchObject({
			actorId: null,
			action: 'account.create',
			details: { roles: ['youth_worker', 'admin'], via: 'cli' }
		});
	});

	it('names a role it does not know and lists the real ones', async () => {
		const message = await failureOf(create('bad_role', 'superuser'));
		expect(message).toContain('"superuser" is not a role.');
		expect(message).toContain(
			'Roles are: young_person, youth_worker, safeguarding_lead, coproduction_lead, admin.'
		);
		expect(await account('bad_role')).toBeUndefined();
	});

	it('asks for at least one role', async () => {
		const message = await failureOf(create('no_role'));
		expect(message).toBe('roles: Give the account at least one role.');
		expect(await account('no_role')).toBeUndefined();
	});

	it('says --username is required and shows how to use the command', async () => {
		const message = await failureOf(['create', '--password', PASSWORD, '--role', 'admin']);
		expect(message).toMatch(/^--username is required\./);
		expect(message).toContain('npm run user:create  -- --username NAME --password PASS');
	});

	it('refuses a username that is already taken, in any letter case', async () => {
		await main(create('Kemi_Worker', 'youth_worker'));
		const message = await failureOf(create('kemi_worker', 'admin'));
		expect(message).toBe('username: That username is taken.');
		expect((await account('kemi_worker')).roles).toEqual(['youth_worker']);
	});

	it('refuses a weak password, even for staff', async () => {
		const message = await failureOf([
			'create',
			'--username',
			'weak_pw',
			'--password',
			'password123',
			'--role',
			'admin'
		]);
		expect(message).toBe(
			'password: That password is too easy to guess. Try a few random words together instead.'
		);
		expect(await account('weak_pw')).toBeUndefined();
	});

	it('explains a mistyped option or command with the usage', async () => {
		const option = await failureOf(['create', '--usernme', 'typo', '--role', 'admin']);
		expect(option).toContain("Unknown option '--usernme'");
		expect(option).toContain('Usage:');
		const command = await failureOf(['frobnicate', '--username', 'typo']);
		expect(command).toContain('Unknown command "frobnicate".');
		expect(command).toContain('Usage:');
	});
});

describe('user role', () => {
	it('replaces the roles of an existing account, found whatever the letter case', async () => {
		await main(create('dsl_to_be', 'youth_worker'));
		const output = await main([
			'role',
			'--username',
			'DSL_TO_BE',
			'--role',
			'safeguarding_lead',
			'--role',
			'youth_worker'
		]);
		expect(output).toBe('dsl_to_be now has roles: safeguarding_lead, youth_worker');
		const row = await account('dsl_to_be');
		expect(row.roles).toEqual(['safeguarding_lead', 'youth_worker']);
		const [entry] = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.targetId, String(row.id)))
			.orderBy(desc(auditLog.id));
		expect(entry).toMatchObject({
			action: 'account.roles',
			details: { from: ['youth_worker'], to: ['safeguarding_lead', 'youth_worker'] }
		});
	});

	it('says when no account has that name', async () => {
		expect(await failureOf(['role', '--username', 'nobody_here', '--role', 'admin'])).toBe(
			'No account is called "nobody_here".'
		);
	});

	it('refuses an unknown role and leaves the roles as they were', async () => {
		await main(create('stays_worker', 'youth_worker'));
		const message = await failureOf(['role', '--username', 'stays_worker', '--role', 'boss']);
		expect(message).toContain('"boss" is not a role.');
		expect((await account('stays_worker')).roles).toEqual(['youth_worker']);
	});
});

describe('user suspend', () => {
	it('suspends for a number of days, and lifts the suspension', async () => {
		await main(create('paused_member', 'young_person'));
		const started = Date.now();
		const output = await main([
			'suspend',
			'--username',
			'paused_member',
			'--days',
			'7',
			'--reason',
			'repeated bullying'
		]);
		const suspended = await account('paused_member');
		expect(output).toBe(
			`paused_member is suspended until ${suspended.suspendedUntil!.toISOString()}`
		);
		const sevenDays = 7 * 86_400_000;
		expect(suspended.suspendedUntil!.getTime()).toBeGreaterThanOrEqual(started + sevenDays);
		expect(suspended.suspendedUntil!.getTime()).toBeLessThanOrEqual(Date.now() + sevenDays);
		expect(suspended.suspendedReason).toBe('repeated bullying');
		expect(
			await checkCredentials(db, {
				username: 'paused_member',
				password: PASSWORD,
				ip: '192.0.2.11'
			})
		).toMatchObject({ ok: false, reason: 'suspended' });

		expect(await main(['suspend', '--username', 'paused_member', '--lift'])).toBe(
			'paused_member is no longer suspended'
		);
		expect((await account('paused_member')).suspendedUntil).toBeNull();
		expect(
			await checkCredentials(db, {
				username: 'paused_member',
				password: PASSWORD,
				ip: '192.0.2.11'
			})
		).toMatchObject({ ok: true });
	});

	it('suspends until a given date', async () => {
		await main(create('until_member', 'young_person'));
		const until = new Date(Date.now() + 30 * 86_400_000);
		until.setUTCHours(0, 0, 0, 0);
		const day = until.toISOString().slice(0, 10);
		await main(['suspend', '--username', 'until_member', '--until', day]);
		expect((await account('until_member')).suspendedUntil).toEqual(until);
	});

	it('suspends indefinitely when no length is given', async () => {
		await main(create('long_pause', 'young_person'));
		await main(['suspend', '--username', 'long_pause']);
		const { suspendedUntil } = await account('long_pause');
		expect(suspendedUntil!.getTime()).toBeGreaterThan(Date.now() + 50 * 365 * 86_400_000);
	});

	it('refuses a date in the past or a length that is not a positive number', async () => {
		await main(create('not_paused', 'young_person'));
		expect(
			await failureOf(['suspend', '--username', 'not_paused', '--until', '2001-01-01'])
		).toMatch(/^--until must be a date in the future\./);
		expect(await failureOf(['suspend', '--username', 'not_paused', '--days=-3'])).toMatch(
			/^--days must be a positive number\./
		);
		expect(await failureOf(['suspend', '--username', 'not_paused', '--days', 'soon'])).toMatch(
			/^--days must be a positive number\./
		);
		expect(await failureOf(['suspend', '--username', 'not_paused', '--days', '0'])).toMatch(
			/^--days must be a positive number\./
		);
		expect((await account('not_paused')).suspendedUntil).toBeNull();
	});
});
