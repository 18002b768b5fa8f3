/**
 * Safeguarding cases: owned by the safeguarding leads, visible only to them, admins and the
 * assigned worker (anyone else gets "not found", never "forbidden", so a guessed URL reveals
 * nothing). The chronology is append-only; viewing a case is itself audited.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import {
	caseEntries,
	evidenceSnapshots,
	safeguardingAlerts,
	safeguardingCases,
	users,
	CASE_STATUSES,
	type CaseStatus
} from '../db/schema';
import { recordAudit } from '../audit/record';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, can, type Actor } from '../policy';
import { publisher } from '../realtime/publisher';
import { pushNotifications, storeNotifications } from '../notifications/notify';

const NOT_FOUND = 'We could not find that case.';

/** Which cases this person may see at all. */
function visibleTo(actor: Actor): SQL | undefined {
	if (can(actor, 'safeguarding.see_all_cases')) return undefined;
	return eq(safeguardingCases.assigneeId, actor.id);
}

async function loadVisibleCase(db: Database, actor: Actor, caseId: number) {
	if (!can(actor, 'safeguarding.open_case') && !can(actor, 'safeguarding.see_all_cases'))
		throw new NotFoundError(NOT_FOUND);
	if (!Number.isInteger(caseId) || caseId <= 0 || caseId > 2_147_483_647)
		throw new NotFoundError(NOT_FOUND);
	const filter = visibleTo(actor);
	const [row] = await db
		.select()
		.from(safeguardingCases)
		.where(
			filter ? and(eq(safeguardingCases.id, caseId), filter) : eq(safeguardingCases.id, caseId)
		);
	if (!row) throw new NotFoundError(NOT_FOUND);
	return row;
}

const openCaseSchema = z.object({
	alertId: z.number().int().positive(),
	summary: z
		.string()
		.trim()
		.min(5, 'Write a short summary of the concern.')
		.max(2000, 'Keep the summary under 2,000 characters.')
});

/** Opens a case from an alert, carrying its evidence and linking the two. */
export async function openCaseFromAlert(
	db: Database,
	actor: Actor,
	input: z.input<typeof openCaseSchema>
): Promise<number> {
	const data = parseOrThrow(openCaseSchema, input);
	authorise(actor, 'safeguarding.open_case', 'Only safeguarding staff can open cases.');
	const caseId = await db.transaction(async (tx) => {
		const [alert] = await tx
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.id, data.alertId))
			.for('update');
		if (!alert) throw new NotFoundError('That alert does not exist.');
		if (alert.caseId)
			throw new ValidationError({
				alert: `A case is already open for this alert (case ${alert.caseId}).`
			});
		const [opened] = await tx
			.insert(safeguardingCases)
			.values({
				subjectUserId: alert.subjectUserId,
				subjectUsername: alert.subjectUsername ?? 'unknown',
				level: alert.level,
				categories: alert.categories,
				openedById: actor.id,
				// A youth worker who opens a case is its first assignee; a lead may reassign.
				assigneeId: actor.id,
				summary: data.summary
			})
			.returning();
		await tx.insert(caseEntries).values([
			{
				caseId: opened.id,
				authorId: actor.id,
				kind: 'note',
				body: data.summary,
				details: { opened: true, fromAlert: alert.id }
			},
			{
				caseId: opened.id,
				authorId: actor.id,
				kind: 'evidence',
				body: 'Evidence carried over from the alert.',
				evidenceId: alert.evidenceId
			}
		]);
		await tx
			.update(safeguardingAlerts)
			.set({ caseId: opened.id })
			.where(eq(safeguardingAlerts.id, alert.id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'case.open',
			targetType: 'case',
			targetId: opened.id,
			details: { alertId: alert.id }
		});
		return opened.id;
	});
	// Staff watching the alert list see that a case now exists for it.
	publisher().publish('staff', 'alert:changed', { id: data.alertId });
	return caseId;
}

export async function listCases(db: Database, actor: Actor) {
	if (!can(actor, 'safeguarding.open_case') && !can(actor, 'safeguarding.see_all_cases')) return [];
	const filter = visibleTo(actor);
	const query = db
		.select({
			id: safeguardingCases.id,
			subjectUsername: safeguardingCases.subjectUsername,
			level: safeguardingCases.level,
			status: safeguardingCases.status,
			categories: safeguardingCases.categories,
			assignee: users.username,
			openedAt: safeguardingCases.openedAt
		})
		.from(safeguardingCases)
		.leftJoin(users, eq(users.id, safeguardingCases.assigneeId));
	// Live cases first (newest first), closed ones after.
	return (filter ? query.where(filter) : query).orderBy(
		sql`${safeguardingCases.status} = 'closed'`,
		desc(safeguardingCases.openedAt)
	);
}

/** The case with its chronology and evidence. Audited: who looked, and when. */
export async function viewCase(db: Database, actor: Actor, caseId: number) {
	const row = await loadVisibleCase(db, actor, caseId);
	await recordAudit(db, {
		actorId: actor.id,
		action: 'case.view',
		targetType: 'case',
		targetId: caseId
	});
	const entries = await db
		.select({
			id: caseEntries.id,
			kind: caseEntries.kind,
			body: caseEntries.body,
			details: caseEntries.details,
			createdAt: caseEntries.createdAt,
			author: users.username,
			evidenceText: evidenceSnapshots.text,
			evidenceType: evidenceSnapshots.contentType,
			evidenceCapturedAt: evidenceSnapshots.capturedAt
		})
		.from(caseEntries)
		.leftJoin(users, eq(users.id, caseEntries.authorId))
		.leftJoin(evidenceSnapshots, eq(evidenceSnapshots.id, caseEntries.evidenceId))
		.where(eq(caseEntries.caseId, caseId))
		.orderBy(asc(caseEntries.createdAt), asc(caseEntries.id));
	const [assignee] = row.assigneeId
		? await db.select({ username: users.username }).from(users).where(eq(users.id, row.assigneeId))
		: [];
	return { ...row, assignee: assignee?.username ?? null, entries };
}

const entrySchema = z.discriminatedUnion('kind', [
	z.object({
		kind: z.enum(['note', 'action', 'contact']),
		body: z
			.string()
			.trim()
			.min(2, 'Write what happened.')
			.max(5000, 'Keep this under 5,000 characters.')
	}),
	z.object({
		kind: z.literal('referral'),
		body: z.string().trim().max(5000, 'Keep this under 5,000 characters.').default(''),
		agency: z.string().trim().min(2, 'Name the agency referred to.').max(200),
		referredOn: z
			.string()
			.regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter the date of the referral.')
			.refine((d) => {
				const day = new Date(`${d}T00:00:00Z`);
				return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === d;
			}, 'Enter a real date, for example 2025-03-27.'),
		reference: z.string().trim().max(100, 'Keep the reference under 100 characters.').default('')
	})
]);

export type CaseEntryInput = z.input<typeof entrySchema>;

export async function addCaseEntry(
	db: Database,
	actor: Actor,
	caseId: number,
	input: CaseEntryInput
): Promise<void> {
	const data = parseOrThrow(entrySchema, input);
	await db.transaction(async (tx) => {
		const row = await loadVisibleCase(tx as unknown as Database, actor, caseId);
		authorise(actor, 'safeguarding.open_case', 'Only safeguarding staff add to a case.');
		if (data.kind === 'referral')
			authorise(actor, 'safeguarding.refer', 'Only safeguarding leads record external referrals.');
		if (row.status === 'closed')
			throw new ValidationError({
				body: 'This case is closed. Reopen it to add to the chronology.'
			});
		const details =
			data.kind === 'referral'
				? { agency: data.agency, referredOn: data.referredOn, reference: data.reference }
				: {};
		const body = data.kind === 'referral' ? data.body || `Referred to ${data.agency}` : data.body;
		await tx
			.insert(caseEntries)
			.values({ caseId, authorId: actor.id, kind: data.kind, body, details });
		if (data.kind === 'referral' && row.status !== 'referred') {
			await tx
				.update(safeguardingCases)
				.set({ status: 'referred' })
				.where(eq(safeguardingCases.id, caseId));
			await tx.insert(caseEntries).values({
				caseId,
				authorId: actor.id,
				kind: 'status_change',
				body: `Status: ${row.status} → referred`,
				details: { from: row.status, to: 'referred' }
			});
		}
		await recordAudit(tx, {
			actorId: actor.id,
			action: `case.${data.kind}`,
			targetType: 'case',
			targetId: caseId
		});
	});
}

export async function changeCaseStatus(
	db: Database,
	actor: Actor,
	caseId: number,
	status: string
): Promise<void> {
	const next = parseOrThrow(
		z.enum(CASE_STATUSES, { message: 'Choose a status from the list.' }),
		status
	) as CaseStatus;
	if (next === 'closed')
		authorise(actor, 'safeguarding.close_case', 'Only safeguarding leads close cases.');
	await db.transaction(async (tx) => {
		const row = await loadVisibleCase(tx as unknown as Database, actor, caseId);
		authorise(actor, 'safeguarding.open_case', 'Only safeguarding staff change a case.');
		if (row.status === next) return;
		if (row.status === 'closed')
			authorise(actor, 'safeguarding.close_case', 'Only safeguarding leads reopen cases.');
		await tx
			.update(safeguardingCases)
			.set({ status: next, closedAt: next === 'closed' ? new Date() : null })
			.where(eq(safeguardingCases.id, caseId));
		await tx.insert(caseEntries).values({
			caseId,
			authorId: actor.id,
			kind: 'status_change',
			body: `Status: ${row.status} → ${next}`,
			details: { from: row.status, to: next }
		});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'case.status',
			targetType: 'case',
			targetId: caseId,
			details: { from: row.status, to: next }
		});
	});
}

export async function assignCase(
	db: Database,
	actor: Actor,
	caseId: number,
	assigneeId: number
): Promise<void> {
	authorise(actor, 'safeguarding.assign', 'Only safeguarding leads assign cases.');
	const told = await db.transaction(async (tx) => {
		const row = await loadVisibleCase(tx as unknown as Database, actor, caseId);
		const [assignee] = await tx
			.select({ id: users.id, username: users.username, roles: users.roles })
			.from(users)
			.where(eq(users.id, assigneeId));
		if (
			!assignee ||
			!assignee.roles.some((r) => r === 'youth_worker' || r === 'safeguarding_lead')
		) {
			throw new ValidationError({
				assigneeId: 'Cases can be assigned to youth workers and safeguarding leads only.'
			});
		}
		await tx.update(safeguardingCases).set({ assigneeId }).where(eq(safeguardingCases.id, caseId));
		await tx.insert(caseEntries).values({
			caseId,
			authorId: actor.id,
			kind: 'assignment',
			body: `Assigned to ${assignee.username}`,
			details: { from: row.assigneeId, to: assigneeId }
		});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'case.assign',
			targetType: 'case',
			targetId: caseId,
			details: { to: assigneeId }
		});
		if (assigneeId === actor.id) return [];
		return storeNotifications(tx, [assigneeId], {
			kind: 'case_assigned',
			title: `You have been assigned safeguarding case ${caseId}`,
			link: `/safeguarding/${caseId}`
		});
	});
	pushNotifications(told);
}

/** Staff a case can be assigned to. */
export async function assignableStaff(db: Database) {
	return db
		.select({ id: users.id, username: users.username })
		.from(users)
		.where(sql`${users.roles} && array['youth_worker','safeguarding_lead']::text[]`)
		.orderBy(asc(users.username));
}
