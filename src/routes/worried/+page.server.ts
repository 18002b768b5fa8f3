import { database } from '$lib/server/db';
import { failFromError, formValues, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { raiseConcern } from '$lib/server/safeguarding/concerns';
import { staffAvailability } from '$lib/server/safeguarding/duty';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireUser(locals, url);
	const availability = await staffAvailability(await database());
	return { onDuty: availability.onDuty, username: url.searchParams.get('username') ?? '' };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		try {
			await raiseConcern(await database(), me, {
				username: text(data, 'username'),
				note: text(data, 'note')
			});
		} catch (error) {
			return failFromError(error, formValues(data));
		}
		const { onDuty } = await staffAvailability(await database());
		return { sent: true, onDuty };
	}
};
