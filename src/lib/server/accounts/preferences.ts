/**
 * A member's own choices: whether posts with a content warning open without asking, which
 * warnings always stay folded (the preset ones and up to 10 of their own words), whether they hear
 * about new replies in conversations they follow, and whether starting or replying to a
 * conversation follows it. Nobody has a row until they save: until then the defaults apply.
 * Only ever the signed-in person's own row is read or written; saving is audited (which settings
 * changed, never the words).
 */
import { eq, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from './current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { memberPreferences } from '../db/schema';
import { parseOrThrow } from '../errors';
import { authorise } from '../policy';
import {
	CONTENT_WARNING_MAX,
	CONTENT_WARNINGS,
	DEFAULT_WARNING_PREFERENCES,
	normaliseWarning,
	OWN_COLLAPSE_WORDS_MAX,
	type WarningPreferences
} from '../../forum';

export interface Preferences extends WarningPreferences {
	notifyReplies: boolean;
	autoFollow: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = {
	...DEFAULT_WARNING_PREFERENCES,
	notifyReplies: true,
	autoFollow: true
};

export async function getPreferences(db: Database, userId: number): Promise<Preferences> {
	const [row] = await db
		.select({
			openWarnings: memberPreferences.openWarnings,
			alwaysCollapse: memberPreferences.alwaysCollapse,
			notifyReplies: memberPreferences.notifyReplies,
			autoFollow: memberPreferences.autoFollow
		})
		.from(memberPreferences)
		.where(eq(memberPreferences.userId, userId));
	return row ?? { ...DEFAULT_PREFERENCES, alwaysCollapse: [] };
}

/**
 * The content-warning choices as one column of another query (a thread page reads them with its
 * thread, so they cost no query of their own). Read the value with `readWarningPreferences`.
 */
export function warningPreferencesColumn(userId: number | Placeholder): SQL<unknown> {
	return sql<unknown>`(
		select json_build_object('openWarnings', p.open_warnings, 'alwaysCollapse', p.always_collapse)
		from ${memberPreferences} p where p.user_id = ${userId}
	)`;
}

export function readWarningPreferences(value: unknown): WarningPreferences {
	const parsed = typeof value === 'string' ? JSON.parse(value) : value;
	if (!parsed || typeof parsed !== 'object') return { ...DEFAULT_WARNING_PREFERENCES };
	const { openWarnings, alwaysCollapse } = parsed as Record<string, unknown>;
	return {
		openWarnings: openWarnings === true,
		alwaysCollapse: Array.isArray(alwaysCollapse)
			? alwaysCollapse.filter((w): w is string => typeof w === 'string')
			: []
	};
}

const PRESETS = new Map(CONTENT_WARNINGS.map((w) => [normaliseWarning(w), w as string]));

const preferencesSchema = z
	.object({
		openWarnings: z.boolean(),
		notifyReplies: z.boolean(),
		autoFollow: z.boolean(),
		/** Ticked preset warnings. */
		collapse: z
			.array(z.string())
			.max(CONTENT_WARNINGS.length * 2)
			.refine((ws) => ws.every((w) => PRESETS.has(normaliseWarning(w))), {
				message: 'Choose from the warnings listed.'
			}),
		/** The member's own words (blank ones are dropped). */
		ownWords: z
			.array(z.string().max(1000, 'That is too long for a warning.'))
			.max(100, `You can add up to ${OWN_COLLAPSE_WORDS_MAX} of your own words.`)
			.transform((ws) =>
				ws.map((w) => w.normalize('NFC').replace(/\s+/g, ' ').trim()).filter((w) => w !== '')
			)
			.superRefine((ws, ctx) => {
				const tooLong = ws.find((w) => [...w].length > CONTENT_WARNING_MAX);
				if (tooLong)
					ctx.addIssue({
						code: 'custom',
						message: `Keep each word to ${CONTENT_WARNING_MAX} characters or fewer: “${tooLong.slice(0, 20)}…” is longer.`
					});
				else if (
					ws.filter((w) => !PRESETS.has(normaliseWarning(w))).length > OWN_COLLAPSE_WORDS_MAX
				)
					ctx.addIssue({
						code: 'custom',
						message: `You can add up to ${OWN_COLLAPSE_WORDS_MAX} of your own words. Remove some and save again.`
					});
			})
	})
	.transform(({ collapse, ownWords, ...rest }) => {
		// One list: presets in their usual order, then own words, each once whatever its case.
		const seen = new Set<string>();
		const alwaysCollapse: string[] = [];
		const chosen = new Set(collapse.map(normaliseWarning));
		for (const [key, preset] of PRESETS)
			if (chosen.has(key) || ownWords.some((w) => normaliseWarning(w) === key)) {
				seen.add(key);
				alwaysCollapse.push(preset);
			}
		for (const word of ownWords) {
			const key = normaliseWarning(word);
			if (seen.has(key)) continue;
			seen.add(key);
			alwaysCollapse.push(word);
		}
		return { ...rest, alwaysCollapse };
	});

export type PreferencesInput = z.input<typeof preferencesSchema>;

/** Save this person's own preferences (the only ones anyone can change). */
export async function updatePreferences(
	db: Database,
	actor: CurrentUser,
	input: PreferencesInput
): Promise<Preferences> {
	const wanted = parseOrThrow(preferencesSchema, input);
	authorise(actor, 'account.manage_own', 'Please sign in to change your preferences.');
	const before = await getPreferences(db, actor.id);
	const changed = (Object.keys(wanted) as (keyof Preferences)[]).filter(
		(key) => JSON.stringify(before[key]) !== JSON.stringify(wanted[key])
	);
	const now = new Date();

	await db.transaction(async (tx) => {
		await tx
			.insert(memberPreferences)
			.values({ userId: actor.id, ...wanted, updatedAt: now })
			.onConflictDoUpdate({
				target: memberPreferences.userId,
				set: { ...wanted, updatedAt: now }
			});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'account.preferences.update',
			targetType: 'user',
			targetId: actor.id,
			// Which choices changed, not the words someone wants kept folded.
			details: { changed }
		});
	});
	return wanted;
}
