import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { requireUser } from '$lib/server/http/guard';
import { listCategories } from '$lib/server/forum/read';
import { requestedPage } from '$lib/server/forum/paging';
import { searchPosts } from '$lib/server/forum/search';
import { getPreferences } from '$lib/server/accounts/preferences';
import { formatDateTime } from '$lib/format';
import { SEARCH_MAX_PAGES, warningFolds } from '$lib/forum';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	const db = await database();
	const q = (url.searchParams.get('q') ?? '').slice(0, 1000);
	const categories = (await listCategories(db)).map((c) => ({ slug: c.slug, name: c.name }));
	const wanted = url.searchParams.get('category') ?? '';
	const category = categories.some((c) => c.slug === wanted) ? wanted : '';
	const base = { q, category, categories, error: null as string | null, results: null };
	if (q.trim() === '') return base;

	const again = (n: number) => {
		const params = new URLSearchParams({ q });
		if (category) params.set('category', category);
		if (n > 1) params.set('page', String(n));
		return `/forum/search?${params}`;
	};
	// "?page=-1", "?page=abc", "?page=1000000000": show the first page instead.
	const page = requestedPage(url.searchParams.get('page'));
	if (page === null || page > SEARCH_MAX_PAGES) redirect(303, again(1));
	let results, preferences;
	try {
		[results, preferences] = await Promise.all([
			searchPosts(db, { q, category: category || null, page }),
			getPreferences(db, me.id)
		]);
	} catch (e) {
		if (e instanceof ValidationError) return { ...base, error: e.message };
		throw e;
	}
	// Past the last page of results: the first page.
	if (results.hits.length === 0 && page > 1) redirect(303, again(1));
	return {
		...base,
		results: {
			...results,
			// An excerpt of a post with a content warning folds behind it, as the post does.
			hits: results.hits.map((h) => ({
				...h,
				when: formatDateTime(h.publishedAt),
				folded: warningFolds(h.contentWarning, preferences)
			}))
		}
	};
};
