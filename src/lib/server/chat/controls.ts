/**
 * What staff who run a room do live: open it (until its hours end), close it, lock and unlock it,
 * set slow mode; and about messages and members: remove a message (it disappears for everyone at
 * once), pause a member's messages in this room (10 minutes, an hour, the rest of the session),
 * take a member out of the room. Only the first of two workers doing the same thing takes effect;
 * every action is audited (so it shows in the member's moderation history) and announced.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { chatMessages, chatRoomMembers, chatRooms, users, type ChatRoom } from '../db/schema';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, isStaff, NotAllowedError } from '../policy';
import { publisher } from '../realtime/publisher';
import {
	CHAT_EVENTS,
	MUTE_DURATIONS,
	ROOM_SLOW_MODE_CHOICES,
	type MuteDuration,
	type RemovedEvent,
	type RoomState,
	type YouEvent
} from '../../chat';
import { FORUM_EVENTS } from '../../forum';
import { formatDateTime } from '../../format';
import { NO_SUCH_ROOM, REMOVED_FROM_ROOM } from './access';
import { OPENING_MAX_HOURS, openingEndsAt, roomAvailability } from './availability';
import { helpWhileClosed } from './closed-help';
import { announcePeople } from './people';
import { countPresence, peoplePresentIn, presenceIn, type Presence } from './presence';
import { loadRoom } from './rooms';
import { roomIdSchema } from './send';
import { announceMessage } from './send';
import { loadMessageView } from './views';
import { settleClaim } from '../moderation/claims';
import { log } from '../log';
import { typedText } from '../content/limits';

const RUN_ROOMS = 'Only staff who run rooms can do that.';

/**
 * Tell everyone in the room how it stands now (open, locked, slow mode, how many are here), and
 * the staff among them who is here by name.
 */
export async function announceRoomState(db: Database, roomId: number, now = new Date()) {
	// After a change is committed: a failure to announce it is logged, never reported as the
	// change failing (the room's state is read again on every join and send).
	try {
		const room = await loadRoom(db, roomId);
		const present = await peoplePresentIn(roomId);
		publisher().publish(
			`room:${roomId}`,
			CHAT_EVENTS.state,
			await roomState(db, room, now, countPresence(present))
		);
		await announcePeople(db, roomId, present, now);
	} catch (error) {
		log.warn({ err: error, roomId }, 'could not announce a room’s state');
	}
}

/** The room as everyone in it sees it now; closed, with who to talk to instead. */
export async function roomState(
	db: Database,
	room: ChatRoom,
	now = new Date(),
	presence?: Presence
): Promise<RoomState> {
	const availability = roomAvailability(room, now);
	return {
		roomId: room.id,
		open: availability.open,
		locked: room.locked,
		slowModeSeconds: room.slowModeSeconds,
		statusLabel: availability.statusLabel,
		...(presence ?? (await presenceIn(room.id))),
		help: availability.open ? null : await helpWhileClosed(db, now)
	};
}

const controlSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('open'), roomId: roomIdSchema }),
	z.object({ action: z.literal('close'), roomId: roomIdSchema }),
	z.object({ action: z.literal('lock'), roomId: roomIdSchema }),
	z.object({ action: z.literal('unlock'), roomId: roomIdSchema }),
	z.object({
		action: z.literal('slow-mode'),
		roomId: roomIdSchema,
		seconds: z.coerce
			.number()
			.refine((s) => (ROOM_SLOW_MODE_CHOICES as readonly number[]).includes(s), {
				message: 'Choose one of the slow mode settings offered.'
			})
	})
]);

export type RoomControl = z.input<typeof controlSchema>;

/** Open, close, lock, unlock or slow a room. Returns the room as it now is. */
export async function controlRoom(
	db: Database,
	actor: CurrentUser,
	input: unknown,
	now = new Date()
): Promise<ChatRoom> {
	const control = parseOrThrow(controlSchema, input);
	authorise(actor, 'rooms.run', RUN_ROOMS);
	const room = await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(chatRooms)
			.where(eq(chatRooms.id, control.roomId))
			.for('update');
		if (!current || current.archivedAt) throw new NotFoundError(NO_SUCH_ROOM);
		const change = changeFor(control, current, actor, now);
		const [updated] = await tx
			.update(chatRooms)
			.set({ ...change, updatedAt: now })
			.where(eq(chatRooms.id, current.id))
			.returning();
		await recordAudit(tx, {
			actorId: actor.id,
			action: `chat.room.${control.action}`,
			targetType: 'chat_room',
			targetId: current.id,
			details: 'seconds' in control ? { seconds: control.seconds } : {}
		});
		return updated;
	});
	await announceRoomState(db, room.id, now);
	return room;
}

function changeFor(
	control: z.infer<typeof controlSchema>,
	room: ChatRoom,
	actor: CurrentUser,
	now: Date
): Partial<ChatRoom> {
	switch (control.action) {
		case 'open': {
			const until = openingEndsAt(room, now);
			if (!until)
				throw new NotAllowedError(
					`This room is outside its hours (${roomAvailability(room, now).statusLabel}). Change its hours to open it now.`
				);
			return { openUntil: until, openedAt: now, openedById: actor.id };
		}
		case 'close':
			return { openUntil: null };
		case 'lock':
			return { locked: true };
		case 'unlock':
			return { locked: false };
		case 'slow-mode':
			return { slowModeSeconds: control.seconds };
	}
}

const messageRef = z.object({
	roomId: roomIdSchema,
	messageId: z
		.number({ message: 'Say which message.' })
		.int()
		.positive()
		.max(Number.MAX_SAFE_INTEGER),
	reason: typedText()
		.optional()
		.transform((r) => r || null)
		.pipe(z.string().max(500, 'Keep the reason to 500 characters or fewer.').nullable())
});

/**
 * Remove a message: it disappears live for everyone (a placeholder stays). A held one leaves no
 * placeholder: the room never saw it.
 */
export async function removeMessage(db: Database, actor: CurrentUser, input: unknown) {
	const data = parseOrThrow(messageRef, input);
	authorise(actor, 'rooms.run', RUN_ROOMS);
	const removed = await db.transaction(async (tx) => {
		const [message] = await tx
			.update(chatMessages)
			.set({
				status: 'removed',
				// The old status: a held message was never seen by the room.
				removedUnseen: sql`${chatMessages.status} = 'held'`,
				moderatedById: actor.id,
				moderatedAt: new Date(),
				removedReason: data.reason
			})
			.where(
				and(
					eq(chatMessages.id, data.messageId),
					eq(chatMessages.roomId, data.roomId),
					ne(chatMessages.status, 'removed')
				)
			)
			.returning({
				id: chatMessages.id,
				authorId: chatMessages.authorId,
				unseen: chatMessages.removedUnseen
			});
		if (!message) return null;
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.message.remove',
			targetType: 'chat_message',
			targetId: message.id,
			details: { roomId: data.roomId, authorId: message.authorId, reason: data.reason }
		});
		return message;
	});
	if (!removed) {
		const existing = await loadMessageView(db, data.messageId);
		if (!existing || existing.roomId !== data.roomId)
			throw new NotFoundError('That message is not in this room.');
		return; // someone else removed it first: already gone for everyone
	}
	const event: RemovedEvent = { roomId: data.roomId, id: data.messageId };
	// Held, it was only ever with its author and staff: the room is not told it existed.
	publisher().publish(
		removed.unseen ? `room:${data.roomId}:staff` : `room:${data.roomId}`,
		CHAT_EVENTS.removed,
		event
	);
	if (removed.authorId !== null)
		publisher().publish(`user:${removed.authorId}`, CHAT_EVENTS.removed, event);
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}

/**
 * Approve a held message from the review queue: it joins the room, in its place by time. Refused
 * while another youth worker has claimed it in the queue; approving releases any claim.
 */
export async function approveHeldMessage(db: Database, actor: CurrentUser, messageId: number) {
	authorise(actor, 'moderation.act', 'Only youth workers can approve messages.');
	const approved = await db.transaction(async (tx) => {
		await settleClaim(tx as unknown as Database, actor, { kind: 'message', itemId: messageId });
		const [message] = await tx
			.update(chatMessages)
			.set({ status: 'published', moderatedById: actor.id, moderatedAt: new Date() })
			.where(and(eq(chatMessages.id, messageId), eq(chatMessages.status, 'held')))
			.returning({ id: chatMessages.id, roomId: chatMessages.roomId });
		if (!message)
			throw new ValidationError({ form: 'Someone has already dealt with this message.' });
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.message.approve',
			targetType: 'chat_message',
			targetId: message.id,
			details: { roomId: message.roomId }
		});
		return message;
	});
	const view = await loadMessageView(db, approved.id);
	if (view) announceMessage(view);
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}

const memberRef = z.object({
	roomId: roomIdSchema,
	userId: z.number({ message: 'Say which member.' }).int().positive().max(2_147_483_647)
});

const muteSchema = memberRef.extend({
	duration: z.enum(Object.keys(MUTE_DURATIONS) as [MuteDuration, ...MuteDuration[]], {
		message: 'Choose how long to pause their messages.'
	})
});

/** Pause a member's messages in this room (they can still read). */
export async function muteInRoom(
	db: Database,
	actor: CurrentUser,
	input: unknown,
	now = new Date()
) {
	const data = parseOrThrow(muteSchema, input);
	authorise(actor, 'rooms.run', RUN_ROOMS);
	const room = await loadRoom(db, data.roomId);
	const target = await memberToModerate(db, data.userId);
	const until =
		data.duration === '10m'
			? new Date(now.getTime() + 10 * 60_000)
			: data.duration === '1h'
				? new Date(now.getTime() + 3_600_000)
				: room.openUntil && room.openUntil > now
					? room.openUntil
					: new Date(now.getTime() + OPENING_MAX_HOURS * 3_600_000);
	await db.transaction(async (tx) => {
		await tx
			.insert(chatRoomMembers)
			.values({ roomId: room.id, userId: target.id, mutedUntil: until })
			.onConflictDoUpdate({
				target: [chatRoomMembers.roomId, chatRoomMembers.userId],
				set: { mutedUntil: until }
			});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.member.mute',
			targetType: 'user',
			targetId: target.id,
			details: { roomId: room.id, until: until.toISOString(), duration: data.duration }
		});
	});
	const event: YouEvent = {
		roomId: room.id,
		removed: false,
		mutedUntil: until.toISOString(),
		message: `A youth worker has paused your messages in this room until ${formatDateTime(until)}. You can still read.`
	};
	publisher().publish(`user:${target.id}`, CHAT_EVENTS.you, event);
	// Staff's "People here" shows who is paused.
	await announcePeople(db, room.id, undefined, now);
	return until;
}

/** Take a member out of the room: their open connections leave it at once; they cannot rejoin. */
export async function removeFromRoom(db: Database, actor: CurrentUser, input: unknown) {
	const data = parseOrThrow(memberRef, input);
	authorise(actor, 'rooms.run', RUN_ROOMS);
	const room = await loadRoom(db, data.roomId);
	const target = await memberToModerate(db, data.userId);
	const now = new Date();
	await db.transaction(async (tx) => {
		await tx
			.insert(chatRoomMembers)
			.values({ roomId: room.id, userId: target.id, removedAt: now, removedById: actor.id })
			.onConflictDoUpdate({
				target: [chatRoomMembers.roomId, chatRoomMembers.userId],
				set: { removedAt: now, removedById: actor.id, invited: false }
			});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.member.remove',
			targetType: 'user',
			targetId: target.id,
			details: { roomId: room.id }
		});
	});
	const event: YouEvent = {
		roomId: room.id,
		removed: true,
		mutedUntil: null,
		message: REMOVED_FROM_ROOM
	};
	publisher().publish(`user:${target.id}`, CHAT_EVENTS.you, event);
	publisher().removeFromRoom(target.id, `room:${room.id}`);
	await announceRoomState(db, room.id, now);
}

/** Staff are not moderated from inside a room (their account is managed elsewhere). */
async function memberToModerate(db: Database, userId: number) {
	const [target] = await db
		.select({ id: users.id, roles: users.roles })
		.from(users)
		.where(eq(users.id, userId));
	if (!target) throw new NotFoundError('That member is not here any more.');
	if (isStaff({ id: target.id, roles: target.roles }))
		throw new NotAllowedError('Staff cannot be paused or removed from a room here.');
	return target;
}
