/**
 * The safety decision for one forum write: every piece of text in it (title, body, content
 * warning) goes through screen(), the strictest answer wins (but a part at high or imminent risk
 * holds the post rather than let another part's refused words turn its writer away), and a new member's first posts are
 * held for a youth worker even when screening would publish them (their edits too).
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import type { Database } from '../db';
import { forumPosts, type Role } from '../db/schema';
import { isStaff } from '../policy';
import { CONTENT_WARNINGS } from '../../forum';
import { getSettings } from '../settings';
import { levelRank, type RiskAssessment } from '../safety/risk';
import {
	screen,
	type ContentKind,
	type ScreeningDecision,
	type Signposting
} from '../safety/screen';

export type ScreenedField = 'title' | 'body' | 'contentWarning';

export interface ScreenedPart {
	field: ScreenedField;
	text: string;
	kind: ContentKind;
	/**
	 * Names a topic rather than saying how the writer feels (a content warning such as "self-harm
	 * mention"): abuse, blocked or held words and personal information count as anywhere else,
	 * but naming the topic is not a sign of risk. The post's body is screened in full.
	 */
	topicLabel?: boolean;
}

/**
 * The content warning to screen: none for one of ours (CONTENT_WARNINGS, our own words), the
 * author's own words as a topic label.
 */
export function contentWarningPart(warning: string | null, kind: ContentKind): ScreenedPart[] {
	if (!warning || (CONTENT_WARNINGS as readonly string[]).includes(warning)) return [];
	return [{ field: 'contentWarning', text: warning, kind, topicLabel: true }];
}

export interface ForumDecision {
	action: 'publish' | 'hold' | 'block';
	/** The field whose words were refused, when blocked. */
	blockedField: ScreenedField | null;
	risk: RiskAssessment;
	/** For staff: risk_high, personal_info, watched_word:hold, new_member, … */
	reasons: string[];
	/** Each part as it may be stored (watched words set to censor starred out). */
	texts: Partial<Record<ScreenedField, string>>;
	alert: boolean;
	staffFlag: boolean;
	signposting: Signposting;
	/** What to tell the author when it is held or blocked. */
	authorMessage: string | null;
}

export const NEW_MEMBER_REASON = 'new_member';
/** An edit of a post a youth worker had edited (approve with edit): it waits for a youth worker. */
export const AFTER_STAFF_EDIT_REASON = 'after_staff_edit';
export const AFTER_STAFF_EDIT_MESSAGE =
	'A youth worker edited this post before, so a youth worker reads your changes before everyone can see them. Until then it shows as “Waiting for a youth worker”.';
export const NEW_MEMBER_MESSAGE =
	'Thanks for posting! Because you are new here, a youth worker reads your first few posts before everyone can see them. Until then it shows as “Waiting for a youth worker”.';

interface Author {
	id: number;
	roles: readonly Role[];
}

export async function screenForumWrite(
	db: Database,
	author: Author,
	parts: ScreenedPart[],
	{ premoderate }: { premoderate: boolean }
): Promise<ForumDecision> {
	const present = parts.filter((p) => p.text.length > 0);
	const decisions = await Promise.all(
		present.map(async (part) => {
			const decision = await screen(db, { text: part.text, author, context: { kind: part.kind } });
			return { part, decision: part.topicLabel ? asTopicLabel(decision) : decision };
		})
	);
	const combined = combine(decisions);
	if (combined.action === 'block' || !premoderate) return combined;
	if (!(await isStillNew(db, author))) return combined;
	return heldForReview(combined, NEW_MEMBER_REASON, NEW_MEMBER_MESSAGE);
}

/**
 * The decision, held for a youth worker with one more reason (unless it is blocked). The author is
 * told `message` unless screening already held it and said why.
 */
export function heldForReview(
	decision: ForumDecision,
	reason: string,
	message: string
): ForumDecision {
	if (decision.action === 'block') return decision;
	return {
		...decision,
		action: 'hold',
		reasons: [...new Set([...decision.reasons, reason])],
		authorMessage: decision.action === 'hold' ? decision.authorMessage : message
	};
}

/** Whether this author's posts still wait for a youth worker (fewer than N ever published). */
async function isStillNew(db: Database, author: Author): Promise<boolean> {
	if (isStaff(author)) return false;
	const { premoderatePosts } = await getSettings(db);
	if (premoderatePosts === 0) return false;
	const published = db
		.select({ one: sql`1` })
		.from(forumPosts)
		.where(and(eq(forumPosts.authorId, author.id), isNotNull(forumPosts.publishedAt)))
		.limit(premoderatePosts)
		.as('published');
	const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(published);
	return (row?.n ?? 0) < premoderatePosts;
}

const NO_RISK: RiskAssessment = { level: 'none', categories: [], reasons: [] };

/** A topic label's decision without the self-risk part (see ScreenedPart.topicLabel). */
function asTopicLabel(decision: ScreeningDecision): ScreeningDecision {
	if (decision.action === 'block') return decision;
	const reasons = decision.reasons.filter((r) => !r.startsWith('risk_'));
	const heldForOtherReasons =
		decision.action === 'hold' &&
		(decision.personalInfo.length > 0 ||
			decision.watchedWords.some((w) => w.action === 'hold' || w.action === 'block') ||
			reasons.includes('screening_error'));
	return {
		...decision,
		action: heldForOtherReasons ? 'hold' : 'publish',
		risk: NO_RISK,
		reasons,
		alert: false,
		signposting: null,
		staffFlag: heldForOtherReasons || decision.watchedWords.some((w) => w.action === 'flag'),
		authorMessage: heldForOtherReasons ? decision.authorMessage : null
	};
}

const ACTION_RANK = { publish: 0, hold: 1, block: 2 } as const;
const SIGNPOSTING_RANK = { crisis: 2, gentle: 1 } as const;

function combine(decisions: { part: ScreenedPart; decision: ScreeningDecision }[]): ForumDecision {
	const worst = decisions.reduce<(typeof decisions)[number] | null>(
		(a, b) => (!a || ACTION_RANK[b.decision.action] > ACTION_RANK[a.decision.action] ? b : a),
		null
	);
	const riskiest = decisions.reduce<ScreeningDecision | null>(
		(a, { decision }) =>
			!a || levelRank(decision.risk.level) > levelRank(a.risk.level) ? decision : a,
		null
	);
	const signposting = decisions
		.map((d) => d.decision.signposting)
		.reduce<Signposting>(
			(a, b) => ((b ? SIGNPOSTING_RANK[b] : 0) > (a ? SIGNPOSTING_RANK[a] : 0) ? b : a),
			null
		);
	const alerting = decisions.find((d) => d.decision.alert);
	// As screen() does within one text: words refused outright (bullying, a blocked word) in one
	// part never turn away a writer whose other part shows high or imminent risk. The whole post is
	// held instead, so the alert is raised with its words and a youth worker reads all of it.
	const action =
		worst?.decision.action === 'block' && alerting ? 'hold' : (worst?.decision.action ?? 'publish');
	return {
		action,
		blockedField: action === 'block' ? (worst?.part.field ?? null) : null,
		risk: {
			level: riskiest?.risk.level ?? 'none',
			categories: [...new Set(decisions.flatMap((d) => d.decision.risk.categories))],
			reasons: [...new Set(decisions.flatMap((d) => d.decision.risk.reasons))],
			bullying: decisions.some((d) => d.decision.risk.bullying)
		},
		reasons: [...new Set(decisions.flatMap((d) => d.decision.reasons))],
		texts: Object.fromEntries(decisions.map((d) => [d.part.field, d.decision.text])),
		alert: decisions.some((d) => d.decision.alert),
		staffFlag: decisions.some((d) => d.decision.staffFlag),
		signposting,
		authorMessage:
			action === 'publish'
				? null
				: action === worst?.decision.action
					? worst.decision.authorMessage
					: (alerting?.decision.authorMessage ?? null)
	};
}
