import type { Category, RiskLevel } from '../../../src/lib/server/safety/risk';

/**
 * One labelled message for the risk evaluation.
 *
 * - `level` is the self-risk level a careful youth worker would give it.
 * - `categories` lists the acceptable categories: the prediction counts as a category hit
 *   when it includes at least one of them (a message about bleach can fairly be suicide or
 *   self_harm). Empty for `none`.
 * - `bullying` marks messages aimed at someone else ("kys"): self-risk `none`, but the
 *   caller must block them as bullying.
 * - `hard` marks hard negatives: figurative, supportive, recovery, jokes, lyrics, gaming.
 */
export interface RiskCase {
	text: string;
	level: RiskLevel;
	categories?: Category[];
	bullying?: boolean;
	hard?: boolean;
}
