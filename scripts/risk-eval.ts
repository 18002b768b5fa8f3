/**
 * npm run risk:eval — scores assessRisk against the labelled tuning set and the held-out set
 * (tests/unit/safety/risk-cases*.ts) and prints per-level precision and recall, the
 * false-positive rate on `none`, and the confusion matrix, as markdown.
 *
 *   npm run --silent risk:eval              both sets, with the mismatches listed
 *   npm run --silent risk:eval -- --brief   figures only
 */
import { evaluate, formatEvaluation } from '../tests/unit/safety/risk-evaluation';
import { riskCases } from '../tests/unit/safety/risk-cases';
import { riskHoldoutCases } from '../tests/unit/safety/risk-cases-holdout';

const brief = process.argv.includes('--brief');
const tuning = evaluate(riskCases);
const holdout = evaluate(riskHoldoutCases);
const all = evaluate([...riskCases, ...riskHoldoutCases]);

console.log('# Risk assessment evaluation\n');
console.log(formatEvaluation('Tuning set', tuning, !brief));
console.log('');
console.log(formatEvaluation('Held-out set (never used to tune the rules)', holdout, !brief));
console.log('');
console.log(formatEvaluation('Both sets together', all, false));
