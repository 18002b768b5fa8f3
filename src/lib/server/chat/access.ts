/**
 * Who may be in a room and who may write in it. Drop-in rooms are open to every member; group
 * rooms to the members a youth worker invited; a session's room to the people its idea session is
 * for (every member, or an invite-only session's participants). Staff may enter any room and
 * write in it whatever its state; a member removed from a room cannot come back, and a member
 * muted here (or everywhere) reads without writing.
 */
import { and, eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import {
	chatRoomMembers,
	chatRooms,
	workshopParticipants,
	workshops,
	type ChatRoom,
	type ChatRoomMember
} from '../db/schema';
import { NotFoundError } from '../errors';
import { authorise, isStaff, mutedRefusal, NotAllowedError } from '../policy';
import { formatDateTime } from '../../format';
import { roomAvailability } from './availability';

export const NO_SUCH_ROOM = 'That room does not exist, or you cannot join it.';
export const REMOVED_FROM_ROOM =
	'A youth worker has taken you out of this room. You can still use the forum, and “Get help now” lists people you can talk to any time.';

export interface RoomAccess {
	room: ChatRoom;
	member: ChatRoomMember | null;
	/** False for the room of an invite-only idea session they are not part of. */
	inSession: boolean;
}

/**
 * The room is not an invite-only idea session's, or this person is one of its participants (as
 * `workshopFor` decides for the session itself).
 */
export const sessionRoomOpenTo = (userId: SQL | Placeholder | number) => sql<boolean>`not exists (
	select 1 from ${workshops} w
	where w.id = ${chatRooms.workshopId} and w.access = 'invite'
		and not exists (
			select 1 from ${workshopParticipants} p where p.workshop_id = w.id and p.user_id = ${userId}
		)
)`;

/** Every message and join reads it: prepared once per database. */
const roomAccessQuery = preparedQuery((db) => {
	const userId = sql.placeholder('userId');
	return db
		.select({ room: chatRooms, member: chatRoomMembers, inSession: sessionRoomOpenTo(userId) })
		.from(chatRooms)
		.leftJoin(
			chatRoomMembers,
			and(eq(chatRoomMembers.roomId, chatRooms.id), eq(chatRoomMembers.userId, userId))
		)
		.where(eq(chatRooms.id, sql.placeholder('roomId')))
		.prepare('chat_room_access');
});

export async function loadRoomAccess(
	db: Database,
	user: CurrentUser,
	roomId: number
): Promise<RoomAccess> {
	const [row] = await roomAccessQuery(db).execute({ userId: user.id, roomId });
	if (!row) throw new NotFoundError(NO_SUCH_ROOM);
	return row;
}

/** May this person be in the room (read it, receive it live)? Throws if not. */
export function assertMayEnter(user: CurrentUser, access: RoomAccess): void {
	authorise(user, 'rooms.join', 'Your account cannot join rooms at the moment.');
	const refusal = entryRefusal(user, access);
	if (refusal) throw refusal;
}

/** Why this person may not be in the room (as `assertMayEnter` throws it), or null. */
export function entryRefusal(
	user: CurrentUser,
	{
		room,
		member,
		inSession
	}: {
		room: Pick<ChatRoom, 'kind'>;
		member: Pick<ChatRoomMember, 'invited' | 'removedAt'> | null;
		inSession: boolean;
	}
): Error | null {
	if (isStaff(user)) return null;
	if (room.kind === 'group' && !member?.invited) return new NotFoundError(NO_SUCH_ROOM);
	if (room.kind === 'session' && !inSession) return new NotFoundError(NO_SUCH_ROOM);
	if (member?.removedAt) return new NotAllowedError(REMOVED_FROM_ROOM);
	return null;
}

/**
 * Why this person cannot write here now, or null. Staff may always write. A mute (here or
 * everywhere) is not part of it: the message is screened first (see `muteRefusal`).
 */
export function writeRefusal(user: CurrentUser, { room }: RoomAccess, now: Date): string | null {
	if (isStaff(user)) return null;
	const availability = roomAvailability(room, now);
	if (!availability.open) return `This room is closed. ${availability.statusLabel}`;
	if (room.locked)
		return 'A youth worker has paused this room for a moment. You can read, and write again when they unpause it.';
	return null;
}

/**
 * Why a mute stops this person sending now (everywhere, or in this room), or null. Looked at after
 * screening: a muted member's message that shows risk is held for a youth worker instead.
 */
export function muteRefusal(
	user: CurrentUser,
	{ member }: Pick<RoomAccess, 'member'>,
	now: Date
): string | null {
	const everywhere = mutedRefusal(user, now);
	if (everywhere || isStaff(user)) return everywhere;
	if (member?.mutedUntil && member.mutedUntil > now)
		return `A youth worker has paused your messages in this room until ${formatDateTime(member.mutedUntil)}. You can still read.`;
	return null;
}
