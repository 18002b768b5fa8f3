/**
 * Scores assessRisk against labelled cases: per-level precision/recall, the false-positive
 * rate on `none`, the confusion matrix, category hits and bullying detection. Used by
 * `npm run risk:eval` (scripts/risk-eval.ts) and by risk-eval.test.ts.
 */
import {
	assessRisk,
	levelRank,
	RISK_LEVELS,
	type RiskAssessment,
	type RiskLevel
} from '../../../src/lib/server/safety/risk';
import type { RiskCase } from './risk-case-types';

export interface LevelScore {
	level: RiskLevel;
	support: number;
	predicted: number;
	precision: number;
	recall: number;
}

export interface Mistake {
	text: string;
	expected: RiskLevel;
	got: RiskLevel;
	expectedBullying: boolean;
	gotBullying: boolean;
	reasons: string[];
}

export interface Evaluation {
	total: number;
	perLevel: LevelScore[];
	/** Of the cases labelled high or imminent, the share predicted high or imminent. */
	highOrImminentRecall: number;
	/** Of the cases labelled none, the share predicted anything but none. */
	falsePositiveRateOnNone: number;
	/** Of the hard negatives, the share predicted anything but none. */
	falsePositiveRateOnHardNegatives: number;
	/** Imminent cases predicted below high. */
	imminentBelowHigh: number;
	/** confusion[expected][predicted] */
	confusion: Record<RiskLevel, Record<RiskLevel, number>>;
	/** Of non-none cases predicted non-none, the share whose categories include an expected one. */
	categoryHitRate: number;
	bullyingRecall: number;
	bullyingFalsePositives: number;
	mistakes: Mistake[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function evaluate(
	cases: RiskCase[],
	assess: (text: string) => RiskAssessment = assessRisk
): Evaluation {
	const confusion = Object.fromEntries(
		RISK_LEVELS.map((e) => [e, Object.fromEntries(RISK_LEVELS.map((p) => [p, 0]))])
	) as Evaluation['confusion'];
	const mistakes: Mistake[] = [];
	let catChecked = 0;
	let catHit = 0;
	let bullyingExpected = 0;
	let bullyingFound = 0;
	let bullyingFalse = 0;
	let hard = 0;
	let hardFalse = 0;
	let imminentBelowHigh = 0;
	for (const c of cases) {
		const result = assess(c.text);
		confusion[c.level][result.level]++;
		const gotBullying = result.bullying === true;
		if (c.bullying) {
			bullyingExpected++;
			if (gotBullying) bullyingFound++;
		} else if (gotBullying) {
			bullyingFalse++;
		}
		if (c.hard) {
			hard++;
			if (result.level !== 'none') hardFalse++;
		}
		if (c.level === 'imminent' && levelRank(result.level) < levelRank('high')) imminentBelowHigh++;
		if (c.level !== 'none' && result.level !== 'none' && c.categories?.length) {
			catChecked++;
			if (c.categories.some((cat) => result.categories.includes(cat))) catHit++;
		}
		if (result.level !== c.level || gotBullying !== (c.bullying === true)) {
			mistakes.push({
				text: c.text,
				expected: c.level,
				got: result.level,
				expectedBullying: c.bullying === true,
				gotBullying,
				reasons: result.reasons
			});
		}
	}
	const perLevel = RISK_LEVELS.map((level) => {
		const support = RISK_LEVELS.reduce((n, p) => n + confusion[level][p], 0);
		const predicted = RISK_LEVELS.reduce((n, e) => n + confusion[e][level], 0);
		return {
			level,
			support,
			predicted,
			precision: ratio(confusion[level][level], predicted),
			recall: ratio(confusion[level][level], support)
		};
	});
	const serious: RiskLevel[] = ['high', 'imminent'];
	const seriousSupport = serious.reduce(
		(n, e) => n + RISK_LEVELS.reduce((m, p) => m + confusion[e][p], 0),
		0
	);
	const seriousFound = serious.reduce((n, e) => n + confusion[e].high + confusion[e].imminent, 0);
	const noneSupport = RISK_LEVELS.reduce((n, p) => n + confusion.none[p], 0);
	return {
		total: cases.length,
		perLevel,
		highOrImminentRecall: ratio(seriousFound, seriousSupport),
		falsePositiveRateOnNone: noneSupport === 0 ? 0 : 1 - confusion.none.none / noneSupport,
		falsePositiveRateOnHardNegatives: hard === 0 ? 0 : hardFalse / hard,
		imminentBelowHigh,
		confusion,
		categoryHitRate: ratio(catHit, catChecked),
		bullyingRecall: ratio(bullyingFound, bullyingExpected),
		bullyingFalsePositives: bullyingFalse,
		mistakes
	};
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A markdown report. */
export function formatEvaluation(title: string, e: Evaluation, showMistakes = true): string {
	const lines: string[] = [`## ${title} (${e.total} cases)`, ''];
	lines.push(
		'| level | cases | predicted | precision | recall |',
		'| --- | ---: | ---: | ---: | ---: |'
	);
	for (const s of e.perLevel) {
		lines.push(
			`| ${s.level} | ${s.support} | ${s.predicted} | ${pct(s.precision)} | ${pct(s.recall)} |`
		);
	}
	lines.push(
		'',
		`- recall of high+imminent (predicted high or imminent): ${pct(e.highOrImminentRecall)}`,
		`- imminent cases scored below high: ${e.imminentBelowHigh}`,
		`- false-positive rate on none: ${pct(e.falsePositiveRateOnNone)} (hard negatives alone: ${pct(e.falsePositiveRateOnHardNegatives)})`,
		`- category hit rate (flagged cases with an expected category): ${pct(e.categoryHitRate)}`,
		`- bullying recall: ${pct(e.bullyingRecall)}, bullying false positives: ${e.bullyingFalsePositives}`,
		'',
		'Confusion matrix (rows: expected, columns: predicted)',
		'',
		`| expected \\ predicted | ${RISK_LEVELS.join(' | ')} |`,
		`| --- | ${RISK_LEVELS.map(() => '---:').join(' | ')} |`
	);
	for (const exp of RISK_LEVELS) {
		lines.push(`| ${exp} | ${RISK_LEVELS.map((p) => e.confusion[exp][p]).join(' | ')} |`);
	}
	if (showMistakes && e.mistakes.length) {
		lines.push('', `Mismatches (${e.mistakes.length}):`, '');
		for (const m of e.mistakes) {
			const bully =
				m.expectedBullying !== m.gotBullying
					? ` bullying ${m.expectedBullying}→${m.gotBullying}`
					: '';
			lines.push(
				`- expected ${m.expected}, got ${m.got}${bully}: ${JSON.stringify(m.text)} ${m.reasons.length ? `— ${m.reasons.join('; ')}` : ''}`
			);
		}
	}
	return lines.join('\n');
}
