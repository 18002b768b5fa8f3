/** Recognising PostgreSQL errors the same way for postgres.js, PGlite and drizzle's wrapper. */
export function isUniqueViolation(error: unknown): boolean {
	for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ((e as { code?: unknown }).code === '23505') return true;
	}
	return false;
}

/** A CHECK constraint (or a trigger raising check_violation) refused the row. */
export function isCheckViolation(error: unknown): boolean {
	for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
		if ((e as { code?: unknown }).code === '23514') return true;
	}
	return false;
}
