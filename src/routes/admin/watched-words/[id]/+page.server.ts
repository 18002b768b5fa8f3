import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import { getWatchedWord, updateWatchedWord } from '$lib/server/safety/watched-words-admin';
import { ACTION_OPTIONS, wordFromForm } from '../word-form';
import type { Actions, PageServerLoad } from './$types';

const NO_SUCH_WORD =
	'There is no watched word with that number. Go back to the list and choose one from there.';

function wordId(raw: string): number {
	const id = parseId(raw);
	if (id === null) error(404, NO_SUCH_WORD);
	return id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireCapability(locals, url, 'admin.watched_words');
	try {
		const word = await getWatchedWord(await database(), me, wordId(params.id));
		return {
			actionOptions: ACTION_OPTIONS,
			word: { id: word.id, pattern: word.pattern },
			values: {
				pattern: word.pattern,
				isRegex: word.isRegex ? 'on' : '',
				action: word.action,
				reason: word.reason,
				enabled: word.enabled ? 'on' : ''
			}
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, NO_SUCH_WORD);
		throw e;
	}
};

export const actions: Actions = {
	default: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'admin.watched_words');
		const id = wordId(params.id);
		const data = await request.formData();
		try {
			await updateWatchedWord(await database(), me, id, {
				...wordFromForm(data),
				enabled: data.get('enabled') === 'on'
			});
			return { saved: true };
		} catch (e) {
			return failFromError(e, formValues(data));
		}
	}
};
