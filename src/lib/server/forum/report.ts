/**
 * Reporting a post: any member may report a published post by someone else, once (a repeat is
 * accepted quietly, unless it is now "I'm worried about this person": worried-repeat.ts).
 * "I'm worried about this person" raises a safeguarding alert with the post's words as evidence,
 * also about a post hidden since the reporter saw it (assertReportable);
 * when enough different members have reported a post (setting `autoHideReports`) it is hidden
 * pending review by a youth worker (/mod). The note is screened for the reporter's own safety
 * (report-note.ts). The reporter is thanked and never told the outcome; the author never learns
 * who reported.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import {
	forumPosts,
	forumReports,
	forumThreads,
	REPORT_REASONS,
	type ContentStatus,
	type ForumPost,
	type ReportReason
} from '../db/schema';
import { tidyText } from '../content/limits';
import { NotFoundError, parseOrThrow } from '../errors';
import { storeNotifications } from '../notifications/notify';
import { authorise, NotAllowedError } from '../policy';
import { raiseAlert } from '../safeguarding/alerts';
import { getSettings } from '../settings';
import { assertCanReadThread, POST_NOT_FOUND } from './access';
import { announceForumWrite } from './effects';
import { loadPostWithThread } from './load';
import { postEvidence, type RaisedAlert } from './post-safety';
import { raiseAlertForReportNote, reportNotePanel, screenReportNote } from './report-note';
import type { CrisisPanelData } from '../signposting/crisis-panel';
import { repeatDetails, worriedAgain } from './worried-repeat';
import { REPORT_NOTE_MAX } from '../../forum';

/** `hidden_reason` on a post hidden by members' reports (not yet by a youth worker). */
export const REPORTED_REASON = 'reported';

export const REPORT_THANKS =
	'Thank you for telling us. A youth worker will look at it. You will not hear back, and nobody is told who reported it.';

const CHOOSE_REASON = 'Choose why you are reporting this post.';

/** A report's reason (one of the offered ones) and its note (required for "something else"). */
export function reportReasonFields(chooseReason: string) {
	return {
		reason: z
			.string({ message: chooseReason })
			.pipe(z.enum(REPORT_REASONS, { message: chooseReason })),
		note: z
			.string()
			.optional()
			.transform((v) => (v === undefined ? '' : tidyText(v).replace(/\s+/g, ' ').trim()))
			.pipe(
				z.string().max(REPORT_NOTE_MAX, `Keep your note to ${REPORT_NOTE_MAX} characters or fewer.`)
			)
	};
}

const reportSchema = z
	.object({
		postId: z.number().int().positive().max(2_147_483_647),
		...reportReasonFields(CHOOSE_REASON)
	})
	.refine((r) => r.reason !== 'other' || r.note.length > 0, {
		message: 'Tell us a little about what is wrong with this post.',
		path: ['note']
	});

export type ReportInput = z.input<typeof reportSchema>;

/**
 * "I'm worried about this person", about a post's author (from a report of the post or of the
 * member): a high safeguarding alert, with the post's words snapshotted as evidence. Inside the
 * report's transaction; announce the returned alert after commit.
 */
export async function raiseWorriedAlert(
	tx: Database,
	{
		post,
		thread,
		authorUsername,
		reporterId,
		note
	}: {
		post: Pick<ForumPost, 'id' | 'authorId' | 'body' | 'threadTitle'>;
		thread: { id: number; title: string; categoryName: string };
		authorUsername: string | null;
		reporterId: number;
		note: string;
	}
): Promise<RaisedAlert> {
	return raiseAlert(tx, {
		level: 'high',
		source: 'report',
		reasons: ['a member is worried about this person'],
		subject: { id: post.authorId, username: authorUsername },
		raisedById: reporterId,
		note: note || undefined,
		evidence: postEvidence(post, thread)
	});
}

export interface ReportResult {
	message: string;
	/** When the reporter's own note shows they may not be safe (report-note.ts). */
	crisisPanel: CrisisPanelData | null;
}

export async function reportPost(
	db: Database,
	actor: CurrentUser,
	input: ReportInput
): Promise<ReportResult> {
	const { postId, reason, note } = parseOrThrow(reportSchema, input);
	const { post, thread, authorUsername } = await loadPostWithThread(db, postId);
	assertReportable(actor, post, thread, reason);
	if (post.authorId === actor.id) throw new NotAllowedError('You cannot report your own post.');
	authorise(actor, 'content.report', 'Please sign in to report a post.');
	const screened = await screenReportNote(db, actor, note);
	const { autoHideReports } = await getSettings(db);
	const opening = post.threadTitle !== null;
	const now = new Date();

	const written = await db.transaction(async (tx) => {
		// One report at a time per post, so the count that hides it is never missed.
		await tx
			.select({ id: forumPosts.id })
			.from(forumPosts)
			.where(eq(forumPosts.id, post.id))
			.for('update');
		const noteAlert = await raiseAlertForReportNote(tx as unknown as Database, screened, {
			reporter: actor,
			note,
			about: 'post',
			post,
			thread
		});
		const [inserted] = await tx
			.insert(forumReports)
			.values({
				postId: post.id,
				reporterId: actor.id,
				reason,
				note: note || null,
				createdAt: now
			})
			.onConflictDoNothing()
			.returning({ id: forumReports.id });
		// Reported before by this person: accepted quietly, unless they are now worried.
		const repeat = inserted
			? null
			: await worriedAgain(
					tx as unknown as Database,
					{
						table: forumReports,
						mine: and(eq(forumReports.postId, post.id), eq(forumReports.reporterId, actor.id))
					},
					actor.id,
					{ postId: post.id },
					{ reason, note }
				);
		const addedNote = repeat?.addedNote ?? null;
		if (!inserted && !repeat)
			return {
				reported: false,
				alerts: [noteAlert],
				addedNote,
				hidden: false,
				notifications: []
			};
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'forum.post.report',
			targetType: 'forum_post',
			targetId: post.id,
			details: {
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

		const [open] = await tx
			.select({ n: count() })
			.from(forumReports)
			.where(and(eq(forumReports.postId, post.id), isNull(forumReports.reviewedAt)));
		let hidden = false;
		let told: Awaited<ReturnType<typeof storeNotifications>> = [];
		if (open.n >= autoHideReports) {
			const [row] = await tx
				.update(forumPosts)
				.set({ status: 'hidden', hiddenReason: REPORTED_REASON })
				.where(and(eq(forumPosts.id, post.id), eq(forumPosts.status, 'published')))
				.returning({ id: forumPosts.id });
			hidden = row !== undefined;
			if (hidden) {
				if (opening)
					await tx
						.update(forumThreads)
						.set({ status: 'hidden' })
						.where(eq(forumThreads.id, thread.id));
				await recordAudit(tx, {
					actorId: null,
					action: 'forum.post.auto_hide',
					targetType: 'forum_post',
					targetId: post.id,
					details: { threadId: thread.id, authorId: post.authorId, reports: open.n }
				});
				told =
					post.authorId === null
						? []
						: await storeNotifications(tx, [post.authorId], {
								kind: 'forum_hidden',
								title: `Your post in “${thread.title}” is hidden while a youth worker looks at it.`
							});
			}
		}
		return { reported: true, alerts: [noteAlert, alert], addedNote, hidden, notifications: told };
	});

	await announceForumWrite(db, {
		alert: written.alerts,
		alertNote: written.addedNote,
		changed: written.hidden
			? {
					threadId: thread.id,
					postId: post.id,
					authorId: post.authorId,
					wasPublic: thread.status === 'published'
				}
			: undefined,
		notifications: written.notifications,
		queueChanged: written.reported
	});
	return { message: REPORT_THANKS, crisisPanel: await reportNotePanel(db, screened) };
}

/**
 * Whether this person may report this post for this reason (else "not found", as for any post they
 * cannot see): one published in a conversation they can read; or, when they are worried about its
 * author, one that was published there and has been hidden since (by members' reports or a youth
 * worker, perhaps while they had it open), since a worry must always reach a youth worker. They
 * are thanked either way and learn nothing about the post's state. Held and removed posts, and
 * conversations never published, stay "not found".
 */
export function assertReportable(
	actor: CurrentUser,
	post: Pick<ForumPost, 'status' | 'publishedAt'>,
	thread: { status: ContentStatus; authorId: number | null },
	reason: ReportReason
): void {
	const seenBeforeHidden =
		reason === 'worried' &&
		post.publishedAt !== null &&
		(post.status === 'published' || post.status === 'hidden') &&
		(thread.status === 'published' || thread.status === 'hidden');
	if (seenBeforeHidden) return;
	assertCanReadThread(actor, thread);
	if (post.status !== 'published') throw new NotFoundError(POST_NOT_FOUND);
}

/** What the report page shows about the post being reported: only one this person may report. */
export interface ReportablePost {
	postId: number;
	threadId: number;
	threadTitle: string;
	author: { username: string; known: boolean };
	html: string;
	contentWarning: string | null;
}

export async function loadReportablePost(
	db: Database,
	actor: CurrentUser,
	postId: number
): Promise<ReportablePost> {
	const { post, thread, authorUsername } = await loadPostWithThread(db, postId);
	assertCanReadThread(actor, thread);
	if (post.status !== 'published') throw new NotFoundError(POST_NOT_FOUND);
	if (post.authorId === actor.id) throw new NotAllowedError('You cannot report your own post.');
	return {
		postId: post.id,
		threadId: thread.id,
		threadTitle: thread.title,
		author: { username: authorUsername ?? 'Former member', known: post.authorId !== null },
		html: post.html,
		contentWarning: post.contentWarning
	};
}
