/**
 * A small phrase-pattern language for the lexicon, compiled once to regular expressions
 * over the canonical text from normalise.ts (" tok tok . tok ").
 *
 *   kill myself             words in order (write them normally: they are collapsed like the text)
 *   a b|c d                 "|" separates whole phrases, as in a regular expression: "a b" or "c d"
 *   (want|wish) to die      so choices inside a phrase go in brackets; groups nest
 *   suicid*                 a word starting with "suicid"
 *   really?  (so|very)?     optional word or group
 *   <want_to>               a macro from lexicon/macros.ts (a list of phrases)
 *   ..   ...                up to 3 / up to 6 other words (never across . , or ")
 *   #                       a number
 *   $                       end of a clause (next is . , " or the end)
 *   !(of|for)  !up          not followed by that
 *
 * Every pattern must contain at least one required word that is not a common word (an
 * "anchor"); the engine only tries a pattern when one of its anchors occurs in the text,
 * which is what keeps it fast. compilePattern() throws when a pattern has no anchor.
 */
import { squash } from './normalise';

type Node =
	| { kind: 'words'; words: string[]; prefixes: string[]; optional: boolean }
	| { kind: 'group'; alternatives: Node[][]; optional: boolean }
	| { kind: 'gap'; max: number }
	| { kind: 'number'; optional: boolean }
	| { kind: 'end' }
	| { kind: 'not'; node: Node };

export interface CompiledPattern {
	/** Global regex over the canonical text (for tools and tests). */
	regex: RegExp;
	/** The same, sticky: tried only where the anchor allows a match to start. */
	sticky: RegExp;
	/** A match starts at most this many words before the word that matched the anchor. */
	maxPrefix: number;
	/** The regex source without the leading word-boundary look-behind, for combining. */
	body: string;
	/** Whole words, one of which occurs in every match. */
	anchorWords: string[];
	/** Word starts, one of which begins a word in every match (from `word*`). */
	anchorPrefixes: string[];
}

/** Words too common to decide whether a pattern is worth trying. */
const COMMON = new Set(
	(
		'i im ive id il me my mine to the a an and it its is be you your so just of in on at for that this do dont ' +
		'not no all up out he she they we was get go have got want like with if but or what how when again now can ' +
		'will would one some any every am are were been being him her them his their there then than too very really ' +
		'e_lol e_skull e_sob e_sad'
	)
		.split(' ')
		.map(squash)
);

export type Macros = Readonly<Record<string, string>>;

class Parser {
	private pos = 0;
	constructor(
		private readonly src: string,
		private readonly macros: Macros,
		private readonly macroCache: Map<string, Node>,
		private readonly stack: string[]
	) {}

	fail(message: string): never {
		throw new Error(`pattern "${this.src}": ${message} at ${this.pos}`);
	}

	parseAlternatives(closing: string | null): Node[][] {
		const alternatives: Node[][] = [this.parseSequence(closing)];
		while (this.src[this.pos] === '|') {
			this.pos++;
			alternatives.push(this.parseSequence(closing));
		}
		return alternatives;
	}

	parseSequence(closing: string | null): Node[] {
		const nodes: Node[] = [];
		for (;;) {
			while (this.src[this.pos] === ' ') this.pos++;
			const c = this.src[this.pos];
			if (c === undefined) {
				if (closing) this.fail(`missing "${closing}"`);
				return nodes;
			}
			if (c === '|' || c === closing) return nodes;
			nodes.push(this.parseElement());
		}
	}

	parseElement(): Node {
		const c = this.src[this.pos];
		if (c === '!') {
			this.pos++;
			return { kind: 'not', node: this.parseElement() };
		}
		if (this.src.startsWith('...', this.pos)) {
			this.pos += 3;
			return { kind: 'gap', max: 6 };
		}
		if (this.src.startsWith('..', this.pos)) {
			this.pos += 2;
			return { kind: 'gap', max: 3 };
		}
		if (c === '$') {
			this.pos++;
			return { kind: 'end' };
		}
		let node: Node;
		if (c === '#') {
			this.pos++;
			node = { kind: 'number', optional: false };
		} else if (c === '(') {
			this.pos++;
			const alternatives = this.parseAlternatives(')');
			if (this.src[this.pos] !== ')') this.fail('missing ")"');
			this.pos++;
			node = { kind: 'group', alternatives, optional: false };
		} else if (c === '<') {
			const close = this.src.indexOf('>', this.pos);
			if (close < 0) this.fail('missing ">"');
			const name = this.src.slice(this.pos + 1, close);
			this.pos = close + 1;
			node = { ...this.macro(name), optional: false } as Node;
		} else {
			const m = /^[a-z0-9_'*]+/.exec(this.src.slice(this.pos));
			if (!m) this.fail(`unexpected "${c}"`);
			this.pos += m[0].length;
			const w = squash(m[0].replace(/'/g, ''));
			node = w.endsWith('*')
				? { kind: 'words', words: [], prefixes: [w.slice(0, -1)], optional: false }
				: { kind: 'words', words: [w], prefixes: [], optional: false };
		}
		if (this.src[this.pos] === '?') {
			this.pos++;
			if (node.kind === 'words' || node.kind === 'group' || node.kind === 'number') {
				node = { ...node, optional: true };
			}
		}
		return node;
	}

	macro(name: string): Node {
		const cached = this.macroCache.get(name);
		if (cached) return cached;
		const body = this.macros[name];
		if (body === undefined) this.fail(`unknown macro <${name}>`);
		if (this.stack.includes(name)) this.fail(`macro <${name}> refers to itself`);
		const parser = new Parser(body, this.macros, this.macroCache, [...this.stack, name]);
		const alternatives = parser.parseAlternatives(null);
		const node: Node = { kind: 'group', alternatives, optional: false };
		this.macroCache.set(name, node);
		return node;
	}
}

const GAP_WORD = '[a-z0-9_]+ ';

function escapeWord(w: string): string {
	return w.replace(/[^a-z0-9_]/g, (c) => `\\${c}`);
}

function toRegex(node: Node): string {
	switch (node.kind) {
		case 'words': {
			const options = [
				...node.words.map(escapeWord),
				...node.prefixes.map((p) => `${escapeWord(p)}[a-z0-9_]*`)
			];
			const body = options.length === 1 ? `${options[0]} ` : `(?:${options.join('|')}) `;
			return node.optional ? `(?:${body})?` : body;
		}
		case 'group': {
			const body = `(?:${node.alternatives.map((seq) => seq.map(toRegex).join('')).join('|')})`;
			return node.optional ? `${body}?` : body;
		}
		case 'gap':
			return `((?:${GAP_WORD}){0,${node.max}}?)`;
		case 'number':
			return node.optional ? '(?:[0-9]+ )?' : '[0-9]+ ';
		case 'end':
			return '(?=[.,"] |$)';
		case 'not':
			return `(?!${toRegex(node.node)})`;
	}
}

interface Anchor {
	words: Set<string>;
	prefixes: Set<string>;
	common: boolean;
}

function anchorOf(node: Node): Anchor | null {
	if (node.kind === 'words') {
		if (node.optional) return null;
		return {
			words: new Set(node.words),
			prefixes: new Set(node.prefixes),
			common: node.words.some((w) => COMMON.has(w)) || node.prefixes.some((p) => p.length < 3)
		};
	}
	if (node.kind === 'number') {
		// numbers are indexed under "#" by the engine
		return node.optional ? null : { words: new Set(['#']), prefixes: new Set(), common: false };
	}
	if (node.kind === 'group') {
		if (node.optional) return null;
		const merged: Anchor = { words: new Set(), prefixes: new Set(), common: false };
		for (const seq of node.alternatives) {
			const a = anchorOfSequence(seq);
			if (!a) return null;
			for (const w of a.words) merged.words.add(w);
			for (const p of a.prefixes) merged.prefixes.add(p);
			merged.common ||= a.common;
		}
		return merged;
	}
	return null;
}

function anchorOfSequence(seq: Node[]): Anchor | null {
	return bestAnchor(seq)?.anchor ?? null;
}

function bestAnchor(seq: Node[]): { anchor: Anchor; index: number } | null {
	let best: { anchor: Anchor; index: number } | null = null;
	let bestScore = Infinity;
	let before = 0;
	for (let index = 0; index < seq.length; before += maxWords(seq[index]), index++) {
		const a = anchorOf(seq[index]);
		if (!a) continue;
		// fewer, rarer anchor words and fewer words before them mean fewer places to try
		const score = (a.common ? 1000 : 0) + a.words.size + a.prefixes.size * 2 + before;
		if (score < bestScore) {
			best = { anchor: a, index };
			bestScore = score;
		}
	}
	return best;
}

/** The most words a node can match. */
function maxWords(node: Node): number {
	switch (node.kind) {
		case 'words':
		case 'number':
			return 1;
		case 'gap':
			return node.max;
		case 'group':
			return Math.max(...node.alternatives.map((seq) => seq.reduce((n, x) => n + maxWords(x), 0)));
		default:
			return 0;
	}
}

/** Compiles one pattern; throws on a syntax error or when the pattern has no anchor. */
export function compilePattern(
	src: string,
	macros: Macros,
	macroCache: Map<string, Node> = new Map(),
	requireAnchor = true
): CompiledPattern {
	const parser = new Parser(src.trim(), macros, macroCache, []);
	const seq = parser.parseSequence(null);
	if (!seq.length) throw new Error(`pattern "${src}" is empty`);
	const best = bestAnchor(seq);
	const anchor = best?.anchor ?? null;
	if (requireAnchor && (!anchor || anchor.common)) {
		throw new Error(`pattern "${src}" needs a required word that is not a common word (an anchor)`);
	}
	let maxPrefix = 0;
	if (best) {
		for (let i = 0; i < best.index; i++) maxPrefix += maxWords(seq[i]);
		maxPrefix += maxWords(seq[best.index]) - 1;
	}
	const body = seq.map(toRegex).join('');
	return {
		regex: new RegExp(`(?<= )${body}`, 'g'),
		sticky: new RegExp(`(?<= )${body}`, 'y'),
		maxPrefix,
		body,
		anchorWords: anchor ? [...anchor.words] : [],
		anchorPrefixes: anchor ? [...anchor.prefixes] : []
	};
}

/** A shared macro cache for compiling many patterns against the same macros. */
export function macroCache(): Map<string, Node> {
	return new Map();
}
