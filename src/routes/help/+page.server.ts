import { database } from '$lib/server/db';
import { helpDirectory } from '$lib/server/signposting/directory';
import { parseFilters } from '$lib/signposting/directory';
import type { PageServerLoad } from './$types';

/**
 * Every visible service, with the filters from the query string: the page filters them itself,
 * so the same list works without JavaScript (a GET form), with it (at once, no round trip) and
 * from the copy the service worker keeps for when the signal drops.
 */
export const load: PageServerLoad = async ({ url }) => {
	return {
		services: await helpDirectory(await database()),
		filters: parseFilters(url.searchParams),
		now: new Date().toISOString()
	};
};
