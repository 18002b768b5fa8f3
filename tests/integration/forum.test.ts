/**
 * The forum as members and youth workers use it, on a real database: what is published, what
 * waits for a youth worker, what is refused, who sees what, and what reaches the live rooms.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { connectSignedIn } from '../support/session-socket';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	auditLog,
	evidenceSnapshots,
	forumPostRevisions,
	forumPosts,
	forumThreads,
	notifications,
	safeguardingAlerts
} from '../../src/lib/server/db/schema';
import { OPERATOR } from '../../src/lib/server/accounts/manage';
import { setUpForum } from '../support/forum';
import { publishedReplies } from '../support/forum-posts';
import { countingDatabase } from '../support/counting-database';
import { recordPublished } from '../support/published';
import { rejection, written } from '../support/outcomes';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import {
	installPublisher,
	publisher,
	type Publisher
} from '../../src/lib/server/realtime/publisher';
import { attachRealtime, closeRealtime } from '../../src/lib/server/realtime/attach';
import { resetConfig } from '../../src/lib/server/config';
import { updateSettings } from '../../src/lib/server/settings';
import { BULLYING_MESSAGE, HELD_MESSAGE } from '../../src/lib/server/safety/screen';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { editOwnPost } from '../../src/lib/server/forum/edit-post';
import { deleteOwnPost } from '../../src/lib/server/forum/delete-post';
import { deletePostAsStaff } from '../../src/lib/server/moderation/delete-post';
import { listCategories, loadCategoryPage, loadThreadPage } from '../../src/lib/server/forum/read';
import { searchPosts } from '../../src/lib/server/forum/search';
import {
	AFTER_STAFF_EDIT_MESSAGE,
	AFTER_STAFF_EDIT_REASON,
	NEW_MEMBER_MESSAGE,
	NEW_MEMBER_REASON
} from '../../src/lib/server/forum/screening';
import '../../src/lib/server/forum/live';
import {
	approvePost,
	approvePostWithEdit,
	hidePost,
	listHeldPosts
} from '../../src/lib/server/moderation/held-posts';
import { ALLOWED_TAGS } from '../../src/lib/server/content/render';
import { XSS_CORPUS } from '../unit/content/xss-corpus';
import { SEARCH_MATCH_LIMIT, type CategoryActivityEvent, type PostView } from '../../src/lib/forum';
import { loadCategoryBySlug } from '../../src/lib/server/forum/load';

const CRISIS_TEXT = 'i cant do this anymore im going to take all my pills tonight';

// Members here are past pre-moderation unless a test says otherwise, and a youth worker is on
// duty, so alerts go to them (rather than escalating at once).
const { db, account, worker } = await setUpForum('forum', { workerOnDuty: true });

/** Everything the services publish, as the socket server would send it. */
const { published, install, uninstall } = recordPublished();
beforeEach(install);
afterEach(uninstall);

async function startThread(
	author: CurrentUser,
	{
		title = 'Exam stress anyone?',
		body = 'How do you all cope with revision?',
		category = 'mental-health'
	} = {}
) {
	return written(await createThread(db, author, { categorySlug: category, title, body }));
}

async function postsSeenBy(viewer: CurrentUser, threadId: number): Promise<PostView[]> {
	return (await loadThreadPage(db, viewer, { threadId, page: 1 })).posts;
}

describe('categories', () => {
	it('lists the four streams in order, with their latest conversation', async () => {
		const member = await account();
		const { threadId } = await startThread(member, {
			category: 'physical-health',
			title: 'Best stretches after football?'
		});
		const advice = await startThread(member, {
			category: 'advice-advocacy',
			title: 'Renting my first room'
		});
		const categories = await listCategories(db);
		expect(categories.find((c) => c.slug === 'advice-advocacy')?.latest).toMatchObject({
			threadId: advice.threadId,
			title: 'Renting my first room'
		});
		expect(categories.find((c) => c.slug === 'mental-health')?.latest?.threadId).not.toBe(
			advice.threadId
		);
		expect(categories.slice(0, 4).map((c) => c.name)).toEqual([
			'Physical health',
			'Mental health',
			'Advice & Advocacy',
			'Children & young people'
		]);
		const physical = categories.find((c) => c.slug === 'physical-health');
		expect(physical?.latest).toMatchObject({ threadId, title: 'Best stretches after football?' });
		expect(physical?.threadCount).toBeGreaterThanOrEqual(1);
		expect(physical?.latest?.at).toBeInstanceOf(Date);
	});

	it('lists pinned threads first, then the most recent activity, a page at a time', async () => {
		const member = await account();
		// Two of them: nobody may start more than 20 conversations a day.
		const other = await account();
		const ids: number[] = [];
		for (let i = 0; i < 22; i++) {
			const { threadId } = await startThread(i % 2 ? other : member, {
				category: 'children-young-people',
				title: `Thread number ${i}`
			});
			ids.push(threadId);
		}
		await db.update(forumThreads).set({ pinned: true }).where(eq(forumThreads.id, ids[0]));
		// A reply brings an older thread back to the top.
		written(await replyToThread(db, member, { threadId: ids[5], body: 'bump, still wondering' }));

		const first = await loadCategoryPage(db, member, { slug: 'children-young-people', page: 1 });
		expect(first.threads.map((t) => t.id).slice(0, 3)).toEqual([ids[0], ids[5], ids[21]]);
		expect(first.threads).toHaveLength(20);
		expect(first.pageCount).toBe(2);
		expect(first.threads.find((t) => t.id === ids[5])?.replies).toBe(1);

		// A page past the end shows the last page; the route redirects to it.
		const far = await loadCategoryPage(db, member, { slug: 'children-young-people', page: 1e9 });
		expect(far.page).toBe(2);
		expect(far.threads.length).toBe(2);
	});

	it('says on the list which conversations open behind a content warning', async () => {
		const member = await account();
		const warned = written(
			await createThread(db, member, {
				categorySlug: 'advice-advocacy',
				title: 'A hard few months',
				body: 'Some of what happened to me.',
				contentWarning: 'self-harm'
			})
		);
		const plain = await startThread(member, { category: 'advice-advocacy', title: 'Bus passes' });
		const listing = await loadCategoryPage(db, member, { slug: 'advice-advocacy', page: 1 });
		const row = (id: number) => listing.threads.find((t) => t.id === id);
		expect(row(warned.threadId)?.contentWarning).toBe('self-harm');
		expect(row(plain.threadId)?.contentWarning).toBeNull();
	});

	it('refuses an unknown category with a clear message, and writes nothing', async () => {
		const member = await account();
		const before = await db.$count(forumThreads);
		const error = await rejection(
			createThread(db, member, { categorySlug: 'no-such-place', title: 'Hello there', body: 'hi' })
		);
		expect(error).toBeInstanceOf(NotFoundError);
		expect(error.message).toBe('We could not find that category.');
		expect(await db.$count(forumThreads)).toBe(before);
	});
});

describe('new-member pre-moderation', () => {
	beforeAll(() => updateSettings(db, OPERATOR, { premoderatePosts: 3 }));
	afterAll(() => updateSettings(db, OPERATOR, { premoderatePosts: 0 }));

	it("holds a new member's first post until a youth worker approves it", async () => {
		const newcomer = await account();
		const other = await account();
		const { threadId } = await startThread(worker, { title: 'Anyone else nervous about college?' });
		published.length = 0;

		const outcome = written(
			await replyToThread(db, newcomer, { threadId, body: 'Me! Starting in September.' })
		);
		expect(outcome.status).toBe('held');
		expect(outcome.message).toContain('Waiting for a youth worker');
		expect(outcome.crisisPanel).toBeNull();

		// Its author sees it, marked as waiting; another member does not.
		const mine = await postsSeenBy(newcomer, threadId);
		expect(mine.find((p) => p.id === outcome.postId)?.status).toBe('held');
		expect((await postsSeenBy(other, threadId)).map((p) => p.id)).not.toContain(outcome.postId);
		// Live: only to its author, never to the thread's room.
		expect(published.filter((e) => e.audience === `thread:${threadId}`)).toEqual([]);
		expect(published).toContainEqual(
			expect.objectContaining({ audience: `user:${newcomer.id}`, event: 'forum:post' })
		);

		const queue = await listHeldPosts(db, worker);
		const item = queue.find((q) => q.postId === outcome.postId);
		expect(item?.reasons).toEqual([NEW_MEMBER_REASON]);
		expect(item?.author.username).toBe(newcomer.username);

		published.length = 0;
		await approvePost(db, worker, { postId: outcome.postId });
		const seen = await postsSeenBy(other, threadId);
		expect(seen.find((p) => p.id === outcome.postId)?.status).toBe('published');
		// Pushed live to everyone watching the thread, and the author is told.
		expect(published).toContainEqual(
			expect.objectContaining({
				audience: `thread:${threadId}`,
				event: 'forum:post',
				payload: expect.objectContaining({ id: outcome.postId, status: 'published' })
			})
		);
		const told = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, newcomer.id), eq(notifications.kind, 'forum_approved')));
		expect(told).toHaveLength(1);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(
				and(
					eq(auditLog.action, 'forum.post.approve'),
					eq(auditLog.targetId, String(outcome.postId))
				)
			);
		expect(audit.actorId).toBe(worker.id);
		// A second approval (another worker, a double click) is told it is done already.
		expect(await rejection(approvePost(db, worker, { postId: outcome.postId }))).toBeInstanceOf(
			ValidationError
		);
	});

	it('holds a new thread, with its title, from everyone but its author until approved', async () => {
		const newcomer = await account();
		const other = await account();
		const outcome = await startThread(newcomer, { title: 'My first thread here' });
		expect(outcome.status).toBe('held');
		const listing = (viewer: CurrentUser) =>
			loadCategoryPage(db, viewer, { slug: 'mental-health', page: 1 }).then((p) =>
				p.threads.map((t) => t.id)
			);
		expect(await listing(newcomer)).toContain(outcome.threadId);
		expect(await listing(other)).not.toContain(outcome.threadId);
		expect(
			await rejection(loadThreadPage(db, other, { threadId: outcome.threadId, page: 1 }))
		).toBeInstanceOf(NotFoundError);

		await approvePost(db, worker, { postId: outcome.postId });
		expect(await listing(other)).toContain(outcome.threadId);
	});

	it('holds a new member’s edit too: words a youth worker took out cannot be put back unseen', async () => {
		const newcomer = await account();
		const peer = await account();
		const { threadId } = await startThread(worker, { title: 'Best places to study in town?' });
		const original = 'The library is rubbish, everyone there is an idiot';
		const held = written(await replyToThread(db, newcomer, { threadId, body: original }));
		expect(held.status).toBe('held');
		await approvePostWithEdit(db, worker, {
			postId: held.postId,
			body: 'The library is not for me'
		});
		expect((await postsSeenBy(peer, threadId)).find((p) => p.id === held.postId)?.html).toBe(
			'<p>The library is not for me</p>'
		);

		published.length = 0;
		const edited = written(
			await editOwnPost(db, newcomer, { postId: held.postId, body: original })
		);
		expect(edited).toMatchObject({ status: 'held', message: NEW_MEMBER_MESSAGE });
		// Peers see neither version until a youth worker has read it; nothing reaches the room.
		const seen = await postsSeenBy(peer, threadId);
		expect(seen.map((p) => p.id)).not.toContain(held.postId);
		expect(JSON.stringify(seen)).not.toContain('idiot');
		expect(
			published.filter((e) => e.audience === `thread:${threadId}` && e.event === 'forum:post')
		).toEqual([]);
		const item = (await listHeldPosts(db, worker)).find((q) => q.postId === held.postId);
		expect(item?.reasons).toEqual(
			expect.arrayContaining([NEW_MEMBER_REASON, AFTER_STAFF_EDIT_REASON])
		);
		expect(item?.html).toContain('idiot');
	});

	it('stops holding once a member has N posts approved, and never holds staff', async () => {
		const member = await account();
		const { threadId } = await startThread(worker, { title: 'Welcome, introduce yourself' });
		for (let i = 0; i < 3; i++) {
			const held = written(
				await replyToThread(db, member, { threadId, body: `hello number ${i}` })
			);
			expect(held.status).toBe('held');
			await approvePost(db, worker, { postId: held.postId });
		}
		const fourth = written(await replyToThread(db, member, { threadId, body: 'hello again' }));
		expect(fourth.status).toBe('published');
		const fromStaff = written(await replyToThread(db, worker, { threadId, body: 'Welcome all!' }));
		expect(fromStaff.status).toBe('published');
	});
});

describe('screening in the forum', () => {
	it('holds a high-risk reply, raises an alert with the words as evidence, and answers with the crisis panel', async () => {
		const member = await account();
		const peer = await account();
		const { threadId } = await startThread(peer, { title: 'Rough week' });
		published.length = 0;

		const outcome = written(await replyToThread(db, member, { threadId, body: CRISIS_TEXT }));
		expect(outcome.status).toBe('held');
		expect(outcome.crisisPanel?.variant).toBe('crisis');
		expect(outcome.crisisPanel?.emergency).toBe('If you are in immediate danger, call 999.');
		const ways = outcome.crisisPanel?.services.flatMap((s) => s.ways.map((w) => w.label)) ?? [];
		expect(ways.join(' ')).toContain('116 123');

		// Nothing for peers: not on the page, not in the room.
		expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).not.toContain(outcome.postId);
		expect(published.filter((e) => e.audience === `thread:${threadId}`)).toEqual([]);

		const [alert] = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, member.id));
		expect(alert).toMatchObject({
			level: 'imminent',
			source: 'screening',
			subjectUsername: member.username
		});
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alert.evidenceId!));
		expect(evidence).toMatchObject({
			contentType: 'forum_post',
			contentId: String(outcome.postId),
			text: CRISIS_TEXT,
			subjectUserId: member.id
		});
		expect(evidence.context).toMatchObject({ threadId, threadTitle: 'Rough week' });
		// The on-duty worker was told live.
		expect(published).toContainEqual(
			expect.objectContaining({ audience: `user:${worker.id}`, event: 'alert:new' })
		);
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, outcome.postId));
		expect(post).toMatchObject({ status: 'held', riskLevel: 'imminent' });
		expect(post.screeningReasons).toContain('risk_imminent');

		// The author deleting it later does not delete the evidence.
		await deleteOwnPost(db, member, { postId: outcome.postId });
		expect(await db.$count(evidenceSnapshots, eq(evidenceSnapshots.id, alert.evidenceId!))).toBe(1);
	});

	it('publishes a message of concern and gently signposts its author', async () => {
		const member = await account();
		const { threadId } = await startThread(member, { title: 'Bit of a rant' });
		const outcome = written(
			await replyToThread(db, member, { threadId, body: 'honestly whats even the point anymore' })
		);
		expect(outcome.status).toBe('published');
		expect(outcome.crisisPanel?.variant).toBe('gentle');
	});

	it("blocks telling someone to kill themselves ('kys'), stores nothing and says why", async () => {
		const member = await account();
		const peer = await account();
		const { threadId } = await startThread(peer, { title: 'Unpopular opinion' });
		const posts = await db.$count(forumPosts);
		const audits = await db.$count(auditLog);
		published.length = 0;

		const outcome = await replyToThread(db, member, { threadId, body: 'nobody cares, just kys' });
		expect(outcome).toMatchObject({ status: 'blocked', field: 'body', message: BULLYING_MESSAGE });
		expect(await db.$count(forumPosts)).toBe(posts);
		expect(await db.$count(auditLog)).toBe(audits);
		expect(published).toEqual([]);
	});

	it('holds personal information (a phone number, "add me on snap") for review', async () => {
		const member = await account();
		const peer = await account();
		const { threadId } = await startThread(peer, { title: 'Looking for a study buddy' });
		for (const body of ['text me on 07700 900123', 'add me on snap im jaybee_22']) {
			const outcome = written(await replyToThread(db, member, { threadId, body }));
			expect(outcome.status, body).toBe('held');
			const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, outcome.postId));
			expect(post.screeningReasons, body).toContain('personal_info');
			expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).not.toContain(outcome.postId);
		}
	});

	it('folds a post behind its content warning without treating the warning itself as risk', async () => {
		const member = await account();
		const peer = await account();
		const { threadId } = await startThread(peer, { title: 'Recovery stories' });
		const alertsBefore = await db.$count(safeguardingAlerts);
		const body = 'Two years on and things are so much better. Ask me anything.';
		for (const contentWarning of ['self-harm', 'suicide', 'Self harm mention']) {
			const outcome = written(await replyToThread(db, member, { threadId, body, contentWarning }));
			expect(outcome, contentWarning).toMatchObject({ status: 'published', crisisPanel: null });
			const seen = (await postsSeenBy(peer, threadId)).find((p) => p.id === outcome.postId);
			expect(seen?.contentWarning).toBe(contentWarning.toLowerCase());
		}
		expect(await db.$count(safeguardingAlerts)).toBe(alertsBefore);
		// The author's own warning is still screened for what would be refused anywhere else.
		expect(
			await replyToThread(db, member, { threadId, body, contentWarning: 'kys loser' })
		).toMatchObject({ status: 'blocked', field: 'contentWarning' });
		const held = written(
			await replyToThread(db, member, { threadId, body, contentWarning: 'call 07700 900777' })
		);
		expect(held.status).toBe('held');
	});

	it('screens the title of a new thread too', async () => {
		const member = await account();
		const outcome = await createThread(db, member, {
			categorySlug: 'mental-health',
			title: 'kys nobody likes you',
			body: 'just saying'
		});
		expect(outcome).toMatchObject({ status: 'blocked', field: 'title' });
	});

	it('never lets refused words in one part turn away a writer at risk in another: held, alerted with the words, answered with help', async () => {
		const member = await account();
		const peer = await account();
		const alertsAbout = () =>
			db.select().from(safeguardingAlerts).where(eq(safeguardingAlerts.subjectUserId, member.id));

		const thread = written(
			await createThread(db, member, {
				categorySlug: 'mental-health',
				title: 'kys nobody likes you',
				body: CRISIS_TEXT
			})
		);
		expect(thread).toMatchObject({ status: 'held', message: HELD_MESSAGE });
		expect(thread.crisisPanel?.variant).toBe('crisis');
		const [first] = await alertsAbout();
		expect(first).toMatchObject({ level: 'imminent', source: 'screening' });
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, first.evidenceId!));
		expect(evidence).toMatchObject({
			contentType: 'forum_post',
			contentId: String(thread.postId),
			text: `kys nobody likes you\n\n${CRISIS_TEXT}`
		});
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, thread.postId));
		expect(post).toMatchObject({ status: 'held', riskLevel: 'imminent' });
		expect(post.screeningReasons).toEqual(expect.arrayContaining(['bullying', 'risk_imminent']));

		// A reply whose own content warning would be refused, and an edit alike.
		const { threadId } = await startThread(peer, { title: 'Hard day' });
		const reply = written(
			await replyToThread(db, member, { threadId, body: CRISIS_TEXT, contentWarning: 'kys loser' })
		);
		expect(reply.status).toBe('held');
		expect(reply.crisisPanel?.variant).toBe('crisis');
		const mine = written(await replyToThread(db, member, { threadId, body: 'Same here.' }));
		const edit = written(
			await editOwnPost(db, member, {
				postId: mine.postId,
				body: CRISIS_TEXT,
				contentWarning: 'kys loser'
			})
		);
		expect(edit.status).toBe('held');
		expect(await alertsAbout()).toHaveLength(3);
		expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).not.toContain(reply.postId);
		expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).not.toContain(mine.postId);
	});
});

describe('what cannot be posted', () => {
	it('refuses an empty or over-long post with a clear message and writes nothing', async () => {
		const member = await account();
		const { threadId } = await startThread(member);
		const before = await db.$count(forumPosts);
		for (const [body, message] of [
			['   \n ', 'Write something before posting.'],
			['x'.repeat(20_001), 'Keep your post to 20,000 characters or fewer (it has 20,001).']
		] as const) {
			const error = await rejection(replyToThread(db, member, { threadId, body }));
			expect(error).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fieldErrors.body).toContain(message);
		}
		const error = await rejection(
			createThread(db, member, {
				categorySlug: 'mental-health',
				title: 't'.repeat(151),
				body: 'ok'
			})
		);
		expect((error as ValidationError).fieldErrors.title).toBe(
			'Keep the title to 150 characters or fewer (it has 151).'
		);
		expect(await db.$count(forumPosts)).toBe(before);
	});

	it("refuses to edit or delete someone else's post", async () => {
		const author = await account();
		const other = await account();
		const { threadId, postId } = await startThread(author);
		const edit = await rejection(editOwnPost(db, other, { postId, body: 'I changed your words' }));
		expect(edit).toBeInstanceOf(NotAllowedError);
		expect(edit.message).toBe('You can only edit your own posts.');
		const del = await rejection(deleteOwnPost(db, other, { postId }));
		expect(del).toBeInstanceOf(NotAllowedError);
		expect((await postsSeenBy(author, threadId))[0].html).toContain('How do you all cope');
	});

	it('refuses replies to a locked thread (staff may still reply)', async () => {
		const member = await account();
		const { threadId } = await startThread(worker, { title: 'Announcement: new rooms' });
		await db.update(forumThreads).set({ locked: true }).where(eq(forumThreads.id, threadId));
		const before = await db.$count(forumPosts);
		const error = await rejection(
			replyToThread(db, member, { threadId, body: 'can I still reply?' })
		);
		expect(error).toBeInstanceOf(NotAllowedError);
		expect(error.message).toBe('This conversation is locked, so no new replies can be added.');
		expect(await db.$count(forumPosts)).toBe(before);
		expect(
			written(await replyToThread(db, worker, { threadId, body: 'Update: rooms open at 6' })).status
		).toBe('published');
	});

	it('refuses replies to a hidden thread or one that does not exist, as not found', async () => {
		const member = await account();
		const { threadId, postId } = await startThread(member, { title: 'Something to hide' });
		await hidePost(db, worker, { postId, reason: 'Shares someone else’s story without asking' });
		for (const id of [threadId, 2_000_000_000]) {
			const error = await rejection(replyToThread(db, member, { threadId: id, body: 'hello?' }));
			expect(error).toBeInstanceOf(NotFoundError);
		}
	});

	it('stores only harmless HTML for every XSS attempt, posted as a new thread and as replies', async () => {
		const member = await account();
		// Two of them: nobody may start more than 20 conversations a day.
		const other = await account();
		const { threadId } = await startThread(member, { title: 'Formatting test' });
		for (const [i, attempt] of XSS_CORPUS.entries()) {
			const outcome =
				i % 2 === 0
					? await replyToThread(db, member, { threadId, body: attempt })
					: await createThread(db, i % 4 === 1 ? member : other, {
							categorySlug: 'advice-advocacy',
							title: attempt.slice(0, 150).padEnd(3, '.'),
							body: attempt
						});
			if (outcome.status === 'blocked') continue;
			const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, outcome.postId));
			for (const tag of post.html.match(/<[^>]*>/g) ?? []) {
				const name = /^<\/?([a-z0-9]+)/i.exec(tag)?.[1]?.toLowerCase() ?? '';
				expect(ALLOWED_TAGS as readonly string[], `${attempt} → ${post.html}`).toContain(name);
				expect(tag, attempt).not.toMatch(/\son[a-z]+\s*=|javascript:|data:|style=|src=/i);
			}
		}
	});
});

describe('editing and deleting your own posts', () => {
	it('keeps the earlier version as a revision, re-screens the new words, and tells the thread', async () => {
		const member = await account();
		const { threadId } = await startThread(member, { title: 'Gym tips' });
		const reply = written(
			await replyToThread(db, member, { threadId, body: 'try morning sessions' })
		);
		published.length = 0;
		const edited = written(
			await editOwnPost(db, member, { postId: reply.postId, body: 'try **morning** sessions' })
		);
		expect(edited.status).toBe('published');
		const [revision] = await db
			.select()
			.from(forumPostRevisions)
			.where(eq(forumPostRevisions.postId, reply.postId));
		expect(revision.body).toBe('try morning sessions');
		const seen = (await postsSeenBy(member, threadId)).find((p) => p.id === reply.postId);
		expect(seen?.html).toBe('<p>try <strong>morning</strong> sessions</p>');
		expect(seen?.editedAt).not.toBeNull();
		expect(published).toContainEqual(
			expect.objectContaining({ audience: `thread:${threadId}`, event: 'forum:post-changed' })
		);

		// An edit that adds contact details is held, and leaves peers' view.
		const peer = await account();
		const held = written(
			await editOwnPost(db, member, { postId: reply.postId, body: 'dm me 07700 900123' })
		);
		expect(held.status).toBe('held');
		expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).not.toContain(reply.postId);
	});

	it('holds an edit of a post a youth worker edited, even from an established member', async () => {
		const member = await account();
		const peer = await account();
		const { threadId } = await startThread(peer, { title: 'Weekend jobs?' });
		const reply = written(
			await replyToThread(db, member, { threadId, body: 'text me on 07700 900123 about it' })
		);
		expect(reply.status).toBe('held');
		await approvePostWithEdit(db, worker, { postId: reply.postId, body: 'ask me about it here' });

		const edited = written(
			await editOwnPost(db, member, { postId: reply.postId, body: 'ask me about it, any time' })
		);
		expect(edited).toMatchObject({ status: 'held', message: AFTER_STAFF_EDIT_MESSAGE });
		expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).not.toContain(reply.postId);
		const item = (await listHeldPosts(db, worker)).find((q) => q.postId === reply.postId);
		expect(item?.reasons).toEqual([AFTER_STAFF_EDIT_REASON]);

		// Once approved, it is everyone's again; and the member's own edits of their own words are
		// not held (the first test in this group).
		await approvePost(db, worker, { postId: reply.postId });
		expect((await postsSeenBy(peer, threadId)).find((p) => p.id === reply.postId)?.html).toBe(
			'<p>ask me about it, any time</p>'
		);
	});

	it('holds the conversation when its opening post is edited into waiting, as a new one waits', async () => {
		const member = await account();
		const peer = await account();
		const { threadId, postId } = await startThread(member, { title: 'Selling my old textbooks' });
		const peerReply = written(await replyToThread(db, peer, { threadId, body: 'Which ones?' }));
		const listed = async (viewer: CurrentUser) =>
			(await loadCategoryPage(db, viewer, { slug: 'mental-health', page: 1 })).threads.map(
				(t) => t.id
			);

		const held = written(
			await editOwnPost(db, member, { postId, body: 'text me on 07700 900123 for prices' })
		);
		expect(held.status).toBe('held');
		// Peers: neither the title in the list, nor the page, nor a reply.
		expect(await listed(peer)).not.toContain(threadId);
		expect(await rejection(loadThreadPage(db, peer, { threadId, page: 1 }))).toBeInstanceOf(
			NotFoundError
		);
		expect(
			await rejection(replyToThread(db, peer, { threadId, body: 'still there?' }))
		).toBeInstanceOf(NotFoundError);
		// Its author still sees it, waiting.
		expect(await listed(member)).toContain(threadId);
		expect((await postsSeenBy(member, threadId)).find((p) => p.id === postId)?.status).toBe('held');

		await approvePost(db, worker, { postId });
		expect(await listed(peer)).toContain(threadId);
		expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).toEqual([
			postId,
			peerReply.postId
		]);
	});

	it('keeps others’ replies public when a youth worker deletes an opening post edited into waiting', async () => {
		const member = await account();
		const peer = await account();
		const { threadId, postId } = await startThread(member, { title: 'Bike for sale' });
		const peerReply = written(await replyToThread(db, peer, { threadId, body: 'How much?' }));
		written(await editOwnPost(db, member, { postId, body: 'call 07700 900123' }));
		await deletePostAsStaff(db, worker, { postId, reason: 'No phone numbers', from: 'held' });
		const seen = await postsSeenBy(peer, threadId);
		expect(seen.find((p) => p.id === postId)).toMatchObject({ status: 'deleted', html: '' });
		expect(seen.find((p) => p.id === peerReply.postId)?.status).toBe('published');
	});

	it('soft-deletes: others see it was removed by its author, the words stay for staff', async () => {
		const member = await account();
		const peer = await account();
		const { threadId } = await startThread(peer, { title: 'Favourite revision music' });
		const reply = written(await replyToThread(db, member, { threadId, body: 'lofi beats always' }));
		await deleteOwnPost(db, member, { postId: reply.postId });
		const seen = (await postsSeenBy(peer, threadId)).find((p) => p.id === reply.postId);
		expect(seen).toMatchObject({ status: 'deleted', html: '' });
		const [row] = await db.select().from(forumPosts).where(eq(forumPosts.id, reply.postId));
		expect(row.body).toBe('lofi beats always');
	});

	it('takes the whole thread away when its opening post goes with no replies', async () => {
		const member = await account();
		const { threadId, postId } = await startThread(member, { title: 'Posted by mistake' });
		const result = await deleteOwnPost(db, member, { postId });
		expect(result.threadDeleted).toBe(true);
		expect(await rejection(loadThreadPage(db, member, { threadId, page: 1 }))).toBeInstanceOf(
			NotFoundError
		);
	});
});

describe('hiding a post', () => {
	it('takes it from everyone but staff and tells the author why', async () => {
		const member = await account();
		const peer = await account();
		const { threadId } = await startThread(peer, { title: 'Hair care routines' });
		const reply = written(await replyToThread(db, member, { threadId, body: 'coconut oil ftw' }));
		await hidePost(db, worker, { postId: reply.postId, reason: 'Off topic, sorry!' });
		expect((await postsSeenBy(peer, threadId)).map((p) => p.id)).not.toContain(reply.postId);
		expect((await postsSeenBy(member, threadId)).map((p) => p.id)).not.toContain(reply.postId);
		expect((await postsSeenBy(worker, threadId)).find((p) => p.id === reply.postId)?.status).toBe(
			'hidden'
		);
		const [told] = await db
			.select()
			.from(notifications)
			.where(and(eq(notifications.userId, member.id), eq(notifications.kind, 'forum_hidden')));
		expect(told.body).toBe('Why: Off topic, sorry!');
		expect(
			(
				(await rejection(
					hidePost(db, worker, { postId: reply.postId, reason: 'x' })
				)) as ValidationError
			).fieldErrors.reason
		).toBe('Say why it is hidden: the author is told.');
	});

	it('is only for staff', async () => {
		const member = await account();
		const { postId } = await startThread(member, { title: 'Cannot hide this' });
		expect(
			await rejection(hidePost(db, member, { postId, reason: 'I do not like it' }))
		).toBeInstanceOf(NotAllowedError);
		expect(await rejection(listHeldPosts(db, member))).toBeInstanceOf(NotAllowedError);
	});
});

describe('following a thread', () => {
	it('tells the author and earlier repliers about a new reply, but not the person who wrote it', async () => {
		const author = await account();
		const replier = await account();
		const latecomer = await account();
		const { threadId } = await startThread(author, { title: 'Sleep schedule help' });
		written(await replyToThread(db, replier, { threadId, body: 'no screens after 10' }));
		written(await replyToThread(db, latecomer, { threadId, body: 'herbal tea helps me' }));
		const replyNotes = (user: CurrentUser) =>
			db.$count(
				notifications,
				and(eq(notifications.userId, user.id), eq(notifications.kind, 'forum_reply'))
			);
		expect(await replyNotes(author)).toBe(2);
		expect(await replyNotes(replier)).toBe(1);
		expect(await replyNotes(latecomer)).toBe(0);
	});
});

describe('search', () => {
	it('finds published posts and titles, never held, hidden or deleted ones', async () => {
		const member = await account();
		const { threadId } = await startThread(member, {
			title: 'Dealing with xylophone anxiety',
			category: 'advice-advocacy'
		});
		const heldOne = written(
			await replyToThread(db, member, { threadId, body: 'my xylophone teacher, call 07700 900456' })
		);
		const hiddenOne = written(
			await replyToThread(db, member, { threadId, body: 'xylophone lessons are rubbish' })
		);
		await hidePost(db, worker, { postId: hiddenOne.postId, reason: 'Unkind' });
		const deletedOne = written(
			await replyToThread(db, member, { threadId, body: 'xylophone regrets' })
		);
		await deleteOwnPost(db, member, { postId: deletedOne.postId });
		const visible = written(
			await replyToThread(db, member, { threadId, body: 'Practising xylophones calms me down' })
		);

		for (const viewer of [member, worker]) {
			const results = await searchPosts(db, { q: 'xylophone', page: 1 });
			const ids = results.hits.map((h) => h.postId);
			expect(ids, viewer.username).toContain(visible.postId);
			expect(ids).not.toContain(heldOne.postId);
			expect(ids).not.toContain(hiddenOne.postId);
			expect(ids).not.toContain(deletedOne.postId);
		}
		// Title matches rank first; stemming finds "anxious" for "anxiety".
		const titles = await searchPosts(db, { q: 'xylophone anxiety', page: 1 });
		expect(titles.hits[0].threadTitle).toBe('Dealing with xylophone anxiety');
		// Excerpts mark the matched words.
		const calm = await searchPosts(db, { q: 'calm', page: 1 });
		expect(calm.hits.find((h) => h.postId === visible.postId)?.excerpt).toBe(
			'Practising xylophones \uE000calms\uE001 me down'
		);
		// The category filter keeps to one category.
		expect(
			(await searchPosts(db, { q: 'xylophone', category: 'mental-health', page: 1 })).hits
		).toEqual([]);
		// People type search syntax, quotes and stray symbols: none of it is an error.
		for (const q of [
			'"xylophone anxiety"',
			'xylophone -calms',
			'xylophone or piano',
			"')); drop table users; --",
			'&&&|||!!!'
		])
			await searchPosts(db, { q, page: 1 });
	});

	it('ranks the newest 500 matches of a common word, and says more posts match', async () => {
		const member = await account();
		const { threadId } = await startThread(member, { title: 'Quokka club' });
		// More posts than search ranks; the oldest five say the word three times, so they would rank
		// first if every match were ranked.
		const inserted = await publishedReplies(db, {
			threadId,
			authorId: member.id,
			count: SEARCH_MATCH_LIMIT + 5,
			body: (i) => (i < 5 ? `quokka quokka quokka ${i}` : `a quokka said hello ${i}`)
		});
		const oldest = inserted.slice(0, 5);
		const newest = inserted.at(-1);

		const first = await searchPosts(db, { q: 'quokka', page: 1 });
		expect(first.more).toBe(true);
		expect(first.total).toBe(SEARCH_MATCH_LIMIT);
		expect(first.pageCount).toBe(SEARCH_MATCH_LIMIT / 20);
		expect(first.hits).toHaveLength(20);
		const all = [first];
		for (let page = 2; page <= first.pageCount; page++)
			all.push(await searchPosts(db, { q: 'quokka', page }));
		const ids = all.flatMap((r) => r.hits.map((h) => h.postId));
		expect(new Set(ids).size).toBe(SEARCH_MATCH_LIMIT);
		expect(ids).toContain(newest);
		for (const id of oldest) expect(ids).not.toContain(id);

		// A page past the last is refused with a reason; a rarer word is counted exactly.
		const error = await rejection(searchPosts(db, { q: 'quokka', page: first.pageCount + 1 }));
		expect((error as ValidationError).fieldErrors.page).toBe(
			'Search shows at most 25 pages of results.'
		);
		const club = await searchPosts(db, { q: 'quokka club', page: 1 });
		expect(club).toMatchObject({ more: false, total: 1 });
	});

	it('refuses a one-letter search with a clear message', async () => {
		const error = await rejection(searchPosts(db, { q: ' a ', page: 1 }));
		expect((error as ValidationError).fieldErrors.q).toBe(
			'Type at least 2 characters to search for.'
		);
	});
});

describe('the thread page', () => {
	it('makes at most 4 queries however many replies there are', async () => {
		const member = await account();
		const { threadId, postId } = await startThread(member, { title: 'Long thread' });
		for (let i = 0; i < 60; i++)
			written(
				await replyToThread(db, member, {
					threadId,
					body: `reply ${i}`,
					quotePostId: i % 3 === 0 ? postId : undefined
				})
			);
		const counted = countingDatabase(db);
		const page = await loadThreadPage(counted.db, member, { threadId, page: 1 });
		expect(page.posts).toHaveLength(50);
		expect(page.posts.filter((p) => p.quote).length).toBeGreaterThan(10);
		expect(counted.queries()).toBeGreaterThan(0);
		expect(counted.queries()).toBeLessThanOrEqual(4);

		const counted2 = countingDatabase(db);
		const last = await loadThreadPage(counted2.db, member, {
			threadId,
			page: 1,
			postId: page.posts[0].id + 55
		});
		expect(last.page).toBe(2);
		expect(counted2.queries()).toBeLessThanOrEqual(4);
	});

	it('shows staff posts with the staff mark and quotes with who said them', async () => {
		const member = await account();
		const { threadId, postId } = await startThread(member, {
			title: 'Question for the youth workers'
		});
		written(
			await replyToThread(db, worker, { threadId, body: 'Good question!', quotePostId: postId })
		);
		const posts = await postsSeenBy(member, threadId);
		expect(posts[0].author).toMatchObject({ username: member.username, staff: false });
		expect(posts[1].author).toMatchObject({ username: worker.username, staff: true });
		expect(posts[1].quote).toMatchObject({ postId, username: member.username });
		expect(posts[1].quote?.excerpt).toBe('How do you all cope with revision?');
	});
});

describe('watching a thread or a category live', () => {
	let server: HttpServer;
	let origin: string;
	let live: Publisher;
	const sockets: Socket[] = [];

	beforeAll(async () => {
		process.env.SOCKET_RECHECK_SECONDS = '3600';
		resetConfig();
		server = createServer();
		await attachRealtime(server);
		live = publisher();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(async () => {
		for (const socket of sockets) socket.disconnect();
		await closeRealtime();
		if (server.listening) await new Promise((resolve) => server.close(resolve));
	});

	// The socket server's own publisher, not the recorder, for these tests.
	beforeEach(() => installPublisher(live));

	async function connectAs(user: CurrentUser): Promise<Socket> {
		const socket = await connectSignedIn(origin, user);
		sockets.push(socket);
		return socket;
	}

	function watch(socket: Socket, threadId: unknown) {
		return socket.timeout(5000).emitWithAck('thread:watch', { threadId }) as Promise<
			{ ok: true } | { ok: false; error: string }
		>;
	}

	it('sends published replies to everyone watching, and held ones only to their author', async () => {
		const author = await account();
		const reader = await account();
		const { threadId } = await startThread(author, { title: 'Live thread' });
		const readerSocket = await connectAs(reader);
		const authorSocket = await connectAs(author);
		expect(await watch(readerSocket, threadId)).toEqual({ ok: true });
		expect(await watch(authorSocket, threadId)).toEqual({ ok: true });

		const readerGot: PostView[] = [];
		const authorGot: PostView[] = [];
		readerSocket.on('forum:post', (p: PostView) => readerGot.push(p));
		authorSocket.on('forum:post', (p: PostView) => authorGot.push(p));

		const reply = written(
			await replyToThread(db, author, { threadId, body: 'live reply **here**' })
		);
		const risky = written(await replyToThread(db, author, { threadId, body: CRISIS_TEXT }));
		await expect.poll(() => readerGot.length).toBe(1);
		await expect.poll(() => authorGot.length).toBe(2);
		expect(readerGot[0]).toMatchObject({
			id: reply.postId,
			html: '<p>live reply <strong>here</strong></p>'
		});
		expect(authorGot.map((p) => p.id)).toContain(risky.postId);
		expect(authorGot.find((p) => p.id === risky.postId)?.status).toBe('held');
		// A moment later, still nothing held has reached the reader.
		await new Promise((r) => setTimeout(r, 200));
		expect(readerGot.map((p) => p.id)).toEqual([reply.postId]);
	});

	it("refuses to watch a thread the person may not read, or that isn't one", async () => {
		await updateSettings(db, OPERATOR, { premoderatePosts: 3 });
		try {
			const newcomer = await account();
			const other = await account();
			const { threadId } = await startThread(newcomer, { title: 'Waiting thread' });
			const socket = await connectAs(other);
			expect(await watch(socket, threadId)).toEqual({
				ok: false,
				error: 'We could not find that conversation. It may have been removed.'
			});
			expect(await watch(socket, 'nonsense')).toEqual({
				ok: false,
				error: 'That is not a conversation.'
			});
			expect(await watch(await connectAs(newcomer), threadId)).toEqual({ ok: true });
		} finally {
			await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
		}
	});

	function watchCategory(socket: Socket, categoryId: unknown) {
		return socket.timeout(5000).emitWithAck('category:watch', { categoryId }) as Promise<
			{ ok: true } | { ok: false; error: string }
		>;
	}

	it('tells every role watching a category about published conversations and replies, never held ones or other categories', async () => {
		const { id: categoryId } = await loadCategoryBySlug(db, 'physical-health');
		const watchers = {
			member: await account(),
			youthWorker: await account(['youth_worker']),
			safeguardingLead: await account(['safeguarding_lead']),
			coproductionLead: await account(['coproduction_lead']),
			admin: await account(['admin'])
		};
		const heard: Record<string, CategoryActivityEvent[]> = {};
		for (const [role, user] of Object.entries(watchers)) {
			const socket = await connectAs(user);
			expect(await watchCategory(socket, categoryId), role).toEqual({ ok: true });
			heard[role] = [];
			socket.on('forum:category-activity', (event: CategoryActivityEvent) =>
				heard[role].push(event)
			);
		}
		const everyoneHeard = async (events: Partial<CategoryActivityEvent>[]) => {
			for (const role of Object.keys(watchers)) {
				await expect.poll(() => heard[role].length, { message: role }).toBe(events.length);
				expect(heard[role], role).toMatchObject(events);
			}
		};

		const author = await account();
		const started = await startThread(author, { category: 'physical-health', title: 'Swim times' });
		await everyoneHeard([{ categoryId, threadId: started.threadId, kind: 'thread' }]);
		const reply = written(
			await replyToThread(db, author, { threadId: started.threadId, body: 'Tuesdays?' })
		);
		const expected = [
			{ categoryId, threadId: started.threadId, postId: started.postId, kind: 'thread' },
			{ categoryId, threadId: started.threadId, postId: reply.postId, kind: 'reply' }
		] as const;
		await everyoneHeard([...expected]);

		// Held (at risk, or a new member's first posts) and other categories: nobody hears, staff
		// included, until a youth worker approves it.
		written(await replyToThread(db, author, { threadId: started.threadId, body: CRISIS_TEXT }));
		await startThread(author, { category: 'mental-health', title: 'Elsewhere' });
		await updateSettings(db, OPERATOR, { premoderatePosts: 3 });
		let waiting;
		try {
			waiting = await createThread(db, await account(), {
				categorySlug: 'physical-health',
				title: 'My first conversation',
				body: 'Hello everyone'
			});
		} finally {
			await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
		}
		expect(waiting.status).toBe('held');
		await new Promise((r) => setTimeout(r, 200));
		await everyoneHeard([...expected]);

		await approvePost(db, worker, { postId: written(waiting).postId });
		await everyoneHeard([
			...expected,
			{ categoryId, threadId: written(waiting).threadId, kind: 'thread' }
		]);
	});

	it("refuses to watch a category that isn't one, and stops when asked", async () => {
		const member = await account();
		const socket = await connectAs(member);
		expect(await watchCategory(socket, 'physical-health')).toEqual({
			ok: false,
			error: 'That is not a category.'
		});
		expect(await watchCategory(socket, 2_000_000_000)).toEqual({
			ok: false,
			error: 'We could not find that category.'
		});
		const { id: categoryId } = await loadCategoryBySlug(db, 'advice-advocacy');
		expect(await watchCategory(socket, categoryId)).toEqual({ ok: true });
		const heard: CategoryActivityEvent[] = [];
		socket.on('forum:category-activity', (event: CategoryActivityEvent) => heard.push(event));
		expect(await socket.timeout(5000).emitWithAck('category:unwatch', { categoryId })).toEqual({
			ok: true
		});
		await startThread(member, { category: 'advice-advocacy', title: 'Not heard' });
		await new Promise((r) => setTimeout(r, 200));
		expect(heard).toEqual([]);
	});
});
