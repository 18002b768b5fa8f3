import { redirect } from '@sveltejs/kit';
import { changeOwnPassword, signOutEverywhere } from '$lib/server/accounts/manage';
import { endSession, signInWithPassword } from '$lib/server/accounts/authjs';
import { database } from '$lib/server/db';
import { failFromError, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import type { Actions, PageServerLoad } from './$types';

const ROLE_NAMES: Record<string, string> = {
	young_person: 'Member',
	youth_worker: 'Youth worker',
	safeguarding_lead: 'Safeguarding lead',
	coproduction_lead: 'Coproduction lead',
	admin: 'Admin'
};

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { roles: user.roles.map((r) => ROLE_NAMES[r] ?? r) };
};

export const actions: Actions = {
	password: async (event) => {
		const me = requireUser(event.locals, event.url);
		const data = await event.request.formData();
		const newPassword = text(data, 'newPassword');
		try {
			await changeOwnPassword(await database(), me, {
				currentPassword: text(data, 'currentPassword'),
				newPassword
			});
		} catch (error) {
			return failFromError(error);
		}
		// Other devices are signed out by the version bump; keep this one signed in.
		await signInWithPassword(event, me.username, newPassword);
		return { passwordChanged: true };
	},
	everywhere: async (event) => {
		const me = requireUser(event.locals, event.url);
		await signOutEverywhere(await database(), me);
		await endSession(event);
		redirect(303, '/login');
	}
};
