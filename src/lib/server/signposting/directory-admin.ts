/**
 * Admins keep the crisis directory right at /admin/help: add, edit, hide or show, reorder, and
 * record when an entry's details were last checked with the service. Each change is
 * validated, authorised (`admin.directory`), then written with its audit entry in one transaction.
 */
import { asc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { crisisServices, type CrisisService } from '../db/schema';
import { recordAudit } from '../audit/record';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';
import { londonToday, parseWeeklyHours, type OpeningHours } from '../../signposting/opening-hours';

const NOT_ALLOWED = 'Only admins can change the crisis directory.';
const GONE = 'That directory entry no longer exists.';

const optional = (schema: z.ZodType<string, string>) =>
	z
		.string()
		.trim()
		.transform((v) => (v === '' ? null : v))
		.pipe(schema.nullable());

const phoneNumber = (what: string) =>
	z
		.string()
		.regex(/^\+?[\d\s()-]+$/, `Enter the ${what} using numbers and spaces only, like 116 123.`)
		.refine((v) => v.replace(/\D/g, '').length >= 3, `Enter the whole ${what}.`)
		.refine((v) => v.replace(/\D/g, '').length <= 15, `That ${what} is too long.`);

const entrySchema = z
	.object({
		name: z
			.string({ message: 'Enter the service’s name.' })
			.trim()
			.min(2, 'Enter the service’s name.')
			.max(100, 'Keep the name under 100 characters.'),
		description: z
			.string({ message: 'Say what the service offers.' })
			.trim()
			.min(5, 'Say what the service offers, in a sentence.')
			.max(600, 'Keep the description under 600 characters.'),
		phone: optional(phoneNumber('phone number')),
		smsNumber: optional(phoneNumber('number to text')),
		smsKeyword: optional(
			z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'The word to text is one word of letters or numbers.')
		),
		textNote: optional(z.string().max(200, 'Keep the note under 200 characters.')),
		email: optional(z.email('Enter an email address like help@example.org.').max(200)),
		url: optional(
			z
				.url({
					protocol: /^https?$/,
					message: 'Enter the full web address, starting https://'
				})
				.max(300, 'Keep the web address under 300 characters.')
		),
		hours: z
			.string({ message: 'Say when the service is open.' })
			.trim()
			.min(2, 'Say when the service is open, as people should read it (for example 24/7).')
			.max(120, 'Keep this under 120 characters.'),
		hoursKind: z.enum(['always', 'weekly', 'unknown'], {
			message: 'Choose whether it is always open, open at set times, or not known.'
		}),
		weeklyHours: z.string().max(1000, 'That is too long.').default(''),
		whoFor: z
			.string({ message: 'Say who the service is for.' })
			.trim()
			.min(2, 'Say who the service is for.')
			.max(200, 'Keep this under 200 characters.'),
		tags: z
			.string()
			.max(300, 'Too many tags.')
			.default('')
			.transform((v) => [
				...new Set(
					v
						.split(',')
						.map((t) => t.trim().toLowerCase())
						.filter(Boolean)
				)
			])
			.pipe(z.array(z.string().max(30, 'Keep each tag under 30 characters.')).max(15)),
		lastCheckedOn: z.iso.date({ message: 'Enter the date the details were last checked.' }),
		/** Left out when editing: hiding and showing are their own action. */
		visible: z.boolean().optional()
	})
	.superRefine((entry, ctx) => {
		if (entry.smsKeyword && !entry.smsNumber)
			ctx.addIssue({
				code: 'custom',
				path: ['smsNumber'],
				message: 'Enter the number to text the word to.'
			});
		if (!entry.phone && !entry.smsNumber && !entry.email && !entry.url)
			ctx.addIssue({
				code: 'custom',
				path: ['phone'],
				message: 'Give at least one way to reach the service: a number, email or website.'
			});
		if (entry.hoursKind === 'weekly') {
			const parsed = parseWeeklyHours(entry.weeklyHours);
			if (!parsed.ok)
				ctx.addIssue({ code: 'custom', path: ['weeklyHours'], message: parsed.error });
		}
	});

export type DirectoryEntryInput = z.input<typeof entrySchema>;

/** Validates, including that "last checked" is not in the future (UK date). */
function validate(input: DirectoryEntryInput, now: Date) {
	const data = parseOrThrow(entrySchema, input);
	if (data.lastCheckedOn > londonToday(now))
		throw new ValidationError({ lastCheckedOn: 'The date last checked cannot be in the future.' });
	if (data.lastCheckedOn < '2000-01-01')
		throw new ValidationError({ lastCheckedOn: 'Enter the date the details were last checked.' });
	let openingHours: OpeningHours | null = null;
	if (data.hoursKind === 'always') openingHours = { kind: 'always' };
	if (data.hoursKind === 'weekly') {
		const parsed = parseWeeklyHours(data.weeklyHours);
		if (parsed.ok) openingHours = { kind: 'weekly', periods: parsed.periods };
	}
	return {
		name: data.name,
		description: data.description,
		phone: data.phone,
		smsNumber: data.smsNumber,
		smsKeyword: data.smsKeyword ? data.smsKeyword.toUpperCase() : null,
		text: data.textNote,
		email: data.email,
		url: data.url,
		hours: data.hours,
		openingHours,
		whoFor: data.whoFor,
		tags: data.tags,
		lastCheckedOn: data.lastCheckedOn,
		visible: data.visible
	};
}

const idSchema = z.number().int().positive().max(2_147_483_647);

function checkId(id: number): number {
	if (!idSchema.safeParse(id).success) throw new NotFoundError(GONE);
	return id;
}

export async function listDirectoryForAdmin(db: Database, actor: Actor): Promise<CrisisService[]> {
	authorise(actor, 'admin.directory', NOT_ALLOWED);
	return db
		.select()
		.from(crisisServices)
		.orderBy(asc(crisisServices.position), asc(crisisServices.name), asc(crisisServices.id));
}

export async function getDirectoryEntry(
	db: Database,
	actor: Actor,
	id: number
): Promise<CrisisService> {
	authorise(actor, 'admin.directory', NOT_ALLOWED);
	const [row] = await db
		.select()
		.from(crisisServices)
		.where(eq(crisisServices.id, checkId(id)));
	if (!row) throw new NotFoundError(GONE);
	return row;
}

export async function addDirectoryEntry(
	db: Database,
	actor: Actor,
	input: DirectoryEntryInput,
	now = new Date()
): Promise<CrisisService> {
	const data = validate(input, now);
	authorise(actor, 'admin.directory', NOT_ALLOWED);
	return db.transaction(async (tx) => {
		const taken = new Set(
			(await tx.select({ slug: crisisServices.slug }).from(crisisServices)).map((r) => r.slug)
		);
		const [{ last }] = await tx.select({ last: max(crisisServices.position) }).from(crisisServices);
		const [row] = await tx
			.insert(crisisServices)
			.values({
				...data,
				visible: data.visible ?? true,
				slug: uniqueSlug(data.name, taken),
				position: (last ?? -1) + 1,
				updatedAt: now
			})
			.returning();
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'directory.add',
			targetType: 'crisis_service',
			targetId: row.id,
			details: { name: row.name, visible: row.visible }
		});
		return row;
	});
}

/** The fields whose change is worth a line in the audit log, with before and after. */
const AUDITED_FIELDS = [
	'name',
	'description',
	'phone',
	'smsNumber',
	'smsKeyword',
	'text',
	'email',
	'url',
	'hours',
	'openingHours',
	'whoFor',
	'tags',
	'lastCheckedOn',
	'visible'
] as const;

export async function updateDirectoryEntry(
	db: Database,
	actor: Actor,
	id: number,
	input: DirectoryEntryInput,
	now = new Date()
): Promise<CrisisService> {
	const data = validate(input, now);
	authorise(actor, 'admin.directory', NOT_ALLOWED);
	checkId(id);
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select()
			.from(crisisServices)
			.where(eq(crisisServices.id, id))
			.for('update');
		if (!before) throw new NotFoundError(GONE);
		const [after] = await tx
			.update(crisisServices)
			.set({ ...data, updatedAt: now })
			.where(eq(crisisServices.id, id))
			.returning();
		const changes: Record<string, { from: unknown; to: unknown }> = {};
		for (const field of AUDITED_FIELDS)
			if (JSON.stringify(before[field]) !== JSON.stringify(after[field]))
				changes[field] = { from: before[field], to: after[field] };
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'directory.update',
			targetType: 'crisis_service',
			targetId: id,
			details: { name: after.name, changes }
		});
		return after;
	});
}

/** Hide an entry from /help (kept, and shown again at once when an admin chooses). */
export async function setDirectoryEntryVisible(
	db: Database,
	actor: Actor,
	id: number,
	visible: boolean,
	now = new Date()
): Promise<{ name: string }> {
	parseOrThrow(z.boolean(), visible);
	authorise(actor, 'admin.directory', NOT_ALLOWED);
	checkId(id);
	return db.transaction(async (tx) => {
		const [row] = await tx
			.update(crisisServices)
			.set({ visible, updatedAt: now })
			.where(eq(crisisServices.id, id))
			.returning({ name: crisisServices.name });
		if (!row) throw new NotFoundError(GONE);
		await recordAudit(tx, {
			actorId: actor.id,
			action: visible ? 'directory.show' : 'directory.hide',
			targetType: 'crisis_service',
			targetId: id,
			details: { name: row.name }
		});
		return { name: row.name };
	});
}

/** Record that someone checked an entry's details with the service today. */
export async function markDirectoryEntryChecked(
	db: Database,
	actor: Actor,
	id: number,
	now = new Date()
): Promise<{ name: string }> {
	authorise(actor, 'admin.directory', NOT_ALLOWED);
	checkId(id);
	const today = londonToday(now);
	return db.transaction(async (tx) => {
		const [before] = await tx
			.select({ lastCheckedOn: crisisServices.lastCheckedOn, name: crisisServices.name })
			.from(crisisServices)
			.where(eq(crisisServices.id, id))
			.for('update');
		if (!before) throw new NotFoundError(GONE);
		await tx
			.update(crisisServices)
			.set({ lastCheckedOn: today, updatedAt: now })
			.where(eq(crisisServices.id, id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'directory.checked',
			targetType: 'crisis_service',
			targetId: id,
			details: {
				name: before.name,
				changes: { lastCheckedOn: { from: before.lastCheckedOn, to: today } }
			}
		});
		return { name: before.name };
	});
}

/** Move an entry one place up or down the list; positions are renumbered 0, 1, 2 … */
export async function moveDirectoryEntry(
	db: Database,
	actor: Actor,
	id: number,
	direction: 'up' | 'down'
): Promise<{ name: string }> {
	const move = parseOrThrow(z.enum(['up', 'down'], { message: 'Choose up or down.' }), direction);
	authorise(actor, 'admin.directory', NOT_ALLOWED);
	checkId(id);
	return db.transaction(async (tx) => {
		const rows = await tx
			.select({
				id: crisisServices.id,
				name: crisisServices.name,
				position: crisisServices.position
			})
			.from(crisisServices)
			.orderBy(asc(crisisServices.position), asc(crisisServices.name), asc(crisisServices.id))
			.for('update');
		const from = rows.findIndex((r) => r.id === id);
		if (from === -1) throw new NotFoundError(GONE);
		const to = move === 'up' ? from - 1 : from + 1;
		const name = rows[from].name;
		// Already first or last: nothing moves and nothing is recorded.
		if (to < 0 || to >= rows.length) return { name };
		[rows[from], rows[to]] = [rows[to], rows[from]];
		for (const [position, row] of rows.entries())
			if (row.position !== position)
				await tx.update(crisisServices).set({ position }).where(eq(crisisServices.id, row.id));
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'directory.move',
			targetType: 'crisis_service',
			targetId: id,
			details: { name, direction: move, from: from + 1, to: to + 1 }
		});
		return { name };
	});
}

function uniqueSlug(name: string, taken: Set<string>): string {
	const base =
		name
			.normalize('NFKD')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 50) || 'service';
	let slug = base;
	for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
	return slug;
}
