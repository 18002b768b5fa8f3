import { formatDateTime } from '$lib/format';
import { loadCase } from '../case-data';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { me, record } = await loadCase(locals, url, params.id);
	return {
		bare: true,
		record,
		printedBy: me.username,
		generated: formatDateTime(new Date())
	};
};
