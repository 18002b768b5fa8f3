import { fail } from '@sveltejs/kit';
import { getPreferences, updatePreferences } from '$lib/server/accounts/preferences';
import { database } from '$lib/server/db';
import { listFollowedThreads, setFollowing } from '$lib/server/forum/followers';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { CONTENT_WARNINGS, normaliseWarning } from '$lib/forum';
import { formatDateTime } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

const PRESETS = new Set<string>(CONTENT_WARNINGS.map(normaliseWarning));

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	const db = await database();
	const [preferences, followed] = await Promise.all([
		getPreferences(db, me.id),
		listFollowedThreads(db, me)
	]);
	return {
		preferences: {
			...preferences,
			collapsePresets: preferences.alwaysCollapse.filter((w) => PRESETS.has(normaliseWarning(w))),
			ownWords: preferences.alwaysCollapse.filter((w) => !PRESETS.has(normaliseWarning(w)))
		},
		followed: followed.map((t) => ({ ...t, when: formatDateTime(t.lastActivityAt) }))
	};
};

export const actions: Actions = {
	save: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = {
			...formValues(data),
			form: 'save',
			collapse: data.getAll('collapse').join('\n')
		};
		try {
			await updatePreferences(await database(), me, {
				openWarnings: text(data, 'openWarnings') === 'on',
				notifyReplies: text(data, 'notifyReplies') === 'on',
				autoFollow: text(data, 'autoFollow') === 'on',
				collapse: data.getAll('collapse').filter((v): v is string => typeof v === 'string'),
				ownWords: text(data, 'ownWords').split(/\r?\n/)
			});
			return { done: 'saved' as const, form: 'save' };
		} catch (e) {
			return failFromError(e, values);
		}
	},
	unfollow: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const values = { ...formValues(data), form: 'unfollow' };
		const threadId = parseId(text(data, 'threadId'));
		if (threadId === null)
			return fail(404, { values, errors: {}, message: 'We could not find that conversation.' });
		try {
			await setFollowing(await database(), me, { threadId, following: false });
			return {
				done: 'unfollowed' as const,
				form: 'unfollow',
				title: text(data, 'title').slice(0, 150)
			};
		} catch (e) {
			return failFromError(e, values);
		}
	}
};
