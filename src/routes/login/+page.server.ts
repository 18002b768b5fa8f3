import { fail, redirect } from '@sveltejs/kit';
import { signInWithPassword } from '$lib/server/accounts/authjs';
import { text } from '$lib/server/http/form';
import { sameSitePath } from '$lib/server/http/same-site';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, sameSitePath(url.searchParams.get('next')));
	return { next: sameSitePath(url.searchParams.get('next')) };
};

export const actions: Actions = {
	default: async (event) => {
		const data = await event.request.formData();
		const username = text(data, 'username').trim();
		const password = text(data, 'password');
		if (!username || !password) {
			return fail(400, {
				values: { username },
				errors: {
					...(username ? {} : { username: 'Enter your username.' }),
					...(password ? {} : { password: 'Enter your password.' })
				},
				message: 'Enter your username and password.'
			});
		}
		const result = await signInWithPassword(event, username, password);
		if (!result.ok) {
			return fail(result.problem === 'rate_limited' ? 429 : 400, {
				values: { username },
				errors: {},
				message: result.message
			});
		}
		redirect(303, sameSitePath(text(data, 'next')));
	}
};
