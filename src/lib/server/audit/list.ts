/**
 * Reading the audit log at /admin/audit: newest first, 50 to a page, filtered by action prefix,
 * who did it, what it was done to, and a date range in UK time. Only for `audit.read`.
 */
import { and, desc, eq, gte, isNull, like, lt, not, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { auditLog, users } from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';
import { TIME_ZONE } from '../../signposting/opening-hours';

export const AUDIT_PAGE_SIZE = 50;

const optionalText = (max: number, pattern: RegExp, message: string) =>
	z
		.string()
		.trim()
		.max(max, message)
		.regex(pattern, message)
		.optional()
		.transform((v) => v || undefined);

const filtersSchema = z.object({
	action: optionalText(60, /^[a-z0-9_.:-]*$/i, 'An action looks like directory.update or account.'),
	actor: optionalText(24, /^[a-z0-9_-]*$/i, 'Enter a username (letters, numbers, _ or -).'),
	targetType: optionalText(
		40,
		/^[a-z0-9_.:-]*$/i,
		'A target type looks like user or crisis_service.'
	),
	targetId: optionalText(40, /^[a-z0-9_.:-]*$/i, 'A target id is a number or a short code.'),
	from: z.iso
		.date({ message: 'Enter a date.' })
		.optional()
		.or(z.literal('').transform(() => undefined)),
	to: z.iso
		.date({ message: 'Enter a date.' })
		.optional()
		.or(z.literal('').transform(() => undefined)),
	/** A page that is not a whole number from 1 up is the first page. */
	page: z
		.union([z.string(), z.number()])
		.optional()
		.transform((v) => {
			const n = Number(v ?? 1);
			return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
		})
});

export type AuditFiltersInput = z.input<typeof filtersSchema>;
export type AuditFilters = z.output<typeof filtersSchema>;

export interface AuditRow {
	id: number;
	at: Date;
	actorId: number | null;
	/** The person's username, or who acted when no person did: the operator's CLI or the system. */
	actor: string;
	actorKind: 'person' | 'operator' | 'system' | 'removed';
	action: string;
	targetType: string | null;
	targetId: string | null;
	details: Record<string, unknown>;
}

/**
 * Who acted when no account is recorded. Account changes without an actor come only from the
 * operator's command line (scripts/user.ts); everything else without one is the system itself
 * (escalations, screening).
 */
function nobodyKind(action: string, details: Record<string, unknown>): 'operator' | 'system' {
	return details.via === 'cli' || action.startsWith('account.') ? 'operator' : 'system';
}

export async function listAuditLog(
	db: Database,
	actor: Actor,
	input: AuditFiltersInput
): Promise<{ filters: AuditFilters; rows: AuditRow[]; hasMore: boolean }> {
	const filters = parseOrThrow(filtersSchema, input);
	if (filters.from && filters.to && filters.from > filters.to)
		throw new ValidationError({ to: 'The end date is before the start date.' });
	authorise(actor, 'audit.read', 'Only admins and safeguarding leads can read the audit log.');

	const where: SQL[] = [];
	if (filters.action) where.push(like(auditLog.action, `${escapeLike(filters.action)}%`));
	if (filters.actor) {
		const who = filters.actor.toLowerCase();
		if (who === 'operator' || who === 'system') {
			where.push(isNull(auditLog.actorId));
			const operatorOnly = sql`(${auditLog.action} like 'account.%' or coalesce(${auditLog.details}->>'via', '') = 'cli')`;
			where.push(who === 'operator' ? operatorOnly : not(operatorOnly));
		} else where.push(sql`lower(${users.username}) = ${who}`);
	}
	if (filters.targetType) where.push(eq(auditLog.targetType, filters.targetType));
	if (filters.targetId) where.push(eq(auditLog.targetId, filters.targetId));
	if (filters.from) where.push(gte(auditLog.at, londonMidnight(filters.from)));
	if (filters.to) where.push(lt(auditLog.at, londonMidnight(nextDay(filters.to))));

	const found = await db
		.select({
			id: auditLog.id,
			at: auditLog.at,
			actorId: auditLog.actorId,
			username: users.username,
			action: auditLog.action,
			targetType: auditLog.targetType,
			targetId: auditLog.targetId,
			details: auditLog.details
		})
		.from(auditLog)
		.leftJoin(users, eq(users.id, auditLog.actorId))
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditLog.at), desc(auditLog.id))
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((filters.page - 1) * AUDIT_PAGE_SIZE);

	const rows = found.slice(0, AUDIT_PAGE_SIZE).map((r): AuditRow => {
		const details = r.details ?? {};
		const kind =
			r.actorId === null ? nobodyKind(r.action, details) : r.username ? 'person' : 'removed';
		return {
			id: r.id,
			at: r.at,
			actorId: r.actorId,
			actor:
				kind === 'person'
					? r.username!
					: kind === 'removed'
						? `account ${r.actorId} (removed)`
						: kind,
			actorKind: kind,
			action: r.action,
			targetType: r.targetType,
			targetId: r.targetId,
			details
		};
	});
	return { filters, rows, hasMore: found.length > AUDIT_PAGE_SIZE };
}

function escapeLike(text: string): string {
	return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function nextDay(date: string): string {
	const d = new Date(`${date}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + 1);
	return d.toISOString().slice(0, 10);
}

const londonWallClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** The moment a day starts in London (00:00 GMT or BST) as a UTC instant. */
export function londonMidnight(date: string): Date {
	const guess = Date.parse(`${date}T00:00:00Z`);
	const parts = Object.fromEntries(
		londonWallClock.formatToParts(new Date(guess)).map((p) => [p.type, p.value])
	);
	const wall = Date.UTC(
		Number(parts.year),
		Number(parts.month) - 1,
		Number(parts.day),
		Number(parts.hour),
		Number(parts.minute)
	);
	// London is never more than an hour off UTC, and clocks change at 01:00 UTC, not midnight.
	return new Date(guess - (wall - guess));
}
