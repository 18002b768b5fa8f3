/**
 * Turns any string into the canonical form the rules match against:
 *
 *   " i want to die . lol "
 *
 * lowercase words [a-z0-9_] separated by single spaces, with a leading and trailing space;
 * sentence breaks as ".", commas/colons/dashes as ",", quotation marks as '"'.
 *
 * In order: lone surrogates and control characters are replaced; zero-width characters are
 * removed; emoji become words (🔪 → e_knife); NFKD + accents stripped + look-alike letters
 * mapped (so fullwidth, "mathematical bold" and Cyrillic look-alikes read as plain letters);
 * lowercase; per token: leetspeak (k1ll → kill) where digits sit among letters, apostrophes
 * removed (don't → dont), repeated letters collapsed (diiie, pleaseeee, kill → die, plese,
 * kil: the patterns are collapsed the same way, so "kil", "kill" and "killll" all match),
 * abbreviations and euphemisms expanded (kms → kill myself); spaced-out letters joined
 * ("k y s" → kys).
 */
import {
	CONFUSABLES,
	EMOJI,
	EXPANSIONS,
	LEET,
	NOT_LEET,
	SPACED_OUT
} from './lexicon/normalisation';

export interface Normalised {
	/** Canonical text: " tok tok . tok " (leading and trailing space). */
	text: string;
	/** Canonical tokens, in order. */
	tokens: string[];
	/** Offset of each token in `text`. */
	starts: number[];
	/** For each token, the index of the word as written in `written` (for quoting reasons). */
	source: number[];
	/** The words as written (lowercased), for human-readable reasons. */
	written: string[];
}

/** Collapses runs of a repeated letter to one: "kiiilll" → "kil". Patterns use it too. */
export function squash(word: string): string {
	let prev = -1;
	for (let i = 0; i < word.length; i++) {
		const c = word.charCodeAt(i);
		if (c === prev && c >= 97 && c <= 122) return squashFrom(word, i);
		prev = c;
	}
	return word;
}

function squashFrom(word: string, first: number): string {
	let out = word.slice(0, first);
	let prev = word.charCodeAt(first - 1);
	for (let i = first + 1; i < word.length; i++) {
		const c = word.charCodeAt(i);
		if (c !== prev || c < 97 || c > 122) out += word[i];
		prev = c;
	}
	return out;
}

const EXPANDED: ReadonlyMap<string, string[]> = new Map(
	Object.entries(EXPANSIONS).map(([key, value]) => [
		squash(key.replace(/'/g, '')),
		value.split(' ').map(squash)
	])
);
const SPACED: ReadonlySet<string> = new Set(SPACED_OUT);

const NON_ASCII = /[\u0080-\uffff]/;
/** Invisible and format characters: soft hyphen, joiners, direction marks, variation selectors… */
const INVISIBLE_RANGES: readonly [number, number][] = [
	[0x00ad, 0x00ad],
	[0x034f, 0x034f],
	[0x061c, 0x061c],
	[0x115f, 0x1160],
	[0x17b4, 0x17b5],
	[0x180b, 0x180e],
	[0x200b, 0x200f],
	[0x202a, 0x202e],
	[0x2060, 0x206f],
	[0x3164, 0x3164],
	[0xfe00, 0xfe0f],
	[0xfeff, 0xfeff],
	[0xffa0, 0xffa0]
];
function isInvisible(code: number): boolean {
	for (const [from, to] of INVISIBLE_RANGES) if (code >= from && code <= to) return true;
	return false;
}
const SKIN_TONES = /^[\u{1f3fb}-\u{1f3ff}]$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}$/u;
const MARKS = /\p{M}+/gu;
const CONFUSABLE = new RegExp(`[${Object.keys(CONFUSABLES).join('')}]`, 'g');
const OTHER_NON_ASCII = /[\u0080-\uffff]/g;
const LETTER = /[a-z]/;
const LEET_CHAR = /[0-9@$!|+]/;
const LEET_ALL = /[0-9@$!|+]/g;
const INNER_SENTENCE = /[.!?;]+/g;
const INNER_OTHER = /[^a-z0-9_'. ]+/g;
const APOSTROPHES = /'/g;

const foldCache = new Map<string, string>();

/** NFKD, accents stripped, look-alikes mapped, lowercased: for one non-ASCII character. */
function foldChar(ch: string): string {
	let out = foldCache.get(ch);
	if (out === undefined) {
		out = ch.normalize('NFKD').replace(MARKS, '').toLowerCase();
		out = out.replace(CONFUSABLE, (c) => CONFUSABLES[c] ?? c).replace(OTHER_NON_ASCII, ' ');
		if (foldCache.size < 5000) foldCache.set(ch, out);
	}
	return out;
}

/**
 * Unicode clean-up in one pass; only runs when the text has non-ASCII characters. ASCII is
 * kept (lowercased later); invisible characters and skin tones are dropped; lone surrogates
 * become spaces; emoji become words; quotes, dashes and ellipses become ASCII; everything
 * else goes through foldChar.
 */
function foldUnicode(text: string): string {
	let out = '';
	let runStart = 0;
	const n = text.length;
	for (let i = 0; i < n; i++) {
		const c = text.charCodeAt(i);
		if (c < 128) continue;
		if (runStart < i) out += text.slice(runStart, i);
		let width = 1;
		let ch: string;
		if (c >= 0xd800 && c <= 0xdbff) {
			const d = i + 1 < n ? text.charCodeAt(i + 1) : 0;
			if (d >= 0xdc00 && d <= 0xdfff) {
				width = 2;
				ch = text.slice(i, i + 2);
			} else {
				ch = '';
			}
		} else if (c >= 0xdc00 && c <= 0xdfff) {
			ch = '';
		} else {
			ch = text[i];
		}
		i += width - 1;
		runStart = i + 1;
		if (ch === '') {
			out += ' ';
			continue;
		}
		if (width === 1 ? isInvisible(c) : c === 0xdb40 || SKIN_TONES.test(ch)) continue; // tags are U+E00xx
		const emoji = EMOJI[ch];
		if (emoji !== undefined) {
			out += ` ${emoji} `;
			continue;
		}
		if (PICTOGRAPH.test(ch)) {
			out += ' ';
			continue;
		}
		const ascii = PUNCTUATION_FOLD[ch];
		out += ascii ?? foldChar(ch);
	}
	if (runStart === 0) return text.toLowerCase();
	if (runStart < n) out += text.slice(runStart);
	return out.toLowerCase();
}

const PUNCTUATION_FOLD: Readonly<Record<string, string>> = {
	'\u2018': "'",
	'\u2019': "'",
	'\u201a': "'",
	'\u201b': "'",
	'\u2032': "'",
	'\u201c': '"',
	'\u201d': '"',
	'\u201e': '"',
	'\u201f': '"',
	'\u00ab': '"',
	'\u00bb': '"',
	'\u2033': '"',
	'\u2026': '.',
	'\u2010': '-',
	'\u2011': '-',
	'\u2012': '-',
	'\u2013': '-',
	'\u2014': '-',
	'\u2015': '-',
	'\u2212': '-',
	'\u00a0': ' ',
	'\u3000': ' ',
	'\u2028': ' ',
	'\u2029': ' '
};

class Builder {
	tokens: string[] = [];
	source: number[] = [];
	written: string[] = [];

	punct(mark: '.' | ',' | '"') {
		const last = this.tokens[this.tokens.length - 1];
		if (last === undefined) {
			if (mark !== '"') return; // a text never starts with a sentence break
		} else if (last === mark || (last === ',' && mark === '.')) {
			if (last !== mark) this.tokens[this.tokens.length - 1] = mark;
			return;
		} else if (last === '.' && mark === ',') {
			return;
		}
		this.tokens.push(mark);
		this.source.push(-1);
	}

	word(asWritten: string) {
		const bare = asWritten.includes("'") ? asWritten.replace(APOSTROPHES, '') : asWritten;
		if (!bare) return;
		const key = squash(bare);
		const index = this.written.length;
		this.written.push(asWritten);
		const expansion = EXPANDED.get(key);
		if (expansion) {
			for (const t of expansion) {
				this.tokens.push(t);
				this.source.push(index);
			}
		} else {
			this.tokens.push(key);
			this.source.push(index);
		}
	}
}

/** Character classes for the fast path: 1 letter, 2 digit, 3 apostrophe, 4 leet symbol. */
function charClass(c: number): number {
	if (c >= 97 && c <= 122) return 1;
	if (c >= 48 && c <= 57) return 2;
	if (c === 39) return 3;
	if (c === 64 || c === 36 || c === 33 || c === 124 || c === 43) return 4;
	return 0;
}

/** Splits one whitespace-separated chunk into words and punctuation marks. */
function addChunk(b: Builder, chunk: string) {
	// fast path: a plain word, maybe with an apostrophe, maybe with . , ! ? after it
	let end = chunk.length;
	let trail = 0;
	while (end > 0) {
		const c = chunk.charCodeAt(end - 1);
		if (c === 46 || c === 33 || c === 63 || c === 44) {
			trail = trail === 1 || c !== 44 ? 1 : 2;
			end--;
		} else break;
	}
	let plain = end > 0;
	let letters = false;
	let digits = false;
	for (let i = 0; i < end && plain; i++) {
		const k = charClass(chunk.charCodeAt(i));
		if (k === 1) letters = true;
		else if (k === 2) digits = true;
		else if (k !== 3) plain = false;
	}
	if (plain && chunk.charCodeAt(0) !== 39 && chunk.charCodeAt(end - 1) !== 39) {
		const core = end === chunk.length ? chunk : chunk.slice(0, end);
		if (!letters || !digits) {
			b.word(core);
			if (trail === 1) b.punct('.');
			else if (trail === 2) b.punct(',');
			return;
		}
	}
	addChunkSlowly(b, chunk);
}

function addChunkSlowly(b: Builder, chunk: string) {
	let start = 0;
	let end = chunk.length;
	// leading quotes and brackets
	while (start < end) {
		const c = chunk[start];
		if (c === '"' || c === "'") b.punct('"');
		else if (c !== '(' && c !== '[' && c !== '{' && c !== '*' && c !== '_' && c !== '~') break;
		start++;
	}
	// trailing punctuation, remembered in reading order
	const trailing: ('.' | ',' | '"')[] = [];
	while (end > start) {
		const c = chunk[end - 1];
		if (c === '.' || c === '!' || c === '?' || c === ';') trailing.push('.');
		else if (c === ',' || c === ':' || c === '-') trailing.push(',');
		else if (c === '"' || c === "'") trailing.push('"');
		else if (c !== ')' && c !== ']' && c !== '}' && c !== '*' && c !== '_' && c !== '~') break;
		end--;
	}
	let core = chunk.slice(start, end);
	if (core) {
		const plain = core.replace(APOSTROPHES, '');
		if (
			!EXPANDED.has(squash(plain)) &&
			LETTER.test(core) &&
			LEET_CHAR.test(core) &&
			!NOT_LEET.test(plain)
		) {
			core = core.replace(LEET_ALL, (c) => LEET[c] ?? c);
		}
		if (/^[a-z0-9_']+$/.test(core)) {
			b.word(core);
		} else {
			const parts = core.replace(INNER_SENTENCE, ' . ').replace(INNER_OTHER, ' ').split(' ');
			for (const part of parts) {
				if (part === '.') b.punct('.');
				else if (part) b.word(part);
			}
		}
	}
	for (let i = trailing.length - 1; i >= 0; i--) b.punct(trailing[i]);
}

/** Joins runs of single letters ("k y s") when the joined word is a known shorthand. */
function joinSpacedLetters(b: Builder) {
	const { tokens } = b;
	for (let i = 0; i < tokens.length; i++) {
		if (tokens[i].length !== 1 || !LETTER.test(tokens[i])) continue;
		let j = i;
		while (j < tokens.length && tokens[j].length === 1 && LETTER.test(tokens[j])) j++;
		if (j - i >= 2) {
			const joined = tokens.slice(i, j).join('');
			if (SPACED.has(joined)) {
				const expansion = EXPANDED.get(joined) ?? [joined];
				tokens.splice(i, j - i, ...expansion);
				const src = b.source[i];
				b.source.splice(i, j - i, ...expansion.map(() => src));
				i += expansion.length - 1;
				continue;
			}
		}
		i = j - 1;
	}
}

export function normalise(input: string): Normalised {
	const s = NON_ASCII.test(input) ? foldUnicode(input) : input.toLowerCase();
	const b = new Builder();
	// split on whitespace and control characters; a line break ends a sentence
	let start = -1;
	for (let i = 0; i <= s.length; i++) {
		const c = i < s.length ? s.charCodeAt(i) : 32;
		if (c > 32 && c !== 127) {
			if (start < 0) start = i;
			continue;
		}
		if (start >= 0) {
			addChunk(b, s.slice(start, i));
			start = -1;
		}
		if (c === 10 || c === 13) b.punct('.');
	}
	joinSpacedLetters(b);
	// drop a trailing comma; keep a trailing sentence break out of the way
	while (
		b.tokens.length &&
		(b.tokens[b.tokens.length - 1] === ',' || b.tokens[b.tokens.length - 1] === '.')
	) {
		b.tokens.pop();
		b.source.pop();
	}
	const starts = new Array<number>(b.tokens.length);
	let offset = 1;
	for (let i = 0; i < b.tokens.length; i++) {
		starts[i] = offset;
		offset += b.tokens[i].length + 1;
	}
	const text = b.tokens.length ? ` ${b.tokens.join(' ')} ` : ' ';
	return { text, tokens: b.tokens, starts, source: b.source, written: b.written };
}
