import { fail, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { can } from '$lib/server/policy';
import { claimAlert, listAlerts, resolveAlert } from '$lib/server/safeguarding/alerts';
import { openCaseFromAlert } from '$lib/server/safeguarding/cases';
import { raiseConcern } from '$lib/server/safeguarding/concerns';
import { isOnDuty } from '$lib/server/safeguarding/duty';
import { formatDateTime } from '$lib/format';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, depends }) => {
	const me = requireCapability(locals, url, 'safeguarding.see_alerts');
	depends('app:alerts');
	const db = await database();
	const [alerts, meOnDuty] = await Promise.all([listAlerts(db, me), isOnDuty(db, me.id)]);
	return {
		me: { username: me.username },
		meOnDuty,
		canOpenCase: can(me, 'safeguarding.open_case'),
		renderedAt: Date.now(),
		alerts: alerts.map((a) => ({
			...a,
			raised: formatDateTime(new Date(a.createdAt)),
			claimedByMe: a.claimedBy !== null && a.claimedBy === me.username
		}))
	};
};

/** The alert a form is about, or a failure that says to reload. */
function alertIdFrom(data: FormData) {
	return parseId(data.get('alertId'));
}

const NO_ALERT = {
	values: {},
	errors: {},
	message: 'That alert could not be found. Reload the page and try again.'
};

export const actions: Actions = {
	claim: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'safeguarding.see_alerts');
		const data = await request.formData();
		const alertId = alertIdFrom(data);
		if (alertId === null) return fail(400, NO_ALERT);
		try {
			await claimAlert(await database(), me, alertId);
			return { done: 'claimed' as const, alertId };
		} catch (error) {
			return failFromError(error, formValues(data));
		}
	},
	resolve: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'safeguarding.see_alerts');
		const data = await request.formData();
		const alertId = alertIdFrom(data);
		if (alertId === null) return fail(400, NO_ALERT);
		try {
			await resolveAlert(await database(), me, alertId, text(data, 'resolution'));
			return { done: 'resolved' as const, alertId };
		} catch (error) {
			return failFromError(error, formValues(data));
		}
	},
	raise: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'safeguarding.see_alerts');
		const data = await request.formData();
		const level = text(data, 'level');
		try {
			await raiseConcern(await database(), me, {
				username: text(data, 'username'),
				note: text(data, 'note'),
				level: level === 'imminent' || level === 'high' || level === 'concern' ? level : undefined
			});
			return { done: 'raised' as const };
		} catch (error) {
			return failFromError(error, formValues(data));
		}
	},
	openCase: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'safeguarding.open_case');
		const data = await request.formData();
		const alertId = alertIdFrom(data);
		if (alertId === null) return fail(400, NO_ALERT);
		let caseId: number;
		try {
			caseId = await openCaseFromAlert(await database(), me, {
				alertId,
				summary: text(data, 'summary')
			});
		} catch (error) {
			return failFromError(error, formValues(data));
		}
		redirect(303, `/safeguarding/${caseId}`);
	}
};
