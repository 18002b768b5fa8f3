/**
 * Who is on duty now, and when staff are next around. Drives who an alert goes to first, and
 * what young people are told ("a youth worker has been told" only when someone is on duty).
 */
import { and, asc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { dutySessions, dutyShifts, users } from '../db/schema';
import { recordAudit } from '../audit/record';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';
import { publisher } from '../realtime/publisher';
import { typedText } from '../content/limits';

export async function goOnDuty(db: Database, actor: Actor, now = new Date()): Promise<void> {
	authorise(actor, 'duty.go_on', 'Only youth workers and safeguarding leads go on duty.');
	const changed = await db.transaction(async (tx) => {
		const open = await tx
			.select({ id: dutySessions.id })
			.from(dutySessions)
			.where(and(eq(dutySessions.userId, actor.id), isNull(dutySessions.endedAt)));
		if (open.length) return false;
		await tx.insert(dutySessions).values({ userId: actor.id, startedAt: now });
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'duty.on',
			targetType: 'user',
			targetId: actor.id
		});
		return true;
	});
	if (changed) publisher().publish('staff', 'duty:changed', { userId: actor.id, onDuty: true });
}

export async function goOffDuty(db: Database, actor: Actor, now = new Date()): Promise<void> {
	authorise(actor, 'duty.go_on', 'Only youth workers and safeguarding leads go on duty.');
	const ended = await db.transaction(async (tx) => {
		const rows = await tx
			.update(dutySessions)
			.set({ endedAt: now })
			.where(and(eq(dutySessions.userId, actor.id), isNull(dutySessions.endedAt)))
			.returning({ id: dutySessions.id });
		if (rows.length)
			await recordAudit(tx, {
				actorId: actor.id,
				action: 'duty.off',
				targetType: 'user',
				targetId: actor.id
			});
		return rows.length > 0;
	});
	if (ended) publisher().publish('staff', 'duty:changed', { userId: actor.id, onDuty: false });
}

/**
 * Staff on duty right now: not suspended, and still holding a role that goes on duty (someone
 * whose role was taken away while on duty must not go on receiving alerts).
 */
export async function onDutyNow(
	db: Database,
	now = new Date()
): Promise<{ id: number; username: string }[]> {
	return db
		.selectDistinct({ id: users.id, username: users.username })
		.from(dutySessions)
		.innerJoin(users, eq(users.id, dutySessions.userId))
		.where(
			and(
				isNull(dutySessions.endedAt),
				sql`${users.roles} && array['youth_worker','safeguarding_lead']::text[]`,
				// Through the column, so the date is sent as a timestamp on every driver.
				or(isNull(users.suspendedUntil), lte(users.suspendedUntil, now))
			)
		)
		.orderBy(users.username);
}

export async function isOnDuty(db: Database, userId: number): Promise<boolean> {
	const rows = await db
		.select({ id: dutySessions.id })
		.from(dutySessions)
		.where(and(eq(dutySessions.userId, userId), isNull(dutySessions.endedAt)));
	return rows.length > 0;
}

export interface StaffAvailability {
	onDuty: boolean;
	/** When a planned shift next starts, if nobody is on duty. */
	nextShiftAt: Date | null;
}

export async function staffAvailability(
	db: Database,
	now = new Date()
): Promise<StaffAvailability> {
	const onDuty = (await onDutyNow(db, now)).length > 0;
	if (onDuty) return { onDuty, nextShiftAt: null };
	const [next] = await db
		.select({ startsAt: dutyShifts.startsAt })
		.from(dutyShifts)
		.where(gt(dutyShifts.endsAt, now))
		.orderBy(asc(dutyShifts.startsAt))
		.limit(1);
	return { onDuty, nextShiftAt: next ? (next.startsAt > now ? next.startsAt : now) : null };
}

const shiftSchema = z
	.object({
		userId: z.number().int().positive(),
		startsAt: z.date({ message: 'Enter when the shift starts.' }),
		endsAt: z.date({ message: 'Enter when the shift ends.' }),
		note: typedText().pipe(z.string().max(200, 'Keep the note under 200 characters.')).optional()
	})
	.refine((s) => s.endsAt > s.startsAt, {
		message: 'The shift must end after it starts.',
		path: ['endsAt']
	})
	.refine((s) => s.endsAt.getTime() - s.startsAt.getTime() <= 24 * 3_600_000, {
		message: 'A shift can be at most 24 hours.',
		path: ['endsAt']
	});

export async function planShift(db: Database, actor: Actor, input: z.input<typeof shiftSchema>) {
	const data = parseOrThrow(shiftSchema, input);
	authorise(actor, 'duty.go_on', 'Only youth workers and safeguarding leads plan shifts.');
	const [worker] = await db
		.select({ roles: users.roles })
		.from(users)
		.where(eq(users.id, data.userId));
	if (!worker || !worker.roles.some((r) => r === 'youth_worker' || r === 'safeguarding_lead')) {
		throw new ValidationError({ userId: 'Shifts are for youth workers and safeguarding leads.' });
	}
	return db.transaction(async (tx) => {
		const [shift] = await tx
			.insert(dutyShifts)
			.values({ ...data, createdById: actor.id })
			.returning();
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'duty.plan_shift',
			targetType: 'duty_shift',
			targetId: shift.id,
			details: {
				userId: data.userId,
				startsAt: data.startsAt.toISOString(),
				endsAt: data.endsAt.toISOString()
			}
		});
		return shift;
	});
}

export async function upcomingShifts(db: Database, now = new Date(), days = 14) {
	return db
		.select({
			id: dutyShifts.id,
			startsAt: dutyShifts.startsAt,
			endsAt: dutyShifts.endsAt,
			note: dutyShifts.note,
			username: users.username
		})
		.from(dutyShifts)
		.innerJoin(users, eq(users.id, dutyShifts.userId))
		.where(
			and(
				gt(dutyShifts.endsAt, now),
				lte(dutyShifts.startsAt, new Date(now.getTime() + days * 86_400_000))
			)
		)
		.orderBy(asc(dutyShifts.startsAt));
}
