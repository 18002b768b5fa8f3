/**
 * Reporting forum posts on a real database: a worried report raises a safeguarding alert, enough
 * different members hide a post pending review, repeats count once, and what is refused writes
 * nothing.
 */
import { and, eq } from 'drizzle-orm';
import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import {
	auditLog,
	evidenceSnapshots,
	forumPosts,
	forumReports,
	forumThreads,
	safeguardingAlerts
} from '../../src/lib/server/db/schema';
import { setUpForum } from '../support/forum';
import { recordPublished } from '../support/published';
import { rejection } from '../support/outcomes';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { loadThreadPage } from '../../src/lib/server/forum/read';
import { REPORT_THANKS, reportPost } from '../../src/lib/server/forum/report';
import { reportMember } from '../../src/lib/server/forum/report-member';
import {
	keepReportedPost,
	listReportedPosts
} from '../../src/lib/server/moderation/reported-posts';
import { FORUM_EVENTS, REPORT_NOTE_MAX } from '../../src/lib/forum';
import { claimAlert, listAlerts, resolveAlert } from '../../src/lib/server/safeguarding/alerts';
import { alertsWithEvidenceAbout } from '../support/alerts';

const { db, account, worker } = await setUpForum('report', { workerOnDuty: true });

const { published, install, uninstall } = recordPublished();
beforeEach(install);
afterEach(uninstall);

/** A thread with a reply by `author`; returns the reply's ids. */
async function replyBy(
	author: CurrentUser,
	body = 'Revision timetables are a waste of time, just wing it.'
) {
	const starter = await account();
	const thread = await createThread(db, starter, {
		categorySlug: 'mental-health',
		title: 'Feeling left out at school',
		body: 'Does anyone else sit alone at lunch?'
	});
	if (thread.status === 'blocked') throw new Error(thread.message);
	const reply = await replyToThread(db, author, { threadId: thread.threadId, body });
	if (reply.status !== 'published') throw new Error(`reply was ${reply.status}`);
	return { threadId: reply.threadId, postId: reply.postId, body };
}

const reportsOn = (postId: number) =>
	db.select().from(forumReports).where(eq(forumReports.postId, postId));

const alertsAbout = (member: CurrentUser) =>
	db.select().from(safeguardingAlerts).where(eq(safeguardingAlerts.subjectUserId, member.id));

const queueChanged = { audience: 'staff', event: FORUM_EVENTS.queueChanged, payload: {} };

describe('reporting a post', () => {
	it('raises a high alert, with the post’s words as evidence, when a member is worried', async () => {
		const author = await account();
		const reporter = await account();
		const { postId, threadId } = await replyBy(author, 'I have stopped eating, there is no point.');
		const result = await reportPost(db, reporter, { postId, reason: 'worried' });
		expect(result.message).toBe(REPORT_THANKS);

		const [alert] = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, author.id));
		expect(alert).toMatchObject({ level: 'high', source: 'report', raisedById: reporter.id });
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alert.evidenceId!));
		expect(evidence.text).toBe('I have stopped eating, there is no point.');
		expect(evidence.context).toMatchObject({ threadId });
		expect(await reportsOn(postId)).toHaveLength(1);
		// One report is not enough to hide it.
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(post.status).toBe('published');
	});

	it('hides a post from members once three different members have reported it', async () => {
		const author = await account();
		const reader = await account();
		const { postId, threadId } = await replyBy(author);
		for (const reason of ['unkind', 'unkind', 'spam'] as const) {
			const seen = await loadThreadPage(db, reader, { threadId, page: 1 });
			expect(seen.posts.map((p) => p.id)).toContain(postId);
			await reportPost(db, await account(), { postId, reason });
		}
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(post).toMatchObject({ status: 'hidden', hiddenReason: 'reported' });
		const seen = await loadThreadPage(db, reader, { threadId, page: 1 });
		expect(seen.posts.map((p) => p.id)).not.toContain(postId);
		// Watchers of the thread refetch; nobody is told who reported it.
		expect(published).toContainEqual({
			audience: `thread:${threadId}`,
			event: FORUM_EVENTS.postChanged,
			payload: { threadId, postId }
		});
		const audits = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'forum.post.auto_hide'), eq(auditLog.targetId, String(postId)))
			);
		expect(audits).toHaveLength(1);

		// In the queue with its reasons; keeping it shows it again.
		const [item] = (await listReportedPosts(db, worker)).filter((i) => i.postId === postId);
		expect(item).toMatchObject({
			hidden: true,
			reasons: [
				{ reason: 'unkind', count: 2 },
				{ reason: 'spam', count: 1 }
			]
		});
		await keepReportedPost(db, worker, { postId });
		const again = await loadThreadPage(db, reader, { threadId, page: 1 });
		expect(again.posts.map((p) => p.id)).toContain(postId);
		expect((await listReportedPosts(db, worker)).map((i) => i.postId)).not.toContain(postId);
	});

	it('counts the same member reporting twice once', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author);
		await reportPost(db, reporter, { postId, reason: 'unkind' });
		await reportPost(db, reporter, { postId, reason: 'racism' });
		await reportPost(db, reporter, { postId, reason: 'spam' });
		const reports = await reportsOn(postId);
		expect(reports).toHaveLength(1);
		expect(reports[0].reason).toBe('unkind');
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(post.status).toBe('published');
	});

	it('does not let you report your own post', async () => {
		const author = await account();
		const { postId } = await replyBy(author);
		const error = await rejection(reportPost(db, author, { postId, reason: 'spam' }));
		expect(error).toBeInstanceOf(NotAllowedError);
		expect(error.message).toBe('You cannot report your own post.');
		expect(await reportsOn(postId)).toHaveLength(0);
	});

	it('refuses “something else” without a note, clearly, and writes nothing', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author);
		const before = await db.$count(auditLog);
		published.length = 0;
		const error = await rejection(
			reportPost(db, reporter, { postId, reason: 'other', note: '   ' })
		);
		expect(error).toBeInstanceOf(ValidationError);
		expect((error as ValidationError).fieldErrors).toEqual({
			note: 'Tell us a little about what is wrong with this post.'
		});
		expect(await reportsOn(postId)).toHaveLength(0);
		expect(await db.$count(auditLog)).toBe(before);
		expect(published).toEqual([]);

		await reportPost(db, reporter, { postId, reason: 'other', note: 'Pretending to be a teacher' });
		expect(await reportsOn(postId)).toMatchObject([
			{ reason: 'other', note: 'Pretending to be a teacher' }
		]);
	});
});

describe('worried about someone I reported before', () => {
	it('raises the alert once when my earlier report of the post was “unkind”, and keeps both notes', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author, 'Whatever. Nobody would care if I disappeared.');
		await reportPost(db, reporter, { postId, reason: 'unkind', note: 'rude to me' });
		published.length = 0;

		const result = await reportPost(db, reporter, {
			postId,
			reason: 'worried',
			note: 'reading it again, I think they mean it'
		});
		expect(result.message).toBe(REPORT_THANKS);
		const alerts = await alertsAbout(author);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ level: 'high', source: 'report', raisedById: reporter.id });
		expect(alerts[0].note).toBe('rude to me — later: reading it again, I think they mean it');
		expect(await reportsOn(postId)).toMatchObject([
			{ reason: 'worried', note: 'rude to me — later: reading it again, I think they mean it' }
		]);
		const audits = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'forum.post.report'), eq(auditLog.targetId, String(postId))));
		expect(audits.map((a) => a.details)).toContainEqual(
			expect.objectContaining({ reason: 'worried', was: 'unkind', reopened: false })
		);
		expect(published).toContainEqual(queueChanged);

		// Worried again while that alert is open, with nothing new to say: staff have it already.
		published.length = 0;
		await reportPost(db, reporter, { postId, reason: 'worried' });
		expect(await alertsAbout(author)).toHaveLength(1);
		expect(await reportsOn(postId)).toHaveLength(1);
		expect(published).toEqual([]);
	});

	it('adds what I say again, while my worry’s alert is open, to that alert for whoever has it', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author, 'I am so tired of everything, honestly.');
		await reportPost(db, reporter, { postId, reason: 'worried', note: 'they seem very low' });
		const [alert] = await alertsAbout(author);
		await claimAlert(db, worker, alert.id);
		published.length = 0;

		const result = await reportPost(db, reporter, {
			postId,
			reason: 'worried',
			note: 'they just said they have pills'
		});
		expect(result.message).toBe(REPORT_THANKS);
		const both = 'they seem very low — later: they just said they have pills';
		// One alert, still claimed by the same worker, now saying what was added.
		expect(await alertsAbout(author)).toMatchObject([
			{ id: alert.id, status: 'claimed', claimedById: worker.id, note: both }
		]);
		const seen = (await listAlerts(db, worker)).find((a) => a.id === alert.id);
		expect(seen?.note).toBe(both);
		expect(await reportsOn(postId)).toMatchObject([{ reason: 'worried', note: both }]);
		// Audited on the alert and on the report.
		const onAlert = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'alert.note_added'), eq(auditLog.targetId, String(alert.id))));
		expect(onAlert).toMatchObject([
			{
				actorId: reporter.id,
				targetType: 'alert',
				details: { note: 'they just said they have pills', source: 'report', postId }
			}
		]);
		const onReport = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'forum.post.report'), eq(auditLog.targetId, String(postId))));
		expect(onReport.map((a) => a.details)).toContainEqual(
			expect.objectContaining({ reason: 'worried', was: 'worried', noteAddedToAlert: alert.id })
		);
		// Told live: staff's alert lists refetch it, and the worker who claimed it is notified.
		expect(published).toContainEqual({
			audience: 'staff',
			event: 'alert:changed',
			payload: { id: alert.id }
		});
		expect(published).toContainEqual(
			expect.objectContaining({
				audience: `user:${worker.id}`,
				event: 'notification',
				payload: expect.objectContaining({
					title: `New details on the alert about ${author.username}`,
					link: `/staff/alerts#alert-${alert.id}`
				})
			})
		);
		expect(published).toContainEqual(queueChanged);
	});

	it('keeps my earlier note whole, in the audit and on the alert, when a long new one leaves no room for it', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author, 'Nothing matters any more.');
		const earlier = `They told me ${'so many things about how they feel. '.repeat(13)}`
			.slice(0, REPORT_NOTE_MAX)
			.trimEnd();
		const later = `Now ${'they are saying goodbye to everyone in the thread. '.repeat(10)}`
			.slice(0, REPORT_NOTE_MAX)
			.trimEnd();
		await reportPost(db, reporter, { postId, reason: 'worried', note: earlier });
		await reportPost(db, reporter, { postId, reason: 'worried', note: later });

		expect(await reportsOn(postId)).toMatchObject([{ note: later }]);
		const audits = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'forum.post.report'), eq(auditLog.targetId, String(postId))));
		expect(audits.map((a) => a.details)).toContainEqual(
			expect.objectContaining({ earlierNote: earlier })
		);
		expect(await alertsAbout(author)).toMatchObject([{ note: `${earlier} — later: ${later}` }]);
	});

	it('reopens a report a youth worker had already reviewed', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author, 'I am so tired of everything.');
		await reportPost(db, reporter, { postId, reason: 'spam' });
		await keepReportedPost(db, worker, { postId });
		expect((await reportsOn(postId))[0].reviewedAt).not.toBeNull();

		await reportPost(db, reporter, { postId, reason: 'worried' });
		expect(await reportsOn(postId)).toMatchObject([
			{ reason: 'worried', note: null, reviewedAt: null, reviewedById: null }
		]);
		expect(await alertsAbout(author)).toHaveLength(1);
		expect((await listReportedPosts(db, worker)).map((i) => i.postId)).toContain(postId);
	});

	it('raises a new alert once the earlier worry’s alert has been resolved', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author, 'I don’t see the point of anything lately.');
		await reportPost(db, reporter, { postId, reason: 'worried' });
		const [first] = await alertsAbout(author);
		await claimAlert(db, worker, first.id);
		await resolveAlert(db, worker, first.id, 'Spoke to them; they are okay for now.');

		await reportPost(db, reporter, { postId, reason: 'worried', note: 'it is getting worse' });
		const alerts = await alertsAbout(author);
		expect(alerts).toHaveLength(2);
		expect(alerts.find((a) => a.id !== first.id)).toMatchObject({
			status: 'open',
			note: 'it is getting worse'
		});
	});
});

describe('worried about someone whose post was hidden after I opened it', () => {
	/** Three members' reports hide it (setting autoHideReports). */
	async function hideByReports(postId: number) {
		for (const reason of ['unkind', 'unkind', 'spam'] as const)
			await reportPost(db, await account(), { postId, reason });
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(post).toMatchObject({ status: 'hidden', hiddenReason: 'reported' });
	}

	it('still raises the alert, with the post as evidence, and thanks me as for any report', async () => {
		const author = await account();
		const reader = await account();
		const { postId, threadId } = await replyBy(author, 'I have given all my stuff away. Bye all.');
		expect(
			(await loadThreadPage(db, reader, { threadId, page: 1 })).posts.map((p) => p.id)
		).toContain(postId);
		await hideByReports(postId);
		published.length = 0;

		const result = await reportPost(db, reader, {
			postId,
			reason: 'worried',
			note: 'this sounds like a goodbye'
		});
		expect(result).toEqual({ message: REPORT_THANKS, crisisPanel: null });
		const alerts = await alertsAbout(author);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ level: 'high', source: 'report', raisedById: reader.id });
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alerts[0].evidenceId!));
		expect(evidence).toMatchObject({
			contentType: 'forum_post',
			contentId: String(postId),
			text: 'I have given all my stuff away. Bye all.'
		});
		expect(published).toContainEqual(
			expect.objectContaining({ audience: `user:${worker.id}`, event: 'alert:new' })
		);

		// Reporting its author as a member, worried, is the same.
		const other = await account();
		await reportMember(db, other, { postId, reason: 'worried' });
		expect(await alertsAbout(author)).toHaveLength(2);

		// Any other reason about a hidden post is refused as before, and writes nothing.
		const late = await account();
		for (const attempt of [
			() => reportPost(db, late, { postId, reason: 'unkind' }),
			() => reportMember(db, late, { postId, reason: 'unkind' })
		])
			expect(await rejection(attempt())).toBeInstanceOf(NotFoundError);
		expect((await reportsOn(postId)).map((r) => r.reporterId)).not.toContain(late.id);
	});

	it('raises it for an opening post hidden with its conversation too, but never for a post nobody could see', async () => {
		const author = await account();
		const reader = await account();
		const opening = await createThread(db, author, {
			categorySlug: 'mental-health',
			title: 'Whatever',
			body: 'Nobody here listens anyway. Not bothering any more.'
		});
		if (opening.status !== 'published') throw new Error(`thread was ${opening.status}`);
		await hideByReports(opening.postId);
		const [thread] = await db
			.select()
			.from(forumThreads)
			.where(eq(forumThreads.id, opening.threadId));
		expect(thread.status).toBe('hidden');
		await reportPost(db, reader, { postId: opening.postId, reason: 'worried' });
		expect(await alertsAbout(author)).toHaveLength(1);

		const { threadId } = await replyBy(await account());
		const held = await replyToThread(db, author, {
			threadId,
			body: 'i cant do this anymore im going to take all my pills tonight'
		});
		if (held.status !== 'held') throw new Error(`reply was ${held.status}`);
		expect(
			await rejection(reportPost(db, reader, { postId: held.postId, reason: 'worried' }))
		).toBeInstanceOf(NotFoundError);
	});
});

describe('a reporter whose own note shows they may not be safe', () => {
	const note =
		'they keep picking on me and i cant do this anymore im going to take all my pills tonight';

	it('still makes the report, raises an alert about the reporter and shows them the crisis panel', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author);
		published.length = 0;

		const result = await reportPost(db, reporter, { postId, reason: 'unkind', note });
		expect(result.message).toBe(REPORT_THANKS);
		expect(result.crisisPanel).toMatchObject({ variant: 'crisis', level: 'imminent' });
		expect(await reportsOn(postId)).toMatchObject([{ reason: 'unkind', note }]);
		expect(await alertsAbout(author)).toHaveLength(0);
		const alerts = await alertsWithEvidenceAbout(db, reporter.id);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ level: 'imminent', source: 'screening' });
		const { evidence } = alerts[0];
		expect(evidence).toMatchObject({ contentType: 'report_note', text: note });
		expect(evidence.context).toMatchObject({ reporting: 'post', postId });
		// The youth worker on duty hears at once.
		expect(published).toContainEqual(
			expect.objectContaining({ audience: `user:${worker.id}`, event: 'alert:new' })
		);

		// Even a repeat report, otherwise accepted quietly, brings their words to a youth worker.
		const again = await reportPost(db, reporter, { postId, reason: 'spam', note });
		expect(again.crisisPanel?.variant).toBe('crisis');
		expect(await alertsAbout(reporter)).toHaveLength(2);
		expect(await reportsOn(postId)).toHaveLength(1);
	});

	it('shows no panel and raises nothing for an ordinary note', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author);
		const result = await reportPost(db, reporter, {
			postId,
			reason: 'unkind',
			note: 'they were rude to me in another thread too'
		});
		expect(result.crisisPanel).toBeNull();
		expect(await alertsAbout(reporter)).toHaveLength(0);
	});
});

describe('a note with control characters in it', () => {
	it('is kept without them (never a database error), and one made only of them counts as empty', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await replyBy(author);
		await reportPost(db, reporter, {
			postId,
			reason: 'unkind',
			note: 'rude\u0000 to\u0007 me\u001b'
		});
		expect(await reportsOn(postId)).toMatchObject([{ note: 'rude to me' }]);

		const other = await replyBy(author);
		const empty = await rejection(
			reportPost(db, reporter, { postId: other.postId, reason: 'other', note: '\u0000\u0001' })
		);
		expect((empty as ValidationError).fieldErrors).toEqual({
			note: 'Tell us a little about what is wrong with this post.'
		});
		expect(await reportsOn(other.postId)).toHaveLength(0);
	});
});
