/**
 * Account changes made by operators (CLI), admins (/admin/users) and people themselves
 * (/account). Every change is audited in the same transaction; anything that should end
 * existing sessions bumps the session version.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { isUniqueViolation } from '../db/errors';
import { ROLES, users, type Role } from '../db/schema';
import { recordAudit } from '../audit/record';
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';
import { hashPassword, verifyPassword } from './passwords';
import { passwordProblem, usernameSchema } from './rules';
import { publisher } from '../realtime/publisher';
import { toCurrentUser, type CurrentUser } from './current-user';

/** The operator at a terminal: trusted by virtue of holding the server and database. */
export const OPERATOR = null;
type Who = Actor | typeof OPERATOR;

const rolesSchema = z
	.array(z.enum(ROLES, { message: `Roles are: ${ROLES.join(', ')}.` }))
	.min(1, 'Give the account at least one role.')
	.transform((r) => [...new Set(r)]);

const createAccountSchema = z.object({
	username: usernameSchema,
	password: z.string({ message: 'Choose a password.' }),
	roles: rolesSchema
});

function requireAdmin(who: Who) {
	if (who !== OPERATOR) authorise(who, 'admin.users', 'Only admins can manage accounts.');
}

export async function createAccount(db: Database, who: Who, input: z.input<typeof createAccountSchema>): Promise<CurrentUser> {
	const data = parseOrThrow(createAccountSchema, input);
	requireAdmin(who);
	const weak = passwordProblem(data.password, data.username);
	if (weak) throw new ValidationError({ password: weak });
	const passwordHash = await hashPassword(data.password);
	try {
		return await db.transaction(async (tx) => {
			const [user] = await tx
				.insert(users)
				.values({ username: data.username, passwordHash, roles: data.roles, createdById: who?.id ?? null })
				.returning();
			await recordAudit(tx, {
				actorId: who?.id ?? null,
				action: 'account.create',
				targetType: 'user',
				targetId: user.id,
				details: { roles: data.roles, via: who ? 'admin' : 'cli' }
			});
			return toCurrentUser(user);
		});
	} catch (error) {
		if (isUniqueViolation(error)) throw new ConflictError({ username: 'That username is taken.' });
		throw error;
	}
}

export async function findUserByUsername(db: Database, username: string) {
	const [user] = await db
		.select()
		.from(users)
		.where(sql`lower(${users.username}) = ${username.trim().toLowerCase()}`);
	if (!user) throw new NotFoundError(`No account is called "${username}".`);
	return user;
}

export async function setRoles(db: Database, who: Who, userId: number, roles: Role[] | string[]): Promise<void> {
	const next = parseOrThrow(rolesSchema, roles);
	requireAdmin(who);
	if (who && who.id === userId && !next.includes('admin')) {
		throw new ValidationError({ roles: 'You cannot remove your own admin role. Ask another admin.' });
	}
	await db.transaction(async (tx) => {
		const [before] = await tx.select({ roles: users.roles }).from(users).where(eq(users.id, userId));
		if (!before) throw new NotFoundError('That account does not exist.');
		await tx.update(users).set({ roles: next }).where(eq(users.id, userId));
		await recordAudit(tx, {
			actorId: who?.id ?? null,
			action: 'account.roles',
			targetType: 'user',
			targetId: userId,
			details: { from: before.roles, to: next }
		});
	});
}

const suspendSchema = z.object({
	until: z.date().nullable(),
	reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional()
});

/** Suspend until a time (null lifts the suspension). The person's sessions end at once. */
export async function setSuspension(
	db: Database,
	who: Who,
	userId: number,
	input: { until: Date | null; reason?: string }
): Promise<void> {
	const data = parseOrThrow(suspendSchema, input);
	if (who !== OPERATOR) authorise(who, 'moderation.act', 'Only staff can suspend accounts.');
	if (who && who.id === userId) throw new ValidationError({ until: 'You cannot suspend yourself.' });
	await db.transaction(async (tx) => {
		const [updated] = await tx
			.update(users)
			.set({
				suspendedUntil: data.until,
				suspendedReason: data.until ? (data.reason ?? null) : null,
				sessionVersion: sql`${users.sessionVersion} + 1`
			})
			.where(eq(users.id, userId))
			.returning({ id: users.id });
		if (!updated) throw new NotFoundError('That account does not exist.');
		await recordAudit(tx, {
			actorId: who?.id ?? null,
			action: data.until ? 'account.suspend' : 'account.unsuspend',
			targetType: 'user',
			targetId: userId,
			details: { until: data.until?.toISOString() ?? null, reason: data.reason ?? null }
		});
	});
	if (data.until) publisher().disconnectUser(userId);
}

export async function changeOwnPassword(
	db: Database,
	me: CurrentUser,
	input: { currentPassword: string; newPassword: string }
): Promise<CurrentUser> {
	const [user] = await db.select().from(users).where(eq(users.id, me.id));
	if (!user) throw new NotFoundError('Your account no longer exists.');
	if (!(await verifyPassword(user.passwordHash, input.currentPassword ?? ''))) {
		throw new ValidationError({ currentPassword: 'That is not your current password.' });
	}
	const weak = passwordProblem(input.newPassword ?? '', user.username);
	if (weak) throw new ValidationError({ newPassword: weak });
	const passwordHash = await hashPassword(input.newPassword);
	return db.transaction(async (tx) => {
		const [updated] = await tx
			.update(users)
			.set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
			.where(eq(users.id, me.id))
			.returning();
		await recordAudit(tx, { actorId: me.id, action: 'account.password_change', targetType: 'user', targetId: me.id });
		return toCurrentUser(updated);
	});
}

/** Ends every session of this person, on every device. */
export async function signOutEverywhere(db: Database, me: CurrentUser): Promise<void> {
	await db.transaction(async (tx) => {
		await tx
			.update(users)
			.set({ sessionVersion: sql`${users.sessionVersion} + 1` })
			.where(eq(users.id, me.id));
		await recordAudit(tx, { actorId: me.id, action: 'account.sign_out_everywhere', targetType: 'user', targetId: me.id });
	});
	publisher().disconnectUser(me.id);
}

export async function listAccounts(db: Database, who: Actor) {
	authorise(who, 'admin.users', 'Only admins can see the account list.');
	return db
		.select({
			id: users.id,
			username: users.username,
			roles: users.roles,
			suspendedUntil: users.suspendedUntil,
			createdAt: users.createdAt,
			lastSeenAt: users.lastSeenAt
		})
		.from(users)
		.orderBy(users.username);
}
