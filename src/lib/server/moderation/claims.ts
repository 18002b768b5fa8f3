/**
 * "I'll take this": a youth worker claims a queue item (a post, a chat message, an idea-session
 * idea or comment, or a reported member) so two workers don't act on the same one. Others see who is looking at it, and their actions on it are
 * refused until they take it over (audited). A claim lapses after CLAIM_MINUTES; acting on the
 * item releases it. Claims live in PostgreSQL, so they hold across instances.
 */
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import {
	chatMessages,
	forumPosts,
	moderationClaims,
	users,
	workshopComments,
	workshopIdeas,
	CLAIM_KINDS,
	type ClaimKind
} from '../db/schema';
import { NotFoundError, parseOrThrow } from '../errors';
import { authorise, NotAllowedError } from '../policy';
import { publisher } from '../realtime/publisher';
import { CLAIM_MINUTES } from '../../moderation';
import { FORUM_EVENTS } from '../../forum';

export interface ClaimRef {
	kind: ClaimKind;
	itemId: number;
}

export interface ClaimView {
	kind: ClaimKind;
	itemId: number;
	byId: number;
	byName: string;
	at: Date;
}

export const claimSchema = z.object({
	kind: z.enum(CLAIM_KINDS, { message: 'That is not something in the queue.' }),
	itemId: z.number().int().positive().max(2_147_483_647),
	takeOver: z.boolean().default(false)
});

/** What the audit log calls each kind of claimed item. */
const CLAIM_TARGET_TYPES: Record<ClaimKind, string> = {
	post: 'forum_post',
	user: 'user',
	message: 'chat_message',
	idea: 'workshop_idea',
	idea_comment: 'workshop_comment'
};

/** Whether the claimed thing exists at all (one count on its own table). */
function itemExists(db: Database, kind: ClaimKind, itemId: number): Promise<number> {
	switch (kind) {
		case 'post':
			return db.$count(forumPosts, eq(forumPosts.id, itemId));
		case 'message':
			return db.$count(chatMessages, eq(chatMessages.id, itemId));
		case 'idea':
			return db.$count(workshopIdeas, eq(workshopIdeas.id, itemId));
		case 'idea_comment':
			return db.$count(workshopComments, eq(workshopComments.id, itemId));
		case 'user':
			return db.$count(users, eq(users.id, itemId));
	}
}

/** Claims made before this moment have lapsed. */
export function claimCutoff(now = new Date()): Date {
	return new Date(now.getTime() - CLAIM_MINUTES * 60_000);
}

export function lookingAtThis(name: string): string {
	return `${name} is looking at this. Press “Take over” if you need to act on it.`;
}

/** Live claims on these items (lapsed ones are left out). */
export async function liveClaims(
	db: Database,
	kind: ClaimKind,
	itemIds: number[],
	now = new Date()
): Promise<Map<number, ClaimView>> {
	if (itemIds.length === 0) return new Map();
	const rows = await db
		.select({
			kind: moderationClaims.kind,
			itemId: moderationClaims.itemId,
			byId: moderationClaims.claimedById,
			byName: users.username,
			at: moderationClaims.claimedAt
		})
		.from(moderationClaims)
		.innerJoin(users, eq(users.id, moderationClaims.claimedById))
		.where(
			and(
				eq(moderationClaims.kind, kind),
				inArray(moderationClaims.itemId, itemIds),
				gt(moderationClaims.claimedAt, claimCutoff(now))
			)
		);
	return new Map(rows.map((r) => [r.itemId, r]));
}

/**
 * Claim an item for yourself. Refused while someone else's claim is live, unless `takeOver`
 * (which is audited, naming whose claim it replaced).
 */
export async function claimItem(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof claimSchema>,
	now = new Date()
): Promise<void> {
	const { kind, itemId, takeOver } = parseOrThrow(claimSchema, input);
	authorise(actor, 'moderation.act', 'Only youth workers can take items from the review queue.');
	const exists = await itemExists(db, kind, itemId);
	if (!exists) throw new NotFoundError('That is no longer in the queue. Reload the page.');
	await db.transaction(async (tx) => {
		const [before] = await tx
			.select({ byId: moderationClaims.claimedById, at: moderationClaims.claimedAt })
			.from(moderationClaims)
			.where(and(eq(moderationClaims.kind, kind), eq(moderationClaims.itemId, itemId)))
			.for('update');
		const othersLive =
			before && before.byId !== actor.id && before.at.getTime() > claimCutoff(now).getTime();
		// Claiming is guarded on the current state, so of two workers pressing at once one wins.
		const [claimed] = await tx
			.insert(moderationClaims)
			.values({ kind, itemId, claimedById: actor.id, claimedAt: now })
			.onConflictDoUpdate({
				target: [moderationClaims.kind, moderationClaims.itemId],
				set: { claimedById: actor.id, claimedAt: now },
				setWhere: takeOver
					? undefined
					: sql`${moderationClaims.claimedById} = ${actor.id} or ${moderationClaims.claimedAt} <= ${claimCutoff(now).toISOString()}::timestamptz`
			})
			.returning({ kind: moderationClaims.kind });
		if (!claimed || (othersLive && !takeOver)) {
			const [holder] = await tx
				.select({ name: users.username })
				.from(moderationClaims)
				.innerJoin(users, eq(users.id, moderationClaims.claimedById))
				.where(and(eq(moderationClaims.kind, kind), eq(moderationClaims.itemId, itemId)));
			throw new NotAllowedError(lookingAtThis(holder?.name ?? 'Another youth worker'));
		}
		await recordAudit(tx, {
			actorId: actor.id,
			action: othersLive ? 'moderation.claim.take_over' : 'moderation.claim',
			targetType: CLAIM_TARGET_TYPES[kind],
			targetId: itemId,
			details: othersLive ? { from: before.byId } : {}
		});
	});
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}

/** Let go of your own claim (nothing happens if it is not yours). */
export async function releaseOwnClaim(
	db: Database,
	actor: CurrentUser,
	input: { kind: string; itemId: number }
): Promise<void> {
	const { kind, itemId } = parseOrThrow(claimSchema, input);
	authorise(actor, 'moderation.act', 'Only youth workers can take items from the review queue.');
	const released = await db
		.delete(moderationClaims)
		.where(
			and(
				eq(moderationClaims.kind, kind),
				eq(moderationClaims.itemId, itemId),
				eq(moderationClaims.claimedById, actor.id)
			)
		)
		.returning({ kind: moderationClaims.kind });
	if (released.length) publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}

/**
 * Inside an action's transaction: refuse if someone else holds a live claim on the item, and
 * otherwise release any claim on it (`release: false` when the item stays in the queue).
 */
export async function settleClaim(
	tx: Database,
	actor: CurrentUser,
	ref: ClaimRef,
	{ release = true, now = new Date() }: { release?: boolean; now?: Date } = {}
): Promise<void> {
	const [claim] = await tx
		.select({
			byId: moderationClaims.claimedById,
			at: moderationClaims.claimedAt,
			byName: users.username
		})
		.from(moderationClaims)
		.innerJoin(users, eq(users.id, moderationClaims.claimedById))
		.where(and(eq(moderationClaims.kind, ref.kind), eq(moderationClaims.itemId, ref.itemId)))
		.for('update', { of: moderationClaims });
	if (claim && claim.byId !== actor.id && claim.at.getTime() > claimCutoff(now).getTime())
		throw new NotAllowedError(lookingAtThis(claim.byName));
	if (claim && release)
		await tx
			.delete(moderationClaims)
			.where(and(eq(moderationClaims.kind, ref.kind), eq(moderationClaims.itemId, ref.itemId)));
}
