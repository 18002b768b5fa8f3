import { error } from '@sveltejs/kit';
import {
	getAccount,
	isIndefiniteSuspension,
	setRoles,
	setSuspension,
	suspendFor
} from '$lib/server/accounts/manage';
import { database } from '$lib/server/db';
import { ROLES } from '$lib/server/db/schema';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { isStaff } from '$lib/server/policy';
import { formatDateTime } from '$lib/format';
import { ROLE_LABELS } from '$lib/roles';
import type { Actions, PageServerLoad } from './$types';

const NO_SUCH_ACCOUNT =
	'There is no account with that number. Go back to the account list and choose one from there.';

function accountId(raw: string): number {
	const id = parseId(raw);
	if (id === null) error(404, NO_SUCH_ACCOUNT);
	return id;
}

const DURATIONS = [
	{ value: '1d', label: '1 day' },
	{ value: '3d', label: '3 days' },
	{ value: '1w', label: '1 week' },
	{ value: '1m', label: '1 month' },
	{ value: 'indefinitely', label: 'Indefinitely (until lifted)' }
];

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireCapability(locals, url, 'admin.users');
	const id = accountId(params.id);
	let account: Awaited<ReturnType<typeof getAccount>>;
	try {
		account = await getAccount(await database(), me, id);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, NO_SUCH_ACCOUNT);
		throw e;
	}
	const suspendedUntil =
		account.suspendedUntil && account.suspendedUntil > new Date() ? account.suspendedUntil : null;
	return {
		isMe: account.id === me.id,
		account: {
			id: account.id,
			username: account.username,
			staff: isStaff({ id: account.id, roles: account.roles }),
			roles: account.roles as string[],
			created: formatDateTime(account.createdAt),
			lastSeen: formatDateTime(account.lastSeenAt),
			suspension: suspendedUntil
				? {
						until: isIndefiniteSuspension(suspendedUntil)
							? 'until an admin lifts it'
							: `until ${formatDateTime(suspendedUntil)}`,
						reason: account.suspendedReason
					}
				: null
		},
		roleOptions: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] ?? value })),
		durations: DURATIONS
	};
};

export const actions: Actions = {
	roles: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'admin.users');
		const id = accountId(params.id);
		const data = await request.formData();
		const roles = data.getAll('roles').filter((r): r is string => typeof r === 'string');
		try {
			await setRoles(await database(), me, id, roles);
			return { saved: 'roles' as const };
		} catch (e) {
			return failFromError(e, { ...formValues(data), roles: roles.join(',') });
		}
	},
	suspend: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'admin.users');
		const id = accountId(params.id);
		const data = await request.formData();
		try {
			await suspendFor(await database(), me, id, {
				duration: text(data, 'duration'),
				reason: text(data, 'reason')
			});
			return { saved: 'suspended' as const };
		} catch (e) {
			return failFromError(e, formValues(data));
		}
	},
	lift: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'admin.users');
		const id = accountId(params.id);
		const data = await request.formData();
		try {
			await setSuspension(await database(), me, id, { until: null });
			return { saved: 'lifted' as const };
		} catch (e) {
			return failFromError(e, formValues(data));
		}
	}
};
