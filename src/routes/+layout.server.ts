import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { can, isMuted } from '$lib/server/policy';
import { openAlertCount } from '$lib/server/safeguarding/alerts';
import { queueCounts } from '$lib/server/moderation/queue';
import { formatDateTime } from '$lib/format';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url, depends }) => {
	const { user } = locals;
	// The header's counts: refetched when a live event says they changed, and (by reading the
	// path) on every navigation, so they are right again after any missed event.
	depends('app:alerts', 'app:notifications', 'app:queue');
	void url.pathname;
	const seesAlerts = can(user, 'safeguarding.see_alerts');
	const reviews = can(user, 'moderation.review');
	const counts: {
		openAlerts: number | null;
		unreadNotifications: number | null;
		reviewQueue: number | null;
	} = {
		openAlerts: null,
		unreadNotifications: null,
		reviewQueue: null
	};
	if (user) {
		// Unread notifications came with the user (hooks.server.ts); staff counts are one query each.
		counts.unreadNotifications = locals.unreadNotifications;
		if (seesAlerts || reviews) {
			const db = await database();
			let queue: Awaited<ReturnType<typeof queueCounts>> | null;
			[counts.openAlerts, queue] = await Promise.all([
				seesAlerts ? openAlertCount(db) : null,
				reviews ? queueCounts(db) : null
			]);
			counts.reviewQueue = queue?.total ?? null;
		}
	}
	return {
		siteName: config().SITE_NAME,
		// For app.html's quick-exit script, through <meta name="quick-exit"> in the layout.
		quickExitUrl: config().QUICK_EXIT_URL,
		user: user
			? {
					id: user.id,
					username: user.username,
					roles: user.roles,
					staff: user.staff,
					// Read-only until then: every page says so.
					mutedUntil: isMuted(user) ? formatDateTime(user.mutedUntil) : null
				}
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
			review: reviews,
			cases: can(user, 'safeguarding.open_case') || can(user, 'safeguarding.see_all_cases')
		},
		counts
	};
};
