import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { unreadCount } from '$lib/server/notifications/notify';
import { can } from '$lib/server/policy';
import { openAlertCount } from '$lib/server/safeguarding/alerts';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, depends }) => {
	const { user } = locals;
	// The header's counts: refetched when a live event says they changed, and (by reading the
	// path) on every navigation, so they are right again after any missed event.
	depends('app:alerts', 'app:notifications');
	void url.pathname;
	const seesAlerts = can(user, 'safeguarding.see_alerts');
	const counts: { openAlerts: number | null; unreadNotifications: number | null } = {
		openAlerts: null,
		unreadNotifications: null
	};
	if (user) {
		const db = await database();
		[counts.openAlerts, counts.unreadNotifications] = await Promise.all([
			seesAlerts ? openAlertCount(db) : null,
			unreadCount(db, user.id)
		]);
	}
	return {
		siteName: config().SITE_NAME,
		user: user
			? { id: user.id, username: user.username, roles: user.roles, staff: user.staff }
			: null,
		nav: {
			// The first admin page this person may open (safeguarding leads only read the audit log).
			admin: can(user, 'admin.users')
				? '/admin/users'
				: can(user, 'audit.read')
					? '/admin/audit'
					: null,
			invites: can(user, 'invites.create'),
			alerts: seesAlerts,
			duty: can(user, 'duty.go_on'),
			review: can(user, 'moderation.review'),
			cases: can(user, 'safeguarding.open_case') || can(user, 'safeguarding.see_all_cases')
		},
		counts
	};
};
