/**
 * The risk engine's quality bar, on the labelled sets (read risk-cases.ts for the labelling
 * choices). `npm run --silent risk:eval` prints the full report with every mismatch.
 */
import { describe, expect, it } from 'vitest';
import { RISK_CATEGORIES, RISK_LEVELS } from '../../../src/lib/server/safety/risk';
import { riskCases } from './risk-cases';
import { riskHoldoutCases } from './risk-cases-holdout';
import { evaluate, formatEvaluation, type Evaluation } from './risk-evaluation';

function concernRecall(e: Evaluation) {
	return e.perLevel.find((s) => s.level === 'concern')?.recall ?? 0;
}

function expectTargets(name: string, e: Evaluation) {
	const report = formatEvaluation(name, e);
	expect(e.highOrImminentRecall, report).toBeGreaterThanOrEqual(0.95);
	expect(e.imminentBelowHigh, report).toBe(0);
	expect(e.falsePositiveRateOnNone, report).toBeLessThanOrEqual(0.05);
	expect(concernRecall(e), report).toBeGreaterThanOrEqual(0.8);
}

describe('the labelled sets', () => {
	const all = [...riskCases, ...riskHoldoutCases];

	it('have at least 450 cases, a fifth of them held out', () => {
		expect(all.length).toBeGreaterThanOrEqual(450);
		expect(riskHoldoutCases.length / all.length).toBeGreaterThanOrEqual(0.18);
	});

	it('are at least a third hard negatives', () => {
		expect(all.filter((c) => c.hard).length / all.length).toBeGreaterThanOrEqual(1 / 3);
	});

	it('cover every level and every category', () => {
		for (const level of RISK_LEVELS)
			expect(
				all.some((c) => c.level === level),
				level
			).toBe(true);
		for (const category of RISK_CATEGORIES) {
			const covered =
				category === 'bullying'
					? all.some((c) => c.bullying)
					: all.some((c) => c.categories?.includes(category));
			expect(covered, category).toBe(true);
		}
	});

	it('have no duplicate texts', () => {
		const texts = all.map((c) => c.text.toLowerCase());
		expect(new Set(texts).size).toBe(texts.length);
	});
});

describe('risk assessment quality', () => {
	it('meets the targets on the tuning set', () => {
		expectTargets('Tuning set', evaluate(riskCases));
	});

	it('meets the targets on both sets together', () => {
		expectTargets('Both sets', evaluate([...riskCases, ...riskHoldoutCases]));
	});

	it('on the held-out set, never misses serious risk', () => {
		// The held-out set is small (51 `none` cases: one false alarm is 2%), so only the
		// safety-critical targets are enforced here; the figures are in docs/safety-screening.md.
		const e = evaluate(riskHoldoutCases);
		const report = formatEvaluation('Held-out set', e);
		expect(e.highOrImminentRecall, report).toBeGreaterThanOrEqual(0.95);
		expect(e.imminentBelowHigh, report).toBe(0);
		expect(concernRecall(e), report).toBeGreaterThanOrEqual(0.8);
		expect(e.falsePositiveRateOnNone, report).toBeLessThanOrEqual(0.1);
	});

	it('flags bullying without calling it self-risk', () => {
		const e = evaluate([...riskCases, ...riskHoldoutCases]);
		expect(e.bullyingRecall).toBeGreaterThanOrEqual(0.9);
		expect(e.bullyingFalsePositives).toBe(0);
	});
});
