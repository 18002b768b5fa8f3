/**
 * Admin-editable settings with their defaults. Stored as one row per key so a new setting needs
 * no migration; reads merge what is stored over the defaults and re-validate it.
 */
import { z } from 'zod';
import type { Database } from '../db';
import { settings } from '../db/schema';
import { recordAudit } from '../audit/record';
import { parseOrThrow } from '../errors';

export const settingsSchema = z
	.object({
		registrationMode: z.enum(['open', 'invite']),
		minAge: z.coerce.number().int().min(13, 'The youngest age cannot be below 13.').max(25),
		maxAge: z.coerce.number().int().min(13).max(30, 'The oldest age can be at most 30.')
	})
	.refine((s) => s.minAge <= s.maxAge, {
		message: 'The youngest age must not be above the oldest.',
		path: ['maxAge']
	});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { registrationMode: 'open', minAge: 13, maxAge: 25 };

export async function getSettings(db: Database): Promise<Settings> {
	const rows = await db.select().from(settings);
	const stored = Object.fromEntries(rows.map((r) => [r.key, r.value]));
	const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...stored });
	return merged.success ? merged.data : DEFAULT_SETTINGS;
}

export async function updateSettings(
	db: Database,
	actorId: number | null,
	input: Partial<Record<keyof Settings, unknown>>
): Promise<Settings> {
	const current = await getSettings(db);
	const next = parseOrThrow(settingsSchema, { ...current, ...input });
	const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => next[k] !== current[k]);
	if (changed.length === 0) return next;
	await db.transaction(async (tx) => {
		for (const key of changed) {
			await tx
				.insert(settings)
				.values({ key, value: next[key], updatedById: actorId })
				.onConflictDoUpdate({ target: settings.key, set: { value: next[key], updatedById: actorId, updatedAt: new Date() } });
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
