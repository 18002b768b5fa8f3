/**
 * Entering a room and reading it: the room as this person sees it, then the messages after the
 * last one they saw (`since`, gap-fill after a break: from the database, so it works whichever
 * server they reconnect to) or else the latest page; older pages on request; and where they have
 * read up to (for unread counts and the "new messages" line).
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { chatRoomMembers } from '../db/schema';
import { parseOrThrow } from '../errors';
import { GAP_FILL_MAX, HISTORY_PAGE, type ChatMessageView, type JoinReply } from '../../chat';
import { assertMayEnter, loadRoomAccess } from './access';
import { roomView } from './rooms';
import { roomIdSchema } from './send';
import { GAP_FILL_OVERLAP, gapFillFloor, recentlyModerated, roomMessages } from './views';

const messageId = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

const joinSchema = z.object({
	roomId: roomIdSchema,
	since: messageId.nullish()
});

export async function joinRoom(
	db: Database,
	user: CurrentUser,
	input: unknown,
	now = new Date()
): Promise<Omit<JoinReply, 'state'>> {
	const { roomId, since } = parseOrThrow(joinSchema, input);
	const access = await loadRoomAccess(db, user, roomId);
	assertMayEnter(user, access);
	const lastReadId = access.member?.lastReadMessageId ?? 0;
	if (!access.member?.joinedAt)
		await db
			.insert(chatRoomMembers)
			.values({ roomId, userId: user.id, joinedAt: now })
			.onConflictDoUpdate({
				target: [chatRoomMembers.roomId, chatRoomMembers.userId],
				set: { joinedAt: now }
			});
	let messages: ChatMessageView[];
	let more: boolean;
	let removedIds: number[] = [];
	if (since !== undefined && since !== null) {
		const floor = await gapFillFloor(db, roomId, since);
		const page = await roomMessages(db, user, roomId, {
			after: floor,
			limit: GAP_FILL_MAX + GAP_FILL_OVERLAP
		});
		const changed = await recentlyModerated(db, user, roomId, floor, now);
		messages = [...changed.approved, ...page.messages];
		removedIds = [
			...changed.removedIds,
			...page.messages.filter((m) => m.status === 'removed').map((m) => m.id)
		];
		more = page.messages.length === GAP_FILL_MAX + GAP_FILL_OVERLAP;
	} else {
		({ messages, more } = await roomMessages(db, user, roomId, { limit: HISTORY_PAGE }));
	}
	return {
		room: roomView(access.room, access.member?.mutedUntil ?? null, now),
		messages,
		more,
		removedIds,
		lastReadId
	};
}

const historySchema = z.object({ roomId: roomIdSchema, before: messageId });

/** The page of messages before one (scrolling back). */
export async function roomHistory(db: Database, user: CurrentUser, input: unknown) {
	const { roomId, before } = parseOrThrow(historySchema, input);
	assertMayEnter(user, await loadRoomAccess(db, user, roomId));
	return roomMessages(db, user, roomId, { before, limit: HISTORY_PAGE });
}

const readSchema = z.object({ roomId: roomIdSchema, lastId: messageId });

/** This person has read up to `lastId` (never moves backwards). */
export async function markRead(db: Database, user: CurrentUser, input: unknown) {
	const { roomId, lastId } = parseOrThrow(readSchema, input);
	await db
		.update(chatRoomMembers)
		.set({ lastReadMessageId: sql`greatest(${chatRoomMembers.lastReadMessageId}, ${lastId})` })
		.where(
			and(
				eq(chatRoomMembers.roomId, roomId),
				eq(chatRoomMembers.userId, user.id),
				lt(chatRoomMembers.lastReadMessageId, lastId)
			)
		);
}
