/**
 * "I'm worried about this person" from someone who has already reported the same thing (the same
 * post or chat message, or the same member while that report is open). A repeat is otherwise
 * accepted quietly, but a worry must always reach a youth worker: the earlier report becomes
 * "worried" (its note kept, the new one added), reopens if a youth worker had reviewed it, and
 * raises the alert a first worried report would; unless this reporter's worry about it already
 * has an alert that is still open or claimed. Then staff have it (one alert, not two), and what
 * the reporter says now ("they just said they have pills") is added to that alert, where whoever
 * handles it reads it. One helper for the three kinds of report (`worriedAgain`).
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import {
	chatReports,
	evidenceSnapshots,
	forumReports,
	safeguardingAlerts,
	userReports,
	type ReportReason
} from '../db/schema';
import { ADDED_LATER, addAlertNote } from '../safeguarding/alerts';
import { REPORT_NOTE_MAX } from '../../forum';

/** The earlier report by the same person, as stored. */
export interface EarlierReport {
	reason: ReportReason;
	note: string | null;
	reviewedAt: Date | null;
}

/** What to do about it. */
export interface WorriedRepeat {
	/** The report's columns to set. */
	set: { reason: 'worried'; note: string | null; reviewedAt: null; reviewedById: null };
	/** The earlier reason (audited). */
	was: ReportReason;
	/** A youth worker had reviewed it; it is open again. */
	reopened: boolean;
	/** No alert is open for this worry: raise one, with `alertNote`. */
	raiseAlert: boolean;
	/** What a new alert says: both notes, whole (an alert's note has no length limit). */
	alertNote: string;
	/** The earlier note, whole, when the report could not keep all of it beside the new one. */
	earlierNote?: string;
}

/**
 * Null when nothing changes: already a worried, open report whose alert is still open, and
 * nothing new said (the repeat is then accepted quietly, as any other repeat).
 */
export function worriedRepeat(
	earlier: EarlierReport,
	note: string,
	alertOpen: boolean
): WorriedRepeat | null {
	const reopened = earlier.reviewedAt !== null;
	if (earlier.reason === 'worried' && !reopened && alertOpen && !note) return null;
	const joined = joinNotes(earlier.note, note);
	const whole = [earlier.note, note].filter(Boolean).join(ADDED_LATER);
	return {
		set: { reason: 'worried', note: joined, reviewedAt: null, reviewedById: null },
		was: earlier.reason,
		reopened,
		raiseAlert: !alertOpen,
		alertNote: whole,
		...(earlier.note && joined !== (whole || null) && { earlierNote: earlier.note })
	};
}

/** The earlier note, then the new one; the earlier is shortened if both will not fit. */
export function joinNotes(earlier: string | null, later: string): string | null {
	if (!later) return earlier;
	if (!earlier) return later;
	const room = REPORT_NOTE_MAX - ADDED_LATER.length - later.length;
	if (room <= 1) return later;
	const kept = earlier.length <= room ? earlier : `${earlier.slice(0, room - 1)}…`;
	return `${kept}${ADDED_LATER}${later}`;
}

/** What the worry is about: a post, a chat message, or (a report of a member) the member. */
export type WorriedAbout = { postId: number } | { messageId: number } | { memberId: number };

/**
 * This reporter's open (or claimed) worried alert, newest first: about this post or chat message,
 * or, for a report of a member, about that member at all. Null when there is none.
 */
export async function openWorriedAlert(
	tx: Pick<Database, 'select'>,
	reporterId: number,
	about: WorriedAbout
): Promise<number | null> {
	const [row] = await tx
		.select({ id: safeguardingAlerts.id })
		.from(safeguardingAlerts)
		.innerJoin(evidenceSnapshots, eq(evidenceSnapshots.id, safeguardingAlerts.evidenceId))
		.where(
			and(
				eq(safeguardingAlerts.source, 'report'),
				eq(safeguardingAlerts.raisedById, reporterId),
				inArray(safeguardingAlerts.status, ['open', 'claimed']),
				'memberId' in about
					? eq(safeguardingAlerts.subjectUserId, about.memberId)
					: and(
							eq(evidenceSnapshots.contentType, 'postId' in about ? 'forum_post' : 'chat_message'),
							eq(
								evidenceSnapshots.contentId,
								String('postId' in about ? about.postId : about.messageId)
							)
						)
			)
		)
		.orderBy(sql`${safeguardingAlerts.id} desc`)
		.limit(1)
		// Nobody resolves it while the new note is added to it.
		.for('update', { of: safeguardingAlerts });
	return row?.id ?? null;
}

/** Where the earlier report is: its table, and which row is this reporter's about this. */
export interface EarlierReportRow {
	table: typeof forumReports | typeof chatReports | typeof userReports;
	mine: SQL | undefined;
}

export type WorriedAgain = WorriedRepeat & {
	reportId: number;
	/** The open alert the new note was added to: announce it after commit (announceAlertNote). */
	addedNote: Awaited<ReturnType<typeof addAlertNote>>;
};

/**
 * A repeat report by this person, now "worried" (worried-repeat.ts): the earlier report, locked,
 * made worried with both notes; the new note added to the alert still open for this worry, or
 * `raiseAlert` when there is none. Null when it is not worried, there is no earlier report, or
 * nothing changes. Inside the report's transaction.
 */
export async function worriedAgain(
	tx: Database,
	{ table, mine }: EarlierReportRow,
	reporterId: number,
	about: WorriedAbout,
	{ reason, note }: { reason: ReportReason; note: string }
): Promise<WorriedAgain | null> {
	if (reason !== 'worried') return null;
	const [earlier] = await tx
		.select({
			id: table.id,
			reason: table.reason,
			note: table.note,
			reviewedAt: table.reviewedAt
		})
		.from(table)
		.where(mine)
		.for('update');
	if (!earlier) return null;
	const alertId = await openWorriedAlert(tx, reporterId, about);
	const repeat = worriedRepeat(earlier, note, alertId !== null);
	if (!repeat) return null;
	await tx.update(table).set(repeat.set).where(eq(table.id, earlier.id));
	const addedNote =
		alertId !== null && note
			? await addAlertNote(tx, alertId, {
					actorId: reporterId,
					note,
					details: { source: 'report', reportId: earlier.id, ...about }
				})
			: null;
	// Resolved since we looked: this worry has no open alert after all.
	const raiseAlert = repeat.raiseAlert || (note !== '' && addedNote === null);
	return { ...repeat, raiseAlert, reportId: earlier.id, addedNote };
}

/** What a report's audit entry adds about a repeat that became "worried". */
export function repeatDetails(repeat: WorriedAgain | null): Record<string, unknown> {
	if (!repeat) return {};
	return {
		was: repeat.was,
		reopened: repeat.reopened,
		...(repeat.earlierNote !== undefined && { earlierNote: repeat.earlierNote }),
		...(repeat.addedNote && { noteAddedToAlert: repeat.addedNote.alertId })
	};
}
