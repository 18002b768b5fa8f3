import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { listWorkshopsFor, redeemInviteCode } from '$lib/server/workshops/access';
import { can } from '$lib/server/policy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	const sessions = await listWorkshopsFor(await database(), me);
	return {
		sessions: sessions.map((w) => ({
			id: w.id,
			title: w.title,
			partner: w.partner,
			influence: w.influence,
			phase: w.phase,
			startsAt: w.startsAt,
			inviteOnly: w.access === 'invite'
		})),
		leads: can(me, 'workshops.run')
	};
};

export const actions: Actions = {
	code: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		let id: number;
		try {
			id = (await redeemInviteCode(await database(), me, data.get('code'))).id;
		} catch (error) {
			return failFromError(error, formValues(data));
		}
		redirect(303, `/sessions/${id}`);
	}
};
