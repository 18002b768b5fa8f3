/**
 * Reporting a member (the person, not one post), from one of their posts: validate → load the
 * post (published, in a thread this person may read) → authorise → not yourself → screen the
 * note (report-note.ts: the reporter may be at risk themselves) → one open report per reporter
 * per member (a repeat is accepted quietly, unless it is now "I'm worried about this person":
 * worried-repeat.ts) → audit; "I'm worried about this person" also raises a safeguarding alert
 * exactly as a worried report of a post does (the post as evidence) → after commit the staff
 * queue hears it changed. The reporter is thanked and never told the outcome; the reported member
 * never learns who reported them. Youth workers review these in /mod.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { userReports } from '../db/schema';
import { NotFoundError, parseOrThrow } from '../errors';
import { authorise, NotAllowedError } from '../policy';
import { announceForumWrite } from './effects';
import { loadPostWithThread } from './load';
import {
	assertReportable,
	raiseWorriedAlert,
	reportReasonFields,
	type ReportResult
} from './report';
import { raiseAlertForReportNote, reportNotePanel, screenReportNote } from './report-note';
import { repeatDetails, worriedAgain } from './worried-repeat';

export const MEMBER_REPORT_THANKS =
	'Thank you for telling us. A youth worker will look into it. You will not hear back, and they are never told who reported them.';

export const MEMBER_NOT_FOUND = 'We could not find that member. Their account may have gone.';

const memberReportSchema = z
	.object({
		/** The post the report was made from: its author is the member reported. */
		postId: z.number().int().positive().max(2_147_483_647),
		...reportReasonFields('Choose why you are reporting this member.')
	})
	.refine((r) => r.reason !== 'other' || r.note.length > 0, {
		message: 'Tell us a little about what is worrying you about this member.',
		path: ['note']
	});

export type MemberReportInput = z.input<typeof memberReportSchema>;

export async function reportMember(
	db: Database,
	actor: CurrentUser,
	input: MemberReportInput
): Promise<ReportResult> {
	const { postId, reason, note } = parseOrThrow(memberReportSchema, input);
	const { post, thread, authorUsername } = await loadPostWithThread(db, postId);
	assertReportable(actor, post, thread, reason);
	if (post.authorId === null) throw new NotFoundError(MEMBER_NOT_FOUND);
	authorise(actor, 'content.report', 'Please sign in to report a member.');
	if (post.authorId === actor.id) throw new NotAllowedError('You cannot report yourself.');
	const reportedUserId = post.authorId;
	const screened = await screenReportNote(db, actor, note);

	const written = await db.transaction(async (tx) => {
		const noteAlert = await raiseAlertForReportNote(tx as unknown as Database, screened, {
			reporter: actor,
			note,
			about: 'member',
			post,
			thread
		});
		// The partial unique index allows one open report per reporter per member.
		const [inserted] = await tx
			.insert(userReports)
			.values({
				reportedUserId,
				reporterId: actor.id,
				reason,
				note: note || null,
				contextPostId: post.id
			})
			.onConflictDoNothing()
			.returning({ id: userReports.id });
		// One open already: accepted quietly, unless this person is now worried.
		const repeat = inserted
			? null
			: await worriedAgain(
					tx as unknown as Database,
					{
						table: userReports,
						mine: and(
							eq(userReports.reportedUserId, reportedUserId),
							eq(userReports.reporterId, actor.id),
							isNull(userReports.reviewedAt)
						)
					},
					actor.id,
					{ memberId: reportedUserId },
					{ reason, note }
				);
		const reportId = inserted?.id ?? repeat?.reportId;
		if (reportId === undefined) return { reported: false, alerts: [noteAlert], addedNote: null };
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.member.report',
			targetType: 'user',
			targetId: reportedUserId,
			details: {
				reportId,
				postId: post.id,
				threadId: thread.id,
				reason,
				...repeatDetails(repeat)
			}
		});
		const alert =
			reason === 'worried' && (repeat?.raiseAlert ?? true)
				? await raiseWorriedAlert(tx as unknown as Database, {
						post,
						thread,
						authorUsername,
						reporterId: actor.id,
						note: repeat ? repeat.alertNote : note
					})
				: null;
		return { reported: true, alerts: [noteAlert, alert], addedNote: repeat?.addedNote ?? null };
	});

	await announceForumWrite(db, {
		alert: written.alerts,
		alertNote: written.addedNote,
		queueChanged: written.reported
	});
	return { message: MEMBER_REPORT_THANKS, crisisPanel: await reportNotePanel(db, screened) };
}
