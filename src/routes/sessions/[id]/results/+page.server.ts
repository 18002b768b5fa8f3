import { database } from '$lib/server/db';
import { requireUser } from '$lib/server/http/guard';
import { can } from '$lib/server/policy';
import { sessionResults } from '$lib/server/workshops/results';
import { formatDate } from '$lib/format';
import { orErrorPage, sessionId } from '../after-session';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const id = sessionId(params.id);
	const db = await database();
	const results = await orErrorPage(() => sessionResults(db, me, id));
	return {
		workshop: {
			...results.workshop,
			date: formatDate(results.workshop.startsAt),
			dateIso: results.workshop.startsAt.toISOString(),
			closed: results.workshop.phase === 'closed'
		},
		ideas: results.ideas,
		themes: results.themes,
		setAside: results.setAside,
		counts: results.counts,
		runs: results.runs,
		recordsOutcomes: can(me, 'outcomes.publish')
	};
};
