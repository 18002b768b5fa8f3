import {
	createInvite,
	inviteStatus,
	listInvites,
	revokeInvite
} from '$lib/server/accounts/invites';
import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { isStaff } from '$lib/server/policy';
import { formatDateTime } from '$lib/format';
import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'invites.create');
	const now = new Date();
	const rows = await listInvites(await database(), me);
	return {
		invites: rows.map((invite) => {
			const status = inviteStatus(invite, now);
			return {
				id: invite.id,
				code: invite.code,
				note: invite.note,
				uses: invite.uses,
				maxUses: invite.maxUses,
				status,
				expires: formatDateTime(invite.expiresAt),
				createdBy: invite.createdBy,
				createdByStaff: isStaff({ id: 0, roles: invite.createdByRoles }),
				signUpLink:
					status === 'active'
						? `${url.origin}/register?invite=${encodeURIComponent(invite.code)}`
						: null
			};
		})
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'invites.create');
		const data = await request.formData();
		try {
			const invite = await createInvite(await database(), me, {
				maxUses: text(data, 'maxUses'),
				expiresInDays: text(data, 'expiresInDays'),
				note: text(data, 'note')
			});
			return { created: invite.code };
		} catch (error) {
			return failFromError(error, formValues(data));
		}
	},
	revoke: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'invites.create');
		const data = await request.formData();
		const id = parseId(data.get('id'));
		if (id === null) {
			return fail(400, {
				values: {},
				errors: {},
				message: 'That invite could not be found. Reload the page and try again.'
			});
		}
		try {
			const revoked = await revokeInvite(await database(), me, id);
			return { revoked: revoked.code };
		} catch (error) {
			return failFromError(error, {});
		}
	}
};
