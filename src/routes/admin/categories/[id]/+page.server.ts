import { error, redirect } from '@sveltejs/kit';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import {
	CATEGORY_DESCRIPTION_MAX,
	CATEGORY_NAME_MAX,
	deleteCategory,
	getCategoryForAdmin,
	updateCategory
} from '$lib/server/forum/categories';
import { categoryFromForm, formFromCategory } from '../category-form';
import type { Actions, PageServerLoad } from './$types';

const NO_SUCH_CATEGORY =
	'There is no category with that number. Go back to the forum categories and choose one from there.';

function categoryId(raw: string): number {
	const id = parseId(raw);
	if (id === null) error(404, NO_SUCH_CATEGORY);
	return id;
}

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const me = requireCapability(locals, url, 'admin.categories');
	try {
		const category = await getCategoryForAdmin(await database(), me, categoryId(params.id));
		return {
			category,
			values: formFromCategory(category),
			nameMax: CATEGORY_NAME_MAX,
			descriptionMax: CATEGORY_DESCRIPTION_MAX
		};
	} catch (e) {
		if (e instanceof NotFoundError) error(404, NO_SUCH_CATEGORY);
		throw e;
	}
};

export const actions: Actions = {
	save: async ({ locals, url, params, request }) => {
		const me = requireCapability(locals, url, 'admin.categories');
		const id = categoryId(params.id);
		const data = await request.formData();
		try {
			const category = await updateCategory(await database(), me, id, categoryFromForm(data));
			return { done: 'saved' as const, name: category.name };
		} catch (e) {
			return failFromError(e, {
				...formValues(data),
				staffOnlyPosting: data.get('staffOnlyPosting') === 'on' ? 'on' : 'off',
				form: 'save'
			});
		}
	},
	delete: async ({ locals, url, params }) => {
		const me = requireCapability(locals, url, 'admin.categories');
		const id = categoryId(params.id);
		let deleted;
		try {
			deleted = await deleteCategory(await database(), me, id);
		} catch (e) {
			return failFromError(e, { form: 'delete' });
		}
		redirect(303, `/admin/categories?deleted=${encodeURIComponent(deleted.name)}`);
	}
};
