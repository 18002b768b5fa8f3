import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http/guard';
import { listCategories } from '$lib/server/forum/read';
import { heldPostCount } from '$lib/server/moderation/held-posts';
import { can } from '$lib/server/policy';
import { formatDateTime } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	const db = await database();
	const reviews = can(me, 'moderation.review');
	const [categories, waiting] = await Promise.all([
		listCategories(db),
		reviews ? heldPostCount(db) : null
	]);
	return {
		waiting,
		categories: categories.map((c) => ({
			...c,
			latest: c.latest ? { ...c.latest, when: formatDateTime(c.latest.at) } : null
		}))
	};
};
