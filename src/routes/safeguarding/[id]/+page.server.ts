import { fail } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { CASE_STATUSES } from '$lib/server/db/schema';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { can } from '$lib/server/policy';
import {
	addCaseEntry,
	assignableStaff,
	assignCase,
	changeCaseStatus
} from '$lib/server/safeguarding/cases';
import { toLondonInput } from '$lib/format';
import { CASE_STATUS_LABELS, label } from '$lib/safeguarding';
import { caseIdFrom, loadCase } from './case-data';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { me, record } = await loadCase(locals, url, params.id);
	const canAssign = can(me, 'safeguarding.assign');
	const canClose = can(me, 'safeguarding.close_case');
	return {
		record,
		canWrite: can(me, 'safeguarding.open_case'),
		canRefer: can(me, 'safeguarding.refer'),
		canAssign,
		canClose,
		statusOptions: CASE_STATUSES.filter((s) => canClose || s !== 'closed').map((value) => ({
			value,
			label: label(CASE_STATUS_LABELS, value)
		})),
		staff: canAssign ? await assignableStaff(await database()) : [],
		today: toLondonInput(new Date()).slice(0, 10)
	};
};

export const actions: Actions = {
	entry: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const id = caseIdFrom(params.id);
		const data = await request.formData();
		const kind = text(data, 'kind');
		try {
			await addCaseEntry(await database(), me, id, {
				kind: kind === 'action' || kind === 'contact' ? kind : 'note',
				body: text(data, 'body')
			});
			return { done: 'entry' as const };
		} catch (error) {
			return failFromError(error, { ...formValues(data), form: 'entry' });
		}
	},
	referral: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const id = caseIdFrom(params.id);
		const data = await request.formData();
		try {
			await addCaseEntry(await database(), me, id, {
				kind: 'referral',
				agency: text(data, 'agency'),
				referredOn: text(data, 'referredOn'),
				reference: text(data, 'reference'),
				body: text(data, 'body')
			});
			return { done: 'referral' as const };
		} catch (error) {
			return failFromError(error, { ...formValues(data), form: 'referral' });
		}
	},
	status: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const id = caseIdFrom(params.id);
		const data = await request.formData();
		try {
			await changeCaseStatus(await database(), me, id, text(data, 'status'));
			return { done: 'status' as const };
		} catch (error) {
			return failFromError(error, { ...formValues(data), form: 'status' });
		}
	},
	assign: async ({ locals, url, params, request }) => {
		const me = requireUser(locals, url);
		const id = caseIdFrom(params.id);
		const data = await request.formData();
		const assigneeId = parseId(data.get('assigneeId'));
		if (assigneeId === null)
			return fail(400, {
				values: { ...formValues(data), form: 'assign' },
				errors: { assigneeId: 'Choose who to assign the case to.' },
				message: 'Choose who to assign the case to.'
			});
		try {
			await assignCase(await database(), me, id, assigneeId);
			return { done: 'assign' as const };
		} catch (error) {
			return failFromError(error, { ...formValues(data), form: 'assign' });
		}
	}
};
