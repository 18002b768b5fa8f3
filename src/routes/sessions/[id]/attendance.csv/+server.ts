import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http/guard';
import { attendanceCsv } from '$lib/server/workshops/attendance';
import { csvResponse, orErrorPage, sessionId } from '../after-session';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const id = sessionId(params.id);
	const db = await database();
	return csvResponse(await orErrorPage(() => attendanceCsv(db, me, id)));
};
