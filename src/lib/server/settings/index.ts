/**
 * Admin-editable settings with their defaults. Stored as one row per key so a new setting needs
 * no migration; reads merge what is stored over the defaults and re-validate it.
 */
import { z } from 'zod';
import type { Database } from '../db';
import { settings } from '../db/schema';
import { recordAudit } from '../audit/record';
import { parseOrThrow } from '../errors';
import { authorise, type Actor } from '../policy';

/** A whole number typed into a form (an empty box counts as missing, not as 0). */
const age = (missing: string) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		z.coerce.number({ message: missing }).int('Use a whole number of years.')
	);

/** A count typed into a form (an empty box counts as missing, not as 0). */
const count = (missing: string) =>
	z.preprocess(
		(v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
		z.coerce.number({ message: missing }).int('Use a whole number.')
	);

export const settingsSchema = z
	.object({
		registrationMode: z.enum(['open', 'invite'], {
			message: 'Choose whether anyone can join or only people with an invite code.'
		}),
		minAge: age('Enter the youngest age as a number.').pipe(
			z
				.number()
				.min(13, 'The youngest age cannot be below 13.')
				.max(25, 'The youngest age can be at most 25.')
		),
		maxAge: age('Enter the oldest age as a number.').pipe(
			z
				.number()
				.min(13, 'The oldest age cannot be below 13.')
				.max(30, 'The oldest age can be at most 30.')
		),
		/** How many of a new member's first posts wait for a youth worker before anyone sees them. */
		premoderatePosts: count('Enter how many first posts are checked, as a number.').pipe(
			z
				.number()
				.min(0, 'Use 0 to publish new members’ posts straight away, or more.')
				.max(50, 'Check at most a new member’s first 50 posts.')
		),
		/** How many different members must report a post before it is hidden pending review. */
		autoHideReports: count('Enter how many reports hide a post, as a number.').pipe(
			z
				.number()
				.min(1, 'At least one report must be needed to hide a post.')
				.max(50, 'Hide a post after at most 50 reports.')
		),
		/**
		 * Days a deleted post's words are kept (for staff) before they are erased, unless an open
		 * report, alert or case still refers to the post.
		 */
		deletedPostRetentionDays: count(
			'Enter how many days deleted posts are kept, as a number.'
		).pipe(
			z
				.number()
				.min(1, 'Keep deleted posts for at least 1 day.')
				.max(3650, 'Keep deleted posts for at most 3650 days (10 years).')
		),
		/** Days chat messages are kept before they are deleted (unless reported or evidence). */
		chatRetentionDays: count('Enter how many days chat messages are kept, as a number.').pipe(
			z
				.number()
				.min(1, 'Keep chat messages for at least 1 day.')
				.max(3650, 'Keep chat messages for at most 3650 days (10 years).')
		)
	})
	.refine((s) => s.minAge <= s.maxAge, {
		message: 'The youngest age must not be above the oldest.',
		path: ['maxAge']
	});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
	registrationMode: 'open',
	minAge: 13,
	maxAge: 25,
	premoderatePosts: 3,
	autoHideReports: 3,
	deletedPostRetentionDays: 30,
	chatRetentionDays: 90
};

export async function getSettings(db: Database): Promise<Settings> {
	const rows = await db.select().from(settings);
	const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
	const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
	return merged.success ? merged.data : DEFAULT_SETTINGS;
}

/**
 * Change settings as an admin, or as the operator (`null`, e.g. a CLI or seed script, trusted
 * by virtue of holding the server).
 */
export async function updateSettings(
	db: Database,
	who: Actor | null,
	input: Partial<Record<keyof Settings, unknown>>
): Promise<Settings> {
	const current = await getSettings(db);
	const next = parseOrThrow(settingsSchema, { ...current, ...input });
	if (who !== null) authorise(who, 'admin.settings', 'Only admins can change settings.');
	const actorId = who?.id ?? null;
	const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => next[k] !== current[k]);
	if (changed.length === 0) return next;
	await db.transaction(async (tx) => {
		for (const key of changed) {
			await tx
				.insert(settings)
				.values({ key, value: next[key], updatedById: actorId })
				.onConflictDoUpdate({
					target: settings.key,
					set: { value: next[key], updatedById: actorId, updatedAt: new Date() }
				});
		}
		await recordAudit(tx, {
			actorId,
			action: 'settings.update',
			targetType: 'settings',
			details: Object.fromEntries(changed.map((k) => [k, { from: current[k], to: next[k] }]))
		});
	});
	return next;
}
