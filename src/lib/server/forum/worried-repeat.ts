/**
 * "I'm worried about this person" from someone who has already reported the same thing (the same
 * post or chat message, or the same member while that report is open). A repeat is otherwise accepted quietly,
 * but a worry must always reach a youth worker: the earlier report becomes "worried" (its note
 * kept, the new one added), reopens if a youth worker had reviewed it, and raises the alert a
 * first worried report would, unless this reporter's worry about it already has an alert that
 * is still open or claimed (staff have it: one alert, not two).
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { evidenceSnapshots, safeguardingAlerts, type ReportReason } from '../db/schema';
import { REPORT_NOTE_MAX } from '../../forum';

/** The earlier report by the same person, as stored. */
export interface EarlierReport {
	reason: ReportReason;
	note: string | null;
	reviewedAt: Date | null;
}

/** What to do about it: the columns to set, and whether to raise the alert. */
export interface WorriedRepeat {
	set: { reason: 'worried'; note: string | null; reviewedAt: null; reviewedById: null };
	/** The earlier reason (audited). */
	was: ReportReason;
	/** A youth worker had reviewed it; it is open again. */
	reopened: boolean;
	raiseAlert: boolean;
}

/**
 * Null when nothing changes: already a worried, open report whose alert is still open (the
 * repeat is then accepted quietly, as any other repeat).
 */
export function worriedRepeat(
	earlier: EarlierReport,
	note: string,
	alertOpen: boolean
): WorriedRepeat | null {
	const reopened = earlier.reviewedAt !== null;
	if (earlier.reason === 'worried' && !reopened && alertOpen) return null;
	return {
		set: {
			reason: 'worried',
			note: joinNotes(earlier.note, note),
			reviewedAt: null,
			reviewedById: null
		},
		was: earlier.reason,
		reopened,
		raiseAlert: !alertOpen
	};
}

const LATER = ' — later: ';

/** The earlier note, then the new one; the earlier is shortened if both will not fit. */
export function joinNotes(earlier: string | null, later: string): string | null {
	if (!later) return earlier;
	if (!earlier) return later;
	const room = REPORT_NOTE_MAX - LATER.length - later.length;
	if (room <= 1) return later;
	const kept = earlier.length <= room ? earlier : `${earlier.slice(0, room - 1)}…`;
	return `${kept}${LATER}${later}`;
}

/**
 * Whether this reporter already has an open (or claimed) worried alert: about this post or chat
 * message, or, for a report of a member, about that member at all.
 */
export async function hasOpenWorriedAlert(
	tx: Pick<Database, 'select'>,
	reporterId: number,
	about: { postId: number } | { messageId: number } | { memberId: number }
): Promise<boolean> {
	const [row] = await tx
		.select({ one: sql`1` })
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
		.limit(1);
	return row !== undefined;
}
