/**
 * Posting limits on a real database, with the clock moved by the test: new members (first 7 days)
 * start at most 3 conversations and post at most 10 replies a day, one post per 30 seconds;
 * everyone starts at most 20 conversations a day; staff are exempt. A refusal says when the
 * person can post again and stores nothing; two posts sent at once cannot both slip past a limit.
 */
import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { forumPosts, safeguardingAlerts } from '../../src/lib/server/db/schema';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { installPublisher } from '../../src/lib/server/realtime/publisher';
import { updateSettings } from '../../src/lib/server/settings';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { deleteOwnPost } from '../../src/lib/server/forum/delete-post';
import { RateLimitedError, whenAgain } from '../../src/lib/server/forum/rate-limits';
import type { PostOutcome } from '../../src/lib/server/forum/outcome';
import { joinedDaysAgo } from '../support/members';

const PASSWORD = 'plum-tractor-velvet';
/** Words the risk engine reads as imminent risk. */
const RISKY = 'I have the pills ready and I am going to end it tonight.';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 86_400_000;

let db: Database;
let worker: CurrentUser;
let openThread: number;
let next = 0;

/** A member who joined just now (a new member), unless told how many days ago. */
async function member(joinedDays?: number) {
	next += 1;
	const user = await createAccount(db, OPERATOR, {
		username: `limits_${next}`,
		password: PASSWORD,
		roles: ['young_person']
	});
	return joinedDays === undefined ? user : joinedDaysAgo(db, user, joinedDays);
}

beforeAll(async () => {
	db = await database();
	await updateSettings(db, OPERATOR, { premoderatePosts: 0 });
	worker = await createAccount(db, OPERATOR, {
		username: 'limits_worker',
		password: PASSWORD,
		roles: ['youth_worker']
	});
	openThread = written(
		await createThread(db, worker, {
			categorySlug: 'mental-health',
			title: 'Say hello here',
			body: 'Introduce yourself!'
		})
	).threadId;
});

beforeEach(() =>
	installPublisher({
		publish() {},
		disconnectUser() {},
		removeFromRoom() {},
		publishEach: async () => {}
	})
);
afterEach(() => installPublisher(undefined));

function written(outcome: PostOutcome) {
	if (outcome.status === 'blocked') throw new Error(`blocked: ${outcome.message}`);
	return outcome;
}

function thread(author: CurrentUser, now: Date, title = `My question ${now.getTime()}`) {
	return createThread(
		db,
		author,
		{ categorySlug: 'mental-health', title, body: 'Does anyone else feel this way?' },
		{ now }
	);
}

function reply(author: CurrentUser, now: Date, body = 'Same here, you are not alone.') {
	return replyToThread(db, author, { threadId: openThread, body }, { now });
}

async function refusal(promise: Promise<unknown>): Promise<RateLimitedError> {
	return promise.then(
		() => {
			throw new Error('expected it to be refused');
		},
		(error: Error) => {
			if (!(error instanceof RateLimitedError)) throw error;
			return error;
		}
	);
}

const postsBy = (user: CurrentUser) => db.$count(forumPosts, eq(forumPosts.authorId, user.id));

const londonTime = (at: Date) =>
	new Intl.DateTimeFormat('en-GB', {
		timeZone: 'Europe/London',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	}).format(new Date(Math.ceil(at.getTime() / MINUTE) * MINUTE));

describe('new members', () => {
	it('start 3 conversations a day: the 4th is refused with when they can start another', async () => {
		const newcomer = await member();
		const start = new Date(Date.now() + MINUTE);
		for (let i = 0; i < 3; i++)
			written(await thread(newcomer, new Date(start.getTime() + i * MINUTE)));

		const fourth = new Date(start.getTime() + 3 * MINUTE);
		const error = await refusal(thread(newcomer, fourth));
		expect(error.retryAt.toISOString()).toBe(new Date(start.getTime() + DAY).toISOString());
		expect(error.message).toMatch(
			/^New members can start 3 conversations a day\. You can start another (tomorrow )?at \d\d:\d\d\./
		);
		expect(error.message).toContain(`at ${londonTime(error.retryAt)}`);
		expect(await postsBy(newcomer)).toBe(3);

		// Replying is still fine (after the 30 seconds).
		written(await reply(newcomer, fourth));

		// A day after the first, it has left the rolling window.
		await refusal(thread(newcomer, new Date(start.getTime() + DAY - SECOND)));
		written(await thread(newcomer, new Date(start.getTime() + DAY)));
	});

	it('count removed and waiting posts too', async () => {
		const newcomer = await member();
		const start = new Date(Date.now() + MINUTE);
		for (let i = 0; i < 3; i++) {
			const { postId } = written(await thread(newcomer, new Date(start.getTime() + i * MINUTE)));
			if (i === 0) await deleteOwnPost(db, newcomer, { postId });
		}
		await refusal(thread(newcomer, new Date(start.getTime() + 10 * MINUTE)));
	});

	it('post once per 30 seconds, told how many seconds to wait', async () => {
		const newcomer = await member();
		const at = new Date(Date.now() + MINUTE);
		written(await reply(newcomer, at));
		const error = await refusal(reply(newcomer, new Date(at.getTime() + 10 * SECOND)));
		expect(error.message).toBe('You’re posting very quickly. You can post again in 20 seconds.');
		// Starting a conversation counts as posting too.
		expect((await refusal(thread(newcomer, new Date(at.getTime() + 29 * SECOND)))).message).toBe(
			'You’re posting very quickly. You can post again in 1 second.'
		);
		written(await reply(newcomer, new Date(at.getTime() + 30 * SECOND)));
		expect(await postsBy(newcomer)).toBe(2);
	});

	it('post 10 replies a day: the 11th is refused with the time', async () => {
		const newcomer = await member();
		const start = new Date(Date.now() + MINUTE);
		for (let i = 0; i < 10; i++)
			written(await reply(newcomer, new Date(start.getTime() + i * MINUTE), `Reply number ${i}`));
		const error = await refusal(reply(newcomer, new Date(start.getTime() + 20 * MINUTE)));
		expect(error.message).toMatch(
			/^New members can post 10 replies a day\. You can reply again (tomorrow )?at \d\d:\d\d\. If you need to talk to someone now, “Get help now”/
		);
		expect(error.retryAt.getTime()).toBe(start.getTime() + DAY);
		// Starting a conversation is a different limit.
		written(await thread(newcomer, new Date(start.getTime() + 21 * MINUTE)));
	});

	it('are new for their first 7 days only', async () => {
		const week = await member(8);
		const at = new Date(Date.now() + MINUTE);
		for (let i = 0; i < 5; i++) written(await thread(week, new Date(at.getTime() + i * SECOND)));
		expect(await postsBy(week)).toBe(5);
	});
});

describe('everyone', () => {
	it('starts at most 20 conversations a day, and replies without limit', async () => {
		const regular = await member(400);
		const start = new Date(Date.now() + MINUTE);
		for (let i = 0; i < 20; i++)
			written(await thread(regular, new Date(start.getTime() + i * SECOND)));
		const error = await refusal(thread(regular, new Date(start.getTime() + 30 * MINUTE)));
		expect(error.message).toMatch(
			/^You can start 20 conversations a day\. You can start another (tomorrow )?at \d\d:\d\d\. If you need/
		);
		expect(error.retryAt.getTime()).toBe(start.getTime() + DAY);
		for (let i = 0; i < 12; i++)
			written(await reply(regular, new Date(start.getTime() + 31 * MINUTE + i * SECOND)));
	});

	it('except staff, who are never limited', async () => {
		const newWorker = await createAccount(db, OPERATOR, {
			username: 'limits_new_worker',
			password: PASSWORD,
			roles: ['youth_worker']
		});
		const at = new Date(Date.now() + MINUTE);
		for (let i = 0; i < 22; i++) written(await thread(newWorker, at, `Announcement ${i}`));
		for (let i = 0; i < 12; i++) written(await reply(newWorker, at, `Welcome ${i}`));
		expect(await postsBy(newWorker)).toBe(34);
	});
});

describe('someone at risk', () => {
	it('reaches a youth worker even past a posting limit: held, alert raised, crisis panel shown', async () => {
		const newcomer = await member();
		const at = new Date(Date.now() + 3 * MINUTE);
		written(await reply(newcomer, at));
		// Ten seconds later an ordinary post would be refused; this one is not.
		const outcome = written(await reply(newcomer, new Date(at.getTime() + 10 * SECOND), RISKY));
		expect(outcome.status).toBe('held');
		expect(outcome.crisisPanel?.variant).toBe('crisis');
		const alerts = await db
			.select()
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.subjectUserId, newcomer.id));
		expect(alerts).toHaveLength(1);
		// The same goes for a fourth conversation in a day.
		for (let i = 1; i <= 3; i++)
			written(await thread(newcomer, new Date(at.getTime() + i * MINUTE)));
		const fourth = written(
			await createThread(
				db,
				newcomer,
				{ categorySlug: 'mental-health', title: 'I can’t do this', body: RISKY },
				{ now: new Date(at.getTime() + 5 * MINUTE) }
			)
		);
		expect(fourth.status).toBe('held');
	});
});

describe('posts sent at the same moment', () => {
	it('cannot both slip past the daily limit', async () => {
		const regular = await member(400);
		const start = new Date(Date.now() + MINUTE);
		for (let i = 0; i < 19; i++)
			written(await thread(regular, new Date(start.getTime() + i * SECOND)));
		const at = new Date(start.getTime() + MINUTE);
		const results = await Promise.allSettled([
			thread(regular, at, 'Twentieth, first try'),
			thread(regular, at, 'Twentieth, second try'),
			thread(regular, at, 'Twentieth, third try')
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(refused).toHaveLength(2);
		for (const r of refused)
			expect((r as PromiseRejectedResult).reason).toBeInstanceOf(RateLimitedError);
		expect(await postsBy(regular)).toBe(20);
	});

	it('cannot both slip past the 30-second spacing', async () => {
		const newcomer = await member();
		const at = new Date(Date.now() + MINUTE);
		const results = await Promise.allSettled([
			reply(newcomer, at, 'first'),
			reply(newcomer, at, 'second')
		]);
		expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
		expect(await postsBy(newcomer)).toBe(1);
	});
});

describe('when to post again, in words', () => {
	const now = new Date('2030-03-12T10:00:00Z'); // 10:00 in London (GMT)
	it('says seconds within the minute, else the London time, rounded up', () => {
		expect(whenAgain(new Date(now.getTime() + 20 * SECOND), now)).toBe('in 20 seconds');
		expect(whenAgain(new Date(now.getTime() + 400), now)).toBe('in 1 second');
		expect(whenAgain(new Date('2030-03-12T14:31:10Z'), now)).toBe('at 14:32');
		expect(whenAgain(new Date('2030-03-13T09:05:00Z'), now)).toBe('tomorrow at 09:05');
		expect(whenAgain(new Date('2030-06-12T09:05:00Z'), now)).toBe('on 12 Jun 2030 at 10:05');
	});
});
