/**
 * What the moderation workspace shares with the browser: the queue's sorts and filters, the
 * lengths of a mute or suspension, the words a member and a youth worker see, and where a
 * member with an unacknowledged warning is sent.
 */

export const QUEUE_SORTS = ['oldest', 'risk'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];
export const QUEUE_SORT_LABELS: Record<QueueSort, string> = {
	oldest: 'Oldest first',
	risk: 'Highest risk first'
};

export const QUEUE_KINDS = [
	'all',
	'held',
	'reported',
	'users',
	'held_messages',
	'reported_messages',
	'held_ideas'
] as const;
export type QueueKind = (typeof QUEUE_KINDS)[number];
export const QUEUE_KIND_LABELS: Record<QueueKind, string> = {
	all: 'Everything',
	held: 'Held posts',
	reported: 'Reported posts',
	users: 'Reported members',
	held_messages: 'Held chat messages',
	reported_messages: 'Reported chat messages',
	held_ideas: 'Held idea-session ideas and comments'
};

/** How many items wait, by kind: the staff header shows the total. */
export interface QueueCounts {
	held: number;
	reportedPosts: number;
	reportedUsers: number;
	heldMessages: number;
	reportedMessages: number;
	/** Idea-session ideas and comments screening held. */
	heldIdeas: number;
	total: number;
}

/** How many of a kind wait (for the filter's choices). */
export function countOfKind(counts: QueueCounts, kind: QueueKind): number {
	switch (kind) {
		case 'all':
			return counts.total;
		case 'held':
			return counts.held;
		case 'reported':
			return counts.reportedPosts;
		case 'users':
			return counts.reportedUsers;
		case 'held_messages':
			return counts.heldMessages;
		case 'reported_messages':
			return counts.reportedMessages;
		case 'held_ideas':
			return counts.heldIdeas;
	}
}

export const SANCTION_DURATIONS = ['1d', '3d', '1w', '1m'] as const;
export type SanctionDuration = (typeof SANCTION_DURATIONS)[number];
export const SANCTION_DURATION_LABELS: Record<SanctionDuration, string> = {
	'1d': '1 day',
	'3d': '3 days',
	'1w': '1 week',
	'1m': '1 month'
};

export const MEMBER_ACTIONS = ['warn', 'mute', 'suspend'] as const;
export type MemberAction = (typeof MEMBER_ACTIONS)[number];
export const MEMBER_ACTION_LABELS: Record<MemberAction, string> = {
	warn: 'Warn (they must read it before going on)',
	mute: 'Mute (they can read, not post)',
	suspend: 'Suspend (they cannot sign in)'
};

export const SANCTION_KIND_LABELS: Record<string, string> = {
	warning: 'Warning',
	mute: 'Mute',
	suspension: 'Suspension'
};

/** A youth worker's claim on a queue item lapses after this long. */
export const CLAIM_MINUTES = 15;

export const SANCTION_MESSAGE_MAX = 1000;
export const STAFF_NOTE_MAX = 2000;

/** Told to the youth worker whose action came second. */
export const ALREADY_DEALT_WITH = 'Another youth worker has already dealt with this.';

/** Where a member goes, from any page, until they have read a warning. */
export const WARNING_PATH = '/account/warning';

/** Pages a member with an unread warning can still open: help first, always. */
export const OPEN_DURING_WARNING = [
	WARNING_PATH,
	'/help',
	'/worried',
	'/logout',
	'/guidelines',
	'/auth'
] as const;

export function openDuringWarning(pathname: string): boolean {
	return OPEN_DURING_WARNING.some((path) => pathname === path || pathname.startsWith(`${path}/`));
}
