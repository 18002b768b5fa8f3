import { database } from '$lib/server/db';
import { registerMember, UnderAgeError } from '$lib/server/accounts/register';
import { signInWithPassword } from '$lib/server/accounts/authjs';
import { failFromError, formValues, text } from '$lib/server/http/form';
import { getSettings } from '$lib/server/settings';
import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, '/');
	const settings = await getSettings(await database());
	return {
		registrationMode: settings.registrationMode,
		minAge: settings.minAge,
		maxAge: settings.maxAge,
		inviteCode: url.searchParams.get('invite') ?? ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const values = formValues(data);
		const username = text(data, 'username');
		const password = text(data, 'password');
		try {
			await registerMember(await database(), {
				username,
				password,
				dateOfBirth: text(data, 'dateOfBirth'),
				acceptGuidelines: data.get('acceptGuidelines') === 'on',
				inviteCode: text(data, 'inviteCode')
			});
		} catch (error) {
			if (error instanceof UnderAgeError) {
				// Nothing is kept about someone too young to join.
				return fail(400, {
					values: {},
					errors: error.fieldErrors,
					message: error.message,
					underAge: true
				});
			}
			return failFromError(error, values);
		}
		const signedIn = await signInWithPassword(event, username.trim(), password);
		redirect(303, signedIn.ok ? '/?welcome=1' : '/login');
	}
};
