import { database } from '$lib/server/db';
import { listNotifications, markAllRead } from '$lib/server/notifications/notify';
import { requireUser } from '$lib/server/http/guard';
import { formatDateTime } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

/** Only links within Together are followed from a notification. */
const ownLink = (link: string | null) =>
	link && link.startsWith('/') && !link.startsWith('//') ? link : null;

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const me = requireUser(locals, url);
	depends('app:notifications');
	const rows = await listNotifications(await database(), me.id);
	return {
		notifications: rows.map((n) => ({
			id: n.id,
			kind: n.kind,
			title: n.title,
			body: n.body,
			link: ownLink(n.link),
			at: formatDateTime(n.createdAt),
			atIso: n.createdAt.toISOString(),
			unread: n.readAt === null
		}))
	};
};

export const actions: Actions = {
	read: async ({ locals, url }) => {
		const me = requireUser(locals, url);
		await markAllRead(await database(), me.id);
		return { done: 'read' as const };
	}
};
