/** A category form → the service's input, and a stored category → the form's values. */
import { text } from '$lib/server/http/form';
import type { CategoryInput } from '$lib/server/forum/categories';

export function categoryFromForm(data: FormData): CategoryInput {
	return {
		name: text(data, 'name'),
		description: text(data, 'description'),
		staffOnlyPosting: data.get('staffOnlyPosting') === 'on'
	};
}

export function formFromCategory(category: {
	name: string;
	description: string;
	staffOnlyPosting: boolean;
}): Record<string, string> {
	return {
		name: category.name,
		description: category.description,
		staffOnlyPosting: category.staffOnlyPosting ? 'on' : 'off'
	};
}
