import { database } from '$lib/server/db';
import { requireCapability } from '$lib/server/http/guard';
import { sessionSummary } from '$lib/server/workshops/results';
import { formatDate, formatDateTime } from '$lib/format';
import { orErrorPage, sessionId } from '../after-session';
import type { PageServerLoad } from './$types';

/** How many themes the summary leads with. */
const TOP_THEMES = 5;

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireCapability(locals, url, 'workshops.run');
	const id = sessionId(params.id);
	const db = await database();
	const summary = await orErrorPage(() => sessionSummary(db, me, id));
	return {
		workshop: {
			id: summary.workshop.id,
			title: summary.workshop.title,
			questions: summary.workshop.questions,
			partner: summary.workshop.partner,
			date: formatDate(summary.workshop.startsAt),
			dateIso: summary.workshop.startsAt.toISOString()
		},
		counts: summary.counts,
		topThemes: summary.themes.slice(0, TOP_THEMES).map((t) => ({
			name: t.name,
			votes: t.votes,
			ideas: t.ideas.length,
			leading: t.ideas[0]?.body ?? ''
		})),
		ideas: summary.ideas.map((i) => ({
			id: i.id,
			rank: i.rank,
			body: i.body,
			theme: i.theme,
			votes: i.votes,
			comments: i.comments
		})),
		generated: formatDateTime(new Date())
	};
};
