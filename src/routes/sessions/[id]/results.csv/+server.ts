import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http/guard';
import { resultsCsv } from '$lib/server/workshops/results';
import { csvResponse, orErrorPage, sessionId } from '../after-session';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const id = sessionId(params.id);
	const db = await database();
	return csvResponse(await orErrorPage(() => resultsCsv(db, me, id)));
};
