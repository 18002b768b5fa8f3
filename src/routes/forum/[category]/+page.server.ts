import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { requireUser } from '$lib/server/http/guard';
import { loadCategoryPage } from '$lib/server/forum/read';
import { requestedPage } from '$lib/server/forum/paging';
import { formatDateTime } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params, depends }) => {
	const me = requireUser(locals, url);
	// "Show them" (new conversations or replies, heard live) fetches the list again.
	depends(`forum:category:${params.category}`);
	const requested = requestedPage(url.searchParams.get('page'));
	// "?page=-1", "?page=abc": there is no such page; show the first.
	if (requested === null) redirect(303, `/forum/${params.category}`);
	let result;
	try {
		result = await loadCategoryPage(await database(), me, {
			slug: params.category,
			page: requested
		});
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		throw e;
	}
	// Past the last page ("?page=1000000000"): the last page there is.
	if (result.page !== requested)
		redirect(303, `/forum/${params.category}${result.page > 1 ? `?page=${result.page}` : ''}`);
	return {
		...result,
		threads: result.threads.map((t) => ({
			...t,
			lastActivity: formatDateTime(t.lastActivityAt)
		}))
	};
};
