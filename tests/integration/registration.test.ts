/** Young people joining Together by themselves: who may join, and what is stored when they do. */
import { count, desc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { auditLog, invites, users } from '../../src/lib/server/db/schema';
import {
	OverAgeError,
	registerMember,
	UnderAgeError,
	type RegistrationInput
} from '../../src/lib/server/accounts/register';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { createInvite } from '../../src/lib/server/accounts/invites';
import { verifyPassword } from '../../src/lib/server/accounts/passwords';
import { toCurrentUser } from '../../src/lib/server/accounts/current-user';
import { updateSettings } from '../../src/lib/server/settings';
import { ConflictError, ValidationError } from '../../src/lib/server/errors';

/** A fixed "today", so ages do not drift as the calendar moves on. */
const TODAY = new Date('2026-06-15T12:00:00Z');
const GOOD_PASSWORD = 'plum-tractor-velvet';

let db: Database;
let inviteCode: string;

beforeAll(async () => {
	db = await database();
	const worker = await createAccount(db, OPERATOR, {
		username: 'worker_amara',
		password: 'staff-password-for-tests',
		roles: ['youth_worker']
	});
	const invite = await createInvite(
		db,
		{ id: worker.id, roles: worker.roles },
		{
			maxUses: 50,
			expiresInDays: 30
		}
	);
	inviteCode = invite.code;
});

function signUp(overrides: Partial<RegistrationInput> = {}): RegistrationInput {
	return {
		username: `member_${Math.random().toString(36).slice(2, 10)}`,
		password: GOOD_PASSWORD,
		dateOfBirth: '2010-03-02',
		acceptGuidelines: true,
		...overrides
	};
}

/** Everything a registration could write: people, audit entries and invite uses. */
async function whatIsStored() {
	const [people] = await db.select({ n: count() }).from(users);
	const [entries] = await db.select({ n: count() }).from(auditLog);
	const [uses] = await db
		.select({ n: sql<number>`coalesce(sum(${invites.uses}), 0)::int` })
		.from(invites);
	return { users: people.n, auditEntries: entries.n, inviteUses: uses.n };
}

/** Tries to register; expects a refusal and checks nothing at all was stored. */
async function refused(input: RegistrationInput): Promise<ValidationError> {
	const before = await whatIsStored();
	const outcome = await registerMember(db, input, TODAY).then(
		(user) => ({ registered: user }),
		(error: unknown) => ({ error })
	);
	expect(outcome).not.toHaveProperty('registered');
	const { error } = outcome as { error: unknown };
	expect(error).toBeInstanceOf(ValidationError);
	expect(await whatIsStored()).toEqual(before);
	return error as ValidationError;
}

describe('signing up', () => {
	it('creates a young person’s account and records it in the audit log', async () => {
		const before = await whatIsStored();
		const member = await registerMember(db, signUp({ username: 'Sunny_Day' }), TODAY);

		expect(member).toMatchObject({ username: 'Sunny_Day', roles: ['young_person'], staff: false });
		const [row] = await db.select().from(users).where(eq(users.id, member.id));
		expect(row.roles).toEqual(['young_person']);
		expect(row.dateOfBirth).toBe('2010-03-02');
		expect(row.guidelinesAcceptedAt).toEqual(TODAY);
		expect(row.suspendedUntil).toBeNull();
		expect(row.passwordHash).not.toContain(GOOD_PASSWORD);
		expect(await verifyPassword(row.passwordHash, GOOD_PASSWORD)).toBe(true);

		const [entry] = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.targetId, String(member.id)))
			.orderBy(desc(auditLog.id));
		expect(entry).toMatchObject({
			actorId: member.id,
			action: 'account.register',
			targetType: 'user',
			targetId: String(member.id)
		});
		expect(await whatIsStored()).toEqual({
			...before,
			users: before.users + 1,
			auditEntries: before.auditEntries + 1
		});
	});

	it('lets someone join on their 13th birthday', async () => {
		const member = await registerMember(db, signUp({ dateOfBirth: '2013-06-15' }), TODAY);
		expect(member.roles).toEqual(['young_person']);
	});

	it('lets someone join the day before their 26th birthday', async () => {
		const member = await registerMember(db, signUp({ dateOfBirth: '2000-06-16' }), TODAY);
		expect(member.roles).toEqual(['young_person']);
	});

	it('refuses a username that differs only in case from an existing one', async () => {
		await registerMember(db, signUp({ username: 'MoonChild' }), TODAY);
		const error = await refused(signUp({ username: 'moonchild', inviteCode }));
		expect(error).toBeInstanceOf(ConflictError);
		expect(error.fieldErrors.username).toBe('That username is taken. Try another one.');
	});

	it('gives the name to only one of two people choosing it at the same moment', async () => {
		const outcomes = await Promise.allSettled([
			registerMember(db, signUp({ username: 'StarGazer' }), TODAY),
			registerMember(db, signUp({ username: 'stargazer' }), TODAY)
		]);
		const joined = outcomes.filter((o) => o.status === 'fulfilled');
		const refusedOnes = outcomes.filter((o) => o.status === 'rejected');
		expect(joined).toHaveLength(1);
		expect(refusedOnes).toHaveLength(1);
		const { reason } = refusedOnes[0] as PromiseRejectedResult;
		expect(reason).toBeInstanceOf(ConflictError);
		expect((reason as ConflictError).fieldErrors.username).toMatch(/taken/);
		const [{ n }] = await db
			.select({ n: count() })
			.from(users)
			.where(sql`lower(${users.username}) = 'stargazer'`);
		expect(n).toBe(1);
	});

	it('kindly refuses a 12-year-old, points them to Childline, and stores nothing', async () => {
		// Turns 13 tomorrow.
		const error = await refused(signUp({ dateOfBirth: '2013-06-16', inviteCode }));
		expect(error).toBeInstanceOf(UnderAgeError);
		expect((error as UnderAgeError).minAge).toBe(13);
		expect(error.fieldErrors.dateOfBirth).toContain('Childline');
		expect(error.fieldErrors.dateOfBirth).toContain('0800 1111');
	});

	it('refuses someone older than the maximum age and points them to the help page', async () => {
		const error = await refused(signUp({ dateOfBirth: '2000-06-15', inviteCode }));
		expect(error).toBeInstanceOf(OverAgeError);
		expect((error as OverAgeError).maxAge).toBe(25);
		expect(error.fieldErrors.dateOfBirth).toMatch(/up to 25/);
	});

	it('refuses a date of birth in the future or one that does not exist', async () => {
		const future = await refused(signUp({ dateOfBirth: '2030-01-01', inviteCode }));
		expect(future.fieldErrors.dateOfBirth).toBe('Please check your date of birth.');
		const impossible = await refused(signUp({ dateOfBirth: '2010-02-30', inviteCode }));
		expect(impossible.fieldErrors.dateOfBirth).toBe('That date does not exist.');
	});

	it('refuses a password that is too short', async () => {
		const error = await refused(signUp({ password: 'short1', inviteCode }));
		expect(error.fieldErrors.password).toBe(
			'Passwords need at least 10 characters. A few random words together work well.'
		);
	});

	it('refuses a common password such as password123', async () => {
		const error = await refused(signUp({ password: 'password123', inviteCode }));
		expect(error.fieldErrors.password).toBe(
			'That password is too easy to guess. Try a few random words together instead.'
		);
	});

	it('refuses a password that contains the username', async () => {
		const error = await refused(
			signUp({ username: 'RiverStone', password: 'my-riverstone-2010', inviteCode })
		);
		expect(error.fieldErrors.password).toBe(
			'That password is too easy to guess. Try a few random words together instead.'
		);
	});

	it('refuses to join until the community guidelines are accepted', async () => {
		const unticked = await refused(signUp({ acceptGuidelines: false as never, inviteCode }));
		expect(unticked.fieldErrors.acceptGuidelines).toBe(
			'Please read and accept the community guidelines to join.'
		);
		const missing = await refused(signUp({ acceptGuidelines: undefined as never, inviteCode }));
		expect(missing.fieldErrors.acceptGuidelines).toBe(
			'Please read and accept the community guidelines to join.'
		);
	});

	it('refuses a username with spaces, explaining which characters work', async () => {
		const error = await refused(signUp({ username: 'sam smith', inviteCode }));
		expect(error.fieldErrors.username).toMatch(/letters, numbers, _ and -/);
	});

	it('refuses an invite code that does not exist, and stores nothing', async () => {
		const error = await refused(signUp({ inviteCode: 'NOPE-NOPE' }));
		expect(error.fieldErrors.inviteCode).toMatch(/not valid or has expired/);
	});
});

describe('joining while registration is by invite only', () => {
	beforeAll(async () => {
		await updateSettings(db, null, { registrationMode: 'invite' });
		return async () => {
			await updateSettings(db, null, { registrationMode: 'open' });
		};
	});

	it('refuses to join without an invite code, saying where to get one', async () => {
		const error = await refused(signUp());
		expect(error.fieldErrors.inviteCode).toBe(
			'Joining needs an invite code from a youth worker right now.'
		);
		const blank = await refused(signUp({ inviteCode: '   ' }));
		expect(blank.fieldErrors.inviteCode).toBe(
			'Joining needs an invite code from a youth worker right now.'
		);
	});

	it('lets someone join with a valid code, typed in any case, and counts one use', async () => {
		const before = await whatIsStored();
		const member = await registerMember(
			db,
			signUp({ inviteCode: ` ${inviteCode.toLowerCase()} ` }),
			TODAY
		);
		const [row] = await db.select().from(users).where(eq(users.id, member.id));
		const [invite] = await db.select().from(invites).where(eq(invites.code, inviteCode));
		expect(row.inviteId).toBe(invite.id);
		expect(await whatIsStored()).toEqual({
			users: before.users + 1,
			auditEntries: before.auditEntries + 1,
			inviteUses: before.inviteUses + 1
		});
	});

	it('does not use up the invite when the chosen name is taken', async () => {
		const first = await registerMember(db, signUp({ inviteCode }), TODAY);
		const [invite] = await db.select().from(invites).where(eq(invites.code, inviteCode));
		const error = await refused(signUp({ username: first.username.toUpperCase(), inviteCode }));
		expect(error.fieldErrors.username).toMatch(/taken/);
		const [after] = await db.select().from(invites).where(eq(invites.code, inviteCode));
		expect(after.uses).toBe(invite.uses);
	});

	it('refuses a code that has been used as many times as allowed', async () => {
		const [worker] = await db.select().from(users).where(eq(users.username, 'worker_amara'));
		const single = await createInvite(db, toCurrentUser(worker), {
			maxUses: 1,
			expiresInDays: 1
		});
		await registerMember(db, signUp({ inviteCode: single.code }), TODAY);
		const error = await refused(signUp({ inviteCode: single.code }));
		expect(error.fieldErrors.inviteCode).toMatch(/not valid or has expired/);
	});
});
