import { error } from '@sveltejs/kit';
import { formatDateTime } from '$lib/format';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { parseId } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { admitToWorkshop, isFacilitator, loadWorkshop } from '$lib/server/workshops/access';
import { loadBoard } from '$lib/server/workshops/board';
import { NotAllowedError } from '$lib/server/policy';
import { crisisPanel } from '$lib/server/signposting/crisis-panel';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const id = parseId(params.id);
	if (id === null) error(404, 'We could not find that idea session.');
	const db = await database();
	let board;
	let workshop;
	try {
		workshop = await loadWorkshop(db, id);
		await admitToWorkshop(db, me, workshop, { code: url.searchParams.get('code') });
		board = await loadBoard(db, me, workshop);
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		if (e instanceof NotAllowedError) error(403, e.message);
		throw e;
	}
	return {
		board,
		me: { id: me.id },
		code: url.searchParams.get('code'),
		// Formatted here, so that the browser need not load its date formatting to hydrate.
		startsAt: {
			at: board.workshop.startsAt,
			label: formatDateTime(new Date(board.workshop.startsAt))
		},
		inviteCode: isFacilitator(me) ? workshop.inviteCode : null,
		// "Step away" shows these without asking the server.
		support: {
			...(await crisisPanel(db, 'concern')),
			heading: 'Taking a break',
			message:
				'Step away for as long as you need. If something is on your mind, these people are there for you.'
		}
	};
};
