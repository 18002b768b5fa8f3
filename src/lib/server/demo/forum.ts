/**
 * A few friendly conversations for `npm run demo`, written through the same services as real
 * posts: the demo youth worker starts some; two demo peers (who cannot sign in: their passwords
 * are thrown away) start and answer others, and, being new, wait for the youth worker's approval
 * like any new member. Runs only while the forum is empty.
 */
import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { forumThreads, users } from '../db/schema';
import { toCurrentUser, type CurrentUser } from '../accounts/current-user';
import { createAccount, OPERATOR } from '../accounts/manage';
import { createThread } from '../forum/create-thread';
import { replyToThread } from '../forum/reply';
import type { PostOutcome } from '../forum/outcome';
import { approvePost } from '../moderation/held-posts';

const PEERS = ['demo_amara', 'demo_kwame'] as const;

interface DemoThread {
	category: string;
	by: 'worker' | (typeof PEERS)[number];
	title: string;
	body: string;
	pinned?: boolean;
	replies: { by: 'worker' | (typeof PEERS)[number]; body: string }[];
}

const THREADS: DemoThread[] = [
	{
		category: 'children-young-people',
		by: 'worker',
		pinned: true,
		title: 'Welcome! Say hi and tell us one thing you’re into',
		body: 'Hi all, I’m one of the youth workers here. This is a space to **ask, share and encourage each other**.\n\nTo start: say hi, and tell us one thing you’re into at the moment. (No full names, schools or phone numbers, please.)',
		replies: [
			{
				by: 'demo_amara',
				body: 'Hi everyone! I’m into photography, trying to get better with an old film camera 📷'
			},
			{
				by: 'demo_kwame',
				body: 'hey, big football fan here. also learning to cook jollof properly lol'
			}
		]
	},
	{
		category: 'mental-health',
		by: 'worker',
		title: 'Exam season: what helps you switch off?',
		body: 'Lots of you have exams coming up. What helps you switch off at the end of a revision day? Small things count.',
		replies: [
			{
				by: 'demo_amara',
				body: 'Walks with my headphones in. No revision talk allowed on the walk.'
			},
			{
				by: 'demo_kwame',
				body: 'Gym, then a proper sleep. Putting my phone in another room at night helped a lot.'
			}
		]
	},
	{
		category: 'physical-health',
		by: 'demo_amara',
		title: 'Any tips for getting a GP appointment?',
		body: 'I keep calling at 8am and all the appointments are gone by 8:05. Is there another way?',
		replies: [
			{
				by: 'worker',
				body: 'That’s so frustrating. Many practices let you book or ask for help online too, for example through the [NHS App](https://www.nhs.uk/nhs-app/). It’s worth asking reception what they offer.'
			}
		]
	},
	{
		category: 'advice-advocacy',
		by: 'demo_kwame',
		title: 'Part-time job at 16: what are my rights?',
		body: 'Got offered a weekend job. How many hours am I allowed to work, and do I get paid breaks?',
		replies: [
			{
				by: 'worker',
				body: 'Good question to ask before you start! The rules depend on your age and whether you’re still in school. GOV.UK explains them: https://www.gov.uk/child-employment. Happy to go through it with you in a youth worker session.'
			}
		]
	}
];

export async function seedDemoForum(db: Database): Promise<void> {
	if ((await db.$count(forumThreads)) > 0) return;
	const worker = await byUsername(db, 'demo_youthworker');
	if (!worker) return;
	const people = { worker, ...(await peers(db)) };

	/** Posts by new members wait for a youth worker: the demo one approves them, as staff would. */
	const post = async (outcome: PostOutcome) => {
		if (outcome.status === 'blocked') throw new Error(`demo post refused: ${outcome.message}`);
		if (outcome.status === 'held') await approvePost(db, worker, { postId: outcome.postId });
		return outcome;
	};

	// Written as over the last few days, an hour and a half apart, as a real forum fills up (and
	// within the posting limits every member has).
	let at = Date.now() - 3 * 86_400_000;
	const written = () => ({ now: new Date((at += 90 * 60_000)) });

	for (const thread of THREADS) {
		const { threadId } = await post(
			await createThread(
				db,
				people[thread.by],
				{ categorySlug: thread.category, title: thread.title, body: thread.body },
				written()
			)
		);
		if (thread.pinned)
			await db.update(forumThreads).set({ pinned: true }).where(eq(forumThreads.id, threadId));
		for (const reply of thread.replies)
			await post(
				await replyToThread(db, people[reply.by], { threadId, body: reply.body }, written())
			);
	}
}

export async function byUsername(db: Database, username: string): Promise<CurrentUser | null> {
	const [user] = await db
		.select()
		.from(users)
		.where(sql`lower(${users.username}) = ${username}`);
	return user ? toCurrentUser(user) : null;
}

/** The sample conversations' other members: they joined a couple of months ago. */
async function peers(db: Database) {
	const made = {} as Record<(typeof PEERS)[number], CurrentUser>;
	const joined = new Date(Date.now() - 60 * 86_400_000);
	for (const username of PEERS) {
		made[username] =
			(await byUsername(db, username)) ??
			(await createAccount(db, OPERATOR, {
				username,
				password: randomBytes(24).toString('base64url'),
				roles: ['young_person']
			}));
		await db.update(users).set({ createdAt: joined }).where(eq(users.id, made[username].id));
	}
	return made;
}
