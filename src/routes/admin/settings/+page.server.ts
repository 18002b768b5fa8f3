import { database } from '$lib/server/db';
import { failFromError, formValues, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { getSettings, updateSettings } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	requireCapability(locals, url, 'admin.settings');
	return { settings: await getSettings(await database()) };
};

export const actions: Actions = {
	default: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.settings');
		const data = await request.formData();
		try {
			await updateSettings(await database(), me, {
				registrationMode: text(data, 'registrationMode'),
				minAge: text(data, 'minAge'),
				maxAge: text(data, 'maxAge'),
				premoderatePosts: text(data, 'premoderatePosts'),
				autoHideReports: text(data, 'autoHideReports'),
				deletedPostRetentionDays: text(data, 'deletedPostRetentionDays'),
				chatRetentionDays: text(data, 'chatRetentionDays')
			});
			return { saved: true };
		} catch (error) {
			return failFromError(error, formValues(data));
		}
	}
};
