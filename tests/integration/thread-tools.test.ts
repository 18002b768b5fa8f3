/**
 * Thread tools on a real database, and what they mean for members: a pinned conversation comes
 * first on its category page, a locked or closed one takes no replies from members (youth workers
 * still can), a moved one is listed in its new category, and slow mode tells a member when they
 * can post again. Only youth workers can use the tools, and only one worker's change takes effect.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, forumPosts, forumThreads } from '../../src/lib/server/db/schema';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { ConflictError, NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { editOwnPost } from '../../src/lib/server/forum/edit-post';
import { loadCategoryPage, loadThreadPage } from '../../src/lib/server/forum/read';
import { loadCategoryBySlug } from '../../src/lib/server/forum/load';
import {
	moveThread,
	setClosingTime,
	setSlowMode,
	setThreadLocked,
	setThreadPinned
} from '../../src/lib/server/forum/thread-tools';
import { FORUM_EVENTS } from '../../src/lib/forum';
import { formatDateTime } from '../../src/lib/format';
import { ukDateInput, ukTimeInput } from '../../src/lib/uk-date-time';
import { setUpForum } from '../support/forum';
import { recordPublished } from '../support/published';
import { rejection, written } from '../support/outcomes';

const MINUTE = 60_000;

/** This instant as a youth worker types it into the closing-time fields. */
const typedAs = (at: Date) => ({ date: ukDateInput(at), time: ukTimeInput(at) });

// Established members: new members' posting limits are tested in rate-limits.test.ts.
const { db, account, worker } = await setUpForum('tools', { workerOnDuty: false });

const { published, install, uninstall } = recordPublished();
beforeEach(install);
afterEach(uninstall);

async function startThread(author: CurrentUser, title: string, category = 'physical-health') {
	return written(
		await createThread(db, author, { categorySlug: category, title, body: 'What do you think?' })
	).threadId;
}

async function threadRow(id: number) {
	const [row] = await db.select().from(forumThreads).where(eq(forumThreads.id, id));
	return row;
}

async function auditFor(action: string, threadId: number) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(threadId))))
		.orderBy(asc(auditLog.id));
}

const londonTime = (at: Date) =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(at);

describe('pinning', () => {
	it('puts a pinned conversation first on its category page, audited and announced live', async () => {
		const member = await account();
		const older = await startThread(member, 'Stretching before a run');
		const newer = await startThread(member, 'Best trainers for flat feet');
		const before = await loadCategoryPage(db, member, { slug: 'physical-health', page: 1 });
		expect(before.threads.findIndex((t) => t.id === newer)).toBeLessThan(
			before.threads.findIndex((t) => t.id === older)
		);

		const result = await setThreadPinned(db, worker, { threadId: older, pinned: true });
		expect(result.message).toContain('pinned');

		const after = await loadCategoryPage(db, member, { slug: 'physical-health', page: 1 });
		const first = after.threads.find((t) => t.pinned);
		expect(after.threads[0]).toMatchObject({ id: older, pinned: true });
		expect(first?.id).toBe(older);
		expect((await loadThreadPage(db, member, { threadId: older, page: 1 })).thread.pinned).toBe(
			true
		);

		const [audit] = await auditFor('forum.thread.pin', older);
		expect(audit.actorId).toBe(worker.id);
		expect(audit.details).toMatchObject({
			before: { pinned: false },
			after: { pinned: true }
		});
		expect(published).toContainEqual({
			audience: `thread:${older}`,
			event: FORUM_EVENTS.threadChanged,
			payload: expect.objectContaining({ threadId: older })
		});

		// Someone else pinned it meanwhile (or a double click): told, nothing written twice.
		const again = await rejection(setThreadPinned(db, worker, { threadId: older, pinned: true }));
		expect(again).toBeInstanceOf(ConflictError);
		expect(again.message).toBe('Another youth worker has already pinned this conversation.');
		expect(await auditFor('forum.thread.pin', older)).toHaveLength(1);

		await setThreadPinned(db, worker, { threadId: older, pinned: false });
		expect((await threadRow(older)).pinned).toBe(false);
	});

	it('is only for youth workers: members, coproduction leads and admins are refused', async () => {
		const member = await account();
		const threadId = await startThread(member, 'Anyone tried yoga?');
		for (const roles of [
			['young_person'],
			['coproduction_lead'],
			['admin']
		] as CurrentUser['roles'][]) {
			const someone = await account(roles);
			const error = await rejection(setThreadPinned(db, someone, { threadId, pinned: true }));
			expect(error).toBeInstanceOf(NotAllowedError);
			expect(
				await rejection(setThreadLocked(db, someone, { threadId, locked: true }))
			).toBeInstanceOf(NotAllowedError);
			expect(await rejection(setSlowMode(db, someone, { threadId, minutes: 5 }))).toBeInstanceOf(
				NotAllowedError
			);
		}
		const row = await threadRow(threadId);
		expect(row).toMatchObject({ pinned: false, locked: false, slowModeMinutes: 0 });
		expect(await auditFor('forum.thread.pin', threadId)).toHaveLength(0);
	});

	it('says a conversation that does not exist is not found', async () => {
		expect(
			await rejection(setThreadPinned(db, worker, { threadId: 2_000_000_000, pinned: true }))
		).toBeInstanceOf(NotFoundError);
		expect(
			await rejection(setThreadPinned(db, worker, { threadId: -4, pinned: true }))
		).toBeInstanceOf(ValidationError);
	});
});

describe('locking', () => {
	it('refuses members’ replies to a locked conversation, but not a youth worker’s', async () => {
		const member = await account();
		const threadId = await startThread(member, 'Tips for a broken wrist');
		await setThreadLocked(db, worker, { threadId, locked: true });

		const page = await loadThreadPage(db, member, { threadId, page: 1 });
		expect(page.thread.locked).toBe(true);
		expect(page.replyRefusal).toBe('This conversation is locked, so no new replies can be added.');
		const error = await rejection(replyToThread(db, member, { threadId, body: 'Ice it!' }));
		expect(error).toBeInstanceOf(NotAllowedError);
		expect(error.message).toContain('locked');

		expect((await loadThreadPage(db, worker, { threadId, page: 1 })).replyRefusal).toBeNull();
		written(await replyToThread(db, worker, { threadId, body: 'Locking this one, thanks all.' }));

		const [audit] = await auditFor('forum.thread.lock', threadId);
		expect(audit.details).toMatchObject({ before: { locked: false }, after: { locked: true } });

		await setThreadLocked(db, worker, { threadId, locked: false });
		written(await replyToThread(db, member, { threadId, body: 'Thanks for unlocking.' }));
	});

	it('stops members editing their posts once a conversation is locked or closed', async () => {
		const member = await account();
		const threadId = await startThread(member, 'Best stretches after football');
		const postId = written(
			await replyToThread(db, member, { threadId, body: 'Hamstrings first.' })
		).postId;
		const edit = (who: CurrentUser, body: string) => editOwnPost(db, who, { postId, body });

		await setThreadLocked(db, worker, { threadId, locked: true });
		expect((await rejection(edit(member, 'Calves first.'))).message).toBe(
			'This conversation is locked, so its posts can no longer be edited.'
		);
		await setThreadLocked(db, worker, { threadId, locked: false });
		await setClosingTime(db, worker, { threadId, closesAt: { date: '01/01/2000', time: '00:00' } });
		expect((await rejection(edit(member, 'Calves first.'))).message).toBe(
			'This conversation has closed, so its posts can no longer be edited.'
		);
		const [post] = await db.select().from(forumPosts).where(eq(forumPosts.id, postId));
		expect(post.body).toBe('Hamstrings first.');
	});
});

describe('moving', () => {
	it('lists the conversation in its new category and not its old one', async () => {
		const member = await account();
		const threadId = await startThread(member, 'Rent deposit never returned', 'physical-health');
		const advice = await loadCategoryBySlug(db, 'advice-advocacy');

		const result = await moveThread(db, worker, { threadId, categoryId: advice.id });
		expect(result).toMatchObject({ categorySlug: 'advice-advocacy' });
		expect(result.message).toBe('This conversation is now in Advice & Advocacy.');

		const old = await loadCategoryPage(db, member, { slug: 'physical-health', page: 1 });
		expect(old.threads.map((t) => t.id)).not.toContain(threadId);
		const now = await loadCategoryPage(db, member, { slug: 'advice-advocacy', page: 1 });
		expect(now.threads.map((t) => t.id)).toContain(threadId);
		expect((await loadThreadPage(db, member, { threadId, page: 1 })).category.slug).toBe(
			'advice-advocacy'
		);

		const [audit] = await auditFor('forum.thread.move', threadId);
		const physical = await loadCategoryBySlug(db, 'physical-health');
		expect(audit.details).toMatchObject({
			before: { categoryId: physical.id },
			after: { categoryId: advice.id }
		});
		expect(published).toContainEqual({
			audience: `thread:${threadId}`,
			event: FORUM_EVENTS.threadChanged,
			payload: { threadId, categoryIds: [physical.id, advice.id] }
		});
	});

	it('refuses a category that does not exist, or the one it is already in', async () => {
		const member = await account();
		const threadId = await startThread(member, 'Where should this go?', 'physical-health');
		const physical = await loadCategoryBySlug(db, 'physical-health');
		const gone = await rejection(moveThread(db, worker, { threadId, categoryId: 999_999 }));
		expect(gone).toBeInstanceOf(ValidationError);
		expect((gone as ValidationError).fieldErrors.categoryId).toContain('no longer exists');
		const same = await rejection(moveThread(db, worker, { threadId, categoryId: physical.id }));
		expect((same as ValidationError).fieldErrors.categoryId).toBe(
			'This conversation is already in Physical health.'
		);
		expect((await threadRow(threadId)).categoryId).toBe(physical.id);
	});
});

describe('slow mode', () => {
	it('lets a member post once per N minutes in the thread, tells them when, and never slows staff', async () => {
		const member = await account();
		const threadId = await startThread(worker, 'Share one win from this week');
		await setSlowMode(db, worker, { threadId, minutes: '10' });
		expect((await threadRow(threadId)).slowModeMinutes).toBe(10);

		// 14:00 in London (BST) on a June day.
		const at = new Date('2030-06-03T13:00:00Z');
		written(await replyToThread(db, member, { threadId, body: 'I went for a walk.' }, { now: at }));

		const soon = new Date(at.getTime() + 5 * MINUTE);
		const error = await rejection(
			replyToThread(db, member, { threadId, body: 'And I slept well!' }, { now: soon })
		);
		expect(error).toBeInstanceOf(NotAllowedError);
		expect(error.message).toBe(
			'Slow mode: one post every 10 minutes. You can post here again at 14:10.'
		);

		// Within the last minute the wait is in seconds; at the end it is allowed.
		await expect(
			replyToThread(
				db,
				member,
				{ threadId, body: 'Also…' },
				{ now: new Date(at.getTime() + 9 * MINUTE + 40_000) }
			)
		).rejects.toThrow('You can post here again in 20 seconds.');
		written(
			await replyToThread(
				db,
				member,
				{ threadId, body: 'And I slept well!' },
				{ now: new Date(at.getTime() + 10 * MINUTE) }
			)
		);

		// Youth workers are never slowed.
		written(await replyToThread(db, worker, { threadId, body: 'Love these.' }, { now: soon }));
		written(await replyToThread(db, worker, { threadId, body: 'Keep going!' }, { now: soon }));

		const [audit] = await auditFor('forum.thread.slow_mode', threadId);
		expect(audit.details).toMatchObject({
			before: { slowModeMinutes: 0 },
			after: { slowModeMinutes: 10 }
		});
	});

	it('shows the member the wait on the thread page before they type', async () => {
		const member = await account();
		const threadId = await startThread(worker, 'Music that helps you focus');
		await setSlowMode(db, worker, { threadId, minutes: 30 });
		const fresh = await loadThreadPage(db, member, { threadId, page: 1 });
		expect(fresh.thread.slowModeMinutes).toBe(30);
		expect(fresh.replyRefusal).toBeNull();

		written(await replyToThread(db, member, { threadId, body: 'Lo-fi beats.' }));
		const page = await loadThreadPage(db, member, { threadId, page: 1 });
		const again = new Date(Date.now() + 30 * MINUTE);
		expect(page.replyRefusal).toContain('Slow mode: one post every 30 minutes.');
		expect(page.replyRefusal).toMatch(/You can post here again (tomorrow )?at \d\d:\d\d\.$/);
		expect([londonTime(again), londonTime(new Date(again.getTime() + MINUTE))]).toContain(
			page.replyRefusal?.match(/(\d\d:\d\d)\.$/)?.[1]
		);
		expect((await loadThreadPage(db, worker, { threadId, page: 1 })).replyRefusal).toBeNull();

		// Off again: the member can reply straight away.
		await setSlowMode(db, worker, { threadId, minutes: 0 });
		written(await replyToThread(db, member, { threadId, body: 'And film scores.' }));
	});

	it('refuses minutes that are not 0 to 1440, with a message for the field', async () => {
		const threadId = await startThread(worker, 'Slow mode limits');
		for (const minutes of ['-1', '1441', 'ten', '', '2.5', 1e9]) {
			const error = await rejection(setSlowMode(db, worker, { threadId, minutes }));
			expect(error, String(minutes)).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fieldErrors.minutes).toBeTruthy();
		}
		expect((await threadRow(threadId)).slowModeMinutes).toBe(0);
		await setSlowMode(db, worker, { threadId, minutes: '1440' });
		expect((await threadRow(threadId)).slowModeMinutes).toBe(1440);
	});
});

describe('closing at a time', () => {
	it('takes replies until the closing time (UK time), then only from youth workers', async () => {
		const member = await account();
		const threadId = await startThread(worker, 'Ideas for the summer session');
		// 18:30 London time on a winter day is 18:30 UTC; in summer it is 17:30 UTC.
		const now = new Date('2030-01-10T12:00:00Z');
		const result = await setClosingTime(
			db,
			worker,
			{ threadId, closesAt: { date: '10/01/2030', time: '18:30' } },
			now
		);
		expect(result.message).toBe(
			'This conversation closes on Thursday 10 January at 18:30 (UK time).'
		);
		expect((await threadRow(threadId)).closesAt?.toISOString()).toBe('2030-01-10T18:30:00.000Z');
		await setClosingTime(
			db,
			worker,
			{ threadId, closesAt: { date: '10-7-30', time: '6.30pm' } },
			now
		);
		expect((await threadRow(threadId)).closesAt?.toISOString()).toBe('2030-07-10T17:30:00.000Z');

		const closesAt = new Date('2030-07-10T17:30:00Z');
		written(
			await replyToThread(
				db,
				member,
				{ threadId, body: 'A picnic!' },
				{ now: new Date(closesAt.getTime() - MINUTE) }
			)
		);
		const after = new Date(closesAt.getTime() + MINUTE);
		const error = await rejection(
			replyToThread(db, member, { threadId, body: 'Bowling?' }, { now: after })
		);
		expect(error).toBeInstanceOf(NotAllowedError);
		expect(error.message).toBe(
			`This conversation closed on ${formatDateTime(closesAt)}, so no new replies can be added.`
		);
		written(
			await replyToThread(db, worker, { threadId, body: 'Thanks, closing now.' }, { now: after })
		);

		const [audit] = await auditFor('forum.thread.close', threadId);
		expect(audit.details).toMatchObject({ before: { closesAt: null } });
	});

	it('closes now when the time is already past, shows it closed, and can be cleared', async () => {
		const member = await account();
		const threadId = await startThread(worker, 'Feedback on the new room');
		const result = await setClosingTime(db, worker, {
			threadId,
			closesAt: typedAs(new Date(Date.now() - 60 * MINUTE))
		});
		expect(result.message).toBe('This conversation is closed: members can no longer reply.');
		const row = await threadRow(threadId);
		expect(Math.abs((row.closesAt?.getTime() ?? 0) - Date.now())).toBeLessThan(10_000);

		const page = await loadThreadPage(db, member, { threadId, page: 1 });
		expect(page.thread.closed).toBe(true);
		expect(page.replyRefusal).toMatch(/^This conversation closed on /);
		const listing = await loadCategoryPage(db, member, { slug: 'physical-health', page: 1 });
		expect(listing.threads.find((t) => t.id === threadId)).toMatchObject({ closed: true });
		await expect(replyToThread(db, member, { threadId, body: 'Too late?' })).rejects.toThrow(
			'This conversation closed on'
		);

		await setClosingTime(db, worker, { threadId, closesAt: null });
		expect((await threadRow(threadId)).closesAt).toBeNull();
		expect((await auditFor('forum.thread.reopen', threadId)).length).toBe(1);
		written(await replyToThread(db, member, { threadId, body: 'Not too late!' }));
	});

	it('shows a closing time still to come on the category page', async () => {
		const member = await account();
		const threadId = await startThread(worker, 'Vote for the next topic');
		const closesAt = new Date(Date.now() + 3 * 86_400_000);
		await setClosingTime(db, worker, { threadId, closesAt: typedAs(closesAt) });
		const listing = await loadCategoryPage(db, member, { slug: 'physical-health', page: 1 });
		const listed = listing.threads.find((t) => t.id === threadId);
		expect(listed?.closed).toBe(false);
		expect(listed?.closesLabel).toMatch(/\d{4}, \d\d:\d\d$/);
	});

	it('refuses a date or time it would have to guess at, saying so next to the field', async () => {
		const threadId = await startThread(worker, 'Bad dates');
		const cases: [string, string, Record<string, string>][] = [
			['', '18:00', { closesDate: 'Enter the date it should close, like 26/11/2026.' }],
			[
				'tomorrow',
				'18:00',
				{
					closesDate:
						'Enter the date it should close as day/month/year in numbers, like 26/11/2026.'
				}
			],
			// Month first, as an American browser would show it: not read as some other day.
			[
				'11/26/2026',
				'18:00',
				{
					closesDate: 'That is not a real date: check it is day/month/year, like 26/11/2026.'
				}
			],
			[
				'30/02/2030',
				'10:00',
				{ closesDate: 'There is no 30 February 2030: check the day (day/month/year).' }
			],
			[
				'10/01/2030',
				'25:00',
				{
					closesTime: 'Enter the time it should close on the 24-hour clock, like 18:00 (or 6pm).'
				}
			],
			// Six in the morning or the evening?
			[
				'10/01/2030',
				'6',
				{
					closesTime: 'Enter the time it should close on the 24-hour clock, like 18:00 (or 6pm).'
				}
			],
			[
				'x'.repeat(41),
				'',
				{
					closesDate:
						'Enter the date it should close as day/month/year in numbers, like 26/11/2026.',
					closesTime: 'Enter the time it should close, like 18:00.'
				}
			]
		];
		for (const [date, time, errors] of cases) {
			const error = await rejection(
				setClosingTime(db, worker, { threadId, closesAt: { date, time } })
			);
			expect(error, `${date} ${time}`).toBeInstanceOf(ValidationError);
			expect((error as ValidationError).fieldErrors, `${date} ${time}`).toEqual(errors);
		}
		expect((await threadRow(threadId)).closesAt).toBeNull();
	});
});
