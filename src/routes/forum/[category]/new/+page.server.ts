import { error, redirect } from '@sveltejs/kit';
import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { createThread } from '$lib/server/forum/create-thread';
import { loadCategoryBySlug } from '$lib/server/forum/load';
import { isStaff } from '$lib/server/policy';
import { contentWarningFrom, outcomeResult } from '../../post-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	try {
		const category = await loadCategoryBySlug(await database(), params.category);
		return {
			category: { slug: category.slug, name: category.name },
			canStart: !category.staffOnlyPosting || isStaff(me),
			origin: config().ORIGIN ?? null
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = formValues(data);
		let result;
		try {
			const outcome = await createThread(await database(), me, {
				categorySlug: params.category,
				title: text(data, 'title'),
				body: text(data, 'body'),
				contentWarning: contentWarningFrom(data)
			});
			result = outcomeResult(outcome, values);
		} catch (e) {
			return failFromError(e, values);
		}
		// Straight to the new conversation, unless there is help to show its author first.
		if ('done' in result && !result.crisisPanel) redirect(303, `/forum/t/${result.threadId}`);
		return result;
	}
};
