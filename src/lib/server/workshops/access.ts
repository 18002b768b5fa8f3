/**
 * Who may take part in an idea session: any member for an open session; for an invite-only one,
 * the people named by the lead or anyone with its code (after which they are a participant).
 * Facilitating (phases, themes, moving, merging, hiding, revealing) is for coproduction leads.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { workshopParticipants, workshops, type Workshop } from '../db/schema';
import { NotFoundError, ValidationError } from '../errors';
import { authorise, can, isStaff, NotAllowedError } from '../policy';

export const NO_SUCH_SESSION = 'That idea session does not exist, or you cannot join it.';

export const workshopIdSchema = z
	.number({ message: 'Say which session.' })
	.int('Say which session.')
	.positive('Say which session.')
	.max(2_147_483_647, 'Say which session.');

export async function loadWorkshop(db: Database, id: number): Promise<Workshop> {
	const [workshop] = await db.select().from(workshops).where(eq(workshops.id, id));
	if (!workshop) throw new NotFoundError(NO_SUCH_SESSION);
	return workshop;
}

export function isFacilitator(user: CurrentUser): boolean {
	return can(user, 'workshops.run');
}

export function assertFacilitator(user: CurrentUser): void {
	authorise(user, 'workshops.run', 'Only the coproduction lead running the session can do that.');
}

/**
 * May this person see and take part in the session? Records them as a participant (attendance)
 * each time they come (back). `code` is an invite code typed by someone not named.
 */
export async function admitToWorkshop(
	db: Database,
	user: CurrentUser,
	workshop: Workshop,
	{ code, now = new Date() }: { code?: string | null; now?: Date } = {}
): Promise<void> {
	authorise(user, 'workshops.join', 'Your account cannot join idea sessions at the moment.');
	const [participant] = await db
		.select()
		.from(workshopParticipants)
		.where(
			and(
				eq(workshopParticipants.workshopId, workshop.id),
				eq(workshopParticipants.userId, user.id)
			)
		);
	const allowed =
		isStaff(user) ||
		workshop.access === 'members' ||
		participant !== undefined ||
		(typeof code === 'string' &&
			workshop.inviteCode !== null &&
			code.trim().toUpperCase() === workshop.inviteCode);
	if (!allowed) {
		if (code)
			throw new NotAllowedError(
				'That code is not right for this session. Check it with whoever invited you.'
			);
		throw new NotFoundError(NO_SUCH_SESSION);
	}
	if (isStaff(user)) return; // attendance is for participants
	// Arriving before the start counts: they are there when it begins (and 1-2-4-All groups them).
	await db
		.insert(workshopParticipants)
		.values({ workshopId: workshop.id, userId: user.id, joinedAt: now })
		.onConflictDoUpdate({
			target: [workshopParticipants.workshopId, workshopParticipants.userId],
			set: {
				joinedAt: sql`coalesce(${workshopParticipants.joinedAt}, excluded.joined_at)`,
				leftAt: null
			}
		});
}

/** Whether someone already counts as a participant (named, or joined before). */
export async function isParticipant(db: Database, workshopId: number, userId: number) {
	const [row] = await db
		.select({ userId: workshopParticipants.userId })
		.from(workshopParticipants)
		.where(
			and(eq(workshopParticipants.workshopId, workshopId), eq(workshopParticipants.userId, userId))
		);
	return row !== undefined;
}

/** For requests after joining: the session, if this person may act in it. */
export async function workshopFor(db: Database, user: CurrentUser, id: number): Promise<Workshop> {
	const workshop = await loadWorkshop(db, id);
	if (isStaff(user) || workshop.access === 'members') return workshop;
	if (await isParticipant(db, id, user.id)) return workshop;
	throw new NotFoundError(NO_SUCH_SESSION);
}

/**
 * Someone typed an invite code (on /sessions): the session it opens, with them recorded as
 * invited so it stays in their list. Codes are not case-sensitive.
 */
export async function redeemInviteCode(
	db: Database,
	user: CurrentUser,
	code: unknown
): Promise<Workshop> {
	authorise(user, 'workshops.join', 'Your account cannot join idea sessions at the moment.');
	const typed = typeof code === 'string' ? code.trim().toUpperCase() : '';
	if (!typed) throw new ValidationError({ code: 'Enter the code you were given.' });
	const [workshop] = await db.select().from(workshops).where(eq(workshops.inviteCode, typed));
	if (!workshop)
		throw new ValidationError({
			code: 'That code does not match a session. Check it with whoever invited you.'
		});
	await db
		.insert(workshopParticipants)
		.values({ workshopId: workshop.id, userId: user.id, invited: true })
		.onConflictDoNothing();
	return workshop;
}

/** The sessions this person can see: open to all members, ones they were invited to, or all (staff). */
export async function listWorkshopsFor(db: Database, user: CurrentUser) {
	authorise(user, 'workshops.join', 'Your account cannot join idea sessions at the moment.');
	const rows = await db
		.select({
			workshop: workshops,
			invited: workshopParticipants.userId
		})
		.from(workshops)
		.leftJoin(
			workshopParticipants,
			and(
				eq(workshopParticipants.workshopId, workshops.id),
				eq(workshopParticipants.userId, user.id)
			)
		)
		.orderBy(sql`${workshops.phase} = 'closed'`, desc(workshops.startsAt));
	return rows
		.filter((r) => isStaff(user) || r.workshop.access === 'members' || r.invited !== null)
		.map((r) => r.workshop);
}
