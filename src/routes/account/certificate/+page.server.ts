import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http/guard';
import { sessionsTakenPart } from '$lib/server/workshops/attendance';
import { formatDate } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	return {
		username: me.username,
		sessions: await sessionsTakenPart(await database(), me),
		issued: formatDate(new Date())
	};
};
