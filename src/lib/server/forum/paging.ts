/** Page numbers from the address bar: anything that is not a whole number from 1 is refused. */

/** The page asked for, 1 when none was, or null when what was asked for cannot be a page. */
export function requestedPage(raw: string | null): number | null {
	if (raw === null || raw === '') return 1;
	if (!/^\d{1,9}$/.test(raw)) return null;
	const page = Number(raw);
	return page >= 1 ? page : null;
}

export interface Paging {
	page: number;
	pageCount: number;
	total: number;
}

/** The page to show: the one asked for, or the last there is. */
export function paging(requested: number, total: number, perPage: number): Paging {
	const pageCount = Math.max(1, Math.ceil(total / perPage));
	return { page: Math.min(Math.max(1, requested), pageCount), pageCount, total };
}
