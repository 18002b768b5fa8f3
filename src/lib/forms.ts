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
