/**
 * Chat messages in the review queue, on a real database: a message screening held waits there
 * (and approving it publishes it to the room); a reported message arrives with the conversation
 * the reporter saw; keeping or removing it clears it; claims and member actions work for chat
 * authors as for forum authors; a member's history lists what youth workers did in rooms; the
 * queue's cost does not grow with its length; and no member can reach any of it.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { database } from '../../src/lib/server/db';
import {
	auditLog,
	chatMessages,
	chatReports,
	moderationClaims,
	userReports,
	users
} from '../../src/lib/server/db/schema';
import { createRoom } from '../../src/lib/server/chat/rooms';
import {
	approveHeldMessage,
	controlRoom,
	muteInRoom,
	removeFromRoom
} from '../../src/lib/server/chat/controls';
import { sendMessage } from '../../src/lib/server/chat/send';
import { roomMessages } from '../../src/lib/server/chat/views';
import { reportMessage } from '../../src/lib/server/chat/feedback';
import { loadReviewQueue, queueCounts } from '../../src/lib/server/moderation/queue';
import {
	keepReportedMessage,
	removeQueuedMessage
} from '../../src/lib/server/moderation/chat-messages';
import { claimItem } from '../../src/lib/server/moderation/claims';
import { sanctionMember } from '../../src/lib/server/moderation/sanctions';
import { loadMemberPage } from '../../src/lib/server/moderation/member-history';
import { ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { ALREADY_DEALT_WITH } from '../../src/lib/moderation';
import { CHAT_EVENTS, type ChatMessageView, type RemovedEvent } from '../../src/lib/chat';
import { accountMaker } from '../support/members';
import { recordPublished } from '../support/published';
import { countingDatabase } from '../support/counting-database';

const db = await database();
const account = accountMaker(db, 'chatmod');
const worker = await account(['youth_worker']);
const colleague = await account(['youth_worker']);

const { published, install, uninstall } = recordPublished();
beforeEach(install);
afterEach(uninstall);

async function openRoom(name = `Room ${randomUUID().slice(0, 6)}`) {
	const room = await createRoom(db, worker, { name, kind: 'drop_in' });
	await controlRoom(db, worker, { action: 'open', roomId: room.id });
	return room;
}

async function say(author: CurrentUser, roomId: number, body: string) {
	return sendMessage(db, author, { roomId, clientId: randomUUID(), body });
}

/** A message screening holds: contact details, for a youth worker to read first. */
async function heldMessage(author: CurrentUser, roomId: number) {
	const reply = await say(author, roomId, 'add me on snap: amara_x99');
	expect(reply.status).toBe('held');
	return reply.message.id;
}

async function clearQueue() {
	await db.update(chatMessages).set({ status: 'removed' }).where(eq(chatMessages.status, 'held'));
	await db.update(chatReports).set({ reviewedAt: new Date() });
	await db.update(userReports).set({ reviewedAt: new Date() });
	await db.delete(moderationClaims);
}

async function statusOf(messageId: number) {
	const [row] = await db
		.select({ status: chatMessages.status })
		.from(chatMessages)
		.where(eq(chatMessages.id, messageId));
	return row?.status;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (e) {
		return e;
	}
	throw new Error('expected it to be refused');
}

/** A short conversation where `author`'s last message is reported by two people. */
async function reportedConversation() {
	const room = await openRoom();
	const [amara, kofi, reporter, second] = [
		await account(),
		await account(),
		await account(),
		await account()
	];
	const said: number[] = [];
	said.push((await say(kofi, room.id, 'Anyone else find mocks stressful?')).message.id);
	said.push((await say(worker, room.id, 'Lots of people do. What helps you?')).message.id);
	said.push((await say(amara, room.id, 'Nobody cares what you think lol')).message.id);
	const reported = said[2];
	await reportMessage(db, reporter, { roomId: room.id, messageId: reported, reason: 'unkind' });
	await reportMessage(db, second, {
		roomId: room.id,
		messageId: reported,
		reason: 'other',
		note: 'They keep doing this to Kofi'
	});
	return { room, amara, kofi, reporter, said, reported };
}

describe('held chat messages in the review queue', () => {
	it('a held message waits in the queue with why, where and who, beside the forum items', async () => {
		await clearQueue();
		const room = await openRoom('Friday drop-in');
		const author = await account();
		const messageId = await heldMessage(author, room.id);

		const queue = await loadReviewQueue(db, worker);
		const item = queue.items.find((i) => i.key === `message-${messageId}`);
		expect(item).toMatchObject({
			kind: 'held_message',
			claimRef: { kind: 'message', itemId: messageId },
			heldReasons: ['personal_info'],
			memberId: author.id,
			memberName: author.username,
			message: { id: messageId, roomId: room.id, roomName: 'Friday drop-in', status: 'held' }
		});
		expect(item?.message?.html).toContain('amara_x99');
		// The author's history and standing come with it, as for a post.
		expect(queue.members.get(author.id)?.username).toBe(author.username);
		expect(queue.counts).toMatchObject({ heldMessages: 1, reportedMessages: 0, total: 1 });
		expect(await queueCounts(db)).toEqual(queue.counts);

		const onlyHeldMessages = await loadReviewQueue(db, worker, {
			sort: 'oldest',
			kind: 'held_messages'
		});
		expect(onlyHeldMessages.items.map((i) => i.key)).toEqual([`message-${messageId}`]);
		const onlyPosts = await loadReviewQueue(db, worker, { sort: 'oldest', kind: 'held' });
		expect(onlyPosts.items).toEqual([]);
	});

	it('approving a held message publishes it to everyone in the room and clears it from the queue', async () => {
		await clearQueue();
		const room = await openRoom();
		const author = await account();
		const messageId = await heldMessage(author, room.id);
		published.length = 0;

		await approveHeldMessage(db, worker, messageId);

		expect(await statusOf(messageId)).toBe('published');
		const toRoom = published.find(
			(p) => p.audience === `room:${room.id}` && p.event === CHAT_EVENTS.message
		);
		expect(toRoom?.payload as ChatMessageView).toMatchObject({
			id: messageId,
			status: 'published',
			author: { id: author.id, name: author.username }
		});
		expect(published.some((p) => p.audience === 'staff')).toBe(true);
		expect((await loadReviewQueue(db, worker)).items).toEqual([]);
		const again = await rejection(approveHeldMessage(db, colleague, messageId));
		expect(again).toBeInstanceOf(ValidationError);
	});

	it('another youth worker’s claim holds the message until they let go or someone takes over', async () => {
		await clearQueue();
		const room = await openRoom();
		const messageId = await heldMessage(await account(), room.id);
		await claimItem(db, colleague, { kind: 'message', itemId: messageId });

		const queue = await loadReviewQueue(db, worker);
		expect(queue.items[0].claim).toMatchObject({ byId: colleague.id, byName: colleague.username });
		const refused = await rejection(approveHeldMessage(db, worker, messageId));
		expect(refused).toBeInstanceOf(NotAllowedError);
		expect((refused as Error).message).toContain(colleague.username);
		expect(await statusOf(messageId)).toBe('held');

		await claimItem(db, worker, { kind: 'message', itemId: messageId, takeOver: true });
		await approveHeldMessage(db, worker, messageId);
		expect(await statusOf(messageId)).toBe('published');
		expect(await db.$count(moderationClaims)).toBe(0);
		const [takeOver] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'moderation.claim.take_over'), eq(auditLog.actorId, worker.id))
			);
		expect(takeOver).toMatchObject({ targetType: 'chat_message', targetId: String(messageId) });
	});

	it('removing a held message takes it away for good and tells its author and staff; the room never learns of it', async () => {
		await clearQueue();
		const room = await openRoom();
		const author = await account();
		const peer = await account();
		await say(peer, room.id, 'Hi all');
		const messageId = await heldMessage(author, room.id);
		published.length = 0;

		await removeQueuedMessage(db, worker, { messageId, reason: 'Shared a Snapchat name' });

		expect(await statusOf(messageId)).toBe('removed');
		const removed: RemovedEvent = { roomId: room.id, id: messageId };
		expect(published).toContainEqual({
			audience: `user:${author.id}`,
			event: CHAT_EVENTS.removed,
			payload: removed
		});
		expect(published).toContainEqual({
			audience: `room:${room.id}:staff`,
			event: CHAT_EVENTS.removed,
			payload: removed
		});
		expect(published.map((p) => p.audience)).not.toContain(`room:${room.id}`);
		// No "removed by a youth worker" placeholder with the author's name for the room.
		const seen = async (who: CurrentUser) =>
			(await roomMessages(db, who, room.id, { limit: 50 })).messages.map((m) => m.id);
		expect(await seen(peer)).not.toContain(messageId);
		expect(await seen(author)).toContain(messageId);
		expect(await seen(worker)).toContain(messageId);
		expect((await loadReviewQueue(db, worker)).items).toEqual([]);
		const again = await rejection(removeQueuedMessage(db, colleague, { messageId }));
		expect((again as ValidationError).fieldErrors).toEqual({ form: ALREADY_DEALT_WITH });
	});
});

describe('reported chat messages in the review queue', () => {
	it('a reported message arrives with its reasons, reporters’ notes and the conversation before it', async () => {
		await clearQueue();
		const { room, amara, kofi, said, reported } = await reportedConversation();

		const queue = await loadReviewQueue(db, worker, { sort: 'oldest', kind: 'reported_messages' });
		expect(queue.items).toHaveLength(1);
		const [item] = queue.items;
		expect(item).toMatchObject({
			key: `message-${reported}`,
			kind: 'reported_message',
			reportCount: 2,
			reportReasons: [
				{ reason: 'unkind', count: 1 },
				{ reason: 'other', count: 1 }
			],
			reporterNotes: ['They keep doing this to Kofi'],
			memberId: amara.id,
			message: { id: reported, roomId: room.id, status: 'published' }
		});
		// The worker sees the conversation as it was: who said what, staff marked, in order.
		expect(item.conversation.map((m) => [m.id, m.authorName, m.staff, m.body])).toEqual([
			[said[0], kofi.username, false, 'Anyone else find mocks stressful?'],
			[said[1], worker.username, true, 'Lots of people do. What helps you?'],
			[said[2], amara.username, false, 'Nobody cares what you think lol']
		]);
		expect(queue.counts).toMatchObject({ reportedMessages: 1, heldMessages: 0, total: 1 });
		expect(await queueCounts(db)).toEqual(queue.counts);
	});

	it('keeping a reported message dismisses its reports; it stays in the room', async () => {
		await clearQueue();
		const { amara, reported } = await reportedConversation();

		await keepReportedMessage(db, worker, { messageId: reported });

		expect(await statusOf(reported)).toBe('published');
		const open = await db.select().from(chatReports).where(eq(chatReports.messageId, reported));
		expect(open.every((r) => r.reviewedAt !== null && r.reviewedById === worker.id)).toBe(true);
		expect((await loadReviewQueue(db, worker)).items).toEqual([]);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'chat.report.dismiss'), eq(auditLog.targetId, String(reported)))
			);
		expect(audit).toMatchObject({ actorId: worker.id, targetType: 'chat_message' });
		expect(audit.details).toMatchObject({ authorId: amara.id, reasons: ['unkind', 'other'] });
		const again = await rejection(keepReportedMessage(db, colleague, { messageId: reported }));
		expect((again as ValidationError).fieldErrors).toEqual({ form: ALREADY_DEALT_WITH });
	});

	it('removing a reported message takes it out of the room live and closes its reports', async () => {
		await clearQueue();
		const { room, reported, kofi } = await reportedConversation();
		published.length = 0;

		await removeQueuedMessage(db, worker, { messageId: reported, reason: 'Unkind to Kofi' });
		// The room saw it: its place stays, as removed, without its words.
		const forKofi = (await roomMessages(db, kofi, room.id, { limit: 50 })).messages;
		expect(forKofi.find((m) => m.id === reported)).toMatchObject({ status: 'removed', body: '' });

		expect(await statusOf(reported)).toBe('removed');
		expect(published).toContainEqual({
			audience: `room:${room.id}`,
			event: CHAT_EVENTS.removed,
			payload: { roomId: room.id, id: reported }
		});
		const reports = await db.select().from(chatReports).where(eq(chatReports.messageId, reported));
		expect(reports.every((r) => r.reviewedAt !== null)).toBe(true);
		expect((await loadReviewQueue(db, worker)).items).toEqual([]);
	});

	it('a youth worker can mute a chat author from the queue, respecting a colleague’s claim', async () => {
		await clearQueue();
		const { amara, reported } = await reportedConversation();
		await claimItem(db, colleague, { kind: 'message', itemId: reported });
		const input = {
			userId: amara.id,
			action: 'mute' as const,
			duration: '1d' as const,
			message: 'Please be kind in rooms. You can read for a day.',
			viaMessageId: reported
		};
		expect(await rejection(sanctionMember(db, worker, input))).toBeInstanceOf(NotAllowedError);

		const done = await sanctionMember(db, colleague, input);
		expect(done.kind).toBe('mute');
		const [row] = await db.select().from(users).where(eq(users.id, amara.id));
		expect(row.mutedUntil?.getTime()).toBeGreaterThan(Date.now());
		// The message still waits for a decision, claimed by the one who acted.
		const queue = await loadReviewQueue(db, worker);
		expect(queue.items[0]).toMatchObject({ key: `message-${reported}` });
		expect(queue.items[0].claim?.byId).toBe(colleague.id);
		expect(queue.members.get(amara.id)?.mutedUntil).not.toBeNull();
	});

	it('sorts chat messages with posts: highest risk first, then most reports, then oldest', async () => {
		await clearQueue();
		const { reported } = await reportedConversation();
		const room = await openRoom();
		const contact = await heldMessage(await account(), room.id);
		const risky = await say(
			await account(),
			room.id,
			'i cant do this anymore im going to take all my pills tonight'
		);
		expect(risky.status).toBe('held');

		const oldest = await loadReviewQueue(db, worker, { sort: 'oldest', kind: 'all' });
		expect(oldest.items.map((i) => i.key)).toEqual(
			[reported, contact, risky.message.id].map((id) => `message-${id}`)
		);
		const risk = await loadReviewQueue(db, worker, { sort: 'risk', kind: 'all' });
		expect(risk.items.map((i) => i.key)).toEqual(
			[risky.message.id, reported, contact].map((id) => `message-${id}`)
		);
	});

	it('costs the same number of queries however many chat messages wait', async () => {
		await clearQueue();
		await reportedConversation();
		const room = await openRoom();
		await heldMessage(await account(), room.id);
		const few = countingDatabase(db);
		await loadReviewQueue(few.db, worker);

		for (let i = 0; i < 4; i++) {
			await reportedConversation();
			await heldMessage(await account(), room.id);
		}
		const many = countingDatabase(db);
		const queue = await loadReviewQueue(many.db, worker);
		expect(queue.counts).toMatchObject({ heldMessages: 5, reportedMessages: 5 });
		expect(many.queries()).toBe(few.queries());
		expect(many.queries()).toBeLessThanOrEqual(14);
	});
});

describe('a member’s moderation history', () => {
	it('lists what youth workers did about them in rooms: approved, removed, paused, taken out', async () => {
		const room = await openRoom('Tuesday group');
		const author = await account();
		const approved = await heldMessage(author, room.id);
		await approveHeldMessage(db, worker, approved);
		const removed = (await say(author, room.id, 'this room is rubbish')).message.id;
		await removeQueuedMessage(db, colleague, { messageId: removed, reason: 'Unkind' });
		await muteInRoom(db, worker, { roomId: room.id, userId: author.id, duration: '10m' });
		await removeFromRoom(db, worker, { roomId: room.id, userId: author.id });
		// Someone else's history does not leak in.
		const other = await account();
		await muteInRoom(db, worker, { roomId: room.id, userId: other.id, duration: '1h' });

		const page = await loadMemberPage(db, worker, author.id);
		expect(page.chatActions.map((a) => [a.action, a.by, a.roomName])).toEqual([
			['chat.member.remove', worker.username, 'Tuesday group'],
			['chat.member.mute', worker.username, 'Tuesday group'],
			['chat.message.remove', colleague.username, 'Tuesday group'],
			['chat.message.approve', worker.username, 'Tuesday group']
		]);
		const [, mute, removal, approval] = page.chatActions;
		expect(mute.until?.getTime()).toBeGreaterThan(Date.now());
		expect(removal).toMatchObject({
			messageId: removed,
			messageBody: 'this room is rubbish',
			reason: 'Unkind'
		});
		expect(approval).toMatchObject({
			messageId: approved,
			messageBody: 'add me on snap: amara_x99'
		});
	});

	it('lists reports about their chat messages with the others about them', async () => {
		const { amara, room, reported } = await reportedConversation();
		await keepReportedMessage(db, worker, { messageId: reported });
		const page = await loadMemberPage(db, worker, amara.id);
		expect(
			page.reports.map((r) => [r.kind, r.reason, r.messageId, r.roomId, r.reviewedAt !== null])
		).toEqual([
			['message', 'other', reported, room.id, true],
			['message', 'unkind', reported, room.id, true]
		]);
	});
});

describe('who may do any of it', () => {
	it('a member cannot see the queue or approve, keep, remove or claim a message', async () => {
		await clearQueue();
		const { reported } = await reportedConversation();
		const room = await openRoom();
		const held = await heldMessage(await account(), room.id);
		const member = await account();
		const admin = await account(['admin']);

		for (const attempt of [
			loadReviewQueue(db, member),
			approveHeldMessage(db, member, held),
			keepReportedMessage(db, member, { messageId: reported }),
			removeQueuedMessage(db, member, { messageId: reported }),
			removeQueuedMessage(db, member, { messageId: held }),
			claimItem(db, member, { kind: 'message', itemId: held }),
			loadMemberPage(db, member, member.id),
			// Admins run rooms but are not youth workers: the queue is not theirs.
			approveHeldMessage(db, admin, held)
		])
			expect(await rejection(attempt)).toBeInstanceOf(NotAllowedError);

		expect(await statusOf(held)).toBe('held');
		expect(await statusOf(reported)).toBe('published');
		expect(await db.$count(moderationClaims)).toBe(0);
		expect((await queueCounts(db)).total).toBe(2);
	});

	it('hostile or stale message ids are answered clearly and change nothing', async () => {
		await clearQueue();
		for (const messageId of [0, -1, 1.5, Number.NaN, '12' as unknown as number])
			expect(await rejection(keepReportedMessage(db, worker, { messageId }))).toBeInstanceOf(
				ValidationError
			);
		const gone = await rejection(removeQueuedMessage(db, worker, { messageId: 999_999_999 }));
		expect((gone as Error).message).toMatch(/no longer here/);
		const room = await openRoom();
		const published = (await say(await account(), room.id, 'Hello all')).message.id;
		// Nothing reported it: keeping it is refused, and nothing is written.
		expect(
			await rejection(keepReportedMessage(db, worker, { messageId: published }))
		).toBeInstanceOf(ValidationError);
		expect(
			await db.$count(
				auditLog,
				and(eq(auditLog.action, 'chat.report.dismiss'), eq(auditLog.targetId, String(published)))
			)
		).toBe(0);
	});
});
