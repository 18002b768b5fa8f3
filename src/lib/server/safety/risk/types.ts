/** Self-risk levels, lowest first. */
export const RISK_LEVELS = ['none', 'concern', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What the risk is about. `bullying` is not self-risk: it marks content aimed at someone else. */
export const RISK_CATEGORIES = [
	'suicide',
	'self_harm',
	'abuse_disclosure',
	'harm_to_others',
	'eating_disorder',
	'low_mood',
	'bullying'
] as const;
export type Category = (typeof RISK_CATEGORIES)[number];

export interface RiskAssessment {
	/** The writer's (or a named friend's) risk. Bullying alone leaves this at `none`. */
	level: RiskLevel;
	categories: Category[];
	/** Human-readable, for staff: "wish to die ('i just wanna diiie')". */
	reasons: string[];
	/**
	 * True when the text tells someone else to kill or hurt themselves ("kys"): the caller
	 * blocks it as bullying. Always set by assessRisk; optional so a hand-made "no risk"
	 * value stays valid.
	 */
	bullying?: boolean;
}

export function levelRank(level: RiskLevel): number {
	return RISK_LEVELS.indexOf(level);
}

export function maxLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
	return levelRank(a) >= levelRank(b) ? a : b;
}
