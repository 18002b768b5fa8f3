import { redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { createWorkshop } from '$lib/server/workshops/setup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCapability(locals, url, 'workshops.run');
	return {};
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'workshops.run');
		const data = await request.formData();
		const values = formValues(data);
		let id: number;
		try {
			id = (await createWorkshop(await database(), me, values)).id;
		} catch (error) {
			return failFromError(error, values);
		}
		redirect(303, `/sessions/${id}`);
	}
};
