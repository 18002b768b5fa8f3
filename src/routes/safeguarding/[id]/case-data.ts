/** The case page and its printable chronology show the same record, loaded (and audited) once each. */
import { error } from '@sveltejs/kit';
import type { CurrentUser } from '$lib/server/accounts/current-user';
import { database } from '$lib/server/db';
import { NotFoundError } from '$lib/server/errors';
import { parseId } from '$lib/server/http/form';
import { requireUser } from '$lib/server/http/guard';
import { viewCase } from '$lib/server/safeguarding/cases';
import { formatDate, formatDateTime } from '$lib/format';

export const NO_SUCH_CASE = 'We could not find that page.';

/** The case id from the address; anything that cannot be one is simply not found. */
export function caseIdFrom(raw: string): number {
	const id = parseId(raw);
	if (id === null) error(404, NO_SUCH_CASE);
	return id;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

/** A referral date ("2025-03-27") as people read it, or as typed if it is not a date. */
function referralDate(value: unknown): string {
	const day = str(value);
	const at = new Date(`${day}T12:00:00Z`);
	return Number.isNaN(at.getTime()) ? day : formatDate(at);
}

export async function loadCase(locals: App.Locals, url: URL, rawId: string) {
	const me: CurrentUser = requireUser(locals, url);
	const id = caseIdFrom(rawId);
	let record: Awaited<ReturnType<typeof viewCase>>;
	try {
		record = await viewCase(await database(), me, id);
	} catch (e) {
		// Not allowed and not there look the same: a guessed address reveals nothing.
		if (e instanceof NotFoundError) error(404, NO_SUCH_CASE);
		throw e;
	}
	return {
		me,
		record: {
			id: record.id,
			subjectUsername: record.subjectUsername,
			level: record.level,
			categories: record.categories,
			status: record.status,
			assignee: record.assignee,
			assigneeId: record.assigneeId,
			summary: record.summary,
			opened: formatDateTime(record.openedAt),
			closed: record.closedAt ? formatDateTime(record.closedAt) : null,
			entries: record.entries.map((e) => ({
				id: e.id,
				kind: e.kind,
				body: e.body,
				author: e.author ?? 'a former staff member',
				at: formatDateTime(e.createdAt),
				atIso: e.createdAt.toISOString(),
				referral:
					e.kind === 'referral'
						? {
								agency: str(e.details.agency),
								referredOn: referralDate(e.details.referredOn),
								reference: str(e.details.reference)
							}
						: null,
				evidence:
					e.evidenceText !== null
						? {
								text: e.evidenceText,
								type: e.evidenceType,
								captured: formatDateTime(e.evidenceCapturedAt),
								capturedIso: e.evidenceCapturedAt?.toISOString() ?? ''
							}
						: null
			}))
		}
	};
}
