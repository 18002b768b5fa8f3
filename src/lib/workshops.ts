/**
 * Idea sessions as the browser and the server both see them: the words for influence levels,
 * templates and phases, limits, the live board's shape and the socket events.
 */
export const IDEA_MAX = 500;
export const COMMENT_MAX = 280;

/** The ladder of coproduction, shown as a banner so nobody is over-promised. */
export const INFLUENCE_LABELS = {
	informing: {
		name: 'Informing',
		promise: 'We are telling you about a decision and why. Your questions shape how we explain it.'
	},
	consultation: {
		name: 'Consultation',
		promise: 'We are asking for your views. They will be considered, but others make the decision.'
	},
	engagement: {
		name: 'Engagement',
		promise: 'Your ideas feed into the plan, and we will tell you what changed because of them.'
	},
	co_design: {
		name: 'Co-design',
		promise: 'We are designing this together. Your ideas shape what is built.'
	},
	co_production: {
		name: 'Co-production',
		promise: 'We share the decisions and the work with you, from start to finish.'
	}
} as const;
export type InfluenceKey = keyof typeof INFLUENCE_LABELS;

export const TEMPLATE_LABELS = {
	brainstorm: {
		name: 'Open brainstorm',
		how: 'Everyone adds ideas, then we group them into themes and vote.'
	},
	one_two_four_all: {
		name: '1-2-4-All',
		how: 'A minute to think alone, then two minutes in pairs, four minutes in fours, then the whole group shares.'
	},
	start_stop_continue: {
		name: 'Start / Stop / Continue',
		how: 'Ideas go in three columns: what should start, stop, and continue.'
	}
} as const;
export type TemplateKey = keyof typeof TEMPLATE_LABELS;

export const PHASE_LABELS = {
	draft: 'Not started',
	gathering: 'Sharing ideas',
	grouping: 'Grouping into themes',
	voting: 'Voting',
	closed: 'Closed'
} as const;
export type PhaseKey = keyof typeof PHASE_LABELS;

/** What the facilitator may move to from each phase. */
export const NEXT_PHASES: Record<PhaseKey, PhaseKey[]> = {
	draft: ['gathering'],
	gathering: ['grouping', 'voting'],
	grouping: ['voting'],
	voting: ['closed'],
	closed: []
};

/** 1-2-4-All while gathering, with the Liberating Structures timings (minutes). */
export const STAGE_LABELS = {
	alone: { name: 'On your own', minutes: 1 },
	pairs: { name: 'In pairs', minutes: 2 },
	fours: { name: 'In fours', minutes: 4 },
	all: { name: 'Whole group', minutes: 5 }
} as const;
export type StageKey = keyof typeof STAGE_LABELS;
export const STAGE_ORDER: StageKey[] = ['alone', 'pairs', 'fours', 'all'];

export const COLUMN_LABELS = { start: 'Start', stop: 'Stop', continue: 'Continue' } as const;
export type ColumnKey = keyof typeof COLUMN_LABELS;

export interface IdeaView {
	id: number;
	body: string;
	column: ColumnKey | null;
	themeId: number | null;
	groupId: number | null;
	status: 'published' | 'held' | 'hidden';
	/** Null for peers when the session is anonymous; "You" is decided by `own`. */
	author: { id: number; name: string; staff: boolean } | null;
	own: boolean;
	/** Why it is hidden: only for its author and staff (peers never see a hidden idea). */
	hiddenReason: string | null;
	comments: CommentView[];
	/** Totals only once voting has closed. */
	votes: number | null;
	createdAt: string;
}

export interface CommentView {
	id: number;
	body: string;
	author: string | null;
	own: boolean;
	/** Held and hidden comments reach only their author and staff. */
	status: 'published' | 'held' | 'hidden';
	hiddenReason: string | null;
}

export interface BoardView {
	/**
	 * When the server read this board (its database clock, ms). Ideas sent later carry theirs:
	 * whatever order they arrive in, the browser keeps the newest of each.
	 */
	at: number;
	workshop: {
		id: number;
		title: string;
		questions: string[];
		backgroundHtml: string;
		partner: string;
		influence: InfluenceKey;
		template: TemplateKey;
		phase: PhaseKey;
		stage: StageKey | null;
		phaseEndsAt: string | null;
		startsAt: string;
		anonymous: boolean;
		hidden: boolean;
		votesPerPerson: number;
		selfVote: boolean;
		contentWarning: string | null;
		chatRoomId: number | null;
		votingClosed: boolean;
	};
	themes: { id: number; name: string }[];
	ideas: IdeaView[];
	/** The idea ids I voted for, one entry per vote. */
	myVotes: number[];
	/**
	 * My 1-2-4-All pair or four now, if any: how many, and who (names only where the session is
	 * not anonymous, or for staff: in a pair, a name would say who wrote every other idea).
	 */
	myGroup: { id: number; size: number; members: string[] } | null;
	facilitator: boolean;
	/** May approve or keep hidden what screening held (youth workers, safeguarding leads). */
	reviewer: boolean;
	participants: number;
	votes: VoteProgress;
}

/** How voting is going, without saying for what: shown to everyone while votes are hidden. */
export interface VoteProgress {
	cast: number;
	voters: number;
}

/**
 * What the session tells the people on its board. Ideas arrive one at a time, each as its viewer
 * may see it (the server decides per person: anonymity, held ideas, hide-until-revealed, pairs and
 * fours); what changes everyone's view at once (phase, stage, reveal) says only "fetch the board
 * again".
 */
export const WORKSHOP_EVENTS = {
	/** An idea as you may see it now (new, edited, commented on, moved). */
	idea: 'workshop:idea',
	/** An idea you could see is no longer on your board (deleted, merged, hidden or held). */
	ideaGone: 'workshop:idea-gone',
	themes: 'workshop:themes',
	/** How many votes have been cast, by how many people. */
	votes: 'workshop:votes',
	/** Your own votes, after you voted in another tab. */
	myVotes: 'workshop:my-votes',
	/** The session moved on (here it is), or what you may see changed (here is your board). */
	changed: 'workshop:changed'
} as const;

export const WORKSHOP_REQUESTS = {
	join: 'workshop:join',
	leave: 'workshop:leave',
	board: 'workshop:board',
	addIdea: 'workshop:add-idea',
	editIdea: 'workshop:edit-idea',
	deleteIdea: 'workshop:delete-idea',
	comment: 'workshop:comment',
	vote: 'workshop:vote',
	unvote: 'workshop:unvote',
	phase: 'workshop:phase',
	stage: 'workshop:stage',
	reveal: 'workshop:reveal',
	theme: 'workshop:theme',
	move: 'workshop:move',
	merge: 'workshop:merge',
	hide: 'workshop:hide',
	review: 'workshop:review',
	checkIn: 'workshop:check-in'
} as const;

/**
 * What a youth worker decides about an idea or comment screening held: approve (everyone sees
 * it), keep it hidden (its author and staff still see it, with the reason) or remove it.
 */
export const REVIEW_DECISIONS = ['approve', 'hide', 'remove'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
/** The longest reason a youth worker gives for keeping something hidden or removing it. */
export const REVIEW_REASON_MAX = 300;

/**
 * The session changed. With `workshop`, that is all that changed for anyone (and, as voting
 * closes, `totals`: votes per idea id); with `board`, what you may see changed and this is your
 * whole board now; with neither, fetch the board again.
 */
export interface ChangedEvent {
	workshopId: number;
	workshop?: BoardView['workshop'];
	totals?: Record<number, number>;
	board?: BoardView;
}
/** `at`: when the server read what it sends (see `BoardView.at`); older news is dropped. */
export interface IdeaEvent {
	workshopId: number;
	at: number;
	idea: IdeaView;
}
export interface IdeaGoneEvent {
	workshopId: number;
	at: number;
	ideaId: number;
}
export interface ThemesEvent {
	workshopId: number;
	themes: BoardView['themes'];
}
export interface VotesEvent {
	workshopId: number;
	votes: VoteProgress;
}
export interface MyVotesEvent {
	workshopId: number;
	myVotes: number[];
}
