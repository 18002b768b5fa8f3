/**
 * Errors a person can cause. Adapters (form actions, socket handlers, CLIs) turn these into a
 * clear message next to the field / a 4xx / an `{ ok: false, error }` ack; anything else is a
 * bug and is logged.
 */
import type { z } from 'zod';

export class ValidationError extends Error {
	constructor(
		public readonly fieldErrors: Record<string, string>,
		message = Object.values(fieldErrors)[0] ?? 'Please check what you entered.'
	) {
		super(message);
	}

	static fromZod(error: z.ZodError): ValidationError {
		const fieldErrors: Record<string, string> = {};
		for (const issue of error.issues) {
			const key = issue.path.map(String).join('.') || 'form';
			fieldErrors[key] ??= issue.message;
		}
		return new ValidationError(fieldErrors);
	}
}

/** The request conflicts with what exists (e.g. a username already taken). */
export class ConflictError extends ValidationError {}

export class NotFoundError extends Error {}

/** Parse with zod or throw a ValidationError carrying per-field messages. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
	const result = schema.safeParse(input);
	if (!result.success) throw ValidationError.fromZod(result.error);
	return result.data;
}
