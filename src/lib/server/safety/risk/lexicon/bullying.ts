/**
 * Telling someone else to kill or hurt themselves. This is bullying, not self-risk: the
 * caller blocks it. It is not bullying when it is negated or advice ("please don't hurt
 * yourself", "don't kill yourself revising"), an idiom ("you'll kill yourself laughing"),
 * or the writer reporting it being said to them ("people keep telling me to kys": that is
 * the abuse_disclosure rule 'abuse.told_to_kill_myself').
 */
import type { BullyingRule } from './schema';

export const BULLYING_RULES: BullyingRule[] = [
	{
		id: 'bullying.kill_yourself',
		reason: 'tells someone to kill themselves',
		pattern: [
			'(kill|unalive|neck|end|hang|top|off|shoot|drown) (yourself|yourselves|urself|ur self|your self|yoself) !(laughing|revising|working|trying|with laughter|over|for a)',
			'(go|just|pls|please|should|better|need to|gonna|going to) (go)? (die|cut yourself|cut urself|self harm|jump off|jump of|jump in front) ',
			'(slit|cut) (your|ur) (wrists|throat)',
			'(hope|hoping|wish|pray) (you|u|ya|he|she|they) (die|dies|get cancer|got cancer|drop dead|rot)',
			'why (dont|do not|cant) (you|u) (just)? (die|kill yourself|disappear)',
			'(you|u|ya) (should|shud|deserve to|need to|ought to|better) (just)? (die|drop dead|not exist|not be alive|be dead)',
			'(drink|drinking|drinks) (some)? (bleach|poison|antifreeze)',
			'(no one|nobody|noone|world) (would|will|wud)? (miss|care about|be better without|better without|notice) (you|u|ya)',
			'(everyone|world|everybody) (would|will)? be (better|happier) (off)? without (you|u|ya)',
			'do (us|everyone|the world|everybody) a favour and (die|kill yourself|disappear|leave)',
			'(die in a hole|drop dead|go die)'
		]
	}
];
