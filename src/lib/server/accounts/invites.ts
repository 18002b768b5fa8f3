/**
 * Invite codes: a youth worker onboarding a group hands out one code (single- or multi-use,
 * with an expiry). Needed to join when registration is in `invite` mode.
 */
import { randomInt } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { invites, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { NotFoundError, parseOrThrow } from '../errors';
import { authorise, type Actor } from '../policy';
import { typedText } from '../content/limits';

// No 0/O or 1/I/L, so a code read aloud or off a whiteboard is typed right.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateInviteCode(): string {
	const part = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
	return `${part()}-${part()}`;
}

const createInviteSchema = z.object({
	maxUses: z.coerce
		.number({ message: 'Enter how many people can use the code.' })
		.int('Use a whole number.')
		.min(1, 'At least 1 person must be able to use it.')
		.max(500, 'A code can be used by at most 500 people.'),
	expiresInDays: z.coerce
		.number({ message: 'Enter how many days the code lasts.' })
		.int('Use a whole number of days.')
		.min(1, 'A code must last at least 1 day.')
		.max(90, 'A code can last at most 90 days.'),
	note: typedText().pipe(z.string().max(200, 'Keep the note under 200 characters.')).optional()
});

export async function createInvite(
	db: Database,
	actor: Actor,
	input: z.input<typeof createInviteSchema>
) {
	const data = parseOrThrow(createInviteSchema, input);
	authorise(actor, 'invites.create', 'Only staff can create invite codes.');
	return db.transaction(async (tx) => {
		const [invite] = await tx
			.insert(invites)
			.values({
				code: generateInviteCode(),
				maxUses: data.maxUses,
				expiresAt: new Date(Date.now() + data.expiresInDays * 86_400_000),
				note: data.note || null,
				createdById: actor.id
			})
			.returning();
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'invite.create',
			targetType: 'invite',
			targetId: invite.id,
			details: { maxUses: invite.maxUses, expiresAt: invite.expiresAt.toISOString() }
		});
		return invite;
	});
}

export async function listInvites(db: Database, actor: Actor) {
	authorise(actor, 'invites.create', 'Only staff can see invite codes.');
	return db
		.select({
			id: invites.id,
			code: invites.code,
			note: invites.note,
			maxUses: invites.maxUses,
			uses: invites.uses,
			expiresAt: invites.expiresAt,
			revokedAt: invites.revokedAt,
			createdAt: invites.createdAt,
			createdBy: users.username,
			createdByRoles: users.roles
		})
		.from(invites)
		.innerJoin(users, eq(users.id, invites.createdById))
		.orderBy(desc(invites.createdAt))
		.limit(200);
}

export type InviteStatus = 'active' | 'expired' | 'used up' | 'revoked';

/** Why a code can or cannot be used now; revoked wins over used up, which wins over expired. */
export function inviteStatus(
	invite: { uses: number; maxUses: number; expiresAt: Date; revokedAt: Date | null },
	now = new Date()
): InviteStatus {
	if (invite.revokedAt) return 'revoked';
	if (invite.uses >= invite.maxUses) return 'used up';
	if (invite.expiresAt <= now) return 'expired';
	return 'active';
}

const inviteIdSchema = z
	.number({ message: 'That invite does not exist.' })
	.int('That invite does not exist.')
	.positive('That invite does not exist.')
	.max(2_147_483_647, 'That invite does not exist.');

export async function revokeInvite(db: Database, actor: Actor, inviteId: number) {
	parseOrThrow(inviteIdSchema, inviteId);
	authorise(actor, 'invites.create', 'Only staff can revoke invite codes.');
	return db.transaction(async (tx) => {
		const [revoked] = await tx
			.update(invites)
			.set({ revokedAt: new Date() })
			.where(and(eq(invites.id, inviteId), isNull(invites.revokedAt)))
			.returning({ id: invites.id, code: invites.code });
		if (!revoked) throw new NotFoundError('That invite does not exist or was already revoked.');
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'invite.revoke',
			targetType: 'invite',
			targetId: inviteId
		});
		return revoked;
	});
}
