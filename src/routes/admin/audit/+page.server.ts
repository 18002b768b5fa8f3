import { database } from '$lib/server/db';
import { ValidationError } from '$lib/server/errors';
import { requireCapability } from '$lib/server/http/guard';
import { AUDIT_PAGE_SIZE, listAuditLog } from '$lib/server/audit/list';
import { formatDateTime } from '$lib/format';
import type { PageServerLoad } from './$types';

const FIELDS = ['action', 'actor', 'targetType', 'targetId', 'from', 'to'] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const me = requireCapability(locals, url, 'audit.read');
	const values = Object.fromEntries(
		FIELDS.map((field) => [field, url.searchParams.get(field)?.trim() ?? ''])
	) as Record<(typeof FIELDS)[number], string>;
	const page = url.searchParams.get('page') ?? '1';
	try {
		const { filters, rows, hasMore } = await listAuditLog(await database(), me, {
			...values,
			page
		});
		const link = (to: number) => {
			const params = new URLSearchParams();
			for (const field of FIELDS) if (values[field]) params.set(field, values[field]);
			if (to > 1) params.set('page', String(to));
			const search = params.toString();
			return `/admin/audit${search ? `?${search}` : ''}`;
		};
		return {
			values,
			errors: {} as Record<string, string>,
			filtered: FIELDS.some((field) => values[field]),
			page: filters.page,
			pageSize: AUDIT_PAGE_SIZE,
			previous: filters.page > 1 ? link(filters.page - 1) : null,
			next: hasMore ? link(filters.page + 1) : null,
			entries: rows.map((row) => ({
				id: row.id,
				at: formatDateTime(row.at),
				atIso: row.at.toISOString(),
				actor: row.actor,
				actorKind: row.actorKind,
				action: row.action,
				target: row.targetType ? `${row.targetType} ${row.targetId ?? ''}`.trim() : '',
				details: compact(row.details)
			}))
		};
	} catch (error) {
		if (!(error instanceof ValidationError)) throw error;
		return {
			values,
			errors: error.fieldErrors,
			filtered: true,
			page: 1,
			pageSize: AUDIT_PAGE_SIZE,
			previous: null,
			next: null,
			entries: []
		};
	}
};

/** Details as one short line of JSON, with the full text when it is long. */
function compact(details: Record<string, unknown>): { short: string; full: string | null } {
	const full = JSON.stringify(details);
	if (full === '{}') return { short: '', full: null };
	return full.length <= 160
		? { short: full, full: null }
		: { short: `${full.slice(0, 150)}…`, full };
}
