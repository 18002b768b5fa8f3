import type { SubmitFunction } from '@sveltejs/kit';

/**
 * Reading a form action's outcome in a page: what was typed (to put back), the per-field
 * errors, and a general message when the failure is not about any one field.
 */
export interface FormOutcome {
	values?: Record<string, string>;
	errors?: Record<string, string>;
	message?: string;
}

export function formOutcome<T extends object>(form: T | null | undefined) {
	const result = (form ?? null) as (T & FormOutcome) | null;
	const errors = result?.errors ?? {};
	return {
		result,
		values: result?.values ?? {},
		errors,
		/** The message to show at the top: only when no field carries the error. */
		generalError: result?.message && Object.keys(errors).length === 0 ? result.message : null
	};
}

/**
 * A form that sends one submission at a time: a second press (a double tap on a phone) while the
 * first is on its way does nothing, so nothing is created twice. Wraps the form's own handling.
 */
export function oneAtATime(submit?: SubmitFunction): SubmitFunction {
	let sending = false;
	return async (input) => {
		if (sending) return input.cancel();
		sending = true;
		const cancel = () => {
			sending = false;
			input.cancel();
		};
		try {
			const after = await submit?.({ ...input, cancel });
			return async (outcome) => {
				try {
					await (after ? after(outcome) : outcome.update());
				} finally {
					sending = false;
				}
			};
		} catch (error) {
			sending = false;
			throw error;
		}
	};
}
