/** Shared by the "after the session" pages (results, summary, outcomes, CSV downloads). */
import { error } from '@sveltejs/kit';
import { NotFoundError } from '$lib/server/errors';
import { parseId } from '$lib/server/http/form';
import { NotAllowedError } from '$lib/server/policy';
import { NO_SUCH_SESSION } from '$lib/server/workshops/results';

/** The session id from the address, or a 404. */
export function sessionId(param: string | undefined): number {
	const id = parseId(param);
	if (id === null) error(404, NO_SUCH_SESSION);
	return id;
}

/** A person's NotFound / NotAllowed as the matching error page (anything else is a bug). */
export async function orErrorPage<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (e) {
		if (e instanceof NotFoundError) error(404, e.message);
		if (e instanceof NotAllowedError) error(403, e.message);
		throw e;
	}
}

/** A CSV file the browser downloads (never cached: it can list people). */
export function csvResponse({ fileName, csv }: { fileName: string; csv: string }): Response {
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'no-store'
		}
	});
}
