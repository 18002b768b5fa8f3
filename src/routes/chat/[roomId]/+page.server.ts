import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { parseId } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { assertMayEnter, loadRoomAccess } from '$lib/server/chat/access';
import { helpWhileClosed } from '$lib/server/chat/closed-help';
import { roomView } from '$lib/server/chat/rooms';
import { roomMessages } from '$lib/server/chat/views';
import { can, NotAllowedError } from '$lib/server/policy';
import { HISTORY_PAGE } from '$lib/chat';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const roomId = parseId(params.roomId);
	if (roomId === null) error(404, 'We could not find that room.');
	const db = await database();
	const now = new Date();
	let access;
	try {
		access = await loadRoomAccess(db, me, roomId);
		assertMayEnter(me, access);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		if (e instanceof NotAllowedError) error(403, e.message);
		throw e;
	}
	const room = roomView(access.room, access.member?.mutedUntil ?? null, now);
	// The latest page is in the HTML (readable before the live connection, or without it).
	const page = await roomMessages(db, me, roomId, { limit: HISTORY_PAGE });
	return {
		room,
		messages: page.messages,
		more: page.more,
		lastReadId: access.member?.lastReadMessageId ?? 0,
		me: { id: me.id, staff: me.staff, runsRooms: can(me, 'rooms.run') },
		// When nobody is here to answer, say who is (room:state brings it if the room closes later).
		help: room.open ? null : await helpWhileClosed(db, now)
	};
};
