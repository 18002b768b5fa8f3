import { fail } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { approvePost, hidePost, listHeldPosts } from '$lib/server/moderation/held-posts';
import {
	hideReportedPost,
	keepReportedPost,
	listReportedPosts
} from '$lib/server/moderation/reported-posts';
import { can } from '$lib/server/policy';
import { formatDate, formatDateTime } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const me = requireCapability(locals, url, 'moderation.review');
	depends('forum:mod');
	const db = await database();
	const held = await listHeldPosts(db, me);
	const reported = await listReportedPosts(db, me);
	return {
		reported: reported.map((item) => ({ ...item, reported: formatDateTime(item.firstReportedAt) })),
		canAct: can(me, 'moderation.act'),
		held: held.map((item) => ({
			...item,
			written: formatDateTime(item.createdAt),
			joined: formatDate(item.author.joinedAt)
		}))
	};
};

const NO_POST = {
	values: {},
	errors: {},
	message: 'That post could not be found. Reload the page.'
};

export const actions: Actions = {
	approve: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const postId = parseId(text(data, 'postId'));
		if (postId === null) return fail(404, NO_POST);
		try {
			await approvePost(await database(), me, { postId });
			return { done: 'approved' as const, postId };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'approve' });
		}
	},
	hide: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const postId = parseId(text(data, 'postId'));
		if (postId === null) return fail(404, NO_POST);
		try {
			await hidePost(await database(), me, { postId, reason: text(data, 'reason') });
			return { done: 'hidden' as const, postId };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'hide' });
		}
	},
	keep: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const postId = parseId(text(data, 'postId'));
		if (postId === null) return fail(404, NO_POST);
		try {
			await keepReportedPost(await database(), me, { postId });
			return { done: 'kept' as const, postId };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'keep' });
		}
	},
	hideReported: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'moderation.act');
		const data = await request.formData();
		const postId = parseId(text(data, 'postId'));
		if (postId === null) return fail(404, NO_POST);
		try {
			await hideReportedPost(await database(), me, { postId, reason: text(data, 'reason') });
			return { done: 'hidden' as const, postId };
		} catch (e) {
			return failFromError(e, { ...formValues(data), form: 'hideReported' });
		}
	}
};
