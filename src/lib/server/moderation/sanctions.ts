/**
 * What a youth worker can do about a member: warn (a message they must acknowledge before going
 * on), mute (read-only, forum and chat) or suspend (cannot sign in; sessions end at once) for a
 * preset length, and lift a mute or suspension early. Each is a member_sanctions row (the
 * history) plus the users column that has the effect, in one transaction with the audit entry and
 * the member's notification. The member is told why, never who. Staff accounts are an admin's
 * business, not a youth worker's.
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { suspensionEnd } from '../accounts/manage';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { memberSanctions, userReports, users, type SanctionKind } from '../db/schema';
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, isStaff, NotAllowedError } from '../policy';
import { tidyText } from '../content/limits';
import { pushNotifications, storeNotifications } from '../notifications/notify';
import { publisher } from '../realtime/publisher';
import { settleClaim } from './claims';
import { formatDateTime } from '../../format';
import { FORUM_EVENTS } from '../../forum';
import {
	ALREADY_DEALT_WITH,
	MEMBER_ACTIONS,
	SANCTION_DURATIONS,
	SANCTION_MESSAGE_MAX,
	WARNING_PATH,
	type MemberAction
} from '../../moderation';

export const MEMBER_NOT_FOUND = 'We could not find that member. They may have left Together.';
export const ASK_AN_ADMIN =
	'This is a staff account. Youth workers can warn, mute or suspend members only: ask an admin.';

const id = z.number().int().positive().max(2_147_483_647);

const messageSchema = z
	.string({ message: 'Write a message for the member: they are told why.' })
	.transform((m) => tidyText(m).trim())
	.pipe(
		z
			.string()
			.min(1, 'Write a message for the member: they are told why.')
			.max(
				SANCTION_MESSAGE_MAX,
				`Keep the message to ${SANCTION_MESSAGE_MAX.toLocaleString('en-GB')} characters or fewer.`
			)
	);

export const sanctionSchema = z
	.object({
		userId: id,
		action: z.enum(MEMBER_ACTIONS, { message: 'Choose what to do: warn, mute or suspend.' }),
		duration: z
			.union([z.enum(SANCTION_DURATIONS), z.literal('')])
			.optional()
			.transform((d) => d || undefined),
		message: messageSchema,
		/** From a reported member in the queue: their open reports must still be open. */
		fromReports: z.boolean().default(false),
		/** From a post's queue item: its claim is respected (and kept: the post still waits). */
		viaPostId: id.optional(),
		/** From a chat message's queue item: likewise. */
		viaMessageId: id.optional()
	})
	.superRefine((value, ctx) => {
		if (value.action !== 'warn' && !value.duration)
			ctx.addIssue({
				code: 'custom',
				path: ['duration'],
				message: `Choose how long the ${value.action === 'mute' ? 'mute' : 'suspension'} lasts.`
			});
	});

export type SanctionInput = z.input<typeof sanctionSchema>;

const KIND_OF: Record<MemberAction, SanctionKind> = {
	warn: 'warning',
	mute: 'mute',
	suspend: 'suspension'
};

export async function loadMember(db: Database, userId: number) {
	const [member] = await db
		.select({ id: users.id, username: users.username, roles: users.roles })
		.from(users)
		.where(eq(users.id, userId));
	if (!member) throw new NotFoundError(MEMBER_NOT_FOUND);
	return member;
}

function assertIsMember(member: { id: number; roles: CurrentUser['roles'] }) {
	if (isStaff(member)) throw new NotAllowedError(ASK_AN_ADMIN);
}

/** Close a member's open reports, as reviewed by this worker; returns their reasons. */
export async function closeUserReports(
	tx: Database,
	userId: number,
	actor: CurrentUser,
	now: Date
) {
	const closed = await tx
		.update(userReports)
		.set({ reviewedAt: now, reviewedById: actor.id })
		.where(and(eq(userReports.reportedUserId, userId), isNull(userReports.reviewedAt)))
		.returning({ reason: userReports.reason });
	return closed.map((r) => r.reason);
}

function noticeFor(kind: SanctionKind, message: string, endsAt: Date | null) {
	const until = endsAt ? formatDateTime(endsAt) : '';
	switch (kind) {
		case 'warning':
			return {
				kind: 'moderation_warning',
				title: 'A youth worker has sent you a message about how you use Together.',
				body: message,
				link: WARNING_PATH
			};
		case 'mute':
			return {
				kind: 'moderation_mute',
				title: `A youth worker has paused your posting until ${until}. You can still read.`,
				body: `Why: ${message}`,
				link: '/guidelines'
			};
		case 'suspension':
			return {
				kind: 'moderation_suspension',
				title: `A youth worker paused your account until ${until}.`,
				body: `Why: ${message}`,
				link: '/guidelines'
			};
	}
}

/**
 * Warn, mute or suspend a member. Acting on a member deals with the reports about them (their
 * open reports are marked reviewed) and releases the claim on them.
 */
export async function sanctionMember(
	db: Database,
	actor: CurrentUser,
	input: SanctionInput,
	now = new Date()
): Promise<{ kind: SanctionKind; endsAt: Date | null; username: string }> {
	const data = parseOrThrow(sanctionSchema, input);
	const member = await loadMember(db, data.userId);
	authorise(actor, 'moderation.act', 'Only youth workers can warn, mute or suspend members.');
	assertIsMember(member);
	const kind = KIND_OF[data.action];
	const endsAt = data.duration ? suspensionEnd(data.duration, now) : null;

	const told = await db.transaction(async (tx) => {
		const t = tx as unknown as Database;
		await settleClaim(t, actor, { kind: 'user', itemId: member.id }, { now });
		if (data.viaPostId)
			await settleClaim(
				t,
				actor,
				{ kind: 'post', itemId: data.viaPostId },
				{ now, release: false }
			);
		if (data.viaMessageId)
			await settleClaim(
				t,
				actor,
				{ kind: 'message', itemId: data.viaMessageId },
				{ now, release: false }
			);
		const reports = await closeUserReports(t, member.id, actor, now);
		if (data.fromReports && reports.length === 0)
			throw new ValidationError({ form: ALREADY_DEALT_WITH });
		if (kind === 'mute' || kind === 'suspension')
			await assertNotShortening(t, member, kind, endsAt);
		const [sanction] = await tx
			.insert(memberSanctions)
			.values({
				userId: member.id,
				kind,
				message: data.message,
				endsAt,
				issuedById: actor.id,
				createdAt: now
			})
			.returning({ id: memberSanctions.id });
		if (kind === 'mute')
			await tx.update(users).set({ mutedUntil: endsAt }).where(eq(users.id, member.id));
		if (kind === 'suspension')
			await tx
				.update(users)
				.set({
					suspendedUntil: endsAt,
					suspendedReason: data.message,
					// Every session ends at once.
					sessionVersion: sql`${users.sessionVersion} + 1`
				})
				.where(eq(users.id, member.id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: `moderation.member.${data.action}`,
			targetType: 'user',
			targetId: member.id,
			details: {
				sanctionId: sanction.id,
				message: data.message,
				endsAt: endsAt?.toISOString() ?? null,
				...(reports.length ? { reports } : {}),
				...(data.viaPostId ? { postId: data.viaPostId } : {}),
				...(data.viaMessageId ? { messageId: data.viaMessageId } : {})
			}
		});
		return storeNotifications(tx, [member.id], noticeFor(kind, data.message, endsAt));
	});

	if (kind === 'suspension') publisher().disconnectUser(member.id);
	pushNotifications(told);
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
	return { kind, endsAt, username: member.username };
}

/**
 * A mute or suspension never quietly shortens a longer one (two youth workers acting on the same
 * member, the second not knowing of the first): the second is told what stands and how to change
 * it. The member's row stays locked until the sanction commits, so the two cannot cross.
 */
async function assertNotShortening(
	tx: Database,
	member: { id: number; username: string },
	kind: 'mute' | 'suspension',
	endsAt: Date | null
) {
	const column = kind === 'mute' ? users.mutedUntil : users.suspendedUntil;
	const [row] = await tx
		.select({ until: column })
		.from(users)
		.where(eq(users.id, member.id))
		.for('update');
	if (row?.until && endsAt && row.until > endsAt)
		throw new ConflictError({ duration: alreadyLonger(member.username, kind, row.until) });
}

export function alreadyLonger(username: string, kind: 'mute' | 'suspension', until: Date) {
	const [done, undo] = kind === 'mute' ? ['muted', 'mute'] : ['suspended', 'suspension'];
	return `${username} is already ${done} until ${formatDateTime(until)}, longer than this. To shorten it, lift the ${undo} first, then choose again.`;
}

export const liftSchema = z.object({
	userId: id,
	kind: z.enum(['mute', 'suspension'], { message: 'Choose what to lift.' })
});

/** End a mute or a suspension early. */
export async function liftSanction(
	db: Database,
	actor: CurrentUser,
	input: z.input<typeof liftSchema>,
	now = new Date()
): Promise<void> {
	const { userId, kind } = parseOrThrow(liftSchema, input);
	const member = await loadMember(db, userId);
	authorise(actor, 'moderation.act', 'Only youth workers can lift a mute or suspension.');
	assertIsMember(member);
	const nowSql = sql`${now.toISOString()}::timestamptz`;

	const told = await db.transaction(async (tx) => {
		await settleClaim(
			tx as unknown as Database,
			actor,
			{ kind: 'user', itemId: userId },
			{
				now,
				release: false
			}
		);
		const [lifted] = await tx
			.update(users)
			.set(kind === 'mute' ? { mutedUntil: null } : { suspendedUntil: null, suspendedReason: null })
			.where(
				and(
					eq(users.id, userId),
					kind === 'mute' ? gt(users.mutedUntil, nowSql) : gt(users.suspendedUntil, nowSql)
				)
			)
			.returning({ id: users.id });
		if (!lifted)
			throw new ValidationError({
				form:
					kind === 'mute'
						? `${member.username} is not muted now, so there is nothing to lift.`
						: `${member.username} is not suspended now, so there is nothing to lift.`
			});
		const ended = await tx
			.update(memberSanctions)
			.set({ liftedAt: now, liftedById: actor.id })
			.where(
				and(
					eq(memberSanctions.userId, userId),
					eq(memberSanctions.kind, kind),
					isNull(memberSanctions.liftedAt),
					gt(memberSanctions.endsAt, nowSql)
				)
			)
			.returning({ id: memberSanctions.id });
		await recordAudit(tx, {
			actorId: actor.id,
			action: kind === 'mute' ? 'moderation.member.unmute' : 'moderation.member.unsuspend',
			targetType: 'user',
			targetId: userId,
			details: { sanctionIds: ended.map((s) => s.id) }
		});
		return storeNotifications(tx, [userId], {
			kind: 'moderation_lifted',
			title:
				kind === 'mute'
					? 'A youth worker has ended the pause on your posting. You can post again.'
					: 'Your account is no longer paused. Welcome back.',
			link: '/guidelines'
		});
	});
	pushNotifications(told);
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}

export interface PendingWarning {
	id: number;
	message: string;
	createdAt: Date;
}

/** The oldest warning this member has not yet acknowledged, if any. */
export async function pendingWarning(db: Database, userId: number): Promise<PendingWarning | null> {
	const [warning] = await db
		.select({
			id: memberSanctions.id,
			message: memberSanctions.message,
			createdAt: memberSanctions.createdAt
		})
		.from(memberSanctions)
		.where(
			and(
				eq(memberSanctions.userId, userId),
				eq(memberSanctions.kind, 'warning'),
				isNull(memberSanctions.acknowledgedAt)
			)
		)
		.orderBy(asc(memberSanctions.createdAt), asc(memberSanctions.id))
		.limit(1);
	return warning ?? null;
}

/** For every request: does this person have a warning to read first? (One indexed lookup.) */
export async function hasPendingWarning(db: Database, userId: number): Promise<boolean> {
	const [row] = await db
		.select({ id: memberSanctions.id })
		.from(memberSanctions)
		.where(
			and(
				eq(memberSanctions.userId, userId),
				eq(memberSanctions.kind, 'warning'),
				isNull(memberSanctions.acknowledgedAt)
			)
		)
		.limit(1);
	return row !== undefined;
}

const acknowledgeSchema = z.object({ sanctionId: id });

/** "I understand": the member has read this warning. Audited. */
export async function acknowledgeWarning(
	db: Database,
	me: CurrentUser,
	input: z.input<typeof acknowledgeSchema>,
	now = new Date()
): Promise<void> {
	const { sanctionId } = parseOrThrow(acknowledgeSchema, input);
	await db.transaction(async (tx) => {
		const [done] = await tx
			.update(memberSanctions)
			.set({ acknowledgedAt: now })
			.where(
				and(
					eq(memberSanctions.id, sanctionId),
					eq(memberSanctions.userId, me.id),
					eq(memberSanctions.kind, 'warning'),
					isNull(memberSanctions.acknowledgedAt)
				)
			)
			.returning({ id: memberSanctions.id });
		if (!done) throw new NotFoundError('We could not find that message. It may already be read.');
		await recordAudit(tx, {
			actorId: me.id,
			action: 'moderation.warning.acknowledge',
			targetType: 'member_sanction',
			targetId: sanctionId
		});
	});
}
