/**
 * Risk assessment for everything people write on Together.
 *
 *   assessRisk("i want to die")
 *   → { level: 'high', categories: ['suicide'], reasons: ["wish to die ('i want to die')"], bullying: false }
 *
 * Rules, not a model: see docs/safety-screening.md and ./lexicon. Plain TypeScript with no
 * imports from outside this folder, so scripts and tests can use it directly.
 */
import { assessText } from './engine';
import type { RiskAssessment } from './types';

export { RISK_CATEGORIES, RISK_LEVELS, levelRank, maxLevel } from './types';
export type { Category, RiskAssessment, RiskLevel } from './types';
export { compileLexicon, MAX_EDGE_CHARS } from './engine';
export { normalise } from './normalise';

/**
 * Assesses a text for self-risk (level + categories + reasons) and bullying. Never throws
 * for any input: non-strings, empty or huge strings, binary junk and broken Unicode all
 * give a result. Texts longer than 2 × MAX_EDGE_CHARS are assessed on their first and last
 * MAX_EDGE_CHARS characters.
 */
export function assessRisk(text: string): RiskAssessment {
	if (typeof text !== 'string') {
		text = text === null || text === undefined ? '' : safeString(text);
	}
	return assessText(text);
}

/** What assessRiskSafe returns if assessment itself fails: flagged for a person to look at. */
export const ASSESSMENT_FAILED: Readonly<RiskAssessment> = Object.freeze({
	level: 'concern',
	categories: [],
	reasons: ['risk assessment failed: flagged for a person to check'],
	bullying: false
});

/**
 * assessRisk that cannot throw even if the lexicon itself is broken: on an internal error
 * it returns ASSESSMENT_FAILED (concern, so staff see it) instead of throwing.
 */
export function assessRiskSafe(text: unknown): RiskAssessment {
	try {
		return assessRisk(typeof text === 'string' ? text : safeString(text));
	} catch {
		return { ...ASSESSMENT_FAILED, categories: [], reasons: [...ASSESSMENT_FAILED.reasons] };
	}
}

function safeString(value: unknown): string {
	if (value === null || value === undefined) return '';
	try {
		return String(value);
	} catch {
		return '';
	}
}
