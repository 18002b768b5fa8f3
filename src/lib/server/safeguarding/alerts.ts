/**
 * Safeguarding alerts: raised by screening, by a member's "I'm worried about this person"
 * report, or by staff. Each goes at once to every on-duty worker, must be claimed by one of
 * them, and escalates to all staff and the safeguarding leads if nobody acknowledges it in time
 * (escalation.ts). The words that caused it are snapshotted as evidence first.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import {
	evidenceSnapshots,
	notifications,
	safeguardingAlerts,
	users,
	ALERT_LEVELS,
	ALERT_SOURCES
} from '../db/schema';
import { recordAudit } from '../audit/record';
import { NotFoundError, ValidationError } from '../errors';
import { log } from '../log';
import { authorise, type Actor } from '../policy';
import { hasLivePublisher, publisher } from '../realtime/publisher';
import { storeNotifications, pushNotifications } from '../notifications/notify';
import { onDutyNow } from './duty';
import type { ScreeningDecision } from '../safety/screen';

export type AlertLevel = (typeof ALERT_LEVELS)[number];
export type AlertSource = (typeof ALERT_SOURCES)[number];

/** Minutes an alert may wait for someone to claim it before it escalates. */
export const ESCALATE_AFTER_MINUTES: Record<AlertLevel, number> = {
	imminent: 5,
	high: 15,
	concern: 60
};

export interface Evidence {
	contentType: string;
	contentId?: string | number;
	text: string;
	context?: Record<string, unknown>;
}

export interface RaiseAlertInput {
	level: AlertLevel;
	source: AlertSource;
	categories?: string[];
	reasons?: string[];
	subject: { id: number | null; username: string | null };
	raisedById?: number | null;
	note?: string;
	evidence: Evidence;
}

/** The alert as staff see it in lists and live events. */
export interface AlertView {
	id: number;
	level: AlertLevel;
	source: AlertSource;
	categories: string[];
	reasons: string[];
	subjectUsername: string | null;
	note: string | null;
	evidenceText: string;
	status: 'open' | 'claimed' | 'resolved';
	claimedBy: string | null;
	escalated: boolean;
	caseId: number | null;
	createdAt: string;
}

/**
 * What screening found in someone's words, as an alert about them when it asks for one (high or
 * imminent risk), with their words as evidence. Inside the caller's transaction, like raiseAlert.
 */
export async function raiseScreeningAlert(
	tx: Database,
	decision: Pick<ScreeningDecision, 'alert' | 'risk' | 'reasons'>,
	subject: { id: number; username: string },
	evidence: Evidence
) {
	if (!decision.alert) return null;
	return raiseAlert(tx, {
		level: decision.risk.level === 'imminent' ? 'imminent' : 'high',
		source: 'screening',
		categories: decision.risk.categories,
		reasons: decision.risk.reasons.length ? decision.risk.reasons : decision.reasons,
		subject: { id: subject.id, username: subject.username },
		evidence
	});
}

/** Raise an alert inside the caller's transaction; call `announceAlert` after commit. */
export async function raiseAlert(tx: Database, input: RaiseAlertInput, now = new Date()) {
	const [evidence] = await tx
		.insert(evidenceSnapshots)
		.values({
			subjectUserId: input.subject.id,
			subjectUsername: input.subject.username,
			contentType: input.evidence.contentType,
			contentId: input.evidence.contentId === undefined ? null : String(input.evidence.contentId),
			text: input.evidence.text,
			context: input.evidence.context ?? {},
			capturedById: input.raisedById ?? null,
			capturedAt: now
		})
		.returning();
	const onDuty = await onDutyNow(tx, now);
	const [alert] = await tx
		.insert(safeguardingAlerts)
		.values({
			level: input.level,
			source: input.source,
			categories: input.categories ?? [],
			reasons: input.reasons ?? [],
			subjectUserId: input.subject.id,
			subjectUsername: input.subject.username,
			raisedById: input.raisedById ?? null,
			note: input.note ?? null,
			evidenceId: evidence.id,
			// Nobody on duty to claim it: escalate straight away rather than wait.
			escalateAt: onDuty.length
				? new Date(now.getTime() + ESCALATE_AFTER_MINUTES[input.level] * 60_000)
				: now,
			createdAt: now
		})
		.returning();
	await recordAudit(tx, {
		actorId: input.raisedById ?? null,
		action: 'alert.raise',
		targetType: 'alert',
		targetId: alert.id,
		details: { level: input.level, source: input.source, subjectUserId: input.subject.id }
	});
	const stored = await storeNotifications(
		tx,
		onDuty.map((u) => u.id),
		{
			kind: 'alert',
			title: alertTitle(input.level, input.subject.username),
			link: alertLink(alert.id)
		}
	);
	return { alertId: alert.id, notifications: stored, recipients: onDuty.map((u) => u.id) };
}

/** The open (or claimed) alert's note with what was added later; the whole of both is kept. */
export const ADDED_LATER = ' — later: ';

/**
 * More from whoever raised an alert that is still open or claimed (a second "I'm worried about
 * this person" from the same reporter): added to the alert's note, which is what staff read on
 * it, audited on the alert, and, when someone has claimed it, a notification to them. Inside the
 * caller's transaction; call `announceAlertNote` with the result after commit. Null when the
 * alert is no longer open (resolved meanwhile): the caller raises a new one instead.
 */
export async function addAlertNote(
	tx: Database,
	alertId: number,
	{ actorId, note, details }: { actorId: number; note: string; details?: Record<string, unknown> }
) {
	const [alert] = await tx
		.update(safeguardingAlerts)
		.set({
			note: sql`case when coalesce(${safeguardingAlerts.note}, '') = '' then ${note}
				else ${safeguardingAlerts.note} || ${ADDED_LATER} || ${note} end`
		})
		.where(
			and(
				eq(safeguardingAlerts.id, alertId),
				inArray(safeguardingAlerts.status, ['open', 'claimed'])
			)
		)
		.returning({
			claimedById: safeguardingAlerts.claimedById,
			subjectUsername: safeguardingAlerts.subjectUsername
		});
	if (!alert) return null;
	await recordAudit(tx, {
		actorId,
		action: 'alert.note_added',
		targetType: 'alert',
		targetId: alertId,
		details: { note, ...details }
	});
	const told =
		alert.claimedById === null
			? []
			: await storeNotifications(tx, [alert.claimedById], {
					kind: 'alert_note',
					title: `New details on the alert about ${alert.subjectUsername ?? 'someone'}`,
					link: alertLink(alertId)
				});
	return { alertId, notifications: told };
}

/** After commit: staff's alert lists refetch it, and whoever claimed it is told. */
export function announceAlertNote(added: Awaited<ReturnType<typeof addAlertNote>>): void {
	if (!added) return;
	publisher().publish('staff', 'alert:changed', { id: added.alertId });
	pushNotifications(added.notifications);
}

/** Where staff see an alert (also how an alert's notifications are found again). */
export function alertLink(alertId: number): string {
	return `/staff/alerts#alert-${alertId}`;
}

/**
 * After commit: push the alert to on-duty staff's open browsers, exactly once. A process that
 * cannot reach any browser (a CLI) leaves it to a server's sweep (`announcePendingAlerts`), which
 * runs every few seconds. With nobody on duty the alert is escalated at once, not on the next tick.
 */
export async function announceAlert(
	db: Database,
	raised: Awaited<ReturnType<typeof raiseAlert>>
): Promise<void> {
	if (!hasLivePublisher()) return;
	const [marked] = await db
		.update(safeguardingAlerts)
		.set({ announcedAt: new Date() })
		.where(and(eq(safeguardingAlerts.id, raised.alertId), isNull(safeguardingAlerts.announcedAt)))
		.returning({ id: safeguardingAlerts.id });
	if (!marked) return; // a sweep got there first
	await publishNewAlert(db, raised.alertId, raised.notifications);
	if (raised.recipients.length === 0) {
		// Not awaited: the escalation webhook may take seconds, and the author's response must not.
		import('./escalation')
			.then(({ escalateDueAlerts }) => escalateDueAlerts(db))
			.catch((error) =>
				log.error({ err: error, alertId: raised.alertId }, 'immediate escalation failed')
			);
	}
}

async function publishNewAlert(
	db: Database,
	alertId: number,
	stored: (typeof notifications.$inferSelect)[]
) {
	const view = await alertView(db, alertId);
	for (const id of new Set(stored.map((n) => n.userId)))
		publisher().publish(`user:${id}`, 'alert:new', view);
	publisher().publish('staff', 'alert:changed', { id: alertId });
	pushNotifications(stored);
}

/**
 * Announces alerts committed but not yet announced (raised by another process, or by one that
 * stopped before announcing) to the staff who were on duty when each was raised. Row locks make
 * each go out once however many servers sweep.
 */
export async function announcePendingAlerts(db: Database, now = new Date()): Promise<number[]> {
	if (!hasLivePublisher()) return [];
	const announced = await db.transaction(async (tx) => {
		const pending = await tx
			.select({ id: safeguardingAlerts.id })
			.from(safeguardingAlerts)
			.where(isNull(safeguardingAlerts.announcedAt))
			.orderBy(safeguardingAlerts.id)
			.limit(50)
			.for('update', { skipLocked: true });
		if (pending.length === 0) return [];
		const ids = pending.map((p) => p.id);
		await tx
			.update(safeguardingAlerts)
			.set({ announcedAt: now })
			.where(inArray(safeguardingAlerts.id, ids));
		return ids;
	});
	for (const alertId of announced) {
		const stored = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.kind, 'alert'), eq(notifications.link, alertLink(alertId))));
		await publishNewAlert(db, alertId, stored);
	}
	return announced;
}

export function alertTitle(level: AlertLevel, username: string | null): string {
	const who = username ?? 'someone';
	return level === 'imminent'
		? `Urgent: ${who} may be in immediate danger`
		: level === 'high'
			? `${who} may be at risk`
			: `Concern about ${who}`;
}

const claimer = sql<
	string | null
>`(select username from users where users.id = ${safeguardingAlerts.claimedById})`;

function viewColumns() {
	return {
		id: safeguardingAlerts.id,
		level: safeguardingAlerts.level,
		source: safeguardingAlerts.source,
		categories: safeguardingAlerts.categories,
		reasons: safeguardingAlerts.reasons,
		subjectUsername: safeguardingAlerts.subjectUsername,
		note: safeguardingAlerts.note,
		evidenceText: evidenceSnapshots.text,
		status: safeguardingAlerts.status,
		claimedBy: claimer,
		escalatedAt: safeguardingAlerts.escalatedAt,
		caseId: safeguardingAlerts.caseId,
		createdAt: safeguardingAlerts.createdAt
	};
}

type ViewRow = { escalatedAt: Date | null; createdAt: Date } & Omit<
	AlertView,
	'escalated' | 'createdAt'
>;

function toView({ escalatedAt, createdAt, ...row }: ViewRow): AlertView {
	return { ...row, escalated: escalatedAt !== null, createdAt: createdAt.toISOString() };
}

async function alertView(db: Database, id: number): Promise<AlertView> {
	const [row] = await db
		.select(viewColumns())
		.from(safeguardingAlerts)
		.innerJoin(evidenceSnapshots, eq(evidenceSnapshots.id, safeguardingAlerts.evidenceId))
		.where(eq(safeguardingAlerts.id, id));
	if (!row) throw new NotFoundError('That alert does not exist.');
	return toView(row as ViewRow);
}

/** Open and claimed alerts first (most urgent, oldest first), then the latest resolved ones. */
export async function listAlerts(db: Database, actor: Actor): Promise<AlertView[]> {
	authorise(actor, 'safeguarding.see_alerts', 'Only staff can see safeguarding alerts.');
	const active = await db
		.select(viewColumns())
		.from(safeguardingAlerts)
		.innerJoin(evidenceSnapshots, eq(evidenceSnapshots.id, safeguardingAlerts.evidenceId))
		.where(inArray(safeguardingAlerts.status, ['open', 'claimed']))
		.orderBy(
			sql`case ${safeguardingAlerts.level} when 'imminent' then 0 when 'high' then 1 else 2 end`,
			safeguardingAlerts.createdAt
		);
	const resolved = await db
		.select(viewColumns())
		.from(safeguardingAlerts)
		.innerJoin(evidenceSnapshots, eq(evidenceSnapshots.id, safeguardingAlerts.evidenceId))
		.where(eq(safeguardingAlerts.status, 'resolved'))
		.orderBy(desc(safeguardingAlerts.resolvedAt))
		.limit(20);
	return [...active, ...resolved].map((r) => toView(r as ViewRow));
}

export async function openAlertCount(db: Database): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(safeguardingAlerts)
		.where(eq(safeguardingAlerts.status, 'open'));
	return row?.n ?? 0;
}

/** One worker takes it on, so one person reaches out. The second to try is told who has it. */
export async function claimAlert(
	db: Database,
	actor: Actor,
	alertId: number,
	now = new Date()
): Promise<void> {
	authorise(actor, 'safeguarding.see_alerts', 'Only staff can claim safeguarding alerts.');
	await db.transaction(async (tx) => {
		const [claimed] = await tx
			.update(safeguardingAlerts)
			.set({ status: 'claimed', claimedById: actor.id, claimedAt: now })
			.where(and(eq(safeguardingAlerts.id, alertId), eq(safeguardingAlerts.status, 'open')))
			.returning({ id: safeguardingAlerts.id });
		if (!claimed) {
			const [row] = await tx
				.select({ status: safeguardingAlerts.status, by: users.username })
				.from(safeguardingAlerts)
				.leftJoin(users, eq(users.id, safeguardingAlerts.claimedById))
				.where(eq(safeguardingAlerts.id, alertId));
			if (!row) throw new NotFoundError('That alert does not exist.');
			throw new ValidationError({
				alert:
					row.status === 'resolved'
						? `This alert has already been resolved${row.by ? ` by ${row.by}` : ''}.`
						: row.by
							? `${row.by} has already claimed this alert.`
							: 'This alert has already been dealt with.'
			});
		}
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'alert.claim',
			targetType: 'alert',
			targetId: alertId
		});
	});
	publisher().publish('staff', 'alert:changed', { id: alertId });
}

export async function resolveAlert(
	db: Database,
	actor: Actor,
	alertId: number,
	resolution: string,
	now = new Date()
): Promise<void> {
	authorise(actor, 'safeguarding.see_alerts', 'Only staff can resolve safeguarding alerts.');
	const text = resolution.trim();
	if (text.length < 3)
		throw new ValidationError({ resolution: 'Say briefly what was done (staff see this).' });
	if (text.length > 2000)
		throw new ValidationError({ resolution: 'Keep this under 2,000 characters.' });
	await db.transaction(async (tx) => {
		const [row] = await tx
			.update(safeguardingAlerts)
			.set({ status: 'resolved', resolvedAt: now, resolution: text })
			.where(
				and(
					eq(safeguardingAlerts.id, alertId),
					eq(safeguardingAlerts.status, 'claimed'),
					eq(safeguardingAlerts.claimedById, actor.id)
				)
			)
			.returning({ id: safeguardingAlerts.id });
		if (!row)
			throw new ValidationError({
				resolution: 'Only the worker who claimed this alert can resolve it. Claim it first.'
			});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'alert.resolve',
			targetType: 'alert',
			targetId: alertId,
			details: { resolution: text }
		});
	});
	publisher().publish('staff', 'alert:changed', { id: alertId });
}
