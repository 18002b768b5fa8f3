/** Turns the errors a person can cause into a form failure that keeps what they typed. */
import { fail, isHttpError, isRedirect } from '@sveltejs/kit';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../errors';
import { NotAllowedError } from '../policy';

export type FormValues = Record<string, string>;

/** Form fields as strings, never including passwords (those are not sent back). */
export function formValues(
	data: FormData,
	omit: string[] = ['password', 'currentPassword', 'newPassword']
): FormValues {
	const values: FormValues = {};
	for (const [key, value] of data)
		if (typeof value === 'string' && !omit.includes(key)) values[key] = value;
	return values;
}

export function failFromError(error: unknown, values: FormValues = {}) {
	if (isRedirect(error) || isHttpError(error)) throw error;
	if (error instanceof ValidationError) {
		return fail(400, { values, errors: error.fieldErrors, message: error.message });
	}
	if (error instanceof NotAllowedError)
		return fail(403, { values, errors: {}, message: error.message });
	if (error instanceof NotFoundError)
		return fail(404, { values, errors: {}, message: error.message });
	throw error;
}

export function text(data: FormData, key: string): string {
	const value = data.get(key);
	return typeof value === 'string' ? value : '';
}

const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

/** A database id from a route parameter or form field, or null if it cannot be one. */
export function parseId(value: unknown): number | null {
	if (typeof value !== 'string' || !/^\d{1,10}$/.test(value.trim())) return null;
	const parsed = idSchema.safeParse(value.trim());
	return parsed.success ? parsed.data : null;
}
