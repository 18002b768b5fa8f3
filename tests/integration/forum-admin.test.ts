/**
 * Looking after the forum, on a real database: admins manage its categories (hostile input
 * included), deleted posts' words are erased after the retention period unless a report, alert or
 * case still needs them, and youth workers can read a post's edit history (nobody else can).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	auditLog,
	evidenceSnapshots,
	forumCategories,
	forumPostRevisions,
	forumPosts,
	forumReports,
	forumThreads,
	safeguardingAlerts,
	userReports
} from '../../src/lib/server/db/schema';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { installPublisher } from '../../src/lib/server/realtime/publisher';
import { getSettings, updateSettings } from '../../src/lib/server/settings';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { editOwnPost } from '../../src/lib/server/forum/edit-post';
import { deleteOwnPost } from '../../src/lib/server/forum/delete-post';
import { reportPost } from '../../src/lib/server/forum/report';
import { listCategories, loadThreadPage } from '../../src/lib/server/forum/read';
import { moveThread } from '../../src/lib/server/forum/thread-tools';
import {
	createCategory,
	deleteCategory,
	listCategoriesForAdmin,
	moveCategory,
	slugFor,
	updateCategory
} from '../../src/lib/server/forum/categories';
import { ERASED_TITLE, purgeDeletedPosts } from '../../src/lib/server/forum/retention';
import { loadPostHistory } from '../../src/lib/server/forum/revisions';
import { setUpForum } from '../support/forum';
import { rejection, written } from '../support/outcomes';

const DAY = 86_400_000;

const { db, account, worker } = await setUpForum('admin_t', { workerOnDuty: true });
const admin = await account(['admin']);

beforeEach(() =>
	installPublisher({
		publish() {},
		disconnectUser() {},
		removeFromRoom() {},
		publishEach: async () => {}
	})
);
afterEach(() => installPublisher(undefined));

const fieldError = (error: Error, field: string) => (error as ValidationError).fieldErrors?.[field];

describe('forum categories', () => {
	it('an admin adds one: its address comes from its name, it goes last, and it is audited', async () => {
		const created = await createCategory(db, admin, {
			name: '  Sexual health &   relationships ',
			description: 'Consent, contraception, and looking after each other.',
			staffOnlyPosting: false
		});
		expect(created).toMatchObject({
			name: 'Sexual health & relationships',
			slug: 'sexual-health-relationships'
		});
		const shown = await listCategories(db);
		expect(shown.at(-1)?.slug).toBe('sexual-health-relationships');
		expect(shown.slice(0, 4).map((c) => c.slug)).toEqual([
			'physical-health',
			'mental-health',
			'advice-advocacy',
			'children-young-people'
		]);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'forum.category.create'), eq(auditLog.targetId, String(created.id)))
			);
		expect(audit.actorId).toBe(admin.id);

		// Members can start conversations there straight away.
		const member = await account();
		written(
			await createThread(db, member, {
				categorySlug: created.slug,
				title: 'Talking to a partner about boundaries',
				body: 'How do you start?'
			})
		);
		const listed = (await listCategoriesForAdmin(db, admin)).find((c) => c.id === created.id);
		expect(listed?.threadCount).toBe(1);
	});

	it('refuses a name another category has, or one that makes the same address', async () => {
		const same = await rejection(createCategory(db, admin, { name: 'mental HEALTH' }));
		expect(same).toBeInstanceOf(ConflictError);
		expect(fieldError(same, 'name')).toBe('There is already a category called “Mental health”.');
		const close = await rejection(createCategory(db, admin, { name: 'Mental-health!' }));
		expect(fieldError(close, 'name')).toContain('/forum/mental-health');
		const page = await rejection(createCategory(db, admin, { name: 'Search' }));
		expect(fieldError(page, 'name')).toContain('clash with one of the forum’s own pages');
		expect(await db.$count(forumCategories, eq(forumCategories.name, 'mental HEALTH'))).toBe(0);
	});

	it('refuses empty, over-long and letterless names and over-long descriptions', async () => {
		const before = await db.$count(forumCategories);
		expect(fieldError(await rejection(createCategory(db, admin, { name: '' })), 'name')).toBe(
			'Enter the category’s name (at least 2 characters).'
		);
		expect(
			fieldError(await rejection(createCategory(db, admin, { name: 'x'.repeat(61) })), 'name')
		).toBe('Keep the name to 60 characters or fewer.');
		expect(fieldError(await rejection(createCategory(db, admin, { name: '🙂 🎉' })), 'name')).toBe(
			'Include at least one letter or number in the name.'
		);
		expect(
			fieldError(
				await rejection(createCategory(db, admin, { name: 'Music', description: 'y'.repeat(301) })),
				'description'
			)
		).toBe('Keep the description to 300 characters or fewer.');
		expect(
			await rejection(createCategory(db, admin, { name: 42 as unknown as string }))
		).toBeInstanceOf(ValidationError);
		expect(await db.$count(forumCategories)).toBe(before);

		// Exactly at the limits is fine; markup is only ever text, and other scripts make addresses.
		const long = await createCategory(db, admin, {
			name: 'L'.repeat(60),
			description: 'd'.repeat(300)
		});
		expect(long.name).toHaveLength(60);
		const tagged = await createCategory(db, admin, { name: '<script>alert(1)</script>' });
		expect(tagged).toMatchObject({
			name: '<script>alert(1)</script>',
			slug: 'script-alert-1-script'
		});
		expect(slugFor('Ṣàlàyé Café')).toBe('ṣàlàyé-café');
		expect(slugFor('صحة نفسية')).toBe('صحة-نفسية');
	});

	it('only admins manage categories', async () => {
		const target = (await listCategoriesForAdmin(db, admin))[0];
		for (const roles of [
			['young_person'],
			['youth_worker'],
			['safeguarding_lead']
		] as CurrentUser['roles'][]) {
			const someone = await account(roles);
			for (const attempt of [
				listCategoriesForAdmin(db, someone),
				createCategory(db, someone, { name: `Mine ${roles[0]}` }),
				updateCategory(db, someone, target.id, { name: 'Taken over' }),
				moveCategory(db, someone, target.id, 'down'),
				deleteCategory(db, someone, target.id)
			])
				expect(await rejection(attempt)).toBeInstanceOf(NotAllowedError);
		}
		expect((await listCategoriesForAdmin(db, admin))[0]).toEqual(target);
	});

	it('edits keep the address; announcements take new conversations from staff only', async () => {
		const created = await createCategory(db, admin, { name: 'Notices' });
		const updated = await updateCategory(db, admin, created.id, {
			name: 'Noticeboard',
			description: 'News from the team.',
			staffOnlyPosting: true
		});
		expect(updated).toMatchObject({ name: 'Noticeboard', slug: 'notices', staffOnlyPosting: true });

		const member = await account();
		expect(
			await rejection(
				createThread(db, member, { categorySlug: 'notices', title: 'Hello all', body: 'Hi' })
			)
		).toBeInstanceOf(NotAllowedError);
		written(
			await createThread(db, worker, {
				categorySlug: 'notices',
				title: 'Session times this week',
				body: 'Tuesday 6pm.'
			})
		);

		const clash = await rejection(
			updateCategory(db, admin, created.id, { name: 'Physical Health' })
		);
		expect(fieldError(clash, 'name')).toBe('There is already a category called “Physical health”.');
		// Its own name (in other letters' case) is fine.
		await updateCategory(db, admin, created.id, { name: 'NOTICEBOARD', staffOnlyPosting: true });
		expect(await rejection(updateCategory(db, admin, 999_999, { name: 'Ghost' }))).toBeInstanceOf(
			NotFoundError
		);
	});

	it('moves a category up and down the list, one place at a time', async () => {
		const order = async () => (await listCategories(db)).map((c) => c.slug);
		const created = await createCategory(db, admin, { name: 'Music and art' });
		const start = await order();
		expect(start.at(-1)).toBe('music-and-art');

		expect(await moveCategory(db, admin, created.id, 'up')).toEqual({
			name: 'Music and art',
			moved: true
		});
		const after = await order();
		expect(after.at(-2)).toBe('music-and-art');
		expect(after.at(-1)).toBe(start.at(-2));

		expect(await moveCategory(db, admin, created.id, 'down')).toMatchObject({ moved: true });
		expect(await moveCategory(db, admin, created.id, 'down')).toMatchObject({ moved: false });
		expect(await order()).toEqual(start);

		const first = (await listCategoriesForAdmin(db, admin))[0];
		expect(await moveCategory(db, admin, first.id, 'up')).toMatchObject({ moved: false });
		expect(await rejection(moveCategory(db, admin, created.id, 'sideways' as 'up'))).toBeInstanceOf(
			ValidationError
		);
		expect(await rejection(moveCategory(db, admin, 999_999, 'up'))).toBeInstanceOf(NotFoundError);
	});

	it('deletes only an empty category, and says to move the conversations first', async () => {
		const created = await createCategory(db, admin, { name: 'Short-lived' });
		const member = await account();
		const { threadId } = written(
			await createThread(db, member, {
				categorySlug: created.slug,
				title: 'Is this the right place?',
				body: 'Not sure where to ask.'
			})
		);
		const refused = await rejection(deleteCategory(db, admin, created.id));
		expect(refused).toBeInstanceOf(ConflictError);
		expect(refused.message).toBe(
			'“Short-lived” still has 1 conversation (counting hidden and removed ones). Move it to another category first (a youth worker can, with “Thread tools” on each conversation), then delete the category.'
		);
		expect(await db.$count(forumCategories, eq(forumCategories.id, created.id))).toBe(1);

		const [general] = await db
			.select()
			.from(forumCategories)
			.where(eq(forumCategories.slug, 'children-young-people'));
		await moveThread(db, worker, { threadId, categoryId: general.id });
		expect(await deleteCategory(db, admin, created.id)).toEqual({ name: 'Short-lived' });
		expect(await db.$count(forumCategories, eq(forumCategories.id, created.id))).toBe(0);
		const [thread] = await db.select().from(forumThreads).where(eq(forumThreads.id, threadId));
		expect(thread.categoryId).toBe(general.id);
		expect(
			await db.$count(
				auditLog,
				and(eq(auditLog.action, 'forum.category.delete'), eq(auditLog.targetId, String(created.id)))
			)
		).toBe(1);
		expect(await rejection(deleteCategory(db, admin, created.id))).toBeInstanceOf(NotFoundError);
	});
});

describe('retention of deleted posts', () => {
	let checkIns = 0;

	/** A reply by `author` in a fresh thread. */
	async function replyBy(author: CurrentUser, body: string) {
		const { threadId } = written(
			await createThread(db, worker, {
				categorySlug: 'mental-health',
				title: `Check-in ${++checkIns}`,
				body: 'How is everyone?'
			})
		);
		return written(await replyToThread(db, author, { threadId, body }));
	}

	async function deletedDaysAgo(author: CurrentUser, postId: number, days: number) {
		await deleteOwnPost(db, author, { postId });
		await db
			.update(forumPosts)
			.set({ deletedAt: new Date(Date.now() - days * DAY) })
			.where(eq(forumPosts.id, postId));
	}

	async function post(id: number) {
		const [row] = await db.select().from(forumPosts).where(eq(forumPosts.id, id));
		return row;
	}

	it('erases only old, deleted posts that nothing refers to, in one audited run', async () => {
		expect((await getSettings(db)).deletedPostRetentionDays).toBe(30);
		const author = await account();
		const reporter = await account();

		const old = await replyBy(author, 'An old thing I regret saying');
		await editOwnPost(db, author, { postId: old.postId, body: 'An old thing, reworded' });
		await deletedDaysAgo(author, old.postId, 40);

		const recent = await replyBy(author, 'Deleted only last week');
		await deletedDaysAgo(author, recent.postId, 10);

		const reported = await replyBy(author, 'Someone reported this before I deleted it');
		await reportPost(db, reporter, { postId: reported.postId, reason: 'unkind' });
		await deletedDaysAgo(author, reported.postId, 40);

		const worrying = await replyBy(author, 'I feel like nobody would notice if I was gone');
		await reportPost(db, reporter, { postId: worrying.postId, reason: 'worried' });
		await deletedDaysAgo(author, worrying.postId, 40);

		const named = await replyBy(author, 'Named in a report about me');
		await db.insert(userReports).values({
			reportedUserId: author.id,
			reporterId: reporter.id,
			reason: 'spam',
			contextPostId: named.postId
		});
		await deletedDaysAgo(author, named.postId, 40);

		const kept = await replyBy(author, 'Still here, never deleted');
		await db
			.update(forumPosts)
			.set({ createdAt: new Date(Date.now() - 90 * DAY) })
			.where(eq(forumPosts.id, kept.postId));

		const result = await purgeDeletedPosts(db);
		expect(result).toEqual({ purged: 1, retentionDays: 30 });

		const erased = await post(old.postId);
		expect(erased).toMatchObject({ body: '', html: '', contentWarning: null, status: 'deleted' });
		expect(erased.purgedAt).toBeInstanceOf(Date);
		const revisions = await db
			.select()
			.from(forumPostRevisions)
			.where(eq(forumPostRevisions.postId, old.postId));
		expect(revisions.map((r) => r.body)).toEqual(['']);

		for (const id of [recent.postId, reported.postId, worrying.postId, named.postId]) {
			const row = await post(id);
			expect(row.purgedAt, String(id)).toBeNull();
			expect(row.body.length).toBeGreaterThan(0);
		}
		expect((await post(kept.postId)).body).toBe('Still here, never deleted');

		const audits = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'forum.retention.purge'));
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ actorId: null, details: { count: 1, retentionDays: 30 } });

		// Nothing more to do: nothing changes, nothing is recorded.
		expect((await purgeDeletedPosts(db)).purged).toBe(0);
		expect(await db.$count(auditLog, eq(auditLog.action, 'forum.retention.purge'))).toBe(1);

		// Staff see that the words went under the policy; the history has no words left either.
		const page = await loadThreadPage(db, worker, { threadId: old.threadId, page: 1 });
		expect(page.purgedPostIds).toEqual([old.postId]);
		const memberPage = await loadThreadPage(db, reporter, { threadId: old.threadId, page: 1 });
		expect(memberPage.purgedPostIds).toEqual([]);
		const history = await loadPostHistory(db, worker, old.postId);
		expect(history.post.purgedAt).toBeInstanceOf(Date);
		expect(history.revisions.map((r) => r.body)).toEqual(['']);

		// Once the report is dealt with and the alert resolved, they go too; the evidence stays.
		const [alert] = await db
			.select({ id: safeguardingAlerts.id, evidenceId: safeguardingAlerts.evidenceId })
			.from(safeguardingAlerts)
			.innerJoin(evidenceSnapshots, eq(evidenceSnapshots.id, safeguardingAlerts.evidenceId))
			.where(eq(evidenceSnapshots.contentId, String(worrying.postId)));
		await db
			.update(safeguardingAlerts)
			.set({ status: 'resolved', resolvedAt: new Date() })
			.where(eq(safeguardingAlerts.id, alert.id));
		await db
			.update(forumReports)
			.set({ reviewedAt: new Date(), reviewedById: worker.id })
			.where(inArray(forumReports.postId, [reported.postId, worrying.postId]));
		expect((await purgeDeletedPosts(db)).purged).toBe(2);
		expect((await post(worrying.postId)).body).toBe('');
		const [evidence] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alert.evidenceId!));
		expect(evidence.text).toContain('nobody would notice');
		expect((await post(named.postId)).purgedAt).toBeNull();
	});

	it('erases the title of a conversation that went with its opening post, not of one that stays', async () => {
		const author = await account();
		const opened = async (title: string) => {
			const thread = written(
				await createThread(db, author, {
					categorySlug: 'mental-health',
					title,
					body: 'Is it just me who finds this hard?'
				})
			);
			// As if a youth worker had approved it (a new member's first posts are held).
			await db
				.update(forumThreads)
				.set({ status: 'published' })
				.where(eq(forumThreads.id, thread.threadId));
			await db
				.update(forumPosts)
				.set({ status: 'published' })
				.where(eq(forumPosts.id, thread.postId));
			return thread;
		};
		const alone = await opened('Anyone else at Northfield Academy?');
		const answered = await opened('Exams at my school are too much');
		await replyToThread(db, worker, { threadId: answered.threadId, body: 'You are not alone.' });
		await deletedDaysAgo(author, alone.postId, 40);
		await deletedDaysAgo(author, answered.postId, 40);

		expect((await purgeDeletedPosts(db)).purged).toBe(2);

		const titleOf = async (threadId: number) =>
			(await db.select().from(forumThreads).where(eq(forumThreads.id, threadId)))[0].title;
		expect(await titleOf(alone.threadId)).toBe(ERASED_TITLE);
		expect((await post(alone.postId)).threadTitle).toBe(ERASED_TITLE);
		// The conversation others replied to stays, under its title.
		expect(await titleOf(answered.threadId)).toBe('Exams at my school are too much');
		expect((await post(answered.postId)).threadTitle).toBe('Exams at my school are too much');
	});

	it('follows the retention setting, which admins keep between 1 and 3650 days', async () => {
		const author = await account();
		const recent = await replyBy(author, 'Deleted a little while ago');
		await deletedDaysAgo(author, recent.postId, 10);
		expect((await purgeDeletedPosts(db)).purged).toBe(0);
		for (const bad of ['0', '3651', 'a week', ''])
			expect(
				await rejection(updateSettings(db, admin, { deletedPostRetentionDays: bad }))
			).toBeInstanceOf(ValidationError);
		expect(
			await rejection(updateSettings(db, worker, { deletedPostRetentionDays: '7' }))
		).toBeInstanceOf(NotAllowedError);
		await updateSettings(db, admin, { deletedPostRetentionDays: '7' });
		expect((await purgeDeletedPosts(db)).retentionDays).toBe(7);
		expect((await post(recent.postId)).purgedAt).toBeInstanceOf(Date);
		await updateSettings(db, admin, { deletedPostRetentionDays: 30 });
	});
});

describe('edit history', () => {
	it('shows youth workers every earlier version, newest first, and the current one', async () => {
		const author = await account();
		const { threadId } = written(
			await createThread(db, worker, {
				categorySlug: 'mental-health',
				title: 'What helps on a bad day?',
				body: 'Share anything.'
			})
		);
		const { postId } = written(
			await replyToThread(db, author, { threadId, body: 'First **version**' })
		);
		await editOwnPost(db, author, { postId, body: 'Second version <b>bold</b>' });
		await editOwnPost(db, author, {
			postId,
			body: 'Third version',
			contentWarning: 'grief'
		});

		for (const roles of [['youth_worker'], ['safeguarding_lead']] as CurrentUser['roles'][]) {
			const staff = roles[0] === 'youth_worker' ? worker : await account(roles);
			const history = await loadPostHistory(db, staff, postId);
			expect(history.post).toMatchObject({
				body: 'Third version',
				contentWarning: 'grief',
				authorUsername: author.username,
				threadTitle: 'What helps on a bad day?'
			});
			expect(history.revisions.map((r) => r.body)).toEqual([
				'Second version <b>bold</b>',
				'First **version**'
			]);
			expect(history.revisions.every((r) => r.replacedBy === author.username)).toBe(true);
			expect(history.revisions[0].replacedAt >= history.revisions[1].replacedAt).toBe(true);
		}
	});

	it('is not found for members, coproduction leads and admins, or for a post that is not there', async () => {
		const author = await account();
		const { threadId } = written(
			await createThread(db, worker, {
				categorySlug: 'mental-health',
				title: 'Private history',
				body: 'Hello.'
			})
		);
		const { postId } = written(await replyToThread(db, author, { threadId, body: 'Hi there' }));
		await editOwnPost(db, author, { postId, body: 'Hi there, edited' });
		for (const roles of [
			['young_person'],
			['coproduction_lead'],
			['admin']
		] as CurrentUser['roles'][]) {
			const someone = await account(roles);
			expect(await rejection(loadPostHistory(db, someone, postId))).toBeInstanceOf(NotFoundError);
		}
		// Not even its own author.
		expect(await rejection(loadPostHistory(db, author, postId))).toBeInstanceOf(NotFoundError);
		expect(await rejection(loadPostHistory(db, worker, 2_000_000_000))).toBeInstanceOf(
			NotFoundError
		);
	});
});
