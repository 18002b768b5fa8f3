/**
 * "Ask for a check-in": someone in a session lets the staff running it know they would like a
 * youth worker to check on them. The lead who set the session up and the youth workers on duty
 * (with nobody on duty: every youth worker and safeguarding lead) are notified at once (in-app,
 * live), and the person is told honestly which; the check-in happens in the open, in the session's chat or
 * through a youth worker's usual routes, never in a private chat. Audited. Asking again within a
 * few minutes is answered kindly without telling everyone a second time.
 */
import { and, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { auditLog, users } from '../db/schema';
import { parseOrThrow } from '../errors';
import { pushNotifications, storeNotifications } from '../notifications/notify';
import { onDutyNow } from '../safeguarding/duty';
import { workshopFor, workshopIdSchema } from './access';

export const CHECK_IN_THANKS =
	'A youth worker has been asked to check in with you. If you need someone right now, “Get help now” lists people you can reach any time.';
export const CHECK_IN_NOBODY_ON_DUTY =
	'We have told the youth workers and the person running this session. Nobody is on duty right now, so it may take a while: if you need someone now, “Get help now” lists people you can reach any time.';

export const CHECK_IN_ALREADY_ASKED =
	'You asked a few minutes ago, and the youth workers have been told. If you need someone right now, “Get help now” lists people you can reach any time.';

/** How long a second request is taken as the same one. */
const ASKED_RECENTLY_MS = 5 * 60_000;

export async function askForCheckIn(
	db: Database,
	member: CurrentUser,
	input: unknown,
	now = new Date()
) {
	const { workshopId } = parseOrThrow(z.object({ workshopId: workshopIdSchema }), input);
	const workshop = await workshopFor(db, member, workshopId);
	if (await askedRecently(db, member.id, workshop.id, now))
		return { message: CHECK_IN_ALREADY_ASKED };
	const onDuty = await onDutyNow(db);
	// Nobody on duty: every youth worker and safeguarding lead hears, as an alert would escalate.
	const workers = onDuty.length ? onDuty : await youthWorkers(db);
	const staff = [
		...new Set([
			...(workshop.createdById ? [workshop.createdById] : []),
			...workers.map((u) => u.id)
		])
	].filter((id) => id !== member.id);
	const stored = await db.transaction(async (tx) => {
		await recordAudit(tx, {
			actorId: member.id,
			action: 'workshop.check_in',
			targetType: 'workshop',
			targetId: workshop.id,
			details: { notified: staff }
		});
		return storeNotifications(tx, staff, {
			kind: 'check_in',
			title: `${member.username} asked for a check-in in “${workshop.title}”`,
			link: `/sessions/${workshop.id}`
		});
	});
	pushNotifications(stored);
	return { message: onDuty.length ? CHECK_IN_THANKS : CHECK_IN_NOBODY_ON_DUTY };
}

async function askedRecently(db: Database, memberId: number, workshopId: number, now: Date) {
	const asked = await db.$count(
		auditLog,
		and(
			eq(auditLog.action, 'workshop.check_in'),
			eq(auditLog.actorId, memberId),
			eq(auditLog.targetId, String(workshopId)),
			gt(auditLog.at, new Date(now.getTime() - ASKED_RECENTLY_MS))
		)
	);
	return asked > 0;
}

async function youthWorkers(db: Database) {
	return db
		.select({ id: users.id })
		.from(users)
		.where(
			and(
				sql`${users.roles} && array['youth_worker', 'safeguarding_lead']::text[]`,
				or(isNull(users.suspendedUntil), lt(users.suspendedUntil, new Date()))
			)
		);
}
