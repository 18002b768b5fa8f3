/** The forum's forms → service input, and a service's PostOutcome → a form result. */
import { fail } from '@sveltejs/kit';
import { text, type FormValues } from '$lib/server/http/form';
import type { PostOutcome } from '$lib/server/forum/outcome';

/** The content warning chosen, or the author's own words when they chose "Something else". */
export function contentWarningFrom(data: FormData): string {
	const choice = text(data, 'contentWarning');
	return choice === 'other' ? text(data, 'contentWarningOther') : choice;
}

/**
 * Blocked: a failure that keeps what was typed and says why next to the field. Written (published
 * or held): what the author needs to see now, the crisis panel included.
 */
export function outcomeResult(outcome: PostOutcome, values: FormValues) {
	if (outcome.status === 'blocked')
		return fail(400, {
			values,
			errors: { [outcome.field]: outcome.message },
			message: outcome.message,
			crisisPanel: outcome.crisisPanel
		});
	return {
		done: 'posted' as const,
		form: values.form ?? null,
		status: outcome.status,
		threadId: outcome.threadId,
		postId: outcome.postId,
		message: outcome.message,
		crisisPanel: outcome.crisisPanel
	};
}
