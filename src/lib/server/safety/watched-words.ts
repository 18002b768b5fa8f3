/**
 * Watched words: admin-managed words or regular expressions, each with an action (block, hold,
 * censor, flag) and a reason shown to staff. Words are matched the way people dodge filters:
 * across spacing ("n i g"), repeated letters ("niiig") and character swaps ("n1g", "@", "$").
 */

export type WatchedAction = 'block' | 'hold' | 'censor' | 'flag';

export interface WatchedWord {
	id: number;
	pattern: string;
	isRegex: boolean;
	action: WatchedAction;
	reason: string;
}

export interface WatchedWordHit {
	id: number;
	action: WatchedAction;
	reason: string;
	/** Where in the original text it was found (for censoring), when known. */
	start?: number;
	end?: number;
}

const SUBSTITUTIONS: Record<string, string> = {
	'0': 'o',
	'1': 'i',
	'!': 'i',
	'|': 'i',
	'3': 'e',
	'4': 'a',
	'@': 'a',
	'5': 's',
	$: 's',
	'7': 't',
	'+': 't',
	'8': 'b',
	'9': 'g',
	'6': 'g',
	'€': 'e',
	'£': 'l'
};

/** Letters only, lowercase, swaps undone; runs of a letter collapsed to one unless `keepRuns`. */
export function skeleton(text: string, keepRuns = false): string {
	let out = '';
	for (const ch of text.normalize('NFKD').toLowerCase()) {
		const c = SUBSTITUTIONS[ch] ?? ch;
		if (c < 'a' || c > 'z') continue;
		if (!keepRuns && out.endsWith(c)) continue;
		out += c;
	}
	return out;
}

/**
 * Ordinary words whose skeleton collides with a slur's once double letters are collapsed
 * ("Niger" and "nigger" both become "niger"). Checked against the word as written.
 */
const INNOCENT = new Set([
	'niger',
	'nigeria',
	'nigerian',
	'nigerians',
	'nigerien',
	'niggle',
	'niggles',
	'niggled',
	'niggling',
	'mongoose',
	'mongolia',
	'mongolian'
]);

export interface SkeletonWord {
	word: string;
	plain: string;
	start: number;
	end: number;
	/**
	 * For letters spaced out one by one: the same run starting at each later letter, because a
	 * one-letter word often comes first ("such a n i g g e r" is read as "aniger").
	 */
	tails?: SkeletonWord[];
}

/** Longest spaced-out run whose later starting points are also checked. */
const MAX_TAILS = 30;

/**
 * The text as words, each reduced to its skeleton, with runs of single characters joined
 * ("n i g g a" → one word) so spacing cannot hide a word. Keeps each word's span in the original.
 * `plain` keeps repeated letters (and drops trailing `!`), for telling "Nigeria!!" from a slur.
 */
export function skeletonWords(text: string): SkeletonWord[] {
	const raw = [...text.matchAll(/[^\s.,;:?"'()[\]{}<>/\\*_~-]+/g)].map((m) => ({
		token: m[0],
		start: m.index!,
		end: m.index! + m[0].length
	}));
	const words: SkeletonWord[] = [];
	const joinedRun = (from: number, to: number): SkeletonWord => {
		const joined = raw
			.slice(from, to)
			.map((r) => r.token)
			.join('');
		return {
			word: skeleton(joined),
			plain: skeleton(joined, true),
			start: raw[from].start,
			end: raw[to - 1].end
		};
	};
	for (let i = 0; i < raw.length; i++) {
		if ([...raw[i].token].length === 1) {
			let j = i;
			while (j < raw.length && [...raw[j].token].length === 1) j++;
			if (j - i >= 3) {
				const run = joinedRun(i, j);
				const tails: SkeletonWord[] = [];
				for (let k = i + 1; k <= j - 3 && k - i <= MAX_TAILS; k++) tails.push(joinedRun(k, j));
				words.push(tails.length ? { ...run, tails } : run);
				i = j - 1;
				continue;
			}
		}
		words.push({
			word: skeleton(raw[i].token),
			// "NIGERIA!!": a `!` or `|` at the end is punctuation, not a letter swapped for an i.
			plain: skeleton(raw[i].token.replace(/[!|]+$/u, ''), true),
			start: raw[i].start,
			end: raw[i].end
		});
	}
	return words.filter((w) => w.word.length > 0);
}

export interface CompiledWatchList {
	match(text: string): WatchedWordHit[];
}

/**
 * Compiles once per change of the list. A plain word matches a whole word whose skeleton equals
 * the word's skeleton, or starts with it when the word ends in `*` ("slur*" catches plurals).
 * A regex is tested against the text as written and against its lowercase skeleton words.
 */
export function compileWatchList(entries: WatchedWord[]): CompiledWatchList {
	const exact = new Map<string, WatchedWord[]>();
	const prefixes: { prefix: string; entry: WatchedWord }[] = [];
	const regexes: { regex: RegExp; entry: WatchedWord }[] = [];
	for (const entry of entries) {
		if (entry.isRegex) {
			const regex = safeRegex(entry.pattern);
			if (regex) regexes.push({ regex, entry });
			continue;
		}
		const wildcard = entry.pattern.trim().endsWith('*');
		const key = skeleton(entry.pattern);
		if (!key) continue;
		if (wildcard) prefixes.push({ prefix: key, entry });
		else exact.set(key, [...(exact.get(key) ?? []), entry]);
	}
	return {
		match(text) {
			const hits: WatchedWordHit[] = [];
			const words = skeletonWords(text);
			for (const w of words) {
				for (const candidate of [w, ...(w.tails ?? [])]) {
					if (INNOCENT.has(candidate.plain) || !candidate.word) continue;
					const found = hits.length;
					for (const entry of exact.get(candidate.word) ?? [])
						hits.push(hit(entry, candidate.start, candidate.end));
					for (const { prefix, entry } of prefixes)
						if (candidate.word.startsWith(prefix))
							hits.push(hit(entry, candidate.start, candidate.end));
					if (hits.length > found) break;
				}
			}
			const skeletonText = words.map((w) => w.word).join(' ');
			for (const { regex, entry } of regexes) {
				regex.lastIndex = 0;
				const direct = regex.exec(text);
				if (direct) {
					hits.push(hit(entry, direct.index, direct.index + direct[0].length));
					continue;
				}
				regex.lastIndex = 0;
				if (regex.test(skeletonText)) hits.push(hit(entry));
			}
			return hits;
		}
	};
}

function hit(entry: WatchedWord, start?: number, end?: number): WatchedWordHit {
	return { id: entry.id, action: entry.action, reason: entry.reason, start, end };
}

/** A regex an admin typed: compiled case-insensitively, or ignored if it does not compile. */
export function safeRegex(pattern: string): RegExp | null {
	try {
		return new RegExp(pattern, 'iu');
	} catch {
		return null;
	}
}

/** Replaces censored spans with asterisks, keeping the text around them. */
export function censor(text: string, hits: WatchedWordHit[]): string {
	const spans = hits
		.filter((h) => h.action === 'censor' && h.start !== undefined && h.end !== undefined)
		.sort((a, b) => a.start! - b.start!);
	let out = '';
	let at = 0;
	for (const span of spans) {
		if (span.start! < at) continue;
		out += text.slice(at, span.start) + '*'.repeat(Math.min(8, span.end! - span.start!));
		at = span.end!;
	}
	return out + text.slice(at);
}
