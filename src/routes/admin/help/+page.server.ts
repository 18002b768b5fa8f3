import { database } from '$lib/server/db';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import {
	addDirectoryEntry,
	listDirectoryForAdmin,
	markDirectoryEntryChecked,
	moveDirectoryEntry,
	setDirectoryEntryVisible
} from '$lib/server/signposting/directory-admin';
import { NotFoundError } from '$lib/server/errors';
import { contactWays } from '$lib/signposting/directory';
import { londonToday, openingStatus } from '$lib/signposting/opening-hours';
import { entryFromForm } from './entry-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'admin.directory');
	const rows = await listDirectoryForAdmin(await database(), me);
	const now = new Date();
	return {
		today: londonToday(now),
		entries: rows.map((row) => ({
			id: row.id,
			name: row.name,
			visible: row.visible,
			emergency: row.emergency,
			ways: contactWays(row).map((w) => w.label),
			hours: row.hours,
			openNow: openingStatus(row.openingHours, now).label,
			lastCheckedOn: row.lastCheckedOn
		}))
	};
};

/** The entry an action is about, from the form's hidden `id`. */
function entryId(data: FormData): number {
	const id = parseId(text(data, 'id'));
	if (id === null) throw new NotFoundError('That directory entry no longer exists.');
	return id;
}

export const actions: Actions = {
	add: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.directory');
		const data = await request.formData();
		try {
			const entry = await addDirectoryEntry(
				await database(),
				me,
				entryFromForm(data, { withVisible: true })
			);
			return { done: 'added' as const, name: entry.name, id: entry.id };
		} catch (error) {
			return failFromError(error, {
				...formValues(data),
				visible: data.get('visible') === 'on' ? 'on' : 'off'
			});
		}
	},
	move: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.directory');
		const data = await request.formData();
		try {
			const direction = text(data, 'direction') as 'up' | 'down';
			const { name } = await moveDirectoryEntry(await database(), me, entryId(data), direction);
			return { done: 'moved' as const, name, direction };
		} catch (error) {
			return failFromError(error);
		}
	},
	visibility: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.directory');
		const data = await request.formData();
		try {
			const visible = text(data, 'visible') === 'true';
			const { name } = await setDirectoryEntryVisible(await database(), me, entryId(data), visible);
			return { done: visible ? ('shown' as const) : ('hidden' as const), name };
		} catch (error) {
			return failFromError(error);
		}
	},
	checked: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.directory');
		const data = await request.formData();
		try {
			const { name } = await markDirectoryEntryChecked(await database(), me, entryId(data));
			return { done: 'checked' as const, name };
		} catch (error) {
			return failFromError(error);
		}
	}
};
