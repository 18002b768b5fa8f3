/**
 * What a risky forum post sets in motion: a safeguarding alert with the words as evidence (inside
 * the writer's transaction), and the crisis panel the author sees at once in the response.
 */
import type { Database } from '../db';
import type { ForumPost } from '../db/schema';
import { log } from '../log';
import { raiseAlert, raiseScreeningAlert, type Evidence } from '../safeguarding/alerts';
import { composeCrisisPanel, crisisPanel, type CrisisPanelData } from '../signposting/crisis-panel';
import { postLink } from './followers';
import type { ForumDecision } from './screening';

export type RaisedAlert = Awaited<ReturnType<typeof raiseAlert>>;

export async function raiseAlertForPost(
	tx: Database,
	decision: ForumDecision,
	{
		post,
		author,
		thread
	}: {
		post: ForumPost;
		author: { id: number; username: string };
		thread: { id: number; title: string; categoryName: string };
	}
): Promise<RaisedAlert | null> {
	const evidence = postEvidence(post, thread);
	return raiseScreeningAlert(tx, decision, author, {
		...evidence,
		context: {
			...evidence.context,
			opening: post.threadTitle !== null,
			contentWarning: post.contentWarning,
			screeningReasons: decision.reasons
		}
	});
}

/** A forum post as an alert's evidence: its words (with its title), where it is, a link to it. */
export function postEvidence(
	post: Pick<ForumPost, 'id' | 'body' | 'threadTitle'>,
	thread: { id: number; title: string; categoryName: string }
): Evidence & { context: Record<string, unknown> } {
	return {
		contentType: 'forum_post',
		contentId: post.id,
		text: post.threadTitle ? `${post.threadTitle}\n\n${post.body}` : post.body,
		context: {
			threadId: thread.id,
			threadTitle: thread.title,
			category: thread.categoryName,
			link: postLink(thread.id, post.id)
		}
	};
}

/** What decides the panel: whether to signpost, and the level of risk found. */
export interface SignpostingNeed {
	signposting: ForumDecision['signposting'];
	risk: { level: ForumDecision['risk']['level'] };
}

/**
 * The panel for the author, as of now. If the directory or duty rota cannot be read, the panel
 * still shows (with the 24/7 lines it falls back to): signposting must never be what fails.
 */
export async function signpostingPanel(
	db: Database,
	decision: SignpostingNeed
): Promise<CrisisPanelData | null> {
	if (!decision.signposting) return null;
	const level =
		decision.signposting === 'crisis'
			? decision.risk.level === 'imminent'
				? 'imminent'
				: 'high'
			: 'concern';
	try {
		return await crisisPanel(db, level);
	} catch (error) {
		log.error({ err: error }, 'could not build the crisis panel: showing the fallback');
		return composeCrisisPanel({
			level,
			services: [],
			availability: { onDuty: false, nextShiftAt: null },
			now: new Date()
		});
	}
}
