import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http/guard';
import { listRoomsFor } from '$lib/server/chat/rooms';
import { can } from '$lib/server/policy';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	return {
		rooms: await listRoomsFor(await database(), me),
		runsRooms: can(me, 'rooms.run')
	};
};
