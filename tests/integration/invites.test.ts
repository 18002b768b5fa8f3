/** Invite codes: made by staff, counted on each use, and refused once used up, expired or revoked. */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { auditLog, invites, users } from '../../src/lib/server/db/schema';
import {
	createInvite,
	inviteStatus,
	listInvites,
	revokeInvite
} from '../../src/lib/server/accounts/invites';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { registerMember } from '../../src/lib/server/accounts/register';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError, type Actor } from '../../src/lib/server/policy';

const PASSWORD = 'plum-tractor-velvet';
const DAY = 86_400_000;

let db: Database;
let worker: Actor;
let member: Actor;

beforeAll(async () => {
	db = await database();
	const w = await createAccount(db, OPERATOR, {
		username: 'invites_worker',
		password: 'staff-password-for-tests',
		roles: ['youth_worker']
	});
	const m = await createAccount(db, OPERATOR, {
		username: 'invites_member',
		password: PASSWORD,
		roles: ['young_person']
	});
	worker = { id: w.id, roles: w.roles };
	member = { id: m.id, roles: m.roles };
});

/** A date of birth that makes someone 16 on `today`. */
function sixteenOn(today: Date): string {
	const d = new Date(today);
	d.setUTCFullYear(d.getUTCFullYear() - 16);
	d.setUTCMonth(0, 1);
	return d.toISOString().slice(0, 10);
}

let joiner = 0;
function join(inviteCode: string, today = new Date()) {
	joiner += 1;
	return registerMember(
		db,
		{
			username: `invitee_${joiner}_${Math.random().toString(36).slice(2, 6)}`,
			password: PASSWORD,
			dateOfBirth: sixteenOn(today),
			acceptGuidelines: true,
			inviteCode
		},
		today
	);
}

async function refusal(promise: Promise<unknown>): Promise<ValidationError> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ValidationError);
	return error as ValidationError;
}

describe('invite codes', () => {
	it('lets a single-use code be used once, then refuses it', async () => {
		const invite = await createInvite(db, worker, { maxUses: 1, expiresInDays: 7 });
		expect(invite.code).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);

		const first = await join(invite.code);
		const [stored] = await db.select().from(users).where(eq(users.id, first.id));
		expect(stored.inviteId).toBe(invite.id);

		const second = await refusal(join(invite.code));
		expect(second.fieldErrors.inviteCode).toMatch(/not valid or has expired/);

		const [after] = await db.select().from(invites).where(eq(invites.id, invite.id));
		expect(after.uses).toBe(1);
		expect(inviteStatus(after)).toBe('used up');
	});

	it('accepts a code typed in lower case', async () => {
		const invite = await createInvite(db, worker, { maxUses: 2, expiresInDays: 7 });
		await expect(join(invite.code.toLowerCase())).resolves.toMatchObject({
			roles: ['young_person']
		});
	});

	it('refuses an expired code and does not count the attempt', async () => {
		const invite = await createInvite(db, worker, { maxUses: 5, expiresInDays: 1 });
		const twoDaysLater = new Date(Date.now() + 2 * DAY);

		const error = await refusal(join(invite.code, twoDaysLater));
		expect(error.fieldErrors.inviteCode).toMatch(/not valid or has expired/);

		const [after] = await db.select().from(invites).where(eq(invites.id, invite.id));
		expect(after.uses).toBe(0);
		expect(inviteStatus(after, twoDaysLater)).toBe('expired');
		expect(inviteStatus(after)).toBe('active');
	});

	it('refuses a revoked code, and records who revoked it', async () => {
		const invite = await createInvite(db, worker, { maxUses: 5, expiresInDays: 7 });
		await expect(revokeInvite(db, worker, invite.id)).resolves.toEqual({
			id: invite.id,
			code: invite.code
		});

		const error = await refusal(join(invite.code));
		expect(error.fieldErrors.inviteCode).toMatch(/not valid or has expired/);

		const [after] = await db.select().from(invites).where(eq(invites.id, invite.id));
		expect(after.revokedAt).toBeInstanceOf(Date);
		expect(after.uses).toBe(0);
		expect(inviteStatus(after)).toBe('revoked');

		const audit = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'invite.revoke'), eq(auditLog.targetId, String(invite.id))));
		expect(audit).toHaveLength(1);
		expect(audit[0].actorId).toBe(worker.id);

		// Revoking again says so instead of pretending.
		await expect(revokeInvite(db, worker, invite.id)).rejects.toBeInstanceOf(NotFoundError);
	});

	it('does not let a member create, list or revoke invite codes', async () => {
		await expect(createInvite(db, member, { maxUses: 1, expiresInDays: 7 })).rejects.toBeInstanceOf(
			NotAllowedError
		);
		await expect(listInvites(db, member)).rejects.toBeInstanceOf(NotAllowedError);
		const invite = await createInvite(db, worker, { maxUses: 1, expiresInDays: 7 });
		await expect(revokeInvite(db, member, invite.id)).rejects.toBeInstanceOf(NotAllowedError);
		const [after] = await db.select().from(invites).where(eq(invites.id, invite.id));
		expect(after.revokedAt).toBeNull();
	});

	it('does not let a suspended youth worker create a code', async () => {
		await expect(
			createInvite(db, { ...worker, suspended: true }, { maxUses: 1, expiresInDays: 7 })
		).rejects.toBeInstanceOf(NotAllowedError);
	});

	it('explains bad numbers field by field', async () => {
		const zero = await refusal(createInvite(db, worker, { maxUses: 0, expiresInDays: 7 }));
		expect(zero.fieldErrors.maxUses).toBe('At least 1 person must be able to use it.');

		const words = await refusal(
			createInvite(db, worker, { maxUses: 'lots', expiresInDays: '1.5' })
		);
		expect(words.fieldErrors.maxUses).toBe('Enter how many people can use the code.');
		expect(words.fieldErrors.expiresInDays).toBe('Use a whole number of days.');

		const longNote = await refusal(
			createInvite(db, worker, { maxUses: 1, expiresInDays: 7, note: 'x'.repeat(201) })
		);
		expect(longNote.fieldErrors.note).toMatch(/under 200 characters/);
	});

	it('refuses ids that cannot be an invite without touching the database', async () => {
		for (const id of [0, -1, 1.5, Number.NaN, 2 ** 31]) {
			await expect(revokeInvite(db, worker, id)).rejects.toBeInstanceOf(ValidationError);
		}
	});

	it('lists codes newest first with who made them', async () => {
		const invite = await createInvite(db, worker, {
			maxUses: 3,
			expiresInDays: 7,
			note: 'Tuesday group'
		});
		const [newest] = await listInvites(db, worker);
		expect(newest).toMatchObject({
			id: invite.id,
			code: invite.code,
			note: 'Tuesday group',
			uses: 0,
			maxUses: 3,
			createdBy: 'invites_worker',
			createdByRoles: ['youth_worker']
		});
	});
});
