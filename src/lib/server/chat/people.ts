/**
 * "People here" for staff with a room open: who is present now by name, whether staff, whether
 * new to Together (joined in the last 7 days) and whether a youth worker paused their messages
 * here, so they can be moderated from the list. Members only ever get the count (room:state):
 * the names go to `room:<id>:staff` (every change of presence) or answer a staff request, and
 * both check the role on the server.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { chatRoomMembers, users } from '../db/schema';
import { isStaff, NotAllowedError } from '../policy';
import { publisher } from '../realtime/publisher';
import { POSTING_LIMITS } from '../forum/rate-limits';
import { CHAT_EVENTS, type PeopleEvent, type PersonHere } from '../../chat';
import { countPresence, peoplePresentIn } from './presence';
import { log } from '../log';

export const STAFF_ONLY_PEOPLE = 'Only staff can see who is in a room.';

/** Names (one query) for the people present; staff first, then by name. */
export async function describePeople(
	db: Database,
	roomId: number,
	present: Map<number, boolean>,
	now = new Date()
): Promise<PersonHere[]> {
	if (present.size === 0) return [];
	const rows = await db
		.select({
			id: users.id,
			name: users.username,
			joinedAt: users.createdAt,
			mutedUntil: chatRoomMembers.mutedUntil
		})
		.from(users)
		.leftJoin(
			chatRoomMembers,
			and(eq(chatRoomMembers.userId, users.id), eq(chatRoomMembers.roomId, roomId))
		)
		.where(inArray(users.id, [...present.keys()]));
	const newSince = now.getTime() - POSTING_LIMITS.newMemberDays * 86_400_000;
	return rows
		.map((row) => {
			const staff = present.get(row.id) ?? false;
			return {
				id: row.id,
				name: row.name,
				staff,
				newMember: !staff && row.joinedAt.getTime() > newSince,
				mutedUntil: row.mutedUntil && row.mutedUntil > now ? row.mutedUntil.toISOString() : null
			};
		})
		.sort((a, b) => Number(b.staff) - Number(a.staff) || a.name.localeCompare(b.name, 'en-GB'));
}

/** The list, for a member of staff who asks (the socket handler checks they are in the room). */
export async function roomPeople(
	db: Database,
	viewer: CurrentUser,
	roomId: number
): Promise<PeopleEvent> {
	if (!isStaff(viewer)) throw new NotAllowedError(STAFF_ONLY_PEOPLE);
	return { roomId, people: await describePeople(db, roomId, await peoplePresentIn(roomId)) };
}

/** Tell the staff in the room who is here now (nothing is sent when no staff are in it). */
export async function announcePeople(
	db: Database,
	roomId: number,
	present?: Map<number, boolean>,
	now = new Date()
): Promise<void> {
	try {
		const people = present ?? (await peoplePresentIn(roomId));
		if (countPresence(people).staffPresent === 0) return;
		const event: PeopleEvent = { roomId, people: await describePeople(db, roomId, people, now) };
		publisher().publish(`room:${roomId}:staff`, CHAT_EVENTS.people, event);
	} catch (error) {
		// An announcement after the fact: staff asking again (`room:people`) get the list.
		log.warn({ err: error, roomId }, 'could not tell staff who is in a room');
	}
}
