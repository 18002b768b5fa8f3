import { can } from '$lib/server/policy';
import type { LayoutServerLoad } from './$types';

/** Which admin pages this person may open, for the admin sub-navigation. Each page checks again. */
export const load: LayoutServerLoad = ({ locals }) => {
	const { user } = locals;
	return {
		adminNav: {
			users: can(user, 'admin.users'),
			settings: can(user, 'admin.settings'),
			categories: can(user, 'admin.categories'),
			directory: can(user, 'admin.directory'),
			watchedWords: can(user, 'admin.watched_words'),
			audit: can(user, 'audit.read')
		}
	};
};
