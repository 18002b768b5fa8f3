import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http/guard';
import { can } from '$lib/server/policy';
import { listCases } from '$lib/server/safeguarding/cases';
import { formatDateTime } from '$lib/format';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireUser(locals, url);
	// Like each case, the list is not there at all for anyone without a safeguarding role.
	if (!can(me, 'safeguarding.open_case') && !can(me, 'safeguarding.see_all_cases'))
		error(404, 'We could not find that page.');
	const cases = await listCases(await database(), me);
	return {
		seesAll: can(me, 'safeguarding.see_all_cases'),
		cases: cases.map((c) => ({
			id: c.id,
			subjectUsername: c.subjectUsername,
			level: c.level,
			status: c.status,
			categories: c.categories,
			assignee: c.assignee,
			opened: formatDateTime(c.openedAt)
		}))
	};
};
