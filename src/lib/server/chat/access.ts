/**
 * Who may be in a room and who may write in it. Drop-in and session rooms are open to every
 * member; group rooms to the members a youth worker invited. Staff may enter any room and write in
 * it whatever its state; a member removed from a room cannot come back, and a member muted here
 * (or everywhere) reads without writing.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { preparedQuery } from '../db/prepared';
import { chatRoomMembers, chatRooms, type ChatRoom, type ChatRoomMember } from '../db/schema';
import { NotFoundError } from '../errors';
import { authorise, isStaff, NotAllowedError } from '../policy';
import { formatDateTime } from '../../format';
import { roomAvailability } from './availability';

export const NO_SUCH_ROOM = 'That room does not exist, or you cannot join it.';
export const REMOVED_FROM_ROOM =
	'A youth worker has taken you out of this room. You can still use the forum, and “Get help now” lists people you can talk to any time.';

export interface RoomAccess {
	room: ChatRoom;
	member: ChatRoomMember | null;
}

/** Every message and join reads it: prepared once per database. */
const roomAccessQuery = preparedQuery((db) => {
	const userId = sql.placeholder('userId');
	return db
		.select({ room: chatRooms, member: chatRoomMembers })
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
export function assertMayEnter(user: CurrentUser, { room, member }: RoomAccess): void {
	authorise(user, 'rooms.join', 'Your account cannot join rooms at the moment.');
	if (isStaff(user)) return;
	if (room.kind === 'group' && !member?.invited) throw new NotFoundError(NO_SUCH_ROOM);
	if (member?.removedAt) throw new NotAllowedError(REMOVED_FROM_ROOM);
}

/** Why this person cannot write here now, or null. Staff may always write. */
export function writeRefusal(
	user: CurrentUser,
	{ room, member }: RoomAccess,
	now: Date
): string | null {
	if (isStaff(user)) return null;
	const availability = roomAvailability(room, now);
	if (!availability.open) return `This room is closed. ${availability.statusLabel}`;
	if (room.locked)
		return 'A youth worker has paused this room for a moment. You can read, and write again when they unpause it.';
	if (member?.mutedUntil && member.mutedUntil > now)
		return `A youth worker has paused your messages in this room until ${formatDateTime(member.mutedUntil)}. You can still read.`;
	return null;
}
