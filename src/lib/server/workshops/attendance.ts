/**
 * Recognition: who came to an idea session (from when they joined and last left) and whether
 * they contributed (wrote an idea or a comment, whatever became of it), for involvement payments
 * or vouchers; and a member's own certificate of the sessions they took part in.
 */
import { and, asc, eq, isNotNull, sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { users, workshopParticipants, workshops } from '../db/schema';
import { authorise } from '../policy';
import { formatDate, formatDateTime } from '../../format';
import { ATTENDANCE_CSV_COLUMNS } from '../../workshop-outcomes';
import { csvFileName, loadWorkshopAccess, toCsv } from './results';

export interface AttendanceRow {
	userId: number;
	pseudonym: string;
	joinedAt: Date;
	leftAt: Date | null;
	ideas: number;
	comments: number;
	contributed: boolean;
}

/** Everyone who joined the session, by pseudonym: staff who run sessions. */
export async function sessionAttendance(
	db: Database,
	user: CurrentUser,
	workshopId: number
): Promise<AttendanceRow[]> {
	authorise(user, 'workshops.run', 'Only staff who run idea sessions can see who came.');
	await loadWorkshopAccess(db, user, workshopId);
	const rows = await db
		.select({
			userId: workshopParticipants.userId,
			pseudonym: users.username,
			joinedAt: workshopParticipants.joinedAt,
			leftAt: workshopParticipants.leftAt,
			ideas: sql<number>`(select count(*)::int from workshop_ideas i
				where i.workshop_id = ${workshopId} and i.author_id = ${workshopParticipants.userId})`,
			comments: sql<number>`(select count(*)::int from workshop_comments c
				join workshop_ideas i on i.id = c.idea_id
				where i.workshop_id = ${workshopId} and c.author_id = ${workshopParticipants.userId})`
		})
		.from(workshopParticipants)
		.innerJoin(users, eq(users.id, workshopParticipants.userId))
		.where(
			and(eq(workshopParticipants.workshopId, workshopId), isNotNull(workshopParticipants.joinedAt))
		)
		.orderBy(asc(users.username));
	return rows.map((row) => ({
		...row,
		joinedAt: row.joinedAt as Date,
		contributed: row.ideas + row.comments > 0
	}));
}

/**
 * Attendance as CSV (UK times): pseudonym, joined, left, contributed yes/no, ideas, comments.
 * Audited, since it lists people and leaves the site.
 */
export async function attendanceCsv(db: Database, user: CurrentUser, workshopId: number) {
	const rows = await sessionAttendance(db, user, workshopId);
	const [workshop] = await db
		.select({ id: workshops.id, title: workshops.title })
		.from(workshops)
		.where(eq(workshops.id, workshopId));
	await recordAudit(db, {
		actorId: user.id,
		action: 'workshop.attendance.export',
		targetType: 'workshop',
		targetId: workshopId,
		details: { people: rows.length }
	});
	return {
		fileName: csvFileName(workshop, 'attendance'),
		csv: toCsv([
			[...ATTENDANCE_CSV_COLUMNS],
			...rows.map((row) => [
				row.pseudonym,
				formatDateTime(row.joinedAt),
				row.leftAt ? formatDateTime(row.leftAt) : '',
				row.contributed ? 'yes' : 'no',
				row.ideas,
				row.comments
			])
		])
	};
}

export interface CertificateSession {
	id: number;
	title: string;
	partner: string;
	date: string;
	dateIso: string;
}

/** The idea sessions this person joined, most recent first, for their certificate. */
export async function sessionsTakenPart(
	db: Database,
	user: CurrentUser
): Promise<CertificateSession[]> {
	authorise(user, 'account.manage_own');
	const rows = await db
		.select({
			id: workshops.id,
			title: workshops.title,
			partner: workshops.partner,
			startsAt: workshops.startsAt
		})
		.from(workshopParticipants)
		.innerJoin(workshops, eq(workshops.id, workshopParticipants.workshopId))
		.where(
			and(
				eq(workshopParticipants.userId, user.id),
				isNotNull(workshopParticipants.joinedAt),
				sql`${workshops.phase} <> 'draft'`
			)
		)
		.orderBy(sql`${workshops.startsAt} desc`, asc(workshops.id));
	return rows.map((row) => ({
		id: row.id,
		title: row.title,
		partner: row.partner,
		date: formatDate(row.startsAt),
		dateIso: row.startsAt.toISOString()
	}));
}
