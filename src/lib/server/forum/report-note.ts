/**
 * The note with a report is screened like anything else someone writes here: a reporter may be
 * telling us, in passing, that they are not safe themselves. The report goes through whatever the
 * note says. At high or imminent risk a safeguarding alert is raised about the reporter, with
 * their note as evidence and what they were reporting (a forum post or member, a chat message) as
 * context, and they are shown the crisis panel (the gentler panel at concern level, as when
 * posting).
 */
import type { CurrentUser } from '../accounts/current-user';
import type { Database } from '../db';
import { raiseScreeningAlert } from '../safeguarding/alerts';
import { screen, type ScreeningDecision } from '../safety/screen';
import type { CrisisPanelData } from '../signposting/crisis-panel';
import { postLink } from './followers';
import { signpostingPanel, type RaisedAlert } from './post-safety';

export type NoteScreening = ScreeningDecision | null;

/** Before the transaction: what screening makes of the note (null when there is none). */
export async function screenReportNote(
	db: Database,
	reporter: CurrentUser,
	note: string
): Promise<NoteScreening> {
	if (!note) return null;
	return screen(db, { text: note, author: reporter, context: { kind: 'report_note' } });
}

/**
 * Inside a report's transaction: the alert about the reporter, when their note asks for one, with
 * the note as evidence and `context` saying what they were reporting (a post, a member, a chat
 * message).
 */
export async function raiseAlertForNote(
	tx: Database,
	screened: NoteScreening,
	{
		reporter,
		note,
		context
	}: { reporter: CurrentUser; note: string; context: Record<string, unknown> }
): Promise<RaisedAlert | null> {
	if (!screened) return null;
	return raiseScreeningAlert(tx, screened, reporter, {
		contentType: 'report_note',
		text: note,
		context: { ...context, screeningReasons: screened.reasons }
	});
}

/** The same, for a report of a forum post or of its author (the post as context). */
export async function raiseAlertForReportNote(
	tx: Database,
	screened: NoteScreening,
	{
		reporter,
		note,
		about,
		post,
		thread
	}: {
		reporter: CurrentUser;
		note: string;
		about: 'post' | 'member';
		post: { id: number };
		thread: { id: number; title: string; categoryName: string };
	}
): Promise<RaisedAlert | null> {
	return raiseAlertForNote(tx, screened, {
		reporter,
		note,
		context: {
			reporting: about,
			postId: post.id,
			threadId: thread.id,
			threadTitle: thread.title,
			category: thread.categoryName,
			link: postLink(thread.id, post.id)
		}
	});
}

/** After commit: the panel the reporter sees with the thanks, if their note calls for one. */
export async function reportNotePanel(
	db: Database,
	screened: NoteScreening
): Promise<CrisisPanelData | null> {
	return screened ? signpostingPanel(db, screened) : null;
}
