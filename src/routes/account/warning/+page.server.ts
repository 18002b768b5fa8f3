import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, parseId, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { sameSitePath } from '$lib/server/http/same-site';
import { acknowledgeWarning, pendingWarning } from '$lib/server/moderation/sanctions';
import { crisisPanel } from '$lib/server/signposting/crisis-panel';
import { formatDateTime } from '$lib/format';
import { WARNING_PATH } from '$lib/moderation';
import type { Actions, PageServerLoad } from './$types';

/** Where to go once the warning is read: a path on this site, never somewhere else. */
function safeNext(value: string | null): string {
	const next = sameSitePath(value);
	return next.startsWith(WARNING_PATH) ? '/' : next;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	const db = await database();
	const [warning, panel] = await Promise.all([
		pendingWarning(db, me.id),
		crisisPanel(db, 'concern')
	]);
	return {
		next: safeNext(url.searchParams.get('next')),
		warning: warning
			? { id: warning.id, message: warning.message, sent: formatDateTime(warning.createdAt) }
			: null,
		panel: {
			...panel,
			heading: 'If you need someone to talk to',
			message:
				'Being told this can be hard. If things feel like too much, there are people you can talk to right now.'
		}
	};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const sanctionId = parseId(text(data, 'sanctionId'));
		const next = safeNext(text(data, 'next'));
		if (sanctionId === null)
			return fail(404, { message: 'We could not find that message. Reload the page.' });
		try {
			await acknowledgeWarning(await database(), me, { sanctionId });
		} catch (e) {
			return failFromError(e);
		}
		redirect(303, next);
	}
};
