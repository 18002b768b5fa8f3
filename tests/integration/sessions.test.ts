/**
 * Who a session belongs to is re-read from the database every time, so suspensions, role
 * changes and "sign out everywhere" act at once; and the audit log cannot be rewritten.
 */
import { count, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { auditLog, users } from '../../src/lib/server/db/schema';
import { loadCurrentUser, type CurrentUser } from '../../src/lib/server/accounts/current-user';
import {
	changeOwnPassword,
	createAccount,
	OPERATOR,
	setRoles,
	setSuspension,
	signOutEverywhere
} from '../../src/lib/server/accounts/manage';
import { checkCredentials } from '../../src/lib/server/accounts/login';
import { ValidationError } from '../../src/lib/server/errors';

const PASSWORD = 'plum-tractor-velvet';
const TOMORROW = () => new Date(Date.now() + 86_400_000);

let db: Database;

beforeAll(async () => {
	db = await database();
});

let next = 0;
function member(roles: CurrentUser['roles'] = ['young_person']) {
	next += 1;
	return createAccount(db, OPERATOR, { username: `session_${next}`, password: PASSWORD, roles });
}

const sessionOf = (user: Pick<CurrentUser, 'id' | 'sessionVersion'>) => ({
	userId: user.id,
	sessionVersion: user.sessionVersion
});

async function auditActions(userId: number) {
	const rows = await db
		.select({ action: auditLog.action })
		.from(auditLog)
		.where(eq(auditLog.targetId, String(userId)))
		.orderBy(auditLog.id);
	return rows.map((r) => r.action);
}

describe('the signed-in person', () => {
	it('is the account the session was issued for, while the session version matches', async () => {
		const sam = await member();
		expect(await loadCurrentUser(db, sessionOf(sam))).toEqual({
			id: sam.id,
			username: sam.username,
			roles: ['young_person'],
			staff: false,
			sessionVersion: 0,
			mutedUntil: null
		});
	});

	it('is nobody without a session, with an older session version, or for an account that does not exist', async () => {
		const sam = await member();
		expect(await loadCurrentUser(db, null)).toBeNull();
		expect(await loadCurrentUser(db, { userId: sam.id, sessionVersion: 1 })).toBeNull();
		expect(await loadCurrentUser(db, { userId: 999_999, sessionVersion: 0 })).toBeNull();
		expect(await loadCurrentUser(db, { userId: Number.NaN, sessionVersion: 0 })).toBeNull();
	});

	it('is nobody as soon as the account is suspended', async () => {
		const sam = await member();
		expect(await loadCurrentUser(db, sessionOf(sam))).not.toBeNull();

		await setSuspension(db, OPERATOR, sam.id, { until: TOMORROW(), reason: 'bullying' });

		expect(await loadCurrentUser(db, sessionOf(sam))).toBeNull();
		// Not even a session issued afterwards works while the suspension lasts.
		const [row] = await db.select().from(users).where(eq(users.id, sam.id));
		expect(row.sessionVersion).toBe(1);
		expect(row.suspendedReason).toBe('bullying');
		expect(await loadCurrentUser(db, { userId: sam.id, sessionVersion: 1 })).toBeNull();
		expect(await auditActions(sam.id)).toEqual(['account.create', 'account.suspend']);
	});

	it('needs a new sign-in after a suspension is lifted: old sessions stay ended', async () => {
		const sam = await member();
		await setSuspension(db, OPERATOR, sam.id, { until: TOMORROW() });
		await setSuspension(db, OPERATOR, sam.id, { until: null });

		expect(await loadCurrentUser(db, sessionOf(sam))).toBeNull();
		expect(await loadCurrentUser(db, { userId: sam.id, sessionVersion: 2 })).toMatchObject({
			id: sam.id
		});
		const [row] = await db.select().from(users).where(eq(users.id, sam.id));
		expect(row.suspendedUntil).toBeNull();
		expect(row.suspendedReason).toBeNull();
	});

	it('is nobody on any device after "sign out everywhere", until they sign in again', async () => {
		const sam = await member();
		await signOutEverywhere(db, sam);

		expect(await loadCurrentUser(db, sessionOf(sam))).toBeNull();
		const signIn = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: '192.0.2.1'
		});
		expect(signIn).toMatchObject({ ok: true, user: { sessionVersion: 1 } });
		const fresh = (signIn as { user: CurrentUser }).user;
		expect(await loadCurrentUser(db, sessionOf(fresh))).toMatchObject({ id: sam.id });
		expect(await auditActions(sam.id)).toEqual(['account.create', 'account.sign_out_everywhere']);
	});

	it('has a new role at once, without signing in again', async () => {
		const sam = await member();
		await setRoles(db, OPERATOR, sam.id, ['youth_worker']);
		expect(await loadCurrentUser(db, sessionOf(sam))).toMatchObject({
			roles: ['youth_worker'],
			staff: true
		});

		await setRoles(db, OPERATOR, sam.id, ['young_person']);
		expect(await loadCurrentUser(db, sessionOf(sam))).toMatchObject({
			roles: ['young_person'],
			staff: false
		});
		expect(await auditActions(sam.id)).toEqual([
			'account.create',
			'account.roles',
			'account.roles'
		]);
	});
});

describe('changing your own password', () => {
	it('refuses when the current password is wrong, and changes nothing', async () => {
		const sam = await member();
		const error = await changeOwnPassword(db, sam, {
			currentPassword: 'not-my-password',
			newPassword: 'new-velvet-tractor'
		}).catch((e: unknown) => e);

		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toEqual({
			currentPassword: 'That is not your current password.'
		});
		expect(await loadCurrentUser(db, sessionOf(sam))).toMatchObject({ sessionVersion: 0 });
		const stillOld = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: '192.0.2.2'
		});
		expect(stillOld).toMatchObject({ ok: true });
		expect(await auditActions(sam.id)).toEqual(['account.create']);
	});

	it('refuses a weak new password with a clear message', async () => {
		const sam = await member();
		const error = await changeOwnPassword(db, sam, {
			currentPassword: PASSWORD,
			newPassword: 'password123'
		}).catch((e: unknown) => e);
		expect((error as ValidationError).fieldErrors).toEqual({
			newPassword: 'That password is too easy to guess. Try a few random words together instead.'
		});
		expect(await loadCurrentUser(db, sessionOf(sam))).not.toBeNull();
	});

	it('changes the password and ends every other session', async () => {
		const sam = await member();
		const updated = await changeOwnPassword(db, sam, {
			currentPassword: PASSWORD,
			newPassword: 'new-velvet-tractor'
		});

		expect(updated.sessionVersion).toBe(sam.sessionVersion + 1);
		expect(await loadCurrentUser(db, sessionOf(sam))).toBeNull();
		expect(await loadCurrentUser(db, sessionOf(updated))).toMatchObject({ id: sam.id });

		const oldPassword = await checkCredentials(db, {
			username: sam.username,
			password: PASSWORD,
			ip: '192.0.2.3'
		});
		expect(oldPassword).toEqual({ ok: false, reason: 'invalid' });
		const newPassword = await checkCredentials(db, {
			username: sam.username,
			password: 'new-velvet-tractor',
			ip: '192.0.2.3'
		});
		expect(newPassword).toMatchObject({ ok: true });
		expect(await auditActions(sam.id)).toEqual(['account.create', 'account.password_change']);
	});
});

/** Runs raw SQL that should fail; returns every message in the error's cause chain. */
async function refusalOf(query: ReturnType<typeof sql>): Promise<string> {
	const error = await db.execute(query).then(
		() => null,
		(e: unknown) => e
	);
	expect(error, 'the database accepted the statement').toBeInstanceOf(Error);
	const messages: string[] = [];
	for (let e = error; e instanceof Error; e = e.cause) messages.push(e.message);
	return messages.join('\n');
}

describe('the audit log', () => {
	it('refuses to have an entry changed or removed, even by raw SQL', async () => {
		const sam = await member();
		const [entry] = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.targetId, String(sam.id)));
		const [before] = await db.select({ n: count() }).from(auditLog);

		expect(
			await refusalOf(
				sql`UPDATE audit_log SET action = 'account.nothing_happened' WHERE id = ${entry.id}`
			)
		).toContain('audit_log is append-only: UPDATE is not allowed');
		expect(await refusalOf(sql`DELETE FROM audit_log WHERE id = ${entry.id}`)).toContain(
			'audit_log is append-only: DELETE is not allowed'
		);
		expect(await refusalOf(sql`DELETE FROM audit_log`)).toContain(
			'audit_log is append-only: DELETE is not allowed'
		);
		expect(await refusalOf(sql`TRUNCATE audit_log`)).toContain(
			'audit_log is append-only: TRUNCATE is not allowed'
		);

		const [after] = await db.select().from(auditLog).where(eq(auditLog.id, entry.id));
		expect(after).toEqual(entry);
		const [total] = await db.select({ n: count() }).from(auditLog);
		expect(total.n).toBe(before.n);
	});

	it('still accepts new entries', async () => {
		const [before] = await db.select({ n: count() }).from(auditLog);
		await member();
		const [after] = await db.select({ n: count() }).from(auditLog);
		expect(after.n).toBe(before.n + 1);
	});
});
