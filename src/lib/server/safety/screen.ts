/**
 * screen(): the one safety decision every write path asks for, before anything is stored.
 *
 *   block   not stored; the author is told why (bullying, a watched word set to block)
 *   hold    stored as `held` for a youth worker (high/imminent risk, personal information,
 *           watched words set to hold); the author is told it is waiting for a youth worker
 *   publish shown to others (concern-level risk is published, flagged to staff and signposted)
 *
 * It never throws: anything going wrong inside fails closed (hold) and is logged.
 */
import type { Role } from '../db/schema';
import type { Database } from '../db';
import { log } from '../log';
import { isStaff } from '../policy';
import { findPersonalInfo, type PersonalInfoFinding } from './personal-info';
import { assessRisk, type RiskAssessment, type RiskLevel } from './risk';
import { censor, type WatchedWordHit } from './watched-words';
import { currentWatchList } from './watch-list';

export type ContentKind =
	| 'forum_post'
	| 'forum_reply'
	| 'thread_title'
	| 'chat_message'
	| 'idea'
	| 'comment'
	| 'profile'
	| 'report_note';

export interface ScreenInput {
	text: string;
	author: { id: number; roles: readonly Role[] };
	context: { kind: ContentKind };
}

export type Signposting = 'crisis' | 'gentle' | null;

/** What the author is shown for words at this level of risk. */
export function signpostingFor(level: RiskLevel): Signposting {
	if (level === 'high' || level === 'imminent') return 'crisis';
	return level === 'concern' ? 'gentle' : null;
}

export interface ScreeningDecision {
	action: 'publish' | 'hold' | 'block';
	risk: RiskAssessment;
	/** Machine-readable reasons for staff: risk_imminent, personal_info, watched_word, bullying, … */
	reasons: string[];
	/** The text to store: the original, with any censored words starred out. */
	text: string;
	/** Raise a safeguarding alert (high/imminent risk). */
	alert: boolean;
	/** Flag to staff without holding (concern-level risk, watched words set to flag). */
	staffFlag: boolean;
	/** What the author should see alongside the outcome. */
	signposting: Signposting;
	/** What to tell the author when the content is held or blocked. */
	authorMessage: string | null;
	personalInfo: PersonalInfoFinding[];
	watchedWords: WatchedWordHit[];
}

export const HELD_MESSAGE =
	'Thanks for sharing. Your message is waiting for a youth worker to check it before others can see it.';
export const BULLYING_MESSAGE =
	'This was not posted: telling someone to hurt or kill themselves is never okay here, even as a joke.';
export const BLOCKED_WORD_MESSAGE =
	'This was not posted because it includes language that is not allowed here. Please reword it.';

const NO_RISK: RiskAssessment = { level: 'none', categories: [], reasons: [] };

export async function screen(db: Database, input: ScreenInput): Promise<ScreeningDecision> {
	try {
		return await decide(db, input);
	} catch (error) {
		log.error(
			{ err: error, authorId: input.author.id, kind: input.context.kind },
			'screening failed: holding for review'
		);
		return {
			action: 'hold',
			risk: NO_RISK,
			reasons: ['screening_error'],
			text: typeof input.text === 'string' ? input.text : '',
			alert: false,
			staffFlag: true,
			signposting: null,
			authorMessage: HELD_MESSAGE,
			personalInfo: [],
			watchedWords: []
		};
	}
}

async function decide(db: Database, { text, author }: ScreenInput): Promise<ScreeningDecision> {
	const staff = isStaff({ id: author.id, roles: author.roles });
	const risk = assessRisk(text);
	const watched = (await currentWatchList(db)).match(text);
	const personalInfo = staff ? [] : findPersonalInfo(text);

	const reasons: string[] = [];
	if (risk.level !== 'none') reasons.push(`risk_${risk.level}`);
	if (risk.bullying) reasons.push('bullying');
	for (const w of watched) reasons.push(`watched_word:${w.action}`);
	if (personalInfo.length) reasons.push('personal_info');

	const highRisk = risk.level === 'high' || risk.level === 'imminent';
	const signposting = signpostingFor(risk.level);
	const base = {
		risk,
		reasons: [...new Set(reasons)],
		alert: highRisk,
		signposting,
		personalInfo,
		watchedWords: watched
	};

	// Bullying and block-listed words are refused outright, unless the writer is also at risk:
	// then we hold (so a youth worker sees it) rather than turn someone in crisis away.
	const blockWord = watched.some((w) => w.action === 'block');
	if ((risk.bullying || blockWord) && !highRisk && !staff) {
		return {
			...base,
			action: 'block',
			text,
			staffFlag: true,
			authorMessage: risk.bullying ? BULLYING_MESSAGE : BLOCKED_WORD_MESSAGE
		};
	}

	const holdWord = watched.some((w) => w.action === 'hold' || w.action === 'block');
	if (highRisk || personalInfo.length > 0 || (holdWord && !staff)) {
		return {
			...base,
			action: 'hold',
			text: censor(text, watched),
			staffFlag: true,
			authorMessage: HELD_MESSAGE
		};
	}

	return {
		...base,
		action: 'publish',
		text: censor(text, watched),
		staffFlag: risk.level === 'concern' || watched.some((w) => w.action === 'flag'),
		authorMessage: null
	};
}
