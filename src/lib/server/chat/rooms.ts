/**
 * Setting rooms up (staff who run rooms): name, description, kind, guidelines pinned at the top,
 * an optional content warning, a maximum number of people, weekly hours; inviting members to a
 * group room; archiving. Every change is audited. Listing the rooms a person can join, with
 * whether each is open, when it next opens, unread messages and whether a youth worker is there.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import { config } from '../config';
import { renderPostHtml } from '../content/render';
import { contentWarningSchema, tidyText } from '../content/limits';
import type { Database } from '../db';
import { chatRoomMembers, chatRooms, ROOM_KINDS, users, type ChatRoom } from '../db/schema';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { parseWeeklyHours, type OpeningPeriod } from '../../signposting/opening-hours';
import type { RoomKindKey, RoomView } from '../../chat';
import { roomAvailability } from './availability';
import { entryRefusal, NO_SUCH_ROOM, sessionRoomOpenTo } from './access';
import { presenceIn } from './presence';

const optionalCount = z.preprocess(
	(v) => (v === '' || v === null || v === undefined ? null : v),
	z.coerce
		.number({ message: 'Enter the most people as a number, or leave it empty for no limit.' })
		.int('Use a whole number of people.')
		.min(2, 'A room needs room for at least 2 people.')
		.max(1000, 'At most 1,000 people can be in a room at once.')
		.nullable()
);

export const roomSchema = z.object({
	name: z
		.string({ message: 'Give the room a name.' })
		.transform((t) => tidyText(t).replace(/\s+/g, ' ').trim())
		.pipe(
			z.string().min(1, 'Give the room a name.').max(80, 'Keep the name to 80 characters or fewer.')
		),
	description: z
		.string()
		.optional()
		.transform((t) => tidyText(t ?? '').trim())
		.pipe(z.string().max(500, 'Keep the description to 500 characters or fewer.')),
	kind: z.enum(ROOM_KINDS, { message: 'Choose what kind of room this is.' }),
	guidelines: z
		.string()
		.optional()
		.transform((t) => tidyText(t ?? '').trim())
		.pipe(z.string().max(2000, 'Keep the guidelines to 2,000 characters or fewer.')),
	contentWarning: contentWarningSchema,
	maxMembers: optionalCount,
	/** As typed: "Tue 19:00–21:00", one stretch per line; empty for no set hours. */
	openHours: z
		.string()
		.optional()
		.transform((t, ctx): OpeningPeriod[] => {
			if (!t?.trim()) return [];
			const parsed = parseWeeklyHours(t);
			if (parsed.ok) return parsed.periods;
			ctx.addIssue({ code: 'custom', message: parsed.error });
			return z.NEVER;
		})
});

/** As a form sends it (a missing maximum means no limit). */
export type RoomInput = Omit<z.input<typeof roomSchema>, 'maxMembers'> & { maxMembers?: unknown };

function roomValues(data: z.infer<typeof roomSchema>) {
	return {
		...data,
		guidelinesHtml: data.guidelines
			? renderPostHtml(data.guidelines, { siteOrigin: config().ORIGIN })
			: ''
	};
}

export async function createRoom(db: Database, actor: CurrentUser, input: RoomInput) {
	const data = parseOrThrow(roomSchema, input);
	authorise(actor, 'rooms.run', 'Only staff who run rooms can set them up.');
	return db.transaction(async (tx) => {
		const [room] = await tx
			.insert(chatRooms)
			.values({ ...roomValues(data), createdById: actor.id })
			.returning();
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.room.create',
			targetType: 'chat_room',
			targetId: room.id,
			details: { name: room.name, kind: room.kind }
		});
		return room;
	});
}

export async function updateRoom(
	db: Database,
	actor: CurrentUser,
	roomId: number,
	input: RoomInput
) {
	const data = parseOrThrow(roomSchema, input);
	authorise(actor, 'rooms.run', 'Only staff who run rooms can change them.');
	return db.transaction(async (tx) => {
		const [room] = await tx
			.update(chatRooms)
			.set({ ...roomValues(data), updatedAt: new Date() })
			.where(eq(chatRooms.id, roomId))
			.returning();
		if (!room) throw new NotFoundError(NO_SUCH_ROOM);
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.room.update',
			targetType: 'chat_room',
			targetId: room.id,
			details: { name: room.name, kind: room.kind }
		});
		return room;
	});
}

export async function archiveRoom(db: Database, actor: CurrentUser, roomId: number) {
	authorise(actor, 'rooms.run', 'Only staff who run rooms can close them for good.');
	await db.transaction(async (tx) => {
		const [room] = await tx
			.update(chatRooms)
			.set({ archivedAt: new Date(), openUntil: null, updatedAt: new Date() })
			.where(and(eq(chatRooms.id, roomId), isNull(chatRooms.archivedAt)))
			.returning({ id: chatRooms.id });
		if (!room) throw new NotFoundError(NO_SUCH_ROOM);
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.room.archive',
			targetType: 'chat_room',
			targetId: roomId
		});
	});
}

/** Invite a member to a group room by username (or let a removed member back in). */
export async function inviteToRoom(
	db: Database,
	actor: CurrentUser,
	roomId: number,
	username: unknown
) {
	authorise(actor, 'rooms.run', 'Only staff who run rooms can invite people.');
	const name = typeof username === 'string' ? username.trim() : '';
	if (!name) throw new ValidationError({ username: 'Enter the username of the person to invite.' });
	const [person] = await db
		.select({ id: users.id, username: users.username })
		.from(users)
		.where(sql`lower(${users.username}) = lower(${name})`);
	if (!person) throw new ValidationError({ username: `Nobody here is called “${name}”.` });
	await db.transaction(async (tx) => {
		const [room] = await tx
			.select({ id: chatRooms.id })
			.from(chatRooms)
			.where(eq(chatRooms.id, roomId));
		if (!room) throw new NotFoundError(NO_SUCH_ROOM);
		await tx
			.insert(chatRoomMembers)
			.values({ roomId, userId: person.id, invited: true })
			.onConflictDoUpdate({
				target: [chatRoomMembers.roomId, chatRoomMembers.userId],
				set: { invited: true, removedAt: null, removedById: null }
			});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'chat.room.invite',
			targetType: 'user',
			targetId: person.id,
			details: { roomId }
		});
	});
	return person;
}

export async function roomMembers(db: Database, actor: CurrentUser, roomId: number) {
	authorise(actor, 'rooms.run');
	return db
		.select({
			userId: chatRoomMembers.userId,
			username: users.username,
			invited: chatRoomMembers.invited,
			mutedUntil: chatRoomMembers.mutedUntil,
			removedAt: chatRoomMembers.removedAt
		})
		.from(chatRoomMembers)
		.innerJoin(users, eq(users.id, chatRoomMembers.userId))
		.where(eq(chatRoomMembers.roomId, roomId))
		.orderBy(asc(users.username));
}

export async function loadRoom(db: Database, roomId: number): Promise<ChatRoom> {
	const [room] = await db.select().from(chatRooms).where(eq(chatRooms.id, roomId));
	if (!room) throw new NotFoundError(NO_SUCH_ROOM);
	return room;
}

/** Every room, for staff who run them (archived last). */
export async function allRooms(db: Database, actor: CurrentUser) {
	authorise(actor, 'rooms.run');
	return db
		.select()
		.from(chatRooms)
		.orderBy(sql`${chatRooms.archivedAt} is not null`, asc(chatRooms.name));
}

export function roomView(room: ChatRoom, mutedUntil: Date | null, now: Date): RoomView {
	const availability = roomAvailability(room, now);
	return {
		id: room.id,
		name: room.name,
		description: room.description,
		kind: room.kind as RoomKindKey,
		guidelinesHtml: room.guidelinesHtml,
		contentWarning: room.contentWarning,
		open: availability.open,
		locked: room.locked,
		slowModeSeconds: room.slowModeSeconds,
		statusLabel: availability.statusLabel,
		mutedUntil: mutedUntil && mutedUntil > now ? mutedUntil.toISOString() : null
	};
}

export interface RoomListing extends RoomView {
	unread: number;
	presence: number;
	staffPresent: number;
}

/** The rooms this person can join, for /chat: open ones first, then by name. */
export async function listRoomsFor(
	db: Database,
	user: CurrentUser,
	now = new Date()
): Promise<RoomListing[]> {
	authorise(user, 'rooms.join', 'Your account cannot join rooms at the moment.');
	const rows = await db
		.select({
			room: chatRooms,
			invited: chatRoomMembers.invited,
			removedAt: chatRoomMembers.removedAt,
			mutedUntil: chatRoomMembers.mutedUntil,
			inSession: sessionRoomOpenTo(user.id),
			unread: sql<number>`(
				select count(*)::int from (
					select 1 from chat_messages m
					where m.room_id = ${chatRooms.id}
						and m.id > coalesce(${chatRoomMembers.lastReadMessageId}, 0)
						and m.status = 'published'
						and m.author_id is distinct from ${user.id}
					limit 100
				) unread
			)`
		})
		.from(chatRooms)
		.leftJoin(
			chatRoomMembers,
			and(eq(chatRoomMembers.roomId, chatRooms.id), eq(chatRoomMembers.userId, user.id))
		)
		.where(isNull(chatRooms.archivedAt))
		.orderBy(asc(chatRooms.name));
	const visible = rows.filter(
		(r) =>
			entryRefusal(user, {
				room: r.room,
				member: r.invited === null ? null : { invited: r.invited, removedAt: r.removedAt },
				inSession: r.inSession
			}) === null
	);
	const listings = await Promise.all(
		visible.map(async (r) => ({
			...roomView(r.room, r.mutedUntil, now),
			unread: r.unread,
			...(await presenceIn(r.room.id))
		}))
	);
	return listings.sort((a, b) => Number(b.open) - Number(a.open));
}
