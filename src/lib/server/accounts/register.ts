/**
 * Self-registration for young people. validate → check age and invite → write user, use the
 * invite and audit in one transaction. Staff accounts are never made here (see staff.ts).
 */
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { isUniqueViolation } from '../db/errors';
import { invites, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { ConflictError, ValidationError } from '../errors';
import { getSettings } from '../settings';
import { hashPassword } from './passwords';
import { ageOn, dateOfBirthSchema, passwordProblem, usernameSchema } from './rules';
import { toCurrentUser, type CurrentUser } from './current-user';

const registrationSchema = z.object({
	username: usernameSchema,
	password: z.string({ message: 'Choose a password.' }),
	dateOfBirth: dateOfBirthSchema,
	acceptGuidelines: z.literal(true, {
		message: 'Please read and accept the community guidelines to join.'
	}),
	inviteCode: z
		.string()
		.trim()
		.optional()
		.transform((v) => v || undefined)
});

/** What a form sends: the guidelines box may be unticked, which validation then refuses. */
export type RegistrationInput = Omit<z.input<typeof registrationSchema>, 'acceptGuidelines'> & {
	acceptGuidelines: boolean;
};

/** Under the minimum age: refused kindly and pointed to Childline. */
export class UnderAgeError extends ValidationError {
	constructor(public readonly minAge: number) {
		super({
			dateOfBirth: `Together is for people aged ${minAge} and over, so you can't join yet. If you need someone to talk to now, Childline is free and always there: call 0800 1111 or chat online at childline.org.uk.`
		});
	}
}

export class OverAgeError extends ValidationError {
	constructor(public readonly maxAge: number) {
		super({
			dateOfBirth: `Together is for young people up to ${maxAge}, so we can't give you an account. If you need support, the services on our help page are open to everyone.`
		});
	}
}

export async function registerMember(
	db: Database,
	input: RegistrationInput,
	today = new Date()
): Promise<CurrentUser> {
	const data = validateRegistration(input);

	const settings = await getSettings(db);
	const age = ageOn(data.dateOfBirth, today);
	if (age < 0 || age > 120)
		throw new ValidationError({ dateOfBirth: 'Please check your date of birth.' });
	if (age < settings.minAge) throw new UnderAgeError(settings.minAge);
	if (age > settings.maxAge) throw new OverAgeError(settings.maxAge);
	if (settings.registrationMode === 'invite' && !data.inviteCode) {
		throw new ValidationError({
			inviteCode: 'Joining needs an invite code from a youth worker right now.'
		});
	}

	const passwordHash = await hashPassword(data.password);
	try {
		return await insertMember(db, data, passwordHash, today);
	} catch (error) {
		if (isUniqueViolation(error)) throw usernameTaken();
		throw error;
	}
}

const usernameTaken = () =>
	new ConflictError({ username: 'That username is taken. Try another one.' });

async function insertMember(
	db: Database,
	data: z.output<typeof registrationSchema>,
	passwordHash: string,
	today: Date
): Promise<CurrentUser> {
	return db.transaction(async (tx) => {
		const inviteId = data.inviteCode
			? await useInvite(tx as unknown as Database, data.inviteCode, today)
			: null;
		const taken = await tx
			.select({ id: users.id })
			.from(users)
			.where(sql`lower(${users.username}) = ${data.username.toLowerCase()}`);
		if (taken.length) throw usernameTaken();
		const [user] = await tx
			.insert(users)
			.values({
				username: data.username,
				passwordHash,
				roles: ['young_person'],
				dateOfBirth: data.dateOfBirth,
				guidelinesAcceptedAt: today,
				inviteId
			})
			.returning();
		await recordAudit(tx, {
			actorId: user.id,
			action: 'account.register',
			targetType: 'user',
			targetId: user.id,
			details: { inviteId }
		});
		return toCurrentUser(user);
	});
}

/** Every mistake at once, so a person fixes the whole form in one go. */
function validateRegistration(input: RegistrationInput): z.output<typeof registrationSchema> {
	const parsed = registrationSchema.safeParse(input);
	const fieldErrors = parsed.success ? {} : ValidationError.fromZod(parsed.error).fieldErrors;
	const password = typeof input.password === 'string' ? input.password : '';
	const username = typeof input.username === 'string' ? input.username.trim() : undefined;
	const weak = passwordProblem(password, username);
	if (weak) fieldErrors.password ??= weak;
	if (!parsed.success || weak) throw new ValidationError(fieldErrors);
	return parsed.data;
}

/** Counts one use of a valid invite, or says clearly why the code cannot be used. */
async function useInvite(tx: Database, code: string, now: Date): Promise<number> {
	const [used] = await tx
		.update(invites)
		.set({ uses: sql`${invites.uses} + 1` })
		.where(
			and(
				eq(sql`upper(${invites.code})`, code.toUpperCase()),
				isNull(invites.revokedAt),
				gt(invites.expiresAt, now),
				lt(invites.uses, invites.maxUses)
			)
		)
		.returning({ id: invites.id });
	if (!used) {
		throw new ValidationError({
			inviteCode:
				'That invite code is not valid or has expired. Check it with the youth worker who gave it to you.'
		});
	}
	return used.id;
}
