/** Admins manage the watched-word list at /admin/watched-words. Every change is audited. */
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { watchedWords } from '../db/schema';
import { recordAudit } from '../audit/record';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise, type Actor } from '../policy';
import { compileWatchList, safeRegex, skeletonWords } from './watched-words';
import { forgetWatchList } from './watch-list';
import { typedText } from '../content/limits';

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
	reason: typedText('Say why it is watched (staff see this).').pipe(
		z
			.string()
			.min(3, 'Say why it is watched (staff see this).')
			.max(300, 'Keep the reason under 300 characters.')
	)
});

export type WatchedWordInput = z.input<typeof entrySchema>;

/**
 * A regex that could take exponential time on a crafted message is refused: a repeated group
 * that itself repeats or has alternatives ((a+)+, (\w+\s?)*, (a|aa)+, ((ab)*c){2,}), and
 * backreferences. Screening runs on every message, so one bad pattern would freeze it.
 */
function regexProblem(pattern: string): string | null {
	if (!safeRegex(pattern)) return 'That is not a valid regular expression.';
	const risk = catastrophicBacktrackingRisk(pattern);
	if (risk === 'nested')
		return 'That pattern repeats a group that itself repeats or has alternatives, which can freeze screening. Simplify it: for example [ab]+ instead of (a|b)+.';
	if (risk === 'backreference')
		return 'Backreferences (like \\1) can freeze screening. Write the pattern without them.';
	return null;
}

/** What is inside a group so far: any quantifier (even `?`), any `|`. */
type Group = { quantified: boolean; alternatives: boolean };

/** A light scan of the pattern's structure: groups, character classes, escapes and quantifiers. */
export function catastrophicBacktrackingRisk(pattern: string): 'nested' | 'backreference' | null {
	const stack: Group[] = [{ quantified: false, alternatives: false }];
	let justClosed: Group | null = null;
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		const top = stack[stack.length - 1];
		const quantifier = quantifierAt(pattern, i);
		if (quantifier) {
			if (justClosed && quantifier.repeats && (justClosed.quantified || justClosed.alternatives))
				return 'nested';
			top.quantified = true;
			i += quantifier.length - 1;
			justClosed = null;
			continue;
		}
		justClosed = null;
		if (c === '\\') {
			if (/[1-9k]/.test(pattern[i + 1] ?? '')) return 'backreference';
			i++;
		} else if (c === '[') {
			i++;
			if (pattern[i] === '^') i++;
			if (pattern[i] === ']') i++;
			while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
		} else if (c === '(') {
			stack.push({ quantified: false, alternatives: false });
			if (pattern[i + 1] === '?') {
				// (?: (?= (?! (?<= (?<! (?<name>
				i += 2;
				if (pattern[i] === '<' && pattern[i + 1] !== '=' && pattern[i + 1] !== '!')
					while (i < pattern.length && pattern[i] !== '>') i++;
				else if (pattern[i] === '<') i++;
			}
		} else if (c === ')') {
			const group = stack.length > 1 ? stack.pop()! : null;
			if (group) {
				const parent = stack[stack.length - 1];
				if (group.quantified) parent.quantified = true;
				justClosed = group;
			}
		} else if (c === '|') {
			top.alternatives = true;
		}
	}
	return null;
}

/** A quantifier starting at `i` (with any lazy `?`), and whether it lets something repeat. */
function quantifierAt(pattern: string, i: number): { length: number; repeats: boolean } | null {
	const c = pattern[i];
	let length = 0;
	let repeats = false;
	if (c === '*' || c === '+') [length, repeats] = [1, true];
	else if (c === '?') [length, repeats] = [1, false];
	else if (c === '{') {
		const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
		if (!match) return null;
		length = match[0].length;
		const most =
			match[2] === undefined ? Number(match[1]) : match[3] === '' ? Infinity : Number(match[3]);
		repeats = most > 1;
	} else return null;
	if (pattern[i + length] === '?') length++;
	return { length, repeats };
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

export async function removeWatchedWord(
	db: Database,
	actor: Actor,
	id: number
): Promise<{ pattern: string }> {
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	const removed = await db.transaction(async (tx) => {
		const [row] = await tx.delete(watchedWords).where(eq(watchedWords.id, id)).returning();
		if (!row) throw new NotFoundError('That watched word no longer exists.');
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'watched_word.remove',
			targetType: 'watched_word',
			targetId: id,
			details: { action: row.action, reason: row.reason }
		});
		return row;
	});
	forgetWatchList();
	return { pattern: removed.pattern };
}

const phraseSchema = z
	.string({ message: 'Type a phrase to test.' })
	.trim()
	.min(1, 'Type a phrase to test.')
	.max(2000, 'Test up to 2,000 characters at a time.');

export interface PhraseTestResult {
	/** The words as screening reads them: lowercase, swaps undone, spaced letters joined. */
	readAs: string[];
	matches: {
		id: number;
		pattern: string;
		isRegex: boolean;
		action: 'block' | 'hold' | 'censor' | 'flag';
		reason: string;
		enabled: boolean;
		/** The words that matched, as written, when known. */
		found: string | null;
	}[];
}

/**
 * Which watched words a phrase would trip, with the same matching screening uses (disabled
 * entries included, and marked, so an admin can try one before switching it on). Writes nothing.
 */
export async function testWatchedPhrase(
	db: Database,
	actor: Actor,
	phrase: string
): Promise<PhraseTestResult> {
	const text = parseOrThrow(z.object({ phrase: phraseSchema }), { phrase }).phrase;
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	const rows = await db.select().from(watchedWords).orderBy(asc(watchedWords.id));
	const hits = compileWatchList(rows).match(text);
	const byId = new Map(rows.map((r) => [r.id, r]));
	const matches: PhraseTestResult['matches'] = [];
	for (const hit of hits) {
		const row = byId.get(hit.id);
		if (!row || matches.some((m) => m.id === hit.id)) continue;
		matches.push({
			id: row.id,
			pattern: row.pattern,
			isRegex: row.isRegex,
			action: row.action,
			reason: row.reason,
			enabled: row.enabled,
			found:
				hit.start !== undefined && hit.end !== undefined ? text.slice(hit.start, hit.end) : null
		});
	}
	return { readAs: skeletonWords(text).map((w) => w.word), matches };
}

export async function getWatchedWord(db: Database, actor: Actor, id: number) {
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647)
		throw new NotFoundError('That watched word no longer exists.');
	const [row] = await db.select().from(watchedWords).where(eq(watchedWords.id, id));
	if (!row) throw new NotFoundError('That watched word no longer exists.');
	return row;
}

/** Switch an entry on or off without touching the rest of it. */
export async function setWatchedWordEnabled(
	db: Database,
	actor: Actor,
	id: number,
	enabled: boolean
): Promise<{ pattern: string }> {
	parseOrThrow(z.boolean(), enabled);
	authorise(actor, 'admin.watched_words', 'Only admins can manage watched words.');
	const row = await db.transaction(async (tx) => {
		const [row] = await tx
			.update(watchedWords)
			.set({ enabled, updatedAt: new Date() })
			.where(eq(watchedWords.id, id))
			.returning();
		if (!row) throw new NotFoundError('That watched word no longer exists.');
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'watched_word.update',
			targetType: 'watched_word',
			targetId: id,
			details: { action: row.action, enabled, reason: row.reason }
		});
		return row;
	});
	forgetWatchList();
	return { pattern: row.pattern };
}
