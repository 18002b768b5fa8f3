import { error } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import {
	getDirectoryEntry,
	setDirectoryEntryVisible,
	updateDirectoryEntry
} from '$lib/server/signposting/directory-admin';
import { entryFromForm, formFromEntry } from '../entry-form';
import type { Actions, PageServerLoad } from './$types';

const NO_SUCH_ENTRY =
	'There is no directory entry with that number. Go back to the help directory and choose one from there.';

function entryId(raw: string): number {
	const id = parseId(raw);
	if (id === null) error(404, NO_SUCH_ENTRY);
	return id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireCapability(locals, url, 'admin.directory');
	try {
		const entry = await getDirectoryEntry(await database(), me, entryId(params.id));
		return {
			entry: {
				id: entry.id,
				name: entry.name,
				visible: entry.visible,
				emergency: entry.emergency
			},
			values: formFromEntry(entry)
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, NO_SUCH_ENTRY);
		throw e;
	}
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'admin.directory');
		const id = entryId(params.id);
		const data = await request.formData();
		try {
			const entry = await updateDirectoryEntry(await database(), me, id, entryFromForm(data));
			return { done: 'saved' as const, name: entry.name };
		} catch (e) {
			return failFromError(e, formValues(data));
		}
	},
	visibility: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'admin.directory');
		const id = entryId(params.id);
		const data = await request.formData();
		try {
			const visible = text(data, 'visible') === 'true';
			const { name } = await setDirectoryEntryVisible(await database(), me, id, visible);
			return { done: visible ? ('shown' as const) : ('hidden' as const), name };
		} catch (e) {
			return failFromError(e);
		}
	}
};
