/**
 * The member-facing parts of the forum on a real database: supportive reactions (and what is
 * refused), following and stopping, who hears about new replies, preferences and what they change
 * on a thread page, posts removed by a youth worker, and reporting a member.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	auditLog,
	evidenceSnapshots,
	forumFollows,
	forumPosts,
	forumReactions,
	memberPreferences,
	notifications,
	safeguardingAlerts,
	userReports,
	users
} from '../../src/lib/server/db/schema';
import { OPERATOR } from '../../src/lib/server/accounts/manage';
import { setUpForum } from '../support/forum';
import { hidePost } from '../../src/lib/server/moderation/held-posts';
import { editOwnPost } from '../../src/lib/server/forum/edit-post';
import {
	listNotifications,
	REPLY_IN_HELD_THREAD,
	REPLY_IN_REMOVED_THREAD
} from '../../src/lib/server/notifications/notify';
import { countingDatabase } from '../support/counting-database';
import { recordPublished } from '../support/published';
import { rejection, written } from '../support/outcomes';
import { loadSession, type CurrentUser } from '../../src/lib/server/accounts/current-user';
import {
	DEFAULT_PREFERENCES,
	getPreferences,
	updatePreferences,
	type PreferencesInput
} from '../../src/lib/server/accounts/preferences';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { updateSettings } from '../../src/lib/server/settings';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { deleteOwnPost } from '../../src/lib/server/forum/delete-post';
import { loadThreadPage } from '../../src/lib/server/forum/read';
import { searchPosts } from '../../src/lib/server/forum/search';
import { toggleReaction } from '../../src/lib/server/forum/reactions';
import { listFollowedThreads, setFollowing } from '../../src/lib/server/forum/followers';
import { MEMBER_REPORT_THANKS, reportMember } from '../../src/lib/server/forum/report-member';
import { approvePost } from '../../src/lib/server/moderation/held-posts';
import { FORUM_EVENTS, warningFolds, type PostView } from '../../src/lib/forum';
import { alertsWithEvidenceAbout } from '../support/alerts';

const CRISIS_TEXT = 'i cant do this anymore im going to take all my pills tonight';

const { db, account, worker } = await setUpForum('member', { workerOnDuty: true });

const { published, install, uninstall } = recordPublished();
beforeEach(install);
afterEach(uninstall);

async function startThread(
	author: CurrentUser,
	{ title = 'Anyone else nervous about results day?', body = 'I cannot sleep.', warning = '' } = {}
) {
	return written(
		await createThread(db, author, {
			categorySlug: 'mental-health',
			title,
			body,
			contentWarning: warning || undefined
		})
	);
}

async function reply(
	author: CurrentUser,
	threadId: number,
	body = 'Same here, you are not alone.',
	extra: { quotePostId?: number; contentWarning?: string } = {}
) {
	return written(await replyToThread(db, author, { threadId, body, ...extra }));
}

async function postSeenBy(viewer: CurrentUser, threadId: number, postId: number) {
	const page = await loadThreadPage(db, viewer, { threadId, page: 1 });
	return page.posts.find((p) => p.id === postId);
}

const muted = (member: CurrentUser): CurrentUser => ({
	...member,
	mutedUntil: new Date(Date.now() + 24 * 3600_000)
});

describe('supportive reactions', () => {
	it('counts each kind once per member, tells me which are mine, and never who reacted', async () => {
		const author = await account();
		const first = await account();
		const second = await account();
		const { threadId, postId } = await startThread(author);

		const mine = await toggleReaction(db, first, { postId, kind: 'love' });
		expect(mine.counts).toEqual({ love: 1, me_too: 0, helped: 0, proud: 0 });
		expect(mine.mine).toEqual(['love']);
		await toggleReaction(db, second, { postId, kind: 'love' });
		await toggleReaction(db, second, { postId, kind: 'helped' });
		// Asking for "on" again changes nothing.
		await toggleReaction(db, second, { postId, kind: 'helped', on: true });

		const seenByFirst = await postSeenBy(first, threadId, postId);
		expect(seenByFirst?.reactions).toEqual({
			counts: { love: 2, me_too: 0, helped: 1, proud: 0 },
			mine: ['love']
		});
		const seenByAuthor = await postSeenBy(author, threadId, postId);
		expect(seenByAuthor?.reactions.mine).toEqual([]);
		expect(seenByAuthor?.reactions.counts.love).toBe(2);

		// Live: the thread's room gets the counts only, once per change.
		const events = published.filter((e) => e.event === FORUM_EVENTS.reactions);
		expect(events).toHaveLength(3);
		expect(events[2]).toEqual({
			audience: `thread:${threadId}`,
			event: 'forum:reactions',
			payload: { threadId, postId, counts: { love: 2, me_too: 0, helped: 1, proud: 0 } }
		});
		expect(JSON.stringify(events)).not.toContain(String(second.id) + ',');
		expect(Object.keys(events[2].payload as object).sort()).toEqual([
			'counts',
			'postId',
			'threadId'
		]);

		// Pressing it again takes it back; each change is audited.
		const undone = await toggleReaction(db, first, { postId, kind: 'love' });
		expect(undone).toMatchObject({ counts: { love: 1 }, mine: [] });
		const audits = await db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.actorId, first.id), eq(auditLog.targetId, String(postId))));
		expect(audits.map((a) => a.action)).toEqual(['forum.reaction.add', 'forum.reaction.remove']);
	});

	it('refuses a reaction on your own post, clearly, and writes nothing', async () => {
		const author = await account();
		const { postId } = await startThread(author);
		published.length = 0; // starting it is heard by the category's lists
		const error = await rejection(toggleReaction(db, author, { postId, kind: 'proud' }));
		expect(error).toBeInstanceOf(NotAllowedError);
		expect(error.message).toMatch(/cannot react to your own post/);
		expect(await db.$count(forumReactions, eq(forumReactions.postId, postId))).toBe(0);
		expect(published).toEqual([]);
	});

	it('refuses a muted member, saying until when, and writes nothing', async () => {
		const author = await account();
		const member = await account();
		const { postId } = await startThread(author);
		const error = await rejection(toggleReaction(db, muted(member), { postId, kind: 'love' }));
		expect(error).toBeInstanceOf(NotAllowedError);
		expect(error.message).toMatch(/A youth worker has paused .* until /);
		expect(await db.$count(forumReactions, eq(forumReactions.postId, postId))).toBe(0);
	});

	it('refuses a kind that is not offered', async () => {
		const author = await account();
		const member = await account();
		const { postId } = await startThread(author);
		for (const kind of ['like', 'LOVE', '', 'love; drop table users']) {
			const error = await rejection(toggleReaction(db, member, { postId, kind }));
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fieldErrors.kind).toBe(
				'Choose one of the reactions shown.'
			);
		}
		expect(await db.$count(forumReactions, eq(forumReactions.postId, postId))).toBe(0);
	});

	it('treats held, hidden, removed and unknown posts of others as not there', async () => {
		const author = await account();
		const member = await account();
		const { threadId } = await startThread(author);
		const held = await reply(author, threadId, CRISIS_TEXT);
		expect(held.status).toBe('held');
		const hidden = await reply(author, threadId, 'This one gets hidden.');
		await db.update(forumPosts).set({ status: 'hidden' }).where(eq(forumPosts.id, hidden.postId));
		const removed = await reply(author, threadId, 'This one gets removed.');
		await deleteOwnPost(db, author, { postId: removed.postId });

		for (const postId of [held.postId, hidden.postId, removed.postId, 2_000_000_000]) {
			const error = await rejection(toggleReaction(db, member, { postId, kind: 'love' }));
			expect(error).toBeInstanceOf(NotFoundError);
			expect(error.message).toBe('We could not find that post. It may have been removed.');
		}
		// Even its author cannot react to a post waiting for a youth worker.
		expect(
			await rejection(toggleReaction(db, author, { postId: held.postId, kind: 'love' }))
		).toBeInstanceOf(NotFoundError);
		for (const postId of [held.postId, hidden.postId, removed.postId])
			expect(await db.$count(forumReactions, eq(forumReactions.postId, postId))).toBe(0);
	});
});

describe('the thread page', () => {
	it('is 2 queries in all with 50 reacted-to replies (session with its header counts; the thread with its page of posts)', async () => {
		const author = await account();
		const reader = await account();
		const fans = [await account(), await account(), await account()];
		const { threadId, postId } = await startThread(author, { title: 'A long, loved thread' });
		const replies: number[] = [];
		for (let i = 0; i < 55; i++)
			replies.push(
				(
					await reply(author, threadId, `reply ${i}`, {
						quotePostId: i % 5 === 0 ? postId : undefined
					})
				).postId
			);
		for (const [i, id] of replies.entries())
			await db.insert(forumReactions).values(
				fans.slice(0, (i % 3) + 1).map((fan, j) => ({
					postId: id,
					userId: fan.id,
					kind: (['love', 'me_too', 'helped'] as const)[j]
				}))
			);
		await updatePreferences(db, reader, {
			openWarnings: true,
			notifyReplies: true,
			autoFollow: true,
			collapse: ['grief'],
			ownWords: []
		});

		// Last seen just now, so signing in does not also note it (a write every 5 minutes at most).
		await db.update(users).set({ lastSeenAt: new Date() }).where(eq(users.id, reader.id));
		const counted = countingDatabase(db);
		// What a request does: the session (user, pending warning, unread count), then the page.
		const session = await loadSession(counted.db, {
			userId: reader.id,
			sessionVersion: reader.sessionVersion
		});
		expect(session?.unreadNotifications).toBeGreaterThanOrEqual(0);
		const page = await loadThreadPage(counted.db, session!.user, { threadId, page: 1 });
		expect(page.posts).toHaveLength(50);
		expect(page.posts.filter((p) => p.reactions.counts.love > 0)).toHaveLength(49);
		expect(page.posts.filter((p) => p.reactions.counts.helped > 0).length).toBeGreaterThan(10);
		expect(page.warnings).toEqual({ openWarnings: true, alwaysCollapse: ['grief'] });
		expect(counted.queries()).toBe(2);

		const asFan = countingDatabase(db);
		const fanPage = await loadThreadPage(asFan.db, fans[2], { threadId, page: 2 });
		expect(fanPage.posts.some((p) => p.reactions.mine.includes('helped'))).toBe(true);
		expect(asFan.queries()).toBe(1);

		// A link to a post: its page is known only from the thread's row, so its posts come second.
		const linked = countingDatabase(db);
		const linkedPage = await loadThreadPage(linked.db, fans[2], {
			threadId,
			page: 1,
			postId: replies[52]
		});
		expect(linkedPage.page).toBe(2);
		expect(linkedPage.posts.map((p) => p.id)).toContain(replies[52]);
		expect(linked.queries()).toBe(2);

		// A page past the last one: the last page's posts (the route then redirects there).
		const past = countingDatabase(db);
		const pastPage = await loadThreadPage(past.db, fans[2], { threadId, page: 9 });
		expect(pastPage.page).toBe(2);
		expect(pastPage.posts.map((p) => p.id)).toEqual(fanPage.posts.map((p) => p.id));
		expect(past.queries()).toBe(2);
	});

	it('is read with queries prepared once: each reader still sees only what they may, in any order', async () => {
		const author = await account();
		const reader = await account();
		const { threadId } = await startThread(author);
		const shown = await reply(author, threadId, 'Everyone can read this.');
		const waiting = await reply(author, threadId, CRISIS_TEXT);
		expect(waiting.status).toBe('held');
		// The same prepared statements serve the author, another member, staff and the author again.
		for (const [viewer, seesHeld] of [
			[author, true],
			[reader, false],
			[worker, true],
			[reader, false],
			[author, true]
		] as const) {
			const page = await loadThreadPage(db, viewer, { threadId, page: 1 });
			expect(page.posts.map((p) => p.id).includes(waiting.postId)).toBe(seesHeld);
			expect(page.total).toBe(seesHeld ? 3 : 2);
			expect(page.seesHeldContent).toBe(viewer === worker);
			// A link to a post finds its page the same way (the prepared "linked" variant).
			const linked = await loadThreadPage(db, viewer, { threadId, page: 1, postId: shown.postId });
			expect(linked.page).toBe(1);
			expect(linked.posts.map((p) => p.id).includes(waiting.postId)).toBe(seesHeld);
		}
	});

	it('says whether I follow the thread, and brings the default warning choices with no row', async () => {
		const author = await account();
		const reader = await account();
		const { threadId } = await startThread(author);
		expect((await loadThreadPage(db, author, { threadId, page: 1 })).thread.following).toBe(true);
		const page = await loadThreadPage(db, reader, { threadId, page: 1 });
		expect(page.thread.following).toBe(false);
		expect(page.warnings).toEqual({ openWarnings: false, alwaysCollapse: [] });
	});
});

describe('following a thread', () => {
	it('follows on starting and replying; a stop is remembered when replying again', async () => {
		const author = await account();
		const replier = await account();
		const { threadId } = await startThread(author);
		await reply(replier, threadId);
		expect(await followingOf(replier, threadId)).toBe(true);

		expect(await setFollowing(db, replier, { threadId, following: false })).toEqual({
			threadId,
			following: false
		});
		await reply(replier, threadId, 'Me again.');
		expect(await followingOf(replier, threadId)).toBe(false);
		expect((await loadThreadPage(db, replier, { threadId, page: 1 })).thread.following).toBe(false);

		await setFollowing(db, replier, { threadId, following: true });
		expect(await followingOf(replier, threadId)).toBe(true);
		const audits = await db
			.select({ action: auditLog.action })
			.from(auditLog)
			.where(and(eq(auditLog.actorId, replier.id), eq(auditLog.targetType, 'forum_thread')))
			.orderBy(auditLog.id);
		expect(audits.map((a) => a.action)).toEqual(['forum.thread.unfollow', 'forum.thread.follow']);
		expect((await listFollowedThreads(db, replier)).map((t) => t.threadId)).toContain(threadId);
	});

	it('does not follow automatically when the member turned that off', async () => {
		const member = await account();
		await updatePreferences(db, member, {
			...DEFAULT_PREFERENCES,
			collapse: [],
			ownWords: [],
			autoFollow: false
		});
		const { threadId } = await startThread(member);
		const other = await startThread(await account());
		await reply(member, other.threadId);
		expect(await followingOf(member, threadId)).toBeNull();
		expect(await followingOf(member, other.threadId)).toBeNull();
		// Following by hand still works.
		await setFollowing(db, member, { threadId: other.threadId, following: true });
		expect(await followingOf(member, other.threadId)).toBe(true);
	});

	it('notifies only followers who still follow and want reply notifications', async () => {
		const author = await account();
		const stopped = await account();
		const quiet = await account();
		const keen = await account();
		const { threadId } = await startThread(author, { title: 'Who hears about replies' });
		for (const m of [stopped, quiet, keen]) await reply(m, threadId);
		await setFollowing(db, stopped, { threadId, following: false });
		await updatePreferences(db, quiet, {
			...DEFAULT_PREFERENCES,
			collapse: [],
			ownWords: [],
			notifyReplies: false
		});
		const before = await notifiedAbout(threadId);

		const last = await reply(await account(), threadId, 'A new voice.');
		expect(await toldSince(threadId, before)).toEqual([author.id, keen.id].sort((a, b) => a - b));
		expect(published.filter((e) => e.event === 'notification').map((e) => e.audience)).toEqual(
			expect.arrayContaining([`user:${author.id}`, `user:${keen.id}`])
		);
		expect(last.status).toBe('published');
	});

	it('stops naming a conversation in reply notifications once a youth worker hides it', async () => {
		const author = await account();
		const follower = await account();
		const kept = await startThread(author, { title: 'Revision playlists' });
		const { threadId, postId } = await startThread(author, {
			title: 'My teacher Mr Okafor at Hill Road'
		});
		for (const id of [threadId, kept.threadId]) {
			await reply(follower, id);
			await reply(await account(), id, 'Same here.');
		}
		const titles = async () =>
			(await listNotifications(db, follower.id)).map((n) => [n.title, n.link]);
		expect((await titles()).map(([title]) => title)).toEqual(
			expect.arrayContaining([expect.stringContaining('Mr Okafor')])
		);

		await hidePost(db, worker, { postId, reason: 'It names a teacher and a school.' });
		const now = await titles();
		expect(now.some(([title]) => title?.includes('Mr Okafor'))).toBe(false);
		expect(now.filter(([title]) => title === REPLY_IN_REMOVED_THREAD)).toHaveLength(1);
		expect(now.filter(([, link]) => link?.startsWith(`/forum/t/${threadId}`))).toEqual([]);
		// Replies in a conversation still there are named as before.
		expect(now.filter(([title]) => title?.includes('Revision playlists'))).toHaveLength(1);

		// A conversation whose opening post is edited into waiting for a youth worker says so.
		const edited = await editOwnPost(db, author, {
			postId: kept.postId,
			body: 'Text me on 07700 900765 for the playlist'
		});
		expect(edited.status).toBe('held');
		const later = await titles();
		expect(later.filter(([title]) => title === REPLY_IN_HELD_THREAD)).toHaveLength(1);
		expect(later.some(([title]) => title?.includes('Revision playlists'))).toBe(false);
	});

	it('applies the same rules when a youth worker approves a held reply', async () => {
		const author = await account();
		const quiet = await account();
		const { threadId } = await startThread(author, { title: 'Approved replies' });
		await reply(quiet, threadId);
		await updatePreferences(db, quiet, {
			...DEFAULT_PREFERENCES,
			collapse: [],
			ownWords: [],
			notifyReplies: false
		});
		await updateSettings(db, OPERATOR, { premoderatePosts: 3 });
		let held;
		try {
			held = await reply(await account(), threadId, 'My first ever post here.');
		} finally {
			await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
		}
		expect(held.status).toBe('held');
		const before = await notifiedAbout(threadId);
		await approvePost(db, worker, { postId: held.postId });
		expect(await toldSince(threadId, before)).toEqual([author.id]);
	});

	it('refuses to follow a thread the member may not read', async () => {
		const author = await account();
		const other = await account();
		await updateSettings(db, OPERATOR, { premoderatePosts: 3 });
		let threadId: number;
		try {
			({ threadId } = await startThread(await account()));
		} finally {
			await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
		}
		const error = await rejection(setFollowing(db, other, { threadId, following: true }));
		expect(error).toBeInstanceOf(NotFoundError);
		expect(await followingOf(other, threadId)).toBeNull();
		expect(
			await rejection(setFollowing(db, author, { threadId: -1, following: true }))
		).toBeInstanceOf(ValidationError);
	});
});

describe('preferences', () => {
	const base: PreferencesInput = {
		openWarnings: false,
		notifyReplies: true,
		autoFollow: true,
		collapse: [],
		ownWords: []
	};

	it('gives the defaults until saved, then what was saved, audited without the words', async () => {
		const member = await account();
		expect(await getPreferences(db, member.id)).toEqual(DEFAULT_PREFERENCES);
		const saved = await updatePreferences(db, member, {
			openWarnings: true,
			notifyReplies: false,
			autoFollow: true,
			collapse: ['self-harm', 'grief'],
			ownWords: ['  Exams  ', 'GRIEF', '', 'my   dad', 'exams']
		});
		expect(saved.alwaysCollapse).toEqual(['self-harm', 'grief', 'Exams', 'my dad']);
		expect(await getPreferences(db, member.id)).toEqual({
			openWarnings: true,
			notifyReplies: false,
			autoFollow: true,
			alwaysCollapse: ['self-harm', 'grief', 'Exams', 'my dad']
		});
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.actorId, member.id), eq(auditLog.action, 'account.preferences.update'))
			);
		expect(audit.details).toEqual({ changed: ['openWarnings', 'notifyReplies', 'alwaysCollapse'] });
		expect(JSON.stringify(audit.details)).not.toContain('dad');
	});

	it('refuses words that are too long or too many, and presets that are not offered', async () => {
		const member = await account();
		const long = 'x'.repeat(41);
		const tooLong = await rejection(updatePreferences(db, member, { ...base, ownWords: [long] }));
		expect((tooLong as ValidationError).fieldErrors.ownWords).toMatch(
			/Keep each word to 40 characters or fewer/
		);
		const eleven = Array.from({ length: 11 }, (_, i) => `word ${i}`);
		const tooMany = await rejection(updatePreferences(db, member, { ...base, ownWords: eleven }));
		expect((tooMany as ValidationError).fieldErrors.ownWords).toBe(
			'You can add up to 10 of your own words. Remove some and save again.'
		);
		// Ten own words plus presets typed in are fine.
		await updatePreferences(db, member, {
			...base,
			ownWords: [...eleven.slice(0, 10), 'Racism', 'self-harm']
		});
		const unknown = await rejection(
			updatePreferences(db, member, { ...base, collapse: ['spiders'] })
		);
		expect((unknown as ValidationError).fieldErrors.collapse).toBe(
			'Choose from the warnings listed.'
		);
		expect((await getPreferences(db, member.id)).alwaysCollapse).toHaveLength(12);
	});

	it('only ever changes the signed-in member’s own preferences', async () => {
		const me = await account();
		const them = await account();
		await updatePreferences(db, them, { ...base, openWarnings: true, collapse: ['grief'] });
		await updatePreferences(db, me, {
			...base,
			notifyReplies: false,
			// Extra fields naming someone else are ignored.
			...({ userId: them.id } as object)
		});
		expect(await getPreferences(db, them.id)).toMatchObject({
			openWarnings: true,
			notifyReplies: true,
			alwaysCollapse: ['grief']
		});
		expect(await db.$count(memberPreferences, eq(memberPreferences.userId, me.id))).toBe(1);
		expect(await getPreferences(db, me.id)).toMatchObject({ notifyReplies: false });
	});
});

describe('content warnings', () => {
	it('fold unless the member opens them, and always-collapse ones stay folded', () => {
		expect(warningFolds(null)).toBe(false);
		expect(warningFolds('grief')).toBe(true);
		const open = { openWarnings: true, alwaysCollapse: ['self-harm', 'My Dad'] };
		expect(warningFolds('grief', open)).toBe(false);
		expect(warningFolds('Self-Harm', open)).toBe(true);
		expect(warningFolds('  my   dad ', open)).toBe(true);
		expect(warningFolds('self-harm', { openWarnings: false, alwaysCollapse: [] })).toBe(true);
	});

	it('travel with a quote of a warned post and with its search result', async () => {
		const author = await account();
		const quoter = await account();
		const { threadId, postId } = await startThread(author, {
			title: 'Losing my grandad',
			body: 'The funeral was yesterday and the marmalade reminded me of him.',
			warning: 'grief'
		});
		const quoting = await reply(quoter, threadId, 'Sending hugs.', { quotePostId: postId });
		const live = published.find(
			(e) => e.event === FORUM_EVENTS.post && (e.payload as PostView).id === quoting.postId
		);
		expect((live?.payload as PostView).quote).toMatchObject({ postId, contentWarning: 'grief' });
		const seen = await postSeenBy(await account(), threadId, quoting.postId);
		expect(seen?.quote).toMatchObject({ postId, contentWarning: 'grief' });

		const results = await searchPosts(db, { q: 'marmalade', page: 1 });
		expect(results.hits.find((h) => h.postId === postId)?.contentWarning).toBe('grief');
	});
});

describe('a post removed by a youth worker', () => {
	it('shows as removed by a youth worker where it had been seen, without its words', async () => {
		const author = await account();
		const reader = await account();
		const { threadId } = await startThread(author);
		const seenBefore = await reply(author, threadId, 'Everyone saw this one.');
		const waiting = await reply(author, threadId, CRISIS_TEXT);
		expect(waiting.status).toBe('held');
		const byAuthor = await reply(author, threadId, 'I took this one back.');
		await deleteOwnPost(db, author, { postId: byAuthor.postId });
		// The moderation workspace deletes as staff like this.
		for (const id of [seenBefore.postId, waiting.postId])
			await db
				.update(forumPosts)
				.set({ status: 'deleted', deletedAt: new Date(), deletedById: worker.id })
				.where(eq(forumPosts.id, id));

		const forReader = (await loadThreadPage(db, reader, { threadId, page: 1 })).posts;
		const staffRemoved = forReader.find((p) => p.id === seenBefore.postId);
		expect(staffRemoved).toMatchObject({ status: 'deleted', removedByStaff: true, html: '' });
		expect(forReader.find((p) => p.id === byAuthor.postId)?.removedByStaff).toBe(false);
		// The reader never saw the held one, so there is nothing there for them.
		expect(forReader.map((p) => p.id)).not.toContain(waiting.postId);
		const forAuthor = (await loadThreadPage(db, author, { threadId, page: 1 })).posts;
		expect(forAuthor.find((p) => p.id === waiting.postId)).toMatchObject({
			removedByStaff: true,
			html: ''
		});
	});
});

describe('reporting a member', () => {
	async function postBy(author: CurrentUser, body = 'You lot are all pathetic.') {
		const { threadId } = await startThread(await account());
		const posted = await reply(author, threadId, body);
		return { threadId, postId: posted.postId };
	}

	const reportsAbout = (userId: number) =>
		db.select().from(userReports).where(eq(userReports.reportedUserId, userId));

	it('records the report with the post it came from, thanks the reporter, and tells staff', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await postBy(author);
		const result = await reportMember(db, reporter, {
			postId,
			reason: 'unkind',
			note: '  keeps   picking on people '
		});
		expect(result.message).toBe(MEMBER_REPORT_THANKS);
		const [report] = await reportsAbout(author.id);
		expect(report).toMatchObject({
			reporterId: reporter.id,
			reason: 'unkind',
			note: 'keeps picking on people',
			contextPostId: postId,
			reviewedAt: null
		});
		expect(published).toContainEqual({
			audience: 'staff',
			event: 'mod:queue-changed',
			payload: {}
		});
		const audits = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'forum.member.report'), eq(auditLog.actorId, reporter.id)));
		expect(audits).toHaveLength(1);
		// The reported member is told nothing.
		expect(await db.$count(notifications, eq(notifications.userId, author.id))).toBe(0);
		expect(published.some((e) => e.audience === `user:${author.id}`)).toBe(false);
	});

	it('accepts a repeat quietly while the first is open', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await postBy(author);
		const other = await postBy(author, 'And again.');
		await reportMember(db, reporter, { postId, reason: 'spam' });
		published.length = 0;
		const again = await reportMember(db, reporter, { postId: other.postId, reason: 'racism' });
		expect(again.message).toBe(MEMBER_REPORT_THANKS);
		expect(await reportsAbout(author.id)).toHaveLength(1);
		expect(published).toEqual([]);
	});

	it('raises a high safeguarding alert, with the post as evidence, when worried', async () => {
		const author = await account();
		const reporter = await account();
		const { postId, threadId } = await postBy(author, 'Nobody would notice if I was gone.');
		await reportMember(db, reporter, { postId, reason: 'worried', note: 'they seem very low' });
		const [alert] = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, author.id));
		expect(alert).toMatchObject({ level: 'high', source: 'report', raisedById: reporter.id });
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alert.evidenceId!));
		expect(evidence.text).toBe('Nobody would notice if I was gone.');
		expect(evidence.context).toMatchObject({ threadId });
	});

	it('raises the alert once when my open report of the member becomes “worried”', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await postBy(author);
		const later = await postBy(author, 'Honestly I might not be around much longer.');
		await reportMember(db, reporter, { postId, reason: 'unkind', note: 'mean to everyone' });
		published.length = 0;

		await reportMember(db, reporter, { postId: later.postId, reason: 'worried' });
		const alertsAbout = () =>
			db.select().from(safeguardingAlerts).where(eq(safeguardingAlerts.subjectUserId, author.id));
		const alerts = await alertsAbout();
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ source: 'report', raisedById: reporter.id });
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alerts[0].evidenceId!));
		expect(evidence.text).toBe('Honestly I might not be around much longer.');
		expect(await reportsAbout(author.id)).toMatchObject([
			{ reason: 'worried', note: 'mean to everyone', reviewedAt: null }
		]);
		const audits = await db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'forum.member.report'), eq(auditLog.actorId, reporter.id)));
		expect(audits.map((a) => a.details)).toContainEqual(
			expect.objectContaining({ reason: 'worried', was: 'unkind' })
		);
		expect(published).toContainEqual({
			audience: 'staff',
			event: 'mod:queue-changed',
			payload: {}
		});

		// Worried again while that alert is open, with nothing new to say: accepted quietly.
		published.length = 0;
		await reportMember(db, reporter, { postId, reason: 'worried' });
		expect(await alertsAbout()).toHaveLength(1);
		expect(await reportsAbout(author.id)).toHaveLength(1);
		expect(published).toEqual([]);

		// With something new to say: it reaches that alert, not a second one.
		await reportMember(db, reporter, { postId, reason: 'worried', note: 'they have pills' });
		expect(await alertsAbout()).toMatchObject([
			{ id: alerts[0].id, note: 'mean to everyone — later: they have pills' }
		]);
		expect(await reportsAbout(author.id)).toMatchObject([
			{ reason: 'worried', note: 'mean to everyone — later: they have pills' }
		]);
		const onAlert = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'alert.note_added'), eq(auditLog.targetId, String(alerts[0].id)))
			);
		expect(onAlert).toMatchObject([
			{ actorId: reporter.id, details: { note: 'they have pills', memberId: author.id } }
		]);
		expect(published).toContainEqual({
			audience: 'staff',
			event: 'alert:changed',
			payload: { id: alerts[0].id }
		});
	});

	it('raises an alert about the reporter, and shows them the crisis panel, when their note shows they are at risk', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await postBy(author);
		const note = `they message me every day and ${CRISIS_TEXT}`;
		const result = await reportMember(db, reporter, { postId, reason: 'unkind', note });
		expect(result.message).toBe(MEMBER_REPORT_THANKS);
		expect(result.crisisPanel?.variant).toBe('crisis');
		expect(await reportsAbout(author.id)).toMatchObject([{ reason: 'unkind', note }]);
		const alerts = await alertsWithEvidenceAbout(db, reporter.id);
		expect(alerts).toHaveLength(1);
		expect(alerts[0]).toMatchObject({ level: 'imminent', source: 'screening' });
		const { evidence } = alerts[0];
		expect(evidence).toMatchObject({ contentType: 'report_note', text: note });
		expect(evidence.context).toMatchObject({ reporting: 'member', postId });
	});

	it('keeps a note without its control characters, never a database error', async () => {
		const author = await account();
		const reporter = await account();
		const { postId } = await postBy(author);
		await reportMember(db, reporter, {
			postId,
			reason: 'other',
			note: 'pretends\u0000 to be\u0008 staff'
		});
		expect(await reportsAbout(author.id)).toMatchObject([{ note: 'pretends to be staff' }]);
	});

	it('refuses reporting yourself, long or missing notes, and posts that are not there', async () => {
		const author = await account();
		const reporter = await account();
		const { postId, threadId } = await postBy(author);
		const held = await reply(author, threadId, CRISIS_TEXT);
		const before = await db.$count(auditLog);

		const self = await rejection(reportMember(db, author, { postId, reason: 'spam' }));
		expect(self).toBeInstanceOf(NotAllowedError);
		expect(self.message).toBe('You cannot report yourself.');

		const long = await rejection(
			reportMember(db, reporter, { postId, reason: 'unkind', note: 'a'.repeat(501) })
		);
		expect((long as ValidationError).fieldErrors.note).toBe(
			'Keep your note to 500 characters or fewer.'
		);
		const noNote = await rejection(reportMember(db, reporter, { postId, reason: 'other' }));
		expect((noNote as ValidationError).fieldErrors.note).toMatch(/Tell us a little/);
		const noReason = await rejection(reportMember(db, reporter, { postId, reason: 'meh' }));
		expect((noReason as ValidationError).fieldErrors.reason).toBe(
			'Choose why you are reporting this member.'
		);

		for (const id of [held.postId, 2_000_000_000])
			expect(
				await rejection(reportMember(db, reporter, { postId: id, reason: 'spam' }))
			).toBeInstanceOf(NotFoundError);

		expect(await reportsAbout(author.id)).toHaveLength(0);
		expect(await db.$count(auditLog)).toBe(before);
	});
});

async function followingOf(member: CurrentUser, threadId: number): Promise<boolean | null> {
	const [row] = await db
		.select({ following: forumFollows.following })
		.from(forumFollows)
		.where(and(eq(forumFollows.userId, member.id), eq(forumFollows.threadId, threadId)));
	return row?.following ?? null;
}

/** The reply notifications linking into this thread so far. */
async function notifiedAbout(threadId: number): Promise<{ id: number; userId: number }[]> {
	const rows = await db
		.select({ id: notifications.id, userId: notifications.userId, link: notifications.link })
		.from(notifications)
		.where(eq(notifications.kind, 'forum_reply'));
	return rows.filter((r) => r.link?.startsWith(`/forum/t/${threadId}?`));
}

/** Who was told about a reply since `before`. */
async function toldSince(threadId: number, before: { id: number }[]): Promise<number[]> {
	const earlier = new Set(before.map((n) => n.id));
	return (await notifiedAbout(threadId))
		.filter((n) => !earlier.has(n.id))
		.map((n) => n.userId)
		.sort((a, b) => a - b);
}
