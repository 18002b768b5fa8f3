import { createAccount, isIndefiniteSuspension, listAccounts } from '$lib/server/accounts/manage';
import { database } from '$lib/server/db';
import { ROLES } from '$lib/server/db/schema';
import { ValidationError } from '$lib/server/errors';
import { failFromError, formValues, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { isStaff } from '$lib/server/policy';
import { formatDate, formatDateTime } from '$lib/format';
import { ROLE_LABELS } from '$lib/roles';
import type { Actions, PageServerLoad } from './$types';

const LIMIT = 200;

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'admin.users');
	const search = url.searchParams.get('q') ?? '';
	let rows: Awaited<ReturnType<typeof listAccounts>> = [];
	let searchError: string | null = null;
	try {
		rows = await listAccounts(await database(), me, { search, limit: LIMIT + 1 });
	} catch (error) {
		if (!(error instanceof ValidationError)) throw error;
		searchError = error.fieldErrors.search ?? error.message;
	}
	const now = new Date();
	return {
		search,
		searchError,
		more: rows.length > LIMIT,
		roleOptions: ROLES.map((value) => ({ value, label: ROLE_LABELS[value] ?? value })),
		accounts: rows.slice(0, LIMIT).map((a) => ({
			id: a.id,
			username: a.username,
			staff: isStaff({ id: a.id, roles: a.roles }),
			roles: a.roles.map((r) => ROLE_LABELS[r] ?? r),
			suspended:
				a.suspendedUntil && a.suspendedUntil > now
					? isIndefiniteSuspension(a.suspendedUntil)
						? 'Indefinitely'
						: `Until ${formatDateTime(a.suspendedUntil)}`
					: null,
			created: formatDate(a.createdAt),
			lastSeen: formatDateTime(a.lastSeenAt)
		}))
	};
};

export const actions: Actions = {
	create: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.users');
		const data = await request.formData();
		const roles = data.getAll('roles').filter((r): r is string => typeof r === 'string');
		const values = { ...formValues(data), roles: roles.join(',') };
		try {
			const account = await createAccount(await database(), me, {
				username: text(data, 'username'),
				password: text(data, 'password'),
				roles
			});
			return { created: { id: account.id, username: account.username } };
		} catch (error) {
			return failFromError(error, values);
		}
	}
};
