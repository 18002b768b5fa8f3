/**
 * Alerts nobody has claimed in time go to every staff member who sees alerts and to the
 * safeguarding leads, and to the configured webhook. Runs in every server process; row locks
 * (FOR UPDATE SKIP LOCKED) make each alert escalate exactly once however many instances run.
 */
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { safeguardingAlerts, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { config } from '../config';
import { log } from '../log';
import { publisher } from '../realtime/publisher';
import { pushNotifications, storeNotifications } from '../notifications/notify';
import { alertLink, alertTitle, announcePendingAlerts, type AlertLevel } from './alerts';
import { repeatEvery } from '../repeat';

export interface Escalated {
	alertId: number;
	level: AlertLevel;
	subjectUsername: string | null;
	recipients: number[];
}

/** Everyone who must hear about an escalated alert: all alert-seeing staff and the leads. */
async function escalationRecipients(db: Database): Promise<number[]> {
	const rows = await db
		.select({ id: users.id })
		.from(users)
		.where(
			sql`${users.roles} && array['youth_worker','safeguarding_lead']::text[] and (${users.suspendedUntil} is null or ${users.suspendedUntil} <= now())`
		);
	return rows.map((r) => r.id);
}

export async function escalateDueAlerts(
	db: Database,
	now = new Date(),
	notifyOutside: (e: Escalated) => Promise<void> = webhookNotifier()
): Promise<Escalated[]> {
	const { escalated, stored } = await db.transaction(async (tx) => {
		const due = await tx
			.select({
				id: safeguardingAlerts.id,
				level: safeguardingAlerts.level,
				subjectUsername: safeguardingAlerts.subjectUsername
			})
			.from(safeguardingAlerts)
			.where(
				and(
					eq(safeguardingAlerts.status, 'open'),
					isNull(safeguardingAlerts.escalatedAt),
					lte(safeguardingAlerts.escalateAt, now)
				)
			)
			.orderBy(safeguardingAlerts.escalateAt)
			.limit(50)
			.for('update', { skipLocked: true });
		if (due.length === 0) return { escalated: [] as Escalated[], stored: [] };
		const recipients = await escalationRecipients(tx as unknown as Database);
		const escalated: Escalated[] = [];
		const stored = [];
		for (const alert of due) {
			await tx
				.update(safeguardingAlerts)
				.set({ escalatedAt: now, escalationLevel: 1 })
				.where(eq(safeguardingAlerts.id, alert.id));
			await recordAudit(tx, {
				actorId: null,
				action: 'alert.escalate',
				targetType: 'alert',
				targetId: alert.id,
				details: { level: alert.level, recipients: recipients.length }
			});
			stored.push(
				...(await storeNotifications(tx, recipients, {
					kind: 'alert_escalated',
					title: `Not yet claimed: ${alertTitle(alert.level, alert.subjectUsername)}`,
					link: alertLink(alert.id)
				}))
			);
			escalated.push({
				alertId: alert.id,
				level: alert.level,
				subjectUsername: alert.subjectUsername,
				recipients
			});
		}
		return { escalated, stored };
	});
	for (const e of escalated) {
		for (const id of e.recipients)
			publisher().publish(`user:${id}`, 'alert:escalated', {
				id: e.alertId,
				level: e.level,
				subjectUsername: e.subjectUsername
			});
		publisher().publish('staff', 'alert:changed', { id: e.alertId });
		await notifyOutside(e).catch((error) =>
			log.error({ err: error, alertId: e.alertId }, 'escalation webhook failed')
		);
	}
	pushNotifications(stored);
	return escalated;
}

/** POSTs a short JSON notice (no content, no names beyond the pseudonym) to ESCALATION_WEBHOOK_URL. */
function webhookNotifier(): (e: Escalated) => Promise<void> {
	const url = config().ESCALATION_WEBHOOK_URL;
	if (!url) return async () => {};
	return async (e) => {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				type: 'safeguarding_alert_escalated',
				alertId: e.alertId,
				level: e.level,
				text: `Together: a ${e.level} safeguarding alert has not been claimed. Sign in to Together to respond.`
			}),
			signal: AbortSignal.timeout(5000)
		});
		if (!response.ok) throw new Error(`webhook answered ${response.status}`);
	};
}

/**
 * The in-process timer: every few seconds, announce alerts raised where nobody could be reached
 * live, then escalate the ones nobody has claimed in time. Cheap when there is nothing to do.
 * Ticks never overlap; stopping waits for the tick in progress.
 */
export function startEscalationTimer(
	db: () => Promise<Database>,
	everyMs = 3_000
): () => Promise<void> {
	return repeatEvery(
		everyMs,
		async () => {
			const database = await db();
			try {
				await announcePendingAlerts(database);
			} catch (error) {
				log.error({ err: error }, 'announcing pending alerts failed');
			}
			await escalateDueAlerts(database);
		},
		{ failure: 'escalation check failed' }
	);
}
