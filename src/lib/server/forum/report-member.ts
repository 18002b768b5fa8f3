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
import { userReports, type ReportReason } from '../db/schema';
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
import { hasOpenWorriedAlert, worriedRepeat, type WorriedRepeat } from './worried-repeat';

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
		const repeat = inserted ? null : await worriedAgain(tx, actor, reportedUserId, reason, note);
		const reportId = inserted?.id ?? repeat?.id;
		if (reportId === undefined) return { reported: false, alerts: [noteAlert] };
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
				...(repeat && { was: repeat.was })
			}
		});
		const alert =
			reason === 'worried' && (repeat?.raiseAlert ?? true)
				? await raiseWorriedAlert(tx as unknown as Database, {
						post,
						thread,
						authorUsername,
						reporterId: actor.id,
						note: repeat ? (repeat.set.note ?? '') : note
					})
				: null;
		return { reported: true, alerts: [noteAlert, alert] };
	});

	await announceForumWrite(db, { alert: written.alerts, queueChanged: written.reported });
	return { message: MEMBER_REPORT_THANKS, crisisPanel: await reportNotePanel(db, screened) };
}

/** This person's open report of this member, made "worried" if it now is (worried-repeat.ts). */
async function worriedAgain(
	tx: Pick<Database, 'select' | 'update'>,
	actor: CurrentUser,
	memberId: number,
	reason: ReportReason,
	note: string
): Promise<(WorriedRepeat & { id: number }) | null> {
	if (reason !== 'worried') return null;
	const [earlier] = await tx
		.select()
		.from(userReports)
		.where(
			and(
				eq(userReports.reportedUserId, memberId),
				eq(userReports.reporterId, actor.id),
				isNull(userReports.reviewedAt)
			)
		)
		.for('update');
	if (!earlier) return null;
	const alertOpen = await hasOpenWorriedAlert(tx, actor.id, { memberId });
	const repeat = worriedRepeat(earlier, note, alertOpen);
	if (!repeat) return null;
	await tx.update(userReports).set(repeat.set).where(eq(userReports.id, earlier.id));
	return { ...repeat, id: earlier.id };
}
