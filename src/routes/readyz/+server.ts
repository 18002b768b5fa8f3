import { json } from '@sveltejs/kit';
import { databaseHandle } from '$lib/server/db';
import { log } from '$lib/server/log';
import type { RequestHandler } from './$types';

/** Ready to take traffic: the database answers. */
export const GET: RequestHandler = async () => {
	try {
		const handle = await databaseHandle();
		await handle.ping();
		return json({ status: 'ready', database: handle.kind });
	} catch (error) {
		log.warn({ err: error }, 'readiness check failed');
		return json({ status: 'unavailable', database: 'unreachable' }, { status: 503 });
	}
};
