/**
 * The rule engine: compiles the lexicon once, then for each message
 *
 *   normalise → find candidate patterns by anchor word → match → context modifiers per match
 *   → escalations (a time, the means, a plan, a goodbye) → someone-else lowering → result
 *
 * Everything it knows is in ./lexicon; this file is only the machinery.
 */
import { BULLYING_RULES } from './lexicon/bullying';
import { CLAUSE_BREAKS, CUES, HEDGES, NEGATIONS, SUBJECTS, type CueKind } from './lexicon/context';
import { MACROS } from './lexicon/macros';
import { RISK_RULES } from './lexicon/rules';
import type { Escalation, RiskCategory, RiskRule, SignalKind, SignalRule } from './lexicon/schema';
import { ESCALATIONS, SIGNALS } from './lexicon/signals';
import { normalise, squash, type Normalised } from './normalise';
import { compilePattern, macroCache } from './pattern';
import { levelRank, type Category, type RiskAssessment, type RiskLevel } from './types';

/** Longer texts are assessed on their first and last MAX_EDGE_CHARS characters. */
export const MAX_EDGE_CHARS = 20_000;
/** At most this many matches of one pattern are looked at. */
const MAX_MATCHES_PER_PATTERN = 4;
/** How far (in words) a joke or a trivial target may be from a phrase to change it. */
const FIGURATIVE_WINDOW = 15;
const NEGATION_LOOKBACK = 3;

type PatternOwner =
	| { kind: 'risk'; rule: RiskRule }
	| { kind: 'signal'; rule: SignalRule }
	| { kind: 'bullying'; reason: string; id: string };

interface CompiledEntry {
	id: number;
	owner: PatternOwner | { kind: 'cue'; cue: CueKind };
	/** Sticky: tried at a given word only. */
	regex: RegExp;
	/** A match starts at most this many words before its anchor word. */
	maxPrefix: number;
	/** No anchor word (cues only): tried at every word. */
	everywhere: boolean;
}

interface AnchorIndex {
	byWord: Map<string, number[]>;
	byPrefix: Map<string, number[]>;
	prefixLengths: number[];
}

interface Engine {
	entries: CompiledEntry[];
	/** Anchors of risk, signal and bullying patterns: looked up for every message. */
	main: AnchorIndex;
	/** Anchors of cue patterns: looked up only once a risk phrase has matched. */
	cue: AnchorIndex;
	/** Entry ids of the cue patterns of each kind. */
	cues: Record<CueKind, number[]>;
	negations: Set<string>;
	hedges: Set<string>;
	clauseBreaks: Set<string>;
	subjectOf: Map<string, 'self' | 'second' | 'other' | 'generic'>;
}

function toList(pattern: string | string[]): string[] {
	return Array.isArray(pattern) ? pattern : [pattern];
}

function buildEngine(): Engine {
	const cache = macroCache();
	const entries: CompiledEntry[] = [];
	const main: AnchorIndex = { byWord: new Map(), byPrefix: new Map(), prefixLengths: [] };
	const cue: AnchorIndex = { byWord: new Map(), byPrefix: new Map(), prefixLengths: [] };
	const add = (owner: CompiledEntry['owner'], src: string): number => {
		const { byWord, byPrefix } = owner.kind === 'cue' ? cue : main;
		let compiled;
		try {
			compiled = compilePattern(src, MACROS, cache, owner.kind !== 'cue');
		} catch (error) {
			const id =
				owner.kind === 'cue'
					? `cue ${owner.cue}`
					: owner.kind === 'bullying'
						? owner.id
						: owner.rule.id;
			throw new Error(`risk lexicon, rule ${id}: ${(error as Error).message}`);
		}
		const id = entries.length;
		const everywhere = compiled.anchorWords.length === 0 && compiled.anchorPrefixes.length === 0;
		entries.push({ id, owner, regex: compiled.sticky, maxPrefix: compiled.maxPrefix, everywhere });
		for (const w of compiled.anchorWords) {
			const list = byWord.get(w);
			if (list) list.push(id);
			else byWord.set(w, [id]);
		}
		for (const p of compiled.anchorPrefixes) {
			const list = byPrefix.get(p);
			if (list) list.push(id);
			else byPrefix.set(p, [id]);
		}
		return id;
	};
	for (const rule of RISK_RULES)
		for (const p of toList(rule.pattern)) add({ kind: 'risk', rule }, p);
	for (const rule of SIGNALS)
		for (const p of toList(rule.pattern)) add({ kind: 'signal', rule }, p);
	for (const rule of BULLYING_RULES) {
		for (const p of toList(rule.pattern))
			add({ kind: 'bullying', reason: rule.reason, id: rule.id }, p);
	}
	const cues = {} as Record<CueKind, number[]>;
	for (const kind of Object.keys(CUES) as CueKind[]) {
		cues[kind] = CUES[kind].map((src) => add({ kind: 'cue', cue: kind }, src));
	}
	const subjectOf = new Map<string, 'self' | 'second' | 'other' | 'generic'>();
	for (const kind of ['generic', 'other', 'second', 'self'] as const) {
		for (const w of SUBJECTS[kind]) subjectOf.set(squash(w), kind);
	}
	for (const index of [main, cue]) {
		index.prefixLengths = [...new Set([...index.byPrefix.keys()].map((p) => p.length))].sort(
			(a, b) => a - b
		);
	}
	return {
		entries,
		main,
		cue,
		cues,
		negations: new Set(NEGATIONS.map(squash)),
		hedges: new Set(HEDGES.map(squash)),
		clauseBreaks: new Set(CLAUSE_BREAKS.map(squash)),
		subjectOf
	};
}

let engine: Engine | undefined;
function getEngine(): Engine {
	engine ??= buildEngine();
	return engine;
}

/** Builds the engine now (it is otherwise built on first use); throws on a lexicon error. */
export function compileLexicon(): { patterns: number } {
	return { patterns: getEngine().entries.length };
}

// ───────────────────────────── per-message context ─────────────────────────────

interface Span {
	start: number;
	end: number;
}

class MessageContext {
	private cueSpans: Partial<Record<CueKind, Span[]>> = {};
	private sentenceStartOf: Int32Array | undefined;
	private sentenceEndOf: Int32Array | undefined;

	private cueAnchors: Anchors | undefined;

	constructor(
		readonly n: Normalised,
		readonly e: Engine,
		/** Where the anchor words of risk, signal and bullying patterns occur. */
		readonly mainAnchors: Anchors
	) {}

	private positionsOf(entry: CompiledEntry) {
		if (entry.owner.kind !== 'cue') return this.mainAnchors.positions(entry.id);
		if (!this.cueAnchors) {
			sharedCueAnchors ??= new Anchors(this.e.entries.length);
			this.cueAnchors = findAnchors(this.e.cue, this.n.tokens, sharedCueAnchors);
		}
		return this.cueAnchors.positions(entry.id);
	}

	/** Matches of one pattern, tried only where its anchor words allow. */
	matches(entry: CompiledEntry, max: number): RegExpExecArray[] {
		const out: RegExpExecArray[] = [];
		const { text, starts } = this.n;
		const regex = entry.regex;
		const positions = entry.everywhere ? null : this.positionsOf(entry);
		if (!entry.everywhere && !positions) return out;
		const tryAt = (s: number): boolean => {
			regex.lastIndex = starts[s];
			const m = regex.exec(text);
			if (m && m[0].length > 0) {
				out.push(m);
				return out.length >= max;
			}
			return false;
		};
		if (positions === null || positions === undefined) {
			for (let s = 0; s < starts.length; s++) if (tryAt(s)) break;
			return out;
		}
		let next = 0;
		const { list, count } = positions;
		for (let k = 0; k < count; k++) {
			const t = list[k];
			for (let s = Math.max(next, t - entry.maxPrefix); s <= t; s++) {
				if (tryAt(s)) return out;
			}
			next = t + 1;
		}
		return out;
	}

	/** Token index of the token that contains `offset` in the canonical text. */
	tokenAt(offset: number): number {
		const { starts } = this.n;
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo;
	}

	private sentences() {
		if (!this.sentenceStartOf || !this.sentenceEndOf) {
			const { tokens } = this.n;
			const startOf = new Int32Array(tokens.length);
			const endOf = new Int32Array(tokens.length);
			let s = 0;
			for (let i = 0; i < tokens.length; i++) {
				startOf[i] = s;
				if (tokens[i] === '.') s = i + 1;
			}
			let e = tokens.length - 1;
			for (let i = tokens.length - 1; i >= 0; i--) {
				if (tokens[i] === '.') e = i - 1;
				endOf[i] = e;
			}
			this.sentenceStartOf = startOf;
			this.sentenceEndOf = endOf;
		}
		return { startOf: this.sentenceStartOf, endOf: this.sentenceEndOf };
	}

	sentenceOf(tok: number): Span {
		const { startOf, endOf } = this.sentences();
		return { start: startOf[tok], end: endOf[tok] };
	}

	cues(kind: CueKind): Span[] {
		let spans = this.cueSpans[kind];
		if (!spans) {
			spans = [];
			for (const id of this.e.cues[kind]) {
				for (const m of this.matches(this.e.entries[id], 50)) spans.push(this.spanOf(m));
			}
			this.cueSpans[kind] = spans;
		}
		return spans;
	}

	spanOf(m: RegExpExecArray): Span {
		return { start: this.tokenAt(m.index), end: this.tokenAt(m.index + m[0].length - 2) };
	}

	/** A cue of this kind overlaps [from, to] but not the excluded span. */
	has(kind: CueKind, from: number, to: number, exclude?: Span): boolean {
		for (const s of this.cues(kind)) {
			if (s.end < from || s.start > to) continue;
			if (exclude && s.start >= exclude.start && s.end <= exclude.end) continue;
			return true;
		}
		return false;
	}

	anywhere(kind: CueKind, exclude?: Span): boolean {
		return this.has(kind, 0, this.n.tokens.length, exclude);
	}

	/** The words as written for a token span, for reasons. */
	quote(span: Span): string {
		const { source, written } = this.n;
		const words: string[] = [];
		let last = -2;
		for (let i = span.start; i <= span.end; i++) {
			const src = source[i];
			if (src === undefined || src < 0 || src === last) continue;
			words.push(written[src]);
			last = src;
		}
		const text = words.join(' ');
		return text.length > 60 ? `${text.slice(0, 57)}…` : text;
	}
}

// ───────────────────────────── evaluating one match ─────────────────────────────

interface Finding {
	rule: RiskRule;
	category: RiskCategory;
	level: RiskLevel;
	span: Span;
	about: 'self' | 'other';
	/** No modifier lowered it: a time or the means may raise it. */
	plain: boolean;
	notes: string[];
	quote: string;
	escalatedBy?: string;
}

interface SignalHit {
	rule: SignalRule;
	source: number;
	kind: SignalKind;
	quote: string;
}

const LOWER: Record<RiskLevel, RiskLevel> = {
	none: 'none',
	concern: 'concern',
	high: 'concern',
	imminent: 'high'
};

function capAt(level: RiskLevel, cap: RiskLevel): RiskLevel {
	return levelRank(level) > levelRank(cap) ? cap : level;
}

function detectSubject(ctx: MessageContext, from: number, sentenceStart: number) {
	const { tokens } = ctx.n;
	for (let i = from; i >= sentenceStart && i >= from - 12; i--) {
		const kind = ctx.e.subjectOf.get(tokens[i]);
		if (kind) return kind;
	}
	return 'none' as const;
}

function isNegationAt(ctx: MessageContext, i: number): boolean {
	const { tokens } = ctx.n;
	if (!ctx.e.negations.has(tokens[i])) return false;
	const next = tokens[i + 1];
	if (next !== undefined && ctx.e.hedges.has(next)) return false;
	if (tokens[i] === 'not' && (next === 'sure' || next === 'only')) return false;
	return true;
}

function isNegated(ctx: MessageContext, m: RegExpExecArray, span: Span): boolean {
	const { tokens } = ctx.n;
	// words that filled a gap ("i DONT want to die")
	for (let i = span.start; i <= span.end; i++) {
		if (!ctx.e.negations.has(tokens[i])) continue;
		// only gap words count: a negation written in the pattern is part of its meaning
		let inGap = false;
		for (let g = 1; g < m.length; g++) {
			if (m[g] && ` ${m[g]}`.includes(` ${tokens[i]} `)) inGap = true;
		}
		if (inGap && isNegationAt(ctx, i)) return true;
	}
	// a phrase that starts with its own subject ("i want to die") opens a new clause
	if (ctx.e.subjectOf.get(tokens[span.start]) === 'self') return false;
	for (let i = span.start - 1; i >= 0 && i >= span.start - NEGATION_LOOKBACK; i--) {
		if (ctx.e.clauseBreaks.has(tokens[i])) break;
		if (isNegationAt(ctx, i)) return true;
	}
	return false;
}

const REPORT_BREAKS = new Set(['.', 'but', 'though', 'although', 'however', 'anyway']);

function isReported(ctx: MessageContext, span: Span, sentence: Span): boolean {
	const { tokens } = ctx.n;
	for (const cue of ctx.cues('reported')) {
		if (cue.end >= span.start || cue.start < sentence.start) continue;
		if (span.start - cue.end > 4) continue; // the report must introduce the words
		let broken = false;
		for (let i = cue.end + 1; i < span.start; i++) {
			if (REPORT_BREAKS.has(tokens[i])) broken = true;
		}
		if (!broken) return true;
	}
	// inside quotation marks
	let quotes = 0;
	for (let i = sentence.start; i < span.start; i++) if (tokens[i] === '"') quotes++;
	return quotes % 2 === 1;
}

function isSpecificPerson(ctx: MessageContext, sentence: Span, before: number): boolean {
	const { tokens } = ctx.n;
	for (let i = sentence.start; i < before; i++) {
		if (tokens[i] === 'my' && ctx.e.subjectOf.get(tokens[i + 1] ?? '') === 'other') return true;
		if (tokens[i] === 'my' && ctx.e.subjectOf.get(tokens[i + 2] ?? '') === 'other') return true;
	}
	return false;
}

function evaluateMatch(ctx: MessageContext, rule: RiskRule, m: RegExpExecArray): Finding | null {
	const span = ctx.spanOf(m);
	const sentence = ctx.sentenceOf(span.start);
	const notes: string[] = [];
	let level = rule.level as RiskLevel;
	let plain = true;
	const lower = (to: RiskLevel, note: string) => {
		if (levelRank(to) < levelRank(level)) {
			level = to;
			plain = false;
			if (!notes.includes(note)) notes.push(note);
		}
	};

	// 1. who it is about
	let about: 'self' | 'second' | 'other' | 'generic' = 'self';
	if (rule.about === 'other') about = 'other';
	else if (rule.about !== 'self') {
		const subject = detectSubject(ctx, span.start, sentence.start);
		about = subject === 'none' ? 'self' : subject;
	}
	if (about === 'self' && isReported(ctx, span, sentence)) about = 'other';
	if (about === 'second' || about === 'generic') return null; // "if you ever feel…", "people who…"

	if (about === 'other') {
		const supportive = ctx.has('supportive', sentence.start, sentence.end);
		const specific = isSpecificPerson(ctx, sentence, span.start);
		if (supportive && !specific) return null;
		if (ctx.anywhere('supported')) return null;
		if (ctx.has('media', sentence.start, sentence.end)) return null;
		if (rule.category === 'low_mood') return null;
	}

	// 2. negation ("i'm not going to hurt myself"); hedges are not negation
	if (!rule.negated && isNegated(ctx, m, span)) {
		lower(levelRank(level) >= levelRank('high') ? 'concern' : 'none', 'negated');
	}

	// 3. past or recovered
	if (!rule.current && level !== 'none') {
		const current = ctx.has('current', sentence.start, sentence.end);
		if (!current && ctx.anywhere('recovery')) {
			lower(rule.category === 'abuse_disclosure' ? 'concern' : 'none', 'in recovery');
		} else if (!current && ctx.has('past', sentence.start, sentence.end)) {
			if (
				rule.category === 'suicide' ||
				rule.category === 'self_harm' ||
				rule.category === 'eating_disorder'
			) {
				lower('concern', 'in the past');
			} else if (rule.category !== 'abuse_disclosure') {
				lower('none', 'in the past');
			}
		}
	}

	// 4. an accident is not self-harm
	if (rule.category === 'self_harm' && ctx.has('accident', sentence.start, sentence.end)) {
		lower('none', 'an accident');
	}

	// 5. figurative, joking, hypothetical
	if (level !== 'none') {
		const from = span.start - FIGURATIVE_WINDOW;
		const to = span.end + FIGURATIVE_WINDOW;
		const trivial = ctx.has('trivial', from, to, span);
		const laughing = ctx.has('laughter', from, to, span);
		const everyday = ctx.has('everyday', from, to, span);
		if (rule.idiom && !ctx.has('serious', sentence.start, sentence.end)) {
			const everydayCounts =
				rule.category === 'harm_to_others' || rule.category === 'abuse_disclosure';
			if (trivial || laughing || (everydayCounts && everyday)) {
				lower('none', 'figurative');
			}
		} else if (trivial || (laughing && everyday)) {
			lower(capAt(level, 'concern'), 'said as a joke or exaggeration');
		}
		if (ctx.has('hypothetical', sentence.start, sentence.end))
			lower(capAt(level, 'concern'), 'hypothetical');
	}

	// 6. goodbyes and medicine-taking with an ordinary explanation
	if (rule.farewell && ctx.anywhere('departure')) lower('none', 'leaving the app, not life');
	if (rule.medication && ctx.anywhere('medication')) lower('none', 'ordinary medicine');

	if (level === 'none') return null;
	if (about === 'other') notes.push('about someone else');
	return {
		rule,
		category: rule.category,
		level,
		span,
		about,
		plain,
		notes,
		quote: ctx.quote(span)
	};
}

function signalCounts(ctx: MessageContext, hit: SignalHit, m: RegExpExecArray): boolean {
	if (hit.rule.farewell && ctx.anywhere('departure')) return false;
	if (hit.rule.medication && ctx.anywhere('medication')) return false;
	const span = ctx.spanOf(m);
	if (ctx.has('supportive', span.start, span.end)) return false;
	return true;
}

function bullyingCounts(ctx: MessageContext, m: RegExpExecArray, findings: Finding[]): boolean {
	const span = ctx.spanOf(m);
	const sentence = ctx.sentenceOf(span.start);
	// "people keep telling me to kys" is the writer being bullied
	if (
		findings.some(
			(f) =>
				f.rule.id === 'abuse.told_to_kill_myself' &&
				f.span.end >= span.start &&
				f.span.start <= span.end
		)
	) {
		return false;
	}
	if (isNegated(ctx, m, span)) return false;
	const subject = detectSubject(ctx, span.start - 1, sentence.start);
	if (subject === 'self') return false;
	if (span.start > sentence.start && ctx.has('supportive', sentence.start, span.start - 1))
		return false;
	return true;
}

// ───────────────────────────── escalation and result ─────────────────────────────

function describeSignals(hits: SignalHit[]): string {
	const byLabel = new Map<string, string[]>();
	for (const h of hits) {
		const quotes = byLabel.get(h.rule.label) ?? [];
		if (!quotes.includes(h.quote) && quotes.length < 3) quotes.push(h.quote);
		byLabel.set(h.rule.label, quotes);
	}
	return [...byLabel]
		.map(([label, quotes]) => `${label} (${quotes.map((q) => `'${q}'`).join(', ')})`)
		.join(' and ');
}

function applyEscalations(findings: Finding[], signals: SignalHit[], ctx: MessageContext): void {
	// signals alone first, so that what they make can be raised further ("grooming" + "now")
	for (const esc of ESCALATIONS) {
		if (esc.from !== null) continue;
		const matching = signals.filter((s) => esc.signals.includes(s.kind));
		if (new Set(matching.map((s) => s.source)).size < (esc.minSignals ?? 1)) continue;
		if (ctx.anywhere('media') || ctx.anywhere('supportive')) continue;
		findings.push(signalsOnlyFinding(esc, matching));
	}
	for (const esc of ESCALATIONS) {
		if (esc.from === null) continue;
		for (const f of findings) {
			if (!f.plain) continue;
			if (!esc.from.categories.includes(f.category) || !esc.from.levels.includes(f.level)) continue;
			if (levelRank(esc.to) <= levelRank(f.level)) continue;
			const matching = signals.filter(
				(s) => esc.signals.includes(s.kind) && !(f.rule.passive && s.kind === 'time')
			);
			if (new Set(matching.map((s) => s.source)).size < (esc.minSignals ?? 1)) continue;
			const raised = esc.reason
				.replace('{finding}', f.escalatedBy ?? f.rule.reason)
				.replace('{signals}', describeSignals(matching));
			f.level = esc.to;
			f.escalatedBy = raised;
		}
	}
}

function signalsOnlyFinding(esc: Escalation, hits: SignalHit[]): Finding {
	const category = esc.category ?? 'suicide';
	return {
		rule: { id: esc.id, category, level: esc.to, pattern: [], reason: esc.reason },
		category,
		level: esc.to,
		span: { start: 0, end: 0 },
		about: 'self',
		plain: true,
		notes: [],
		quote: '',
		escalatedBy: esc.reason.replace('{signals}', describeSignals(hits))
	};
}

const NONE: RiskAssessment = Object.freeze({
	level: 'none',
	categories: [],
	reasons: [],
	bullying: false
}) as RiskAssessment;

function emptyResult(): RiskAssessment {
	return { level: 'none', categories: [], reasons: [], bullying: false };
}

const NUMBER = /^[0-9]+$/;

/**
 * Anchor word positions per pattern: which patterns can match, and where to try them.
 * Arrays are reused across calls (the engine is synchronous), so a message allocates little.
 */
class Anchors {
	private stamp: Uint32Array;
	private counts: Uint32Array;
	private lists: number[][];
	private generation = 0;
	/** Ids of the patterns with at least one anchor word in this message. */
	readonly active: number[] = [];

	constructor(size: number) {
		this.stamp = new Uint32Array(size);
		this.counts = new Uint32Array(size);
		this.lists = Array.from({ length: size }, () => []);
	}

	reset() {
		this.active.length = 0;
		this.generation++;
		if (this.generation >= 0xfffffff0) {
			this.stamp.fill(0);
			this.generation = 1;
		}
	}

	note(ids: number[], at: number) {
		for (let k = 0; k < ids.length; k++) {
			const id = ids[k];
			if (this.stamp[id] !== this.generation) {
				this.stamp[id] = this.generation;
				this.active.push(id);
				this.lists[id][0] = at;
				this.counts[id] = 1;
			} else {
				const n = this.counts[id];
				const list = this.lists[id];
				if (list[n - 1] !== at) {
					list[n] = at;
					this.counts[id] = n + 1;
				}
			}
		}
	}

	/** The first `count` entries of `list` are the anchor positions of pattern `id`. */
	positions(id: number): { list: number[]; count: number } | undefined {
		return this.stamp[id] === this.generation
			? { list: this.lists[id], count: this.counts[id] }
			: undefined;
	}
}

function findAnchors(index: AnchorIndex, tokens: string[], into: Anchors): Anchors {
	into.reset();
	for (let i = 0; i < tokens.length; i++) {
		const t = tokens[i];
		const ids = index.byWord.get(t);
		if (ids) into.note(ids, i);
		if (t.charCodeAt(0) <= 57 && NUMBER.test(t)) {
			const numeric = index.byWord.get('#');
			if (numeric) into.note(numeric, i);
		}
		for (const len of index.prefixLengths) {
			if (t.length < len) break;
			const byPrefix = index.byPrefix.get(t.slice(0, len));
			if (byPrefix) into.note(byPrefix, i);
		}
	}
	return into;
}

let mainAnchors: Anchors | undefined;
let sharedCueAnchors: Anchors | undefined;

/** Signal kinds that can make a finding on their own (ESCALATIONS with `from: null`). */
const STANDALONE_SIGNALS: ReadonlySet<SignalKind> = new Set(
	ESCALATIONS.filter((esc) => esc.from === null).flatMap((esc) => esc.signals)
);

/** Assesses one text. Never throws for any string input. */
export function assessText(input: string): RiskAssessment {
	const e = getEngine();
	let text = input;
	if (text.length > MAX_EDGE_CHARS * 2) {
		text = `${text.slice(0, MAX_EDGE_CHARS)}\n.\n${text.slice(-MAX_EDGE_CHARS)}`;
	}
	const n = normalise(text);
	if (n.tokens.length === 0) return emptyResult();
	mainAnchors ??= new Anchors(e.entries.length);
	const anchors = findAnchors(e.main, n.tokens, mainAnchors);
	if (anchors.active.length === 0) return emptyResult();
	const ids = anchors.active;
	const ctx = new MessageContext(n, e, anchors);
	const findings: Finding[] = [];
	const signals: SignalHit[] = [];
	const bullyingMatches: { m: RegExpExecArray; reason: string }[] = [];

	// risk phrases and bullying first; then signals, and only the kinds that can still matter
	const signalIds: number[] = [];
	for (const id of ids) {
		const entry = e.entries[id];
		const owner = entry.owner;
		if (owner.kind === 'cue') continue;
		if (owner.kind === 'signal') {
			signalIds.push(id);
			continue;
		}
		let best: Finding | null = null;
		for (const m of ctx.matches(entry, MAX_MATCHES_PER_PATTERN)) {
			if (owner.kind === 'risk') {
				const f = evaluateMatch(ctx, owner.rule, m);
				if (f && (!best || levelRank(f.level) > levelRank(best.level))) best = f;
				if (best && best.plain) break;
			} else {
				bullyingMatches.push({ m, reason: owner.reason });
				break;
			}
		}
		if (best) findings.push(best);
	}
	// signals that can make a finding on their own first; the rest only raise findings
	for (const standalone of [true, false]) {
		if (!standalone && findings.length === 0 && signals.length === 0) break;
		for (const id of signalIds) {
			const owner = e.entries[id].owner;
			if (owner.kind !== 'signal' || STANDALONE_SIGNALS.has(owner.rule.kind) !== standalone)
				continue;
			for (const m of ctx.matches(e.entries[id], MAX_MATCHES_PER_PATTERN)) {
				const hit: SignalHit = { rule: owner.rule, source: id, kind: owner.rule.kind, quote: '' };
				if (signalCounts(ctx, hit, m)) {
					hit.quote = ctx.quote(ctx.spanOf(m));
					signals.push(hit);
					break;
				}
			}
		}
	}

	applyEscalations(findings, signals, ctx);

	// someone else's risk is one level lower for us, never below concern
	for (const f of findings) {
		if (f.about === 'other') f.level = LOWER[f.level];
	}

	let bullying = false;
	const reasons: string[] = [];
	for (const b of bullyingMatches) {
		if (bullyingCounts(ctx, b.m, findings)) {
			bullying = true;
			reasons.push(`bullying: ${b.reason} ('${ctx.quote(ctx.spanOf(b.m))}')`);
			break;
		}
	}

	if (findings.length === 0 && !bullying) return emptyResult();

	findings.sort((a, b) => levelRank(b.level) - levelRank(a.level));
	let level: RiskLevel = 'none';
	const categories: Category[] = [];
	const riskReasons: string[] = [];
	for (const f of findings) {
		if (levelRank(f.level) > levelRank(level)) level = f.level;
		if (!categories.includes(f.category)) categories.push(f.category);
		const base = f.escalatedBy ?? (f.quote ? `${f.rule.reason} ('${f.quote}')` : f.rule.reason);
		const reason = f.notes.length ? `${base} [${f.notes.join(', ')}]` : base;
		if (!riskReasons.includes(reason)) riskReasons.push(reason);
	}
	if (bullying) categories.push('bullying');
	return { level, categories, reasons: [...riskReasons, ...reasons], bullying };
}

export { NONE as NO_RISK };
