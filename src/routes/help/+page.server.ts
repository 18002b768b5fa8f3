import { database } from '$lib/server/db';
import { listVisibleServices, telHref } from '$lib/server/signposting/directory';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const services = await listVisibleServices(await database());
	return { services: services.map((s) => ({ ...s, telHref: s.phone ? telHref(s.phone) : null })) };
};
