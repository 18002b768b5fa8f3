/**
 * Account changes made by operators (CLI), admins (/admin/users) and people themselves
 * (/account). Every change is audited in the same transaction; anything that should end
 * existing sessions bumps the session version.
 */
import { eq, ilike, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { isUniqueViolation } from '../db/errors';
import { ROLES, users, type Role } from '../db/schema';
import { recordAudit } from '../audit/record';
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, can, type Actor } from '../policy';
import { hashPassword, verifyPassword } from './passwords';
import { passwordProblem, usernameSchema } from './rules';
import { publisher } from '../realtime/publisher';
import { toCurrentUser, type CurrentUser } from './current-user';
import { typedText } from '../content/limits';

/** The operator at a terminal: trusted by virtue of holding the server and database. */
export const OPERATOR = null;
type Who = Actor | typeof OPERATOR;

const rolesSchema = z
	.array(
		z.enum(ROLES, {
			error: (issue) => `"${String(issue.input)}" is not a role. Roles are: ${ROLES.join(', ')}.`
		})
	)
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

/** What a form or CLI sends: roles arrive as plain strings and are checked against ROLES. */
export interface CreateAccountInput {
	username: string;
	password: string;
	roles: readonly string[];
}

export async function createAccount(
	db: Database,
	who: Who,
	input: CreateAccountInput
): Promise<CurrentUser> {
	const data = parseOrThrow(createAccountSchema, input);
	requireAdmin(who);
	const weak = passwordProblem(data.password, data.username);
	if (weak) throw new ValidationError({ password: weak });
	const passwordHash = await hashPassword(data.password);
	try {
		return await db.transaction(async (tx) => {
			const [user] = await tx
				.insert(users)
				.values({
					username: data.username,
					passwordHash,
					roles: data.roles,
					createdById: who?.id ?? null
				})
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

const userIdSchema = z
	.number({ message: 'That account does not exist.' })
	.int('That account does not exist.')
	.positive('That account does not exist.')
	.max(2_147_483_647, 'That account does not exist.');

export async function setRoles(
	db: Database,
	who: Who,
	userId: number,
	roles: Role[] | string[]
): Promise<void> {
	// Parsed as a field so errors are keyed `roles` (and `roles.N` for an unknown role).
	const { roles: next } = parseOrThrow(z.object({ roles: rolesSchema }), { roles });
	parseOrThrow(userIdSchema, userId);
	requireAdmin(who);
	if (who && who.id === userId && !next.includes('admin')) {
		throw new ValidationError({
			roles: 'You cannot remove your own admin role. Ask another admin.'
		});
	}
	await db.transaction(async (tx) => {
		const [before] = await tx
			.select({ roles: users.roles })
			.from(users)
			.where(eq(users.id, userId));
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
	// Their open sockets reconnect at once and join the rooms their new roles allow.
	publisher().disconnectUser(userId);
}

const suspendSchema = z.object({
	until: z.date().nullable(),
	reason: typedText().pipe(z.string().max(500, 'Keep the reason under 500 characters.')).optional()
});

/** Suspend until a time (null lifts the suspension). The person's sessions end at once. */
export async function setSuspension(
	db: Database,
	who: Who,
	userId: number,
	input: { until: Date | null; reason?: string }
): Promise<void> {
	const data = parseOrThrow(suspendSchema, input);
	parseOrThrow(userIdSchema, userId);
	// Moderators suspend from the review queue; admins from /admin/users.
	if (who !== OPERATOR && !can(who, 'admin.users'))
		authorise(who, 'moderation.act', 'Only staff can suspend accounts.');
	if (who && who.id === userId)
		throw new ValidationError({ until: 'You cannot suspend yourself.' });
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
		await recordAudit(tx, {
			actorId: me.id,
			action: 'account.password_change',
			targetType: 'user',
			targetId: me.id
		});
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
		await recordAudit(tx, {
			actorId: me.id,
			action: 'account.sign_out_everywhere',
			targetType: 'user',
			targetId: me.id
		});
	});
	publisher().disconnectUser(me.id);
}

/** The preset lengths admins choose from; `indefinitely` lasts until someone lifts it. */
export const SUSPENSION_DURATIONS = ['1d', '3d', '1w', '1m', 'indefinitely'] as const;
export type SuspensionDuration = (typeof SUSPENSION_DURATIONS)[number];

/** "Indefinitely" is stored as the far end of the calendar, so it is always in the future. */
export const INDEFINITE_SUSPENSION_END = new Date('9999-12-31T23:59:59.000Z');

export function isIndefiniteSuspension(until: Date): boolean {
	return until.getTime() >= INDEFINITE_SUSPENSION_END.getTime() - 86_400_000;
}

export function suspensionEnd(duration: SuspensionDuration, now = new Date()): Date {
	const day = 86_400_000;
	switch (duration) {
		case '1d':
			return new Date(now.getTime() + day);
		case '3d':
			return new Date(now.getTime() + 3 * day);
		case '1w':
			return new Date(now.getTime() + 7 * day);
		case '1m': {
			const end = new Date(now);
			end.setUTCMonth(end.getUTCMonth() + 1);
			return end;
		}
		case 'indefinitely':
			return INDEFINITE_SUSPENSION_END;
	}
}

const suspendForSchema = z.object({
	duration: z.enum(SUSPENSION_DURATIONS, { message: 'Choose how long the suspension lasts.' }),
	reason: typedText()
		.pipe(z.string().max(500, 'Keep the reason under 500 characters.'))
		.optional()
		.transform((v) => v || undefined)
});

/** Suspend for one of the preset lengths (the form on /admin/users/[id]). */
export async function suspendFor(
	db: Database,
	who: Actor,
	userId: number,
	input: { duration: string; reason?: string },
	now = new Date()
): Promise<Date> {
	const data = parseOrThrow(suspendForSchema, input);
	const until = suspensionEnd(data.duration, now);
	try {
		await setSuspension(db, who, userId, { until, reason: data.reason });
	} catch (error) {
		// setSuspension names the date it was given; this form asks for a length.
		if (error instanceof ValidationError && error.fieldErrors.until) {
			throw new ValidationError({ duration: error.fieldErrors.until });
		}
		throw error;
	}
	return until;
}

export async function getAccount(db: Database, who: Actor, userId: number) {
	authorise(who, 'admin.users', 'Only admins can manage accounts.');
	if (!userIdSchema.safeParse(userId).success)
		throw new NotFoundError('That account does not exist.');
	const [account] = await db
		.select({
			id: users.id,
			username: users.username,
			roles: users.roles,
			suspendedUntil: users.suspendedUntil,
			suspendedReason: users.suspendedReason,
			createdAt: users.createdAt,
			lastSeenAt: users.lastSeenAt
		})
		.from(users)
		.where(eq(users.id, userId));
	if (!account) throw new NotFoundError('That account does not exist.');
	return account;
}

const listAccountsSchema = z.object({
	search: z
		.string()
		.trim()
		.max(24, 'Usernames are at most 24 characters: shorten what you are looking for.')
		.optional(),
	limit: z.number().int().min(1).max(1000).default(200)
});

/** Accounts by username; `search` matches any part of the username, ignoring case. */
export async function listAccounts(
	db: Database,
	who: Actor,
	options: z.input<typeof listAccountsSchema> = {}
) {
	const { search, limit } = parseOrThrow(listAccountsSchema, options);
	authorise(who, 'admin.users', 'Only admins can see the account list.');
	const query = db
		.select({
			id: users.id,
			username: users.username,
			roles: users.roles,
			suspendedUntil: users.suspendedUntil,
			createdAt: users.createdAt,
			lastSeenAt: users.lastSeenAt
		})
		.from(users)
		.$dynamic();
	if (search) query.where(ilike(users.username, `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
	return query.orderBy(sql`lower(${users.username})`).limit(limit);
}
