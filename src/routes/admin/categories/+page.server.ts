import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { failFromError, formValues, parseId, text } from '$lib/server/http/form';
import { requireCapability } from '$lib/server/http/guard';
import {
	CATEGORY_DESCRIPTION_MAX,
	CATEGORY_GONE,
	CATEGORY_NAME_MAX,
	createCategory,
	listCategoriesForAdmin,
	moveCategory
} from '$lib/server/forum/categories';
import { categoryFromForm } from './category-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'admin.categories');
	return {
		categories: await listCategoriesForAdmin(await database(), me),
		nameMax: CATEGORY_NAME_MAX,
		descriptionMax: CATEGORY_DESCRIPTION_MAX
	};
};

export const actions: Actions = {
	add: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.categories');
		const data = await request.formData();
		try {
			const category = await createCategory(await database(), me, categoryFromForm(data));
			return { done: 'added' as const, name: category.name, slug: category.slug };
		} catch (error) {
			return failFromError(error, {
				...formValues(data),
				staffOnlyPosting: data.get('staffOnlyPosting') === 'on' ? 'on' : 'off',
				form: 'add'
			});
		}
	},
	move: async ({ locals, url, request }) => {
		const me = requireCapability(locals, url, 'admin.categories');
		const data = await request.formData();
		try {
			const id = parseId(text(data, 'id'));
			if (id === null) throw new NotFoundError(CATEGORY_GONE);
			const direction = text(data, 'direction') as 'up' | 'down';
			const { name, moved } = await moveCategory(await database(), me, id, direction);
			return { done: 'moved' as const, name, direction, moved };
		} catch (error) {
			return failFromError(error, { form: 'move' });
		}
	}
};
