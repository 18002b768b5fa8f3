/**
 * A member and a youth worker acting on the same post (or conversation) at the same moment, on
 * a real database: the member's write was decided on what they read, the youth worker's decision
 * commits first, and the member's write must not undo it. Each test holds the post's row lock
 * from a connection of its own (see support/row-lock.ts): PostgreSQL only, not PGlite.
 */
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, forumPostRevisions, forumPosts } from '../../src/lib/server/db/schema';
import { setUpForum } from '../support/forum';
import { recordPublished } from '../support/published';
import { rejection, written } from '../support/outcomes';
import { holdingRowLock, untilWaitingForALock } from '../support/row-lock';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import type { Database } from '../../src/lib/server/db';
import { ConflictError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { createThread } from '../../src/lib/server/forum/create-thread';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { editOwnPost } from '../../src/lib/server/forum/edit-post';
import { deleteOwnPost } from '../../src/lib/server/forum/delete-post';
import { POST_CHANGED_MEANWHILE } from '../../src/lib/server/forum/load';
import { REPORTED_REASON, reportPost } from '../../src/lib/server/forum/report';
import { hidePost } from '../../src/lib/server/moderation/held-posts';
import { setThreadLocked } from '../../src/lib/server/forum/thread-tools';
import { THREAD_NOT_FOUND } from '../../src/lib/server/forum/access';
import { FORUM_EVENTS } from '../../src/lib/forum';

const { db, account, worker } = await setUpForum('races', { workerOnDuty: false });

const { published, install, uninstall } = recordPublished();
beforeEach(install);
afterEach(uninstall);

/** A new conversation started by another member. */
async function conversation() {
	return written(
		await createThread(db, await account(), {
			categorySlug: 'mental-health',
			title: 'How are you all revising?',
			body: 'Tips welcome.'
		})
	);
}

/** A published reply by `author` in someone else's conversation. */
async function replyBy(author: CurrentUser, body = 'Honestly, just skip the revision.') {
	const { threadId } = await conversation();
	const reply = written(await replyToThread(db, author, { threadId, body }));
	expect(reply.status).toBe('published');
	return { threadId, postId: reply.postId, body };
}

const postRow = async (postId: number) =>
	(await db.select().from(forumPosts).where(eq(forumPosts.id, postId)))[0];

async function authorActions(postId: number) {
	const revisions = await db
		.select()
		.from(forumPostRevisions)
		.where(eq(forumPostRevisions.postId, postId));
	const audits = await db
		.select({ action: auditLog.action })
		.from(auditLog)
		.where(and(eq(auditLog.targetType, 'forum_post'), eq(auditLog.targetId, String(postId))));
	return {
		revisions: revisions.length,
		audited: audits.map((a) => a.action).filter((a) => a.startsWith('forum.post.'))
	};
}

describe.runIf(process.env.TEST_DATABASE_URL)('an author’s write after a youth worker’s', () => {
	it('an edit read before a hide does not bring the post back: it stays hidden, nothing is written', async () => {
		const member = await account();
		const { postId, body } = await replyBy(member);
		let editing: Promise<Error> | undefined;
		await holdingRowLock(db, 'post', postId, async (tx) => {
			editing = rejection(editOwnPost(db, member, { postId, body: 'Edited: skip it all!' }));
			await untilWaitingForALock(db);
			await hidePost(tx, worker, { postId, reason: 'Please do not tell people to skip.' });
		});
		const error = await editing!;
		expect(error).toBeInstanceOf(ConflictError);
		expect(error.message).toBe(POST_CHANGED_MEANWHILE);
		expect(await postRow(postId)).toMatchObject({
			status: 'hidden',
			hiddenReason: 'Please do not tell people to skip.',
			body,
			editedAt: null
		});
		expect(await authorActions(postId)).toEqual({
			revisions: 0,
			audited: ['forum.post.create', 'forum.post.hide']
		});
	});

	it('an edit read before members’ reports hide the post leaves it hidden for review', async () => {
		const member = await account();
		const { postId, body } = await replyBy(member);
		const reporters = [await account(), await account(), await account()];
		let editing: Promise<Error> | undefined;
		await holdingRowLock(db, 'post', postId, async (tx) => {
			editing = rejection(editOwnPost(db, member, { postId, body: 'Edited after all' }));
			await untilWaitingForALock(db);
			for (const reporter of reporters)
				await reportPost(tx, reporter, { postId, reason: 'unkind', note: '' });
		});
		expect((await editing!).message).toBe(POST_CHANGED_MEANWHILE);
		expect(await postRow(postId)).toMatchObject({
			status: 'hidden',
			hiddenReason: REPORTED_REASON,
			body
		});
		expect((await authorActions(postId)).revisions).toBe(0);
	});

	it('a delete read before a hide leaves the post hidden, with the youth worker’s reason', async () => {
		const member = await account();
		const { postId } = await replyBy(member);
		let deleting: Promise<Error> | undefined;
		await holdingRowLock(db, 'post', postId, async (tx) => {
			deleting = rejection(deleteOwnPost(db, member, { postId }));
			await untilWaitingForALock(db);
			await hidePost(tx, worker, { postId, reason: 'Hidden while we talk to you.' });
		});
		expect((await deleting!).message).toBe(POST_CHANGED_MEANWHILE);
		expect(await postRow(postId)).toMatchObject({
			status: 'hidden',
			hiddenReason: 'Hidden while we talk to you.',
			deletedAt: null
		});
		expect((await authorActions(postId)).audited).not.toContain('forum.post.delete');
	});
});

describe.runIf(process.env.TEST_DATABASE_URL)(
	'a reply after a youth worker’s change to its conversation',
	() => {
		/** The member's reply, sent while a youth worker's `change` commits first; what it came to. */
		async function replyRacing(
			change: (tx: Database, thread: { threadId: number; postId: number }) => Promise<unknown>
		) {
			const member = await account();
			const thread = await conversation();
			published.length = 0;
			let replying: Promise<Error> | undefined;
			await holdingRowLock(db, 'thread', thread.threadId, async (tx) => {
				replying = rejection(
					replyToThread(db, member, { threadId: thread.threadId, body: 'I revise at the library.' })
				);
				await untilWaitingForALock(db);
				await change(tx, thread);
			});
			const error = await replying!;
			const stored = await db.select().from(forumPosts).where(eq(forumPosts.authorId, member.id));
			const toTheRoom = published.filter(
				(e) => e.audience === `thread:${thread.threadId}` && e.event === FORUM_EVENTS.post
			);
			return { error, stored, toTheRoom };
		}

		it('is refused when the conversation was hidden meanwhile: stored nowhere, sent to nobody', async () => {
			const { error, stored, toTheRoom } = await replyRacing((tx, { postId }) =>
				hidePost(tx, worker, { postId, reason: 'Hidden while we check something.' })
			);
			expect(error).toBeInstanceOf(NotAllowedError);
			expect(error.message).toBe(THREAD_NOT_FOUND);
			expect(stored).toEqual([]);
			expect(toTheRoom).toEqual([]);
		});

		it('is refused when the conversation was locked meanwhile', async () => {
			const { error, stored } = await replyRacing((tx, { threadId }) =>
				setThreadLocked(tx, worker, { threadId, locked: true })
			);
			expect(error.message).toBe('This conversation is locked, so no new replies can be added.');
			expect(stored).toEqual([]);
		});
	}
);
