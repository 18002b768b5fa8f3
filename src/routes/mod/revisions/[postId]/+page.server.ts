import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { parseId } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { loadPostHistory } from '$lib/server/forum/revisions';
import { formatDateTime } from '$lib/format';
import type { PageServerLoad } from './$types';

const NOT_THERE = 'We could not find that post. It may have been removed.';

/** Staff who review content only; everyone else gets "not found", as if there were nothing here. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const postId = parseId(params.postId);
	if (postId === null) error(404, NOT_THERE);
	let history;
	try {
		history = await loadPostHistory(await database(), me, postId);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, NOT_THERE);
		throw e;
	}
	const { post, revisions } = history;
	return {
		post: {
			...post,
			written: formatDateTime(post.createdAt),
			edited: post.editedAt ? formatDateTime(post.editedAt) : null,
			deleted: post.deletedAt ? formatDateTime(post.deletedAt) : null,
			purged: post.purgedAt !== null
		},
		revisions: revisions.map((r) => ({ ...r, replaced: formatDateTime(r.replacedAt) }))
	};
};
