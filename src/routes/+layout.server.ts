import { config } from '$lib/server/config';
import { can } from '$lib/server/policy';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => {
	const { user } = locals;
	return {
		siteName: config().SITE_NAME,
		user: user
			? { id: user.id, username: user.username, roles: user.roles, staff: user.staff }
			: null,
		nav: {
			admin: can(user, 'admin.users'),
			invites: can(user, 'invites.create')
		}
	};
};
