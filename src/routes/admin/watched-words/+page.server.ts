import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import {
	addWatchedWord,
	listWatchedWords,
	removeWatchedWord,
	setWatchedWordEnabled,
	testWatchedPhrase
} from '$lib/server/safety/watched-words-admin';
import { ACTION_LABELS, ACTION_OPTIONS, wordFromForm } from './word-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'admin.watched_words');
	const rows = await listWatchedWords(await database(), me);
	return {
		actionOptions: ACTION_OPTIONS,
		words: rows.map((row) => ({
			id: row.id,
			pattern: row.pattern,
			isRegex: row.isRegex,
			action: ACTION_LABELS[row.action] ?? row.action,
			reason: row.reason,
			enabled: row.enabled
		}))
	};
};

function wordId(data: FormData): number {
	const id = parseId(text(data, 'id'));
	if (id === null) throw new NotFoundError('That watched word no longer exists.');
	return id;
}

export const actions: Actions = {
	add: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.watched_words');
		const data = await request.formData();
		try {
			const row = await addWatchedWord(await database(), me, wordFromForm(data));
			return { form: 'add' as const, done: 'added' as const, pattern: row.pattern };
		} catch (error) {
			return failFromError(error, { ...formValues(data), form: 'add' });
		}
	},
	enabled: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.watched_words');
		const data = await request.formData();
		try {
			const enabled = text(data, 'enabled') === 'true';
			const { pattern } = await setWatchedWordEnabled(await database(), me, wordId(data), enabled);
			return {
				form: 'row' as const,
				done: enabled ? ('enabled' as const) : ('disabled' as const),
				pattern
			};
		} catch (error) {
			return failFromError(error, { form: 'row' });
		}
	},
	remove: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.watched_words');
		const data = await request.formData();
		try {
			const { pattern } = await removeWatchedWord(await database(), me, wordId(data));
			return { form: 'row' as const, done: 'removed' as const, pattern };
		} catch (error) {
			return failFromError(error, { form: 'row' });
		}
	},
	/** Read-only: shows which entries a phrase would trip. Nothing is stored or logged. */
	test: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.watched_words');
		const data = await request.formData();
		const phrase = text(data, 'phrase');
		try {
			const result = await testWatchedPhrase(await database(), me, phrase);
			return {
				form: 'test' as const,
				phrase,
				readAs: result.readAs,
				matches: result.matches.map((m) => ({
					...m,
					action: ACTION_LABELS[m.action] ?? m.action
				}))
			};
		} catch (error) {
			return failFromError(error, { phrase, form: 'test' });
		}
	}
};
