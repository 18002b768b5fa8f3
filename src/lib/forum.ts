/**
 * What the forum's pages and its live events share with the browser: the limits a form checks
 * as someone types, the content warnings an author can choose, and the shape of a post as a reader
 * sees it. Server-only rules live in $lib/server/forum and $lib/server/content.
 */

export const TITLE_MAX = 150;
export const TITLE_MIN = 3;
export const BODY_MAX = 20_000;
export const CONTENT_WARNING_MAX = 40;

/** Threads per category page, posts per thread page, results per search page. */
export const THREADS_PER_PAGE = 20;
export const POSTS_PER_PAGE = 50;
export const RESULTS_PER_PAGE = 20;
/**
 * Search ranks at most this many matches, the newest: a word in a quarter of all posts would
 * otherwise rank tens of thousands of them for every search. 25 pages of results.
 */
export const SEARCH_MATCH_LIMIT = 500;
export const SEARCH_MAX_PAGES = SEARCH_MATCH_LIMIT / RESULTS_PER_PAGE;

/** The warnings offered in the form; an author may also write their own. */
export const CONTENT_WARNINGS = [
	'self-harm',
	'suicide',
	'racism',
	'abuse',
	'eating and food',
	'grief'
] as const;

/** Every link in a post, and the leaving page's onward link, carries this. */
export const LINK_REL = 'nofollow ugc noopener noreferrer';

/** Shown to an author (and staff) on a post that waits for a youth worker. */
export const WAITING_LABEL = 'Waiting for a youth worker';

export type PostStatus = 'published' | 'held' | 'hidden' | 'deleted';

export interface PostAuthor {
	id: number | null;
	/** "Former member" once the account is gone. */
	username: string;
	staff: boolean;
}

/** A post as the person looking at it may see it (peers never get held or hidden ones). */
export interface PostView {
	id: number;
	threadId: number;
	author: PostAuthor;
	status: PostStatus;
	/** Sanitised at write time; empty for a post removed by its author. */
	html: string;
	contentWarning: string | null;
	/** ISO times, so the same value serialises through load data and socket events. */
	createdAt: string;
	publishedAt: string | null;
	editedAt: string | null;
	/** When it appeared (or was written, while waiting), in UK time: "26 Nov 2026, 18:05". */
	timeLabel: string;
	opening: boolean;
	/** What it quotes (a published post), with that post's warning so the excerpt folds too. */
	quote: {
		postId: number;
		username: string;
		excerpt: string;
		contentWarning: string | null;
	} | null;
	/** Removed by a youth worker rather than by its author (only meaningful when deleted). */
	removedByStaff: boolean;
	/** Supportive reactions: counts for everyone, and which of them are the viewer's own. */
	reactions: PostReactions;
	/** The Markdown, only on the viewer's own posts in a page load (for the edit form). */
	source?: string;
}

/** A post in a page's list, whose HTML comes separately (PostBodies, $lib/post-bodies). */
export type ListedPost = Omit<PostView, 'html'>;

/**
 * Supportive reactions instead of likes, in the words the buttons show. Counts only: nobody sees
 * who reacted, and nothing is ever sorted or ranked by them.
 */
export const REACTION_LABELS = {
	love: 'Sending love',
	me_too: 'Me too',
	helped: 'This helped',
	proud: 'Proud of you'
} as const;

export type ReactionKey = keyof typeof REACTION_LABELS;

export const REACTION_KEYS = Object.keys(REACTION_LABELS) as ReactionKey[];

export type ReactionCounts = Record<ReactionKey, number>;

export interface PostReactions {
	counts: ReactionCounts;
	/** The kinds the person looking has given (empty in live events, which go to everyone). */
	mine: ReactionKey[];
}

export function noReactions(): PostReactions {
	return { counts: { love: 0, me_too: 0, helped: 0, proud: 0 }, mine: [] };
}

/** `forum:reactions` on `thread:<id>`: a post's new counts (never who reacted). */
export interface ReactionsEvent {
	threadId: number;
	postId: number;
	counts: ReactionCounts;
}

/** A member's choices about content warnings (defaults: every warned post starts folded). */
export interface WarningPreferences {
	/** Open warned posts without asking… */
	openWarnings: boolean;
	/** …except these, which always stay folded (compared trimmed and case-insensitively). */
	alwaysCollapse: string[];
}

export const DEFAULT_WARNING_PREFERENCES: WarningPreferences = {
	openWarnings: false,
	alwaysCollapse: []
};

/** How many of their own words a member may add to "always keep these folded". */
export const OWN_COLLAPSE_WORDS_MAX = 10;

/** A warning as compared with a member's list: trimmed, spaces collapsed, case-insensitive. */
export function normaliseWarning(warning: string): string {
	return warning.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Whether words behind this warning start folded for this person (a post, quote or excerpt). */
export function warningFolds(
	warning: string | null | undefined,
	preferences: WarningPreferences = DEFAULT_WARNING_PREFERENCES
): boolean {
	if (!warning) return false;
	if (!preferences.openWarnings) return true;
	const wanted = normaliseWarning(warning);
	return preferences.alwaysCollapse.some((w) => normaliseWarning(w) === wanted);
}

export const REMOVED_BY_AUTHOR = 'Removed by its author.';
export const REMOVED_BY_STAFF = 'Removed by a youth worker.';

/** How staff read the reasons screening and pre-moderation give for holding a post. */
const REASON_LABELS: Record<string, string> = {
	new_member: 'New member (first posts)',
	after_staff_edit: 'Edited after a youth worker’s edit',
	muted: 'Written while muted',
	personal_info: 'Personal information',
	risk_imminent: 'Imminent risk',
	risk_high: 'High risk',
	risk_concern: 'Concern',
	bullying: 'Bullying',
	'watched_word:hold': 'Watched word',
	'watched_word:block': 'Watched word (block)',
	'watched_word:censor': 'Watched word (censored)',
	'watched_word:flag': 'Watched word (flagged)',
	screening_error: 'Screening failed, so held to be safe'
};

export function reasonLabel(reason: string): string {
	return REASON_LABELS[reason] ?? reason;
}

/** Live events on `thread:<id>` (published posts only) and `user:<id>` (the author's own). */
export const FORUM_EVENTS = {
	post: 'forum:post',
	postChanged: 'forum:post-changed',
	reactions: 'forum:reactions',
	/** A youth worker pinned, locked, moved, slowed or closed the thread: open pages refetch. */
	threadChanged: 'forum:thread-changed',
	/** Something new anyone may read in a category (`category:<id>`): open lists offer to refresh. */
	categoryActivity: 'forum:category-activity',
	queueChanged: 'mod:queue-changed'
} as const;

/**
 * `forum:category-activity` on `category:<id>`: a conversation started or a reply posted there,
 * only ever once it is published in a published conversation (never held or hidden ones).
 */
export interface CategoryActivityEvent {
	categoryId: number;
	threadId: number;
	postId: number;
	kind: 'thread' | 'reply';
}

/** "1 new conversation", "2 new replies", "1 new conversation and 3 new replies". */
export function categoryActivityLabel({ threads, replies }: { threads: number; replies: number }) {
	const parts = [
		threads > 0 && `${threads} new ${threads === 1 ? 'conversation' : 'conversations'}`,
		replies > 0 && `${replies} new ${replies === 1 ? 'reply' : 'replies'}`
	].filter(Boolean);
	return parts.join(' and ');
}

export interface PostChangedEvent {
	threadId: number;
	postId: number;
}

export interface ThreadChangedEvent {
	threadId: number;
	/** The categories whose listing changed (two when it moved). */
	categoryIds: number[];
}

/** Slow mode: a member may post in a thread once per this many minutes (0 is off). */
export const SLOW_MODE_MAX_MINUTES = 1440;

export function slowModeLabel(minutes: number): string {
	return `Slow mode: one post every ${minutes === 1 ? 'minute' : `${minutes} minutes`}`;
}

/** What staff see where a deleted post's words were erased under the retention setting. */
export const PURGED_LABEL = 'Words removed under the retention policy';

/** Acknowledgement of `thread:watch` / `thread:unwatch` (and `category:watch` / `category:unwatch`). */
export type WatchAck = { ok: true } | { ok: false; error: string };

/** Why a member reports a post, in the words the form offers (and /mod shows). */
export const REPORT_REASON_LABELS = {
	unkind: 'Unkind or bullying',
	racism: 'Racism or hate',
	personal_info: 'Sharing personal info',
	spam: 'Spam',
	worried: 'I’m worried about this person',
	other: 'Something else'
} as const;

export type ReportReasonKey = keyof typeof REPORT_REASON_LABELS;

export const REPORT_NOTE_MAX = 500;
