/** Admins manage the watched-word list at /admin/watched-words. Every change is audited. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { watchedWords } from '../db/schema';
import { recordAudit } from '../audit/record';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';
import { safeRegex } from './watched-words';
import { forgetWatchList } from './watch-list';

const entrySchema = z.object({
	pattern: z
		.string({ message: 'Enter a word or pattern.' })
		.trim()
		.min(2, 'Enter at least 2 characters.')
		.max(200, 'Keep the pattern under 200 characters.'),
	isRegex: z.boolean(),
	action: z.enum(['block', 'hold', 'censor', 'flag'], {
		message: 'Choose what happens when it is found.'
	}),
	reason: z
		.string({ message: 'Say why it is watched (staff see this).' })
		.trim()
		.min(3, 'Say why it is watched (staff see this).')
		.max(300, 'Keep the reason under 300 characters.')
});

export type WatchedWordInput = z.input<typeof entrySchema>;

/** Nested quantifiers like (a+)+ can take exponential time on a crafted message: refuse them. */
function regexProblem(pattern: string): string | null {
	if (!safeRegex(pattern)) return 'That is not a valid regular expression.';
	if (/\([^)]*[+*][^)]*\)\s*[+*{]/.test(pattern)) {
		return 'That pattern repeats a repeated group, which can freeze screening. Simplify it.';
	}
	return null;
}

function validate(input: WatchedWordInput) {
	const data = parseOrThrow(entrySchema, input);
	if (data.isRegex) {
		const problem = regexProblem(data.pattern);
		if (problem) throw new ValidationError({ pattern: problem });
	}
	return data;
}

export async function listWatchedWords(db: Database, actor: Actor) {
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	return db
		.select()
		.from(watchedWords)
		.orderBy(asc(watchedWords.action), asc(watchedWords.pattern));
}

export async function addWatchedWord(db: Database, actor: Actor, input: WatchedWordInput) {
	const data = validate(input);
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	const row = await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(watchedWords)
			.values({ ...data, createdById: actor.id })
			.returning();
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'watched_word.add',
			targetType: 'watched_word',
			targetId: row.id,
			details: { action: data.action, isRegex: data.isRegex, reason: data.reason }
		});
		return row;
	});
	forgetWatchList();
	return row;
}

export async function updateWatchedWord(
	db: Database,
	actor: Actor,
	id: number,
	input: WatchedWordInput & { enabled: boolean }
) {
	const data = validate(input);
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	await db.transaction(async (tx) => {
		const [row] = await tx
			.update(watchedWords)
			.set({ ...data, enabled: input.enabled, updatedAt: new Date() })
			.where(eq(watchedWords.id, id))
			.returning({ id: watchedWords.id });
		if (!row) throw new NotFoundError('That watched word no longer exists.');
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'watched_word.update',
			targetType: 'watched_word',
			targetId: id,
			details: { action: data.action, enabled: input.enabled, reason: data.reason }
		});
	});
	forgetWatchList();
}

export async function removeWatchedWord(db: Database, actor: Actor, id: number) {
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	await db.transaction(async (tx) => {
		const [row] = await tx.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
		if (!row) throw new NotFoundError('That watched word no longer exists.');
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'watched_word.remove',
			targetType: 'watched_word',
			targetId: id,
			details: { action: row.action, reason: row.reason }
		});
	});
	forgetWatchList();
}
