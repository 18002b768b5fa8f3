import { error, fail } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { postLink } from '$lib/server/forum/followers';
import { loadReportablePost, reportPost } from '$lib/server/forum/report';
import { reportMember } from '$lib/server/forum/report-member';
import { NotAllowedError } from '$lib/server/policy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const postId = parseId(params.postId);
	if (postId === null) error(404, 'We could not find that post. It may have been removed.');
	try {
		const post = await loadReportablePost(await database(), me, postId);
		return { post: { ...post, link: postLink(post.threadId, post.postId) } };
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		if (e instanceof NotAllowedError) error(403, e.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = formValues(data);
		const postId = parseId(params.postId);
		if (postId === null)
			return fail(404, { values, errors: {}, message: 'That post is no longer there.' });
		const about = text(data, 'about');
		if (about !== 'post' && about !== 'member')
			return fail(400, {
				values,
				errors: { about: 'Choose whether you are reporting this post or this member.' },
				message: null
			});
		const input = { postId, reason: text(data, 'reason'), note: text(data, 'note') };
		try {
			const db = await database();
			const { message, crisisPanel } =
				about === 'post' ? await reportPost(db, me, input) : await reportMember(db, me, input);
			return { done: 'reported' as const, message, crisisPanel };
		} catch (e) {
			return failFromError(e, values);
		}
	}
};
