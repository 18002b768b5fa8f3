import { fail } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import {
	createOutcome,
	editOutcome,
	NO_SUCH_OUTCOME,
	sessionOutcomes,
	updateOutcome
} from '$lib/server/workshops/outcomes';
import type { OutcomeStatusKey } from '$lib/workshop-outcomes';
import { orErrorPage, sessionId } from '../after-session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireUser(locals, url);
	const id = sessionId(params.id);
	const db = await database();
	return orErrorPage(() => sessionOutcomes(db, me, id));
};

const told = (n: number) =>
	n === 0
		? 'Nobody else needed telling.'
		: n === 1
			? 'The person who suggested the idea has been told.'
			: `The ${n} people who suggested these ideas have been told.`;

const ideaIdsOf = (data: FormData) =>
	data.getAll('ideaIds').filter((v): v is string => typeof v === 'string');

const noSuchOutcome = (form: 'update' | 'edit') =>
	fail(404, { form, values: {}, errors: {}, message: NO_SUCH_OUTCOME });

export const actions: Actions = {
	create: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const id = sessionId(params.id);
		const data = await request.formData();
		const ideaIds = ideaIdsOf(data);
		try {
			const { outcome, notified } = await createOutcome(await database(), me, id, {
				title: text(data, 'title'),
				body: text(data, 'body'),
				status: text(data, 'status') as OutcomeStatusKey,
				reason: text(data, 'reason'),
				note: text(data, 'note'),
				ideaIds
			});
			return { created: outcome.id, message: `Outcome recorded. ${told(notified)}` };
		} catch (error) {
			const failure = failFromError(error, formValues(data));
			return fail(failure.status, { ...failure.data, form: 'create', ideaIds });
		}
	},
	update: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const outcomeId = parseId(data.get('outcomeId'));
		if (outcomeId === null) return noSuchOutcome('update');
		try {
			const { notified } = await updateOutcome(await database(), me, outcomeId, {
				status: text(data, 'status') as OutcomeStatusKey,
				reason: text(data, 'reason'),
				note: text(data, 'note')
			});
			return { updated: outcomeId, message: `Update added. ${told(notified)}` };
		} catch (error) {
			const failure = failFromError(error, formValues(data));
			return fail(failure.status, { ...failure.data, form: 'update', outcomeId });
		}
	},
	edit: async ({ locals, url, request }) => {
		const me = requireUser(locals, url);
		const data = await request.formData();
		const outcomeId = parseId(data.get('outcomeId'));
		if (outcomeId === null) return noSuchOutcome('edit');
		const ideaIds = ideaIdsOf(data);
		try {
			const { notified } = await editOutcome(await database(), me, outcomeId, {
				title: text(data, 'title'),
				body: text(data, 'body'),
				ideaIds
			});
			return {
				updated: outcomeId,
				message: `Changes saved.${notified ? ` ${told(notified)}` : ''}`
			};
		} catch (error) {
			const failure = failFromError(error, formValues(data));
			return fail(failure.status, { ...failure.data, form: 'edit', outcomeId, ideaIds });
		}
	}
};
