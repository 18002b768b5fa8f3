/**
 * "Ask for a check-in": someone in a session lets the staff running it know they would like a
 * youth worker to check on them. The lead who set the session up and the youth workers on duty
 * are notified at once (in-app, live); the check-in happens in the open, in the session's chat or
 * through a youth worker's usual routes, never in a private chat. Audited.
 */
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { parseOrThrow } from '../errors';
import { pushNotifications, storeNotifications } from '../notifications/notify';
import { onDutyNow } from '../safeguarding/duty';
import { workshopFor, workshopIdSchema } from './access';

export const CHECK_IN_THANKS =
	'A youth worker has been asked to check in with you. If you need someone right now, “Get help now” lists people you can reach any time.';

export async function askForCheckIn(db: Database, member: CurrentUser, input: unknown) {
	const { workshopId } = parseOrThrow(z.object({ workshopId: workshopIdSchema }), input);
	const workshop = await workshopFor(db, member, workshopId);
	const onDuty = await onDutyNow(db);
	const staff = [
		...new Set([
			...(workshop.createdById ? [workshop.createdById] : []),
			...onDuty.map((u) => u.id)
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
	return { message: CHECK_IN_THANKS };
}
