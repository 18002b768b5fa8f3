/** The shapes of the lexicon's data files. Patterns use the language described in ../pattern.ts. */
import type { Category, RiskLevel } from '../types';

export type RiskCategory = Exclude<Category, 'bullying'>;

/**
 * Who the matched words are about.
 * - self: the writer (the pattern says "myself", "me", "my"…)
 * - other: someone else (the pattern says "herself", "he wants to"…)
 * - detect: look back in the sentence for the nearest I / you / he, she, my friend…;
 *   nothing found means the writer.
 */
export type Subject = 'self' | 'other' | 'detect';

export interface RiskRule {
	/** Stable id, used in tests and logs: `suicide.wish_to_die`. */
	id: string;
	category: RiskCategory;
	/** The level when the writer says it plainly about themselves, now. */
	level: Exclude<RiskLevel, 'none'>;
	pattern: string | string[];
	/** For staff, short: "wish to die". The matched words are quoted after it. */
	reason: string;
	/** Default 'detect'. */
	about?: Subject;
	/**
	 * Often said figuratively ("kill me now", "i give up"): next to something trivial or a
	 * laugh it counts for nothing, instead of being capped at concern.
	 */
	idiom?: boolean;
	/** Says it is happening now or again ("relapsed"): past/recovery cues do not lower it. */
	current?: boolean;
	/** The pattern holds its own negation ("dont want to live"): skip the negation check. */
	negated?: boolean;
	/** A passive wish ("not wake up"): a time does not raise it, only the means, a plan or a goodbye. */
	passive?: boolean;
	/** A goodbye: a benign departure ("see you after the holidays") makes it nothing. */
	farewell?: boolean;
	/** About taking pills: ordinary medicine-taking ("like the doctor said") makes it nothing. */
	medication?: boolean;
}

/**
 * Signals are not risk on their own; they raise a risk found elsewhere in the message (see
 * ESCALATIONS) or, several together, make one.
 */
export type SignalKind = 'time' | 'now' | 'means' | 'plan' | 'farewell' | 'emergency' | 'grooming';

export interface SignalRule {
	id: string;
	kind: SignalKind;
	pattern: string | string[];
	/** How the reason names it: "a time", "the means". The matched words are quoted after it. */
	label: string;
	/** A benign departure or ordinary medicine-taking makes this signal not count. */
	farewell?: boolean;
	medication?: boolean;
}

export interface Escalation {
	id: string;
	/** Raise a finding of one of these categories at one of these levels (null: signals alone). */
	from: { categories: RiskCategory[]; levels: RiskLevel[] } | null;
	/** Any of these signal kinds… */
	signals: SignalKind[];
	/** …from at least this many different signal rules (default 1). */
	minSignals?: number;
	to: Exclude<RiskLevel, 'none'>;
	/** For escalations from signals alone. */
	category?: RiskCategory;
	/** "{finding}" is the raised finding's reason, "{signals}" the signals' labels and words. */
	reason: string;
}

export interface BullyingRule {
	id: string;
	pattern: string | string[];
	reason: string;
}
