/**
 * After an idea session, as the browser and the server both see it: the words for an outcome's
 * status ("you said, we did"), the limits of what a lead writes, and the CSV columns.
 */

export const OUTCOME_STATUS_LABELS = {
	under_consideration: 'Under consideration',
	planned: 'Planned',
	in_progress: 'In progress',
	done: 'Done',
	not_doing: 'Not doing'
} as const;
export type OutcomeStatusKey = keyof typeof OUTCOME_STATUS_LABELS;
export const OUTCOME_STATUS_KEYS = Object.keys(OUTCOME_STATUS_LABELS) as OutcomeStatusKey[];

export const OUTCOME_TITLE_MIN = 3;
export const OUTCOME_TITLE_MAX = 150;
export const OUTCOME_BODY_MAX = 2_000;
export const OUTCOME_REASON_MAX = 1_000;
export const OUTCOME_NOTE_MAX = 1_000;
/** An outcome answers at most this many ideas. */
export const OUTCOME_IDEAS_MAX = 50;

/** The columns of /sessions/[id]/results.csv, in order. */
export const RESULTS_CSV_COLUMNS = [
	'Rank',
	'Idea',
	'Theme',
	'Votes',
	'Comments',
	'Author'
] as const;
/** The columns of /sessions/[id]/attendance.csv, in order. */
export const ATTENDANCE_CSV_COLUMNS = [
	'Pseudonym',
	'Joined',
	'Left',
	'Contributed',
	'Ideas',
	'Comments'
] as const;

/** What an idea without a theme is grouped under. */
export const NO_THEME = 'No theme';
/** The author column of an anonymous session's export. */
export const ANONYMOUS_AUTHOR = 'anonymous';

export function outcomeStatusLabel(status: string): string {
	return (OUTCOME_STATUS_LABELS as Record<string, string>)[status] ?? status;
}
