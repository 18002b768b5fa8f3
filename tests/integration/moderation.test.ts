/**
 * The moderation workspace on a real database: one queue of held posts, reported posts and
 * reported members, sorted and filtered; claims and taking over; two workers acting at once;
 * approve with edit, delete, warn, mute, suspend and lift, and what each means for what members
 * see and can do; staff notes; and who may do any of it.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	auditLog,
	forumPostRevisions,
	forumPosts,
	forumReports,
	memberSanctions,
	safeguardingAlerts,
	moderationClaims,
	notifications,
	staffNotes,
	userReports,
	users
} from '../../src/lib/server/db/schema';
import { OPERATOR } from '../../src/lib/server/accounts/manage';
import { PASSWORD } from '../support/members';
import { setUpForum } from '../support/forum';
import { recordPublished } from '../support/published';
import { rejection, written } from '../support/outcomes';
import { loadCurrentUser, type CurrentUser } from '../../src/lib/server/accounts/current-user';
import { checkCredentials } from '../../src/lib/server/accounts/login';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { updateSettings } from '../../src/lib/server/settings';
import { HELD_MESSAGE } from '../../src/lib/server/safety/screen';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { editOwnPost } from '../../src/lib/server/forum/edit-post';
import { loadThreadPage } from '../../src/lib/server/forum/read';
import { searchPosts } from '../../src/lib/server/forum/search';
import { reportPost } from '../../src/lib/server/forum/report';
import { deleteOwnPost } from '../../src/lib/server/forum/delete-post';
import { purgeDeletedPosts } from '../../src/lib/server/forum/retention';
import {
	approvePost,
	approvePostWithEdit,
	CHANGED_SINCE_READ,
	hideHeldPost,
	hidePost,
	REMOVED_CONVERSATION
} from '../../src/lib/server/moderation/held-posts';
import { keepReportedPost } from '../../src/lib/server/moderation/reported-posts';
import { deletePostAsStaff } from '../../src/lib/server/moderation/delete-post';
import { claimItem, releaseOwnClaim } from '../../src/lib/server/moderation/claims';
import {
	loadReviewQueue,
	parseQueueQuery,
	queueCounts
} from '../../src/lib/server/moderation/queue';
import {
	acknowledgeWarning,
	alreadyLonger,
	ASK_AN_ADMIN,
	hasPendingWarning,
	liftSanction,
	pendingWarning,
	sanctionMember
} from '../../src/lib/server/moderation/sanctions';
import { dismissUserReports } from '../../src/lib/server/moderation/reported-users';
import { addStaffNote } from '../../src/lib/server/moderation/staff-notes';
import { loadMemberPage } from '../../src/lib/server/moderation/member-history';
import { ALREADY_DEALT_WITH } from '../../src/lib/moderation';
import { FORUM_EVENTS } from '../../src/lib/forum';

// Members' posts are published unless a test turns pre-moderation on.
const { db, account, worker } = await setUpForum('mod', { workerOnDuty: false });
const colleague = await account(['youth_worker']);
const { threadId: starterThreadId } = written(
	await createThread(db, worker, {
		categorySlug: 'mental-health',
		title: 'Check-in thread',
		body: 'How is everyone doing this week?'
	})
);

const { published, disconnected, install, uninstall } = recordPublished();
beforeEach(install);
afterEach(uninstall);

/** The person as their next request sees them (mutes and roles re-read). */
async function fresh(user: CurrentUser): Promise<CurrentUser> {
	const [row] = await db.select().from(users).where(eq(users.id, user.id));
	const current = await loadCurrentUser(db, {
		userId: user.id,
		sessionVersion: row.sessionVersion
	});
	if (!current) throw new Error('no longer signed in');
	return current;
}

async function publishedReply(author: CurrentUser, body = 'Going for a walk helps me a lot.') {
	const outcome = await replyToThread(db, author, { threadId: starterThreadId, body });
	if (outcome.status !== 'published') throw new Error(`reply was ${outcome.status}`);
	return outcome.postId;
}

/** A new member's reply, held for a youth worker. */
async function heldReply(
	author: CurrentUser,
	body = 'Hi everyone, I am new here!',
	threadId = starterThreadId
) {
	await updateSettings(db, OPERATOR, { premoderatePosts: 3 });
	try {
		const outcome = await replyToThread(db, author, { threadId, body });
		if (outcome.status !== 'held') throw new Error(`reply was ${outcome.status}`);
		return outcome.postId;
	} finally {
		await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
	}
}

async function reportUser(reported: CurrentUser, reporter: CurrentUser, note?: string) {
	await db
		.insert(userReports)
		.values({ reportedUserId: reported.id, reporterId: reporter.id, reason: 'unkind', note });
}

/** The audit entries of one action on one thing, oldest first. */
const audited = (action: string, targetId: number) =>
	db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(targetId))))
		.orderBy(auditLog.id);

const postRow = async (postId: number) =>
	(await db.select().from(forumPosts).where(eq(forumPosts.id, postId)))[0];

const seenBy = async (viewer: CurrentUser) =>
	(await loadThreadPage(db, viewer, { threadId: starterThreadId, page: 1 })).posts;

async function clearQueue() {
	await db.update(forumPosts).set({ status: 'hidden' }).where(eq(forumPosts.status, 'held'));
	await db.update(forumReports).set({ reviewedAt: new Date() });
	await db.update(userReports).set({ reviewedAt: new Date() });
	await db.delete(moderationClaims);
}

describe('the review queue', () => {
	it('lists held posts, reported posts and reported members in one queue with reasons, history and notes', async () => {
		await clearQueue();
		const newcomer = await account();
		const held = await heldReply(newcomer);
		const author = await account();
		const reported = await publishedReply(author, 'Nobody cares what you think lol');
		await reportPost(db, await account(), { postId: reported, reason: 'unkind' });
		await reportPost(db, await account(), { postId: reported, reason: 'unkind' });
		await reportPost(db, await account(), { postId: reported, reason: 'spam' });
		const troll = await account();
		await reportUser(troll, await account(), 'Keeps posting the same link');
		await addStaffNote(db, worker, { userId: author.id, body: 'Spoke to them in chat last week.' });

		const queue = await loadReviewQueue(db, worker);
		expect(queue.items.map((i) => [i.kind, i.memberName])).toEqual([
			['held', newcomer.username],
			['reported_post', author.username],
			['reported_user', troll.username]
		]);
		expect(queue.counts).toEqual({
			held: 1,
			reportedPosts: 1,
			reportedUsers: 1,
			heldMessages: 0,
			reportedMessages: 0,
			heldIdeas: 0,
			total: 3
		});
		expect(await queueCounts(db)).toEqual(queue.counts);
		const [heldItem, reportedItem, userItem] = queue.items;
		expect(heldItem).toMatchObject({ heldReasons: ['new_member'], risk: 'none' });
		expect(heldItem.post?.id).toBe(held);
		expect(heldItem.post?.body).toBe('Hi everyone, I am new here!');
		expect(reportedItem).toMatchObject({
			reportCount: 3,
			reportReasons: [
				{ reason: 'unkind', count: 2 },
				{ reason: 'spam', count: 1 }
			]
		});
		expect(userItem).toMatchObject({ reporterNotes: ['Keeps posting the same link'] });
		// The author's recent history (three reports hid it) and the staff notes on them come with it.
		const history = queue.members.get(author.id);
		expect(history?.recentPosts.map((p) => [p.id, p.status])).toEqual([[reported, 'hidden']]);
		expect(queue.notes.get(author.id)?.map((n) => [n.body, n.author])).toEqual([
			['Spoke to them in chat last week.', worker.username]
		]);

		const onlyUsers = await loadReviewQueue(db, worker, { sort: 'oldest', kind: 'users' });
		expect(onlyUsers.items.map((i) => i.key)).toEqual([`user-${troll.id}`]);
		expect(onlyUsers.counts.total).toBe(3);
	});

	it('keeps a reported post its author deleted until a youth worker closes its reports', async () => {
		await clearQueue();
		const author = await account();
		const postId = await publishedReply(author, 'Everyone in this thread is pathetic');
		await reportPost(db, await account(), { postId, reason: 'unkind' });
		await deleteOwnPost(db, author, { postId });

		const queue = await loadReviewQueue(db, worker);
		expect(queue.items).toHaveLength(1);
		expect(queue.items[0]).toMatchObject({
			kind: 'reported_post',
			memberId: author.id,
			reportCount: 1,
			post: { id: postId, status: 'deleted', body: 'Everyone in this thread is pathetic' }
		});
		expect(queue.counts).toMatchObject({ reportedPosts: 1, total: 1 });
		expect(await queueCounts(db)).toEqual(queue.counts);
		// Its words are kept while the reports are open, however long ago it was deleted.
		const later = new Date(Date.now() + 400 * 86_400_000);
		await purgeDeletedPosts(db, later);
		expect((await postRow(postId)).purgedAt).toBeNull();

		// "Nothing more to do": the reports close, the post stays removed, and it can go in time.
		await keepReportedPost(db, worker, { postId });
		expect((await loadReviewQueue(db, worker)).items).toEqual([]);
		expect((await queueCounts(db)).total).toBe(0);
		expect(await postRow(postId)).toMatchObject({ status: 'deleted', deletedById: null });
		await purgeDeletedPosts(db, later);
		expect((await postRow(postId)).purgedAt).not.toBeNull();
	});

	it('sorts by highest risk, then most reports, then oldest', async () => {
		await clearQueue();
		const a = await account();
		const oldQuiet = await heldReply(a, 'First post, hello');
		const b = await account();
		const concern = await publishedReply(b, 'Some days I feel really low and alone');
		await db.update(forumPosts).set({ riskLevel: 'concern' }).where(eq(forumPosts.id, concern));
		await reportPost(db, await account(), { postId: concern, reason: 'worried' });
		const c = await account();
		const manyReports = await publishedReply(c, 'Buy cheap trainers at my shop');
		for (let i = 0; i < 2; i++)
			await reportPost(db, await account(), { postId: manyReports, reason: 'spam' });
		const d = await account();
		const high = await heldReply(d, 'A held post');
		await db.update(forumPosts).set({ riskLevel: 'high' }).where(eq(forumPosts.id, high));

		const oldest = await loadReviewQueue(db, worker, { sort: 'oldest', kind: 'all' });
		expect(oldest.items.map((i) => i.key)).toEqual(
			[oldQuiet, concern, manyReports, high].map((id) => `post-${id}`)
		);
		const risk = await loadReviewQueue(db, worker, { sort: 'risk', kind: 'all' });
		expect(risk.items.map((i) => i.key)).toEqual(
			[high, concern, manyReports, oldQuiet].map((id) => `post-${id}`)
		);
	});

	it('reads unknown or hostile query parameters as the defaults', () => {
		for (const query of [
			'sort=newest',
			'sort=%00',
			'kind=everything&sort=1',
			'',
			'sort=risk&sort=x'
		])
			expect(parseQueueQuery(new URLSearchParams(query)).kind).toBe('all');
		expect(parseQueueQuery(new URLSearchParams('sort=newest'))).toEqual({
			sort: 'oldest',
			kind: 'all'
		});
		expect(parseQueueQuery(new URLSearchParams('sort=risk&kind=held'))).toEqual({
			sort: 'risk',
			kind: 'held'
		});
	});
});

describe('claims', () => {
	it('shows who is looking, refuses others until they take over (audited), and releases on acting', async () => {
		const member = await account();
		const postId = await heldReply(member);
		await claimItem(db, worker, { kind: 'post', itemId: postId });
		expect(published).toContainEqual(
			expect.objectContaining({ audience: 'staff', event: FORUM_EVENTS.queueChanged })
		);
		const queue = await loadReviewQueue(db, colleague);
		expect(queue.items.find((i) => i.key === `post-${postId}`)?.claim?.byName).toBe(
			worker.username
		);

		const refused = await rejection(approvePost(db, colleague, { postId }));
		expect(refused).toBeInstanceOf(NotAllowedError);
		expect(refused.message).toBe(
			`${worker.username} is looking at this. Press “Take over” if you need to act on it.`
		);
		expect(
			await rejection(claimItem(db, colleague, { kind: 'post', itemId: postId }))
		).toBeInstanceOf(NotAllowedError);
		const [still] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(still.status).toBe('held');

		await claimItem(db, colleague, { kind: 'post', itemId: postId, takeOver: true });
		const [takeOver] = await audited('moderation.claim.take_over', postId);
		expect(takeOver).toMatchObject({ actorId: colleague.id, details: { from: worker.id } });
		expect(
			await rejection(hideHeldPost(db, worker, { postId, reason: 'Not for here' }))
		).toBeInstanceOf(NotAllowedError);

		await approvePost(db, colleague, { postId });
		expect(
			await db.$count(
				moderationClaims,
				and(eq(moderationClaims.kind, 'post'), eq(moderationClaims.itemId, postId))
			)
		).toBe(0);
	});

	it('lapses after 15 minutes, and can be let go', async () => {
		const member = await account();
		const postId = await heldReply(member);
		await claimItem(
			db,
			worker,
			{ kind: 'post', itemId: postId },
			new Date(Date.now() - 16 * 60_000)
		);
		const queue = await loadReviewQueue(db, colleague);
		expect(queue.items.find((i) => i.key === `post-${postId}`)?.claim).toBeNull();
		await claimItem(db, colleague, { kind: 'post', itemId: postId });
		await releaseOwnClaim(db, colleague, { kind: 'post', itemId: postId });
		expect(
			await rejection(claimItem(db, colleague, { kind: 'post', itemId: 999_999 }))
		).toBeInstanceOf(NotFoundError);
		expect(
			await rejection(claimItem(db, colleague, { kind: 'thread' as 'post', itemId: postId }))
		).toBeInstanceOf(ValidationError);
		await approvePost(db, worker, { postId });
	});
});

describe('two youth workers acting at once', () => {
	it('lets only one action on a held post take effect; the other is told', async () => {
		const member = await account();
		const postId = await heldReply(member);
		const results = await Promise.allSettled([
			approvePost(db, worker, { postId }),
			hideHeldPost(db, colleague, { postId, reason: 'Not suitable here' })
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const [failed] = results.filter((r) => r.status === 'rejected');
		expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(ValidationError);
		expect((failed as PromiseRejectedResult).reason.message).toBe(ALREADY_DEALT_WITH);
		expect(
			await db.$count(
				auditLog,
				and(eq(auditLog.targetId, String(postId)), eq(auditLog.targetType, 'forum_post'))
			)
		).toBe(2); // the member's reply, and one moderation action
	});

	it('lets only one decision on a reported member take effect', async () => {
		const member = await account();
		await reportUser(member, await account());
		const results = await Promise.allSettled([
			dismissUserReports(db, worker, { userId: member.id }),
			sanctionMember(db, colleague, {
				userId: member.id,
				action: 'warn',
				message: 'Please be kind to others.',
				fromReports: true
			})
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const [failed] = results.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
		expect(failed.reason.message).toBe(ALREADY_DEALT_WITH);
	});
});

describe('actions on posts', () => {
	it('approves with an edit: members see the new words, the old ones are kept as a revision and audited', async () => {
		const member = await account();
		const reader = await account();
		const postId = await heldReply(member, 'Message me on insta @reallyme_22 for tips');
		await approvePostWithEdit(db, worker, {
			postId,
			body: 'Message me here for **tips**'
		});
		const seen = (await seenBy(reader)).find((p) => p.id === postId);
		expect(seen?.status).toBe('published');
		expect(seen?.html).toContain('<strong>tips</strong>');
		expect(seen?.html).not.toContain('insta');
		const [revision] = await db
			.select()
			.from(forumPostRevisions)
			.where(eq(forumPostRevisions.postId, postId));
		expect(revision).toMatchObject({
			body: 'Message me on insta @reallyme_22 for tips',
			status: 'held',
			editedById: worker.id
		});
		const [audit] = await audited('forum.post.approve_edit', postId);
		expect(audit.details).toMatchObject({
			before: 'Message me on insta @reallyme_22 for tips',
			after: 'Message me here for **tips**'
		});
		const [told] = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'forum_approved')));
		expect(told.title).toContain('A youth worker edited your post');
	});

	it('approves only the words the youth worker read: an author’s edit since is not approved unread', async () => {
		const member = await account();
		const postId = await heldReply(member, 'Add me on snap, I am new');
		const read = (await postRow(postId)).editedAt?.toISOString() ?? '';
		// The author edits the held post while the youth worker reads the first version.
		await updateSettings(db, OPERATOR, { premoderatePosts: 3 });
		try {
			await editOwnPost(db, member, { postId, body: 'Add me on snap: ask me for my @ here' });
		} finally {
			await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
		}
		for (const approve of [
			() => approvePost(db, worker, { postId, seen: read }),
			() => approvePostWithEdit(db, worker, { postId, seen: read, body: 'Hello, I am new' })
		]) {
			const error = await rejection(approve());
			expect((error as ValidationError).fieldErrors.post).toBe(CHANGED_SINCE_READ);
		}
		expect(await postRow(postId)).toMatchObject({
			status: 'held',
			body: 'Add me on snap: ask me for my @ here'
		});
		// Read again, it can be approved.
		const now = (await postRow(postId)).editedAt!.toISOString();
		await approvePost(db, worker, { postId, seen: now });
		expect((await postRow(postId)).status).toBe('published');
	});

	it('approves a conversation with its title edited when the title names someone', async () => {
		const member = await account();
		const reader = await account();
		const held = await createThread(db, member, {
			categorySlug: 'mental-health',
			title: 'Call Jade on 07700 900123 she gets it',
			body: 'Anyone else find talking helps?'
		});
		expect(held.status).toBe('held');
		const { threadId, postId } = written(held);
		await approvePostWithEdit(db, worker, {
			postId,
			body: 'Anyone else find talking helps?',
			title: '  Talking to a friend helps '
		});

		const page = await loadThreadPage(db, reader, { threadId, page: 1 });
		expect(page.thread.title).toBe('Talking to a friend helps');
		expect((await postRow(postId)).threadTitle).toBe('Talking to a friend helps');
		const found = await searchPosts(db, { q: 'Jade', page: 1 });
		expect(found.hits.map((h) => h.postId)).not.toContain(postId);
		const [audit] = await audited('forum.post.approve_edit', postId);
		expect(audit.details).toMatchObject({
			titleBefore: 'Call Jade on 07700 900123 she gets it',
			titleAfter: 'Talking to a friend helps'
		});
		expect(audit.details).not.toHaveProperty('before');
		const [told] = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'forum_approved')));
		expect(told.title).toBe(
			'A youth worker edited your post in “Talking to a friend helps” before approving it. Everyone can see it now.'
		);
		// A title is checked as one typed by a member would be.
		const other = written(
			await createThread(db, member, {
				categorySlug: 'mental-health',
				title: 'Text me 07700 900456',
				body: 'Hello'
			})
		);
		const error = await rejection(
			approvePostWithEdit(db, worker, { postId: other.postId, body: 'Hello', title: 'x' })
		);
		expect((error as ValidationError).fieldErrors.title).toMatch(/at least/);
		expect((await postRow(other.postId)).status).toBe('held');
	});

	it('refuses an empty or over-long edit and changes nothing', async () => {
		const member = await account();
		const postId = await heldReply(member);
		for (const body of ['   ', 'x'.repeat(20_001)]) {
			const error = await rejection(approvePostWithEdit(db, worker, { postId, body }));
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fieldErrors.body).toBeTruthy();
		}
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(post.status).toBe('held');
	});

	it('deletes a reported post: readers see it was removed, the words stay for staff, the author is told', async () => {
		const member = await account();
		const reader = await account();
		const postId = await publishedReply(member, 'You are all losers');
		await reportPost(db, reader, { postId, reason: 'unkind' });
		await deletePostAsStaff(db, worker, { postId, reason: 'Unkind to others', from: 'reported' });

		const seen = (await seenBy(reader)).find((p) => p.id === postId);
		expect(seen).toMatchObject({ status: 'deleted', html: '' });
		const [row] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(row).toMatchObject({
			status: 'deleted',
			deletedById: worker.id,
			body: 'You are all losers'
		});
		expect(row.deletedAt).toBeInstanceOf(Date);
		const [told] = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'forum_removed')));
		expect(told.body).toBe('Why: Unkind to others');
		expect(told.title).not.toContain(worker.username);
		expect(await db.$count(forumReports, and(eq(forumReports.postId, postId)))).toBe(1);
		const [report] = await db.select().from(forumReports).where(eq(forumReports.postId, postId));
		expect(report.reviewedById).toBe(worker.id);
		// A second delete (or keep) is told it is done.
		expect((await rejection(keepReportedPost(db, colleague, { postId }))).message).toBe(
			ALREADY_DEALT_WITH
		);
	});

	it('approves a held reply in a conversation removed since, telling its author nobody else can see it', async () => {
		const { threadId, postId: opening } = written(
			await createThread(db, await account(), {
				categorySlug: 'mental-health',
				title: 'Anyone up for a study group?',
				body: 'Thinking Thursdays after school.'
			})
		);
		const newcomer = await account();
		const postId = await heldReply(newcomer, 'Yes please, count me in', threadId);
		await hidePost(db, worker, { postId: opening, reason: 'Sharing where to meet is not safe.' });
		published.length = 0;

		await approvePost(db, worker, { postId });
		const [told] = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, newcomer.id), eq(notifications.kind, 'forum_approved')));
		expect(told.title).toBe(
			`A youth worker approved your post in “Anyone up for a study group?”. ${REMOVED_CONVERSATION}`
		);
		expect(told.link).toBeNull();
		expect(published.filter((e) => e.audience === `thread:${threadId}`)).toEqual([]);
	});

	it('deletes a held post, which readers never saw', async () => {
		const member = await account();
		const reader = await account();
		const postId = await heldReply(member, 'my number is 07700 900123');
		await deletePostAsStaff(db, worker, { postId, reason: 'Personal details', from: 'held' });
		expect((await seenBy(reader)).map((p) => p.id)).not.toContain(postId);
		expect((await seenBy(worker)).find((p) => p.id === postId)?.status).toBe('deleted');
	});
});

describe('actions on members', () => {
	it('mutes, but never turns away someone at risk: their words are held, alerted and answered with help', async () => {
		const member = await account();
		const reader = await account();
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'mute',
			duration: '1d',
			message: 'Please take a break.'
		});
		const muted = await fresh(member);
		const crisis = 'i cant do this anymore im going to take all my pills tonight';

		const reply = written(
			await replyToThread(db, muted, { threadId: starterThreadId, body: crisis })
		);
		expect(reply).toMatchObject({ status: 'held', message: HELD_MESSAGE });
		expect(reply.crisisPanel?.variant).toBe('crisis');
		const [stored] = await db.select().from(forumPosts).where(eq(forumPosts.id, reply.postId));
		expect(stored.status).toBe('held');
		expect(stored.screeningReasons).toContain('muted');
		expect((await seenBy(reader)).map((p) => p.id)).not.toContain(reply.postId);

		const thread = written(
			await createThread(db, muted, {
				categorySlug: 'mental-health',
				title: 'I am done',
				body: crisis
			})
		);
		expect(thread).toMatchObject({ status: 'held', message: HELD_MESSAGE });
		expect(thread.crisisPanel?.variant).toBe('crisis');

		const alerts = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, member.id));
		expect(alerts).toHaveLength(2);

		// Anything else is refused as muted, as before, and nothing is stored.
		const before = await db.$count(forumPosts, eq(forumPosts.authorId, member.id));
		// One at a time: a refusal not yet awaited would be reported as unhandled.
		for (const attempt of [
			() => replyToThread(db, muted, { threadId: starterThreadId, body: 'can I still post?' }),
			() =>
				createThread(db, muted, {
					categorySlug: 'mental-health',
					title: 'Still here',
					body: 'Just checking in'
				})
		])
			expect((await rejection(attempt())).message).toMatch(/paused your posting until/);
		expect(await db.$count(forumPosts, eq(forumPosts.authorId, member.id))).toBe(before);
	});

	it('a muted member editing their post into words at risk is held, alerted and answered with help; other edits are refused', async () => {
		const member = await account();
		const reader = await account();
		const postId = await publishedReply(member, 'Exams are nearly over.');
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'mute',
			duration: '1d',
			message: 'Please take a break.'
		});
		const muted = await fresh(member);

		const refused = await rejection(editOwnPost(db, muted, { postId, body: 'Exams are over!' }));
		expect(refused.message).toMatch(/paused your posting until/);
		const [unchanged] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(unchanged).toMatchObject({ body: 'Exams are nearly over.', status: 'published' });

		const crisis = 'i cant do this anymore im going to take all my pills tonight';
		const edit = written(await editOwnPost(db, muted, { postId, body: crisis }));
		expect(edit).toMatchObject({ status: 'held', message: HELD_MESSAGE });
		expect(edit.crisisPanel?.variant).toBe('crisis');
		const [stored] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(stored).toMatchObject({ status: 'held', body: crisis });
		expect(stored.screeningReasons).toContain('muted');
		expect((await seenBy(reader)).map((p) => p.id)).not.toContain(postId);
		const alerts = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, member.id));
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ level: 'imminent', source: 'screening' });
	});

	it('mutes: posting is refused with the until-time, they can still read, and it ends by itself', async () => {
		const member = await account();
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'mute',
			duration: '3d',
			message: 'Please take a break and read the guidelines.'
		});
		const muted = await fresh(member);
		expect(muted.mutedUntil).toBeInstanceOf(Date);
		const refused = await rejection(
			replyToThread(db, muted, { threadId: starterThreadId, body: 'can I still post?' })
		);
		expect(refused).toBeInstanceOf(NotAllowedError);
		expect(refused.message).toMatch(/A youth worker has paused your posting until \d+ \w+ \d{4}/);
		expect((await seenBy(muted)).length).toBeGreaterThan(0);
		const [sanction] = await db
			.select()
			.from(memberSanctions)
			.where(eq(memberSanctions.userId, member.id));
		expect(sanction).toMatchObject({ kind: 'mute', issuedById: worker.id });
		const [told] = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'moderation_mute')));
		expect(told.body).toBe('Why: Please take a break and read the guidelines.');
		expect(`${told.title} ${told.body}`).not.toContain(worker.username);

		// A mute given two days ago for one day has ended.
		const earlier = await account();
		await sanctionMember(
			db,
			worker,
			{ userId: earlier.id, action: 'mute', duration: '1d', message: 'Cool off for a day.' },
			new Date(Date.now() - 2 * 86_400_000)
		);
		const after = await fresh(earlier);
		await publishedReply(after, 'Back again, sorry about before.');
	});

	it('never shortens a longer mute or suspension: the second youth worker is told what stands', async () => {
		const member = await account();
		const mute = (by: CurrentUser, duration: '1d' | '1w' | '1m') =>
			sanctionMember(db, by, {
				userId: member.id,
				action: 'mute',
				duration,
				message: 'Take a break.'
			});
		await mute(worker, '1w');
		const weekLater = (await fresh(member)).mutedUntil!;

		const error = await rejection(mute(colleague, '1d'));
		expect(error).toBeInstanceOf(ConflictError);
		expect((error as ConflictError).fieldErrors.duration).toBe(
			alreadyLonger(member.username, 'mute', weekLater)
		);
		expect(error.message).toMatch(/is already muted until .*lift the mute first/);
		expect((await fresh(member)).mutedUntil).toEqual(weekLater);
		const sanctions = () =>
			db.select().from(memberSanctions).where(eq(memberSanctions.userId, member.id));
		expect(await sanctions()).toHaveLength(1);

		// A longer one replaces it; once lifted, a shorter one can be chosen.
		await mute(colleague, '1m');
		expect((await fresh(member)).mutedUntil!.getTime()).toBeGreaterThan(weekLater.getTime());
		await liftSanction(db, worker, { userId: member.id, kind: 'mute' });
		await mute(worker, '1d');
		expect(await sanctions()).toHaveLength(3);

		// The same for suspensions.
		const suspend = (duration: '1d' | '1w') =>
			sanctionMember(db, worker, {
				userId: member.id,
				action: 'suspend',
				duration,
				message: 'Time away.'
			});
		await suspend('1w');
		expect((await rejection(suspend('1d'))).message).toMatch(/is already suspended until/);
	});

	it('lifts a mute early', async () => {
		const member = await account();
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'mute',
			duration: '1w',
			message: 'Spamming links.'
		});
		await liftSanction(db, colleague, { userId: member.id, kind: 'mute' });
		await publishedReply(await fresh(member), 'Thanks for letting me back');
		const [sanction] = await db
			.select()
			.from(memberSanctions)
			.where(eq(memberSanctions.userId, member.id));
		expect(sanction.liftedById).toBe(colleague.id);
		expect(
			(await rejection(liftSanction(db, colleague, { userId: member.id, kind: 'mute' }))).message
		).toContain('is not muted now');
	});

	it('suspends: sessions end at once and they cannot sign in until it is lifted', async () => {
		const member = await account();
		const session = { userId: member.id, sessionVersion: member.sessionVersion };
		expect(await loadCurrentUser(db, session)).not.toBeNull();
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'suspend',
			duration: '1d',
			message: 'Repeated bullying after a warning.'
		});
		expect(await loadCurrentUser(db, session)).toBeNull();
		expect(disconnected).toContain(member.id);
		const signIn = await checkCredentials(db, {
			username: member.username,
			password: PASSWORD,
			ip: '10.0.0.9'
		});
		expect(signIn).toMatchObject({ ok: false, reason: 'suspended' });
		const [row] = await db.select().from(users).where(eq(users.id, member.id));
		expect(row.suspendedReason).toBe('Repeated bullying after a warning.');

		await liftSanction(db, worker, { userId: member.id, kind: 'suspension' });
		expect(
			await checkCredentials(db, { username: member.username, password: PASSWORD, ip: '10.0.0.9' })
		).toMatchObject({ ok: true });
	});

	it('warns: the member has a warning to read until they acknowledge it (audited)', async () => {
		const member = await account();
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'warn',
			message: 'Please keep personal details out of posts.'
		});
		expect(await hasPendingWarning(db, member.id)).toBe(true);
		const warning = await pendingWarning(db, member.id);
		expect(warning?.message).toBe('Please keep personal details out of posts.');
		// Someone else cannot acknowledge it for them.
		const other = await account();
		expect(
			await rejection(acknowledgeWarning(db, other, { sanctionId: warning!.id }))
		).toBeInstanceOf(NotFoundError);
		await acknowledgeWarning(db, member, { sanctionId: warning!.id });
		expect(await hasPendingWarning(db, member.id)).toBe(false);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'moderation.warning.acknowledge'));
		expect(audit).toMatchObject({ actorId: member.id, targetId: String(warning!.id) });
	});

	it('refuses to sanction a staff account: ask an admin', async () => {
		const staff = await account(['coproduction_lead']);
		for (const action of ['warn', 'mute', 'suspend'] as const) {
			const error = await rejection(
				sanctionMember(db, worker, {
					userId: staff.id,
					action,
					duration: '1d',
					message: 'Trying anyway'
				})
			);
			expect(error).toBeInstanceOf(NotAllowedError);
			expect(error.message).toBe(ASK_AN_ADMIN);
		}
		expect(await db.$count(memberSanctions, eq(memberSanctions.userId, staff.id))).toBe(0);
	});

	it('requires a message of at most 1000 characters and a length for mutes and suspensions', async () => {
		const member = await account();
		const errorsFor = async (input: Parameters<typeof sanctionMember>[2]) =>
			((await rejection(sanctionMember(db, worker, input))) as ValidationError).fieldErrors;
		expect(await errorsFor({ userId: member.id, action: 'warn', message: '  ' })).toEqual({
			message: 'Write a message for the member: they are told why.'
		});
		expect(
			await errorsFor({ userId: member.id, action: 'warn', message: 'x'.repeat(1001) })
		).toEqual({ message: 'Keep the message to 1,000 characters or fewer.' });
		expect(await errorsFor({ userId: member.id, action: 'mute', message: 'Too much' })).toEqual({
			duration: 'Choose how long the mute lasts.'
		});
		expect(
			await errorsFor({
				userId: member.id,
				action: 'ban' as 'warn',
				message: 'Too much'
			})
		).toEqual({ action: 'Choose what to do: warn, mute or suspend.' });
		expect(
			await rejection(
				sanctionMember(db, worker, { userId: 999_999, action: 'warn', message: 'Hello' })
			)
		).toBeInstanceOf(NotFoundError);
		expect(await db.$count(memberSanctions, eq(memberSanctions.userId, member.id))).toBe(0);
	});

	it('marks a reported member’s open reports reviewed when acting or dismissing', async () => {
		const member = await account();
		await reportUser(member, await account());
		await reportUser(member, await account());
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'warn',
			message: 'Please be kind.',
			fromReports: true
		});
		const reports = await db
			.select()
			.from(userReports)
			.where(eq(userReports.reportedUserId, member.id));
		expect(reports.every((r) => r.reviewedById === worker.id)).toBe(true);

		const other = await account();
		await reportUser(other, await account());
		await dismissUserReports(db, worker, { userId: other.id });
		expect((await rejection(dismissUserReports(db, colleague, { userId: other.id }))).message).toBe(
			ALREADY_DEALT_WITH
		);
		const queue = await loadReviewQueue(db, worker);
		expect(queue.items.map((i) => i.key)).not.toContain(`user-${other.id}`);
	});
});

describe('staff notes and the member page', () => {
	it('keeps notes newest first with their author, and shows a member’s moderation history', async () => {
		const member = await account();
		await addStaffNote(db, worker, { userId: member.id, body: 'First note' });
		await addStaffNote(db, colleague, { userId: member.id, body: 'Second note' });
		const hidden = await publishedReply(member, 'Something off-topic');
		const { hidePost } = await import('../../src/lib/server/moderation/held-posts');
		await hidePost(db, worker, { postId: hidden, reason: 'Off topic' });
		await sanctionMember(db, worker, {
			userId: member.id,
			action: 'mute',
			duration: '1d',
			message: 'Off topic again'
		});
		await reportUser(member, await account(), 'Rude in chat');

		const page = await loadMemberPage(db, colleague, member.id);
		expect(page.notes.map((n) => [n.body, n.author])).toEqual([
			['Second note', colleague.username],
			['First note', worker.username]
		]);
		expect(page.mutedUntil).toBeInstanceOf(Date);
		expect(page.sanctions).toMatchObject([
			{ kind: 'mute', message: 'Off topic again', issuedBy: worker.username }
		]);
		expect(page.moderatedPosts).toMatchObject([
			{ id: hidden, status: 'hidden', reason: 'Off topic' }
		]);
		expect(page.reports).toMatchObject([
			{ kind: 'member', reason: 'unkind', note: 'Rude in chat' }
		]);
		expect(page.openReports).toBe(1);

		const tooLong = await rejection(
			addStaffNote(db, worker, { userId: member.id, body: 'x'.repeat(2001) })
		);
		expect((tooLong as ValidationError).fieldErrors).toEqual({
			body: 'Keep the note to 2,000 characters or fewer.'
		});
		expect(await db.$count(staffNotes, eq(staffNotes.subjectId, member.id))).toBe(2);
		expect(await rejection(loadMemberPage(db, worker, 999_999))).toBeInstanceOf(NotFoundError);
	});
});

describe('who may moderate', () => {
	it('refuses young people and coproduction leads, and lets safeguarding leads in', async () => {
		const young = await account();
		const coproduction = await account(['coproduction_lead']);
		const lead = await account(['safeguarding_lead']);
		const target = await account();
		const postId = await heldReply(target);
		await reportUser(target, await account());

		for (const who of [young, coproduction]) {
			expect(await rejection(loadReviewQueue(db, who))).toBeInstanceOf(NotAllowedError);
			expect(await rejection(loadMemberPage(db, who, target.id))).toBeInstanceOf(NotAllowedError);
			expect(await rejection(claimItem(db, who, { kind: 'post', itemId: postId }))).toBeInstanceOf(
				NotAllowedError
			);
			expect(await rejection(approvePost(db, who, { postId }))).toBeInstanceOf(NotAllowedError);
			expect(
				await rejection(approvePostWithEdit(db, who, { postId, body: 'edited' }))
			).toBeInstanceOf(NotAllowedError);
			expect(
				await rejection(deletePostAsStaff(db, who, { postId, reason: 'No thanks', from: 'held' }))
			).toBeInstanceOf(NotAllowedError);
			expect(
				await rejection(
					sanctionMember(db, who, { userId: target.id, action: 'warn', message: 'Behave' })
				)
			).toBeInstanceOf(NotAllowedError);
			expect(
				await rejection(liftSanction(db, who, { userId: target.id, kind: 'mute' }))
			).toBeInstanceOf(NotAllowedError);
			expect(await rejection(dismissUserReports(db, who, { userId: target.id }))).toBeInstanceOf(
				NotAllowedError
			);
			expect(
				await rejection(addStaffNote(db, who, { userId: target.id, body: 'A note' }))
			).toBeInstanceOf(NotAllowedError);
		}
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(post.status).toBe('held');
		expect(await db.$count(memberSanctions, eq(memberSanctions.userId, target.id))).toBe(0);

		const queue = await loadReviewQueue(db, lead);
		expect(queue.items.map((i) => i.key)).toContain(`post-${postId}`);
		await sanctionMember(db, lead, { userId: target.id, action: 'warn', message: 'Be kind.' });
	});
});
