/**
 * What a forum write tells the person who made it: where their post is and whether others can see
 * it yet, or, when it was refused, why (with what they typed kept by the form); and in either case
 * the crisis panel when their words suggest they may not be safe.
 */
import type { Database } from '../db';
import type { CrisisPanelData } from '../signposting/crisis-panel';
import { signpostingPanel } from './post-safety';
import type { ForumDecision, ScreenedField } from './screening';

export type PostOutcome =
	| {
			status: 'blocked';
			field: ScreenedField;
			message: string;
			crisisPanel: CrisisPanelData | null;
	  }
	| {
			status: 'published' | 'held';
			threadId: number;
			postId: number;
			/** Said to the author when held: why, and that a youth worker will look. */
			message: string | null;
			crisisPanel: CrisisPanelData | null;
	  };

export async function blockedOutcome(db: Database, decision: ForumDecision): Promise<PostOutcome> {
	return {
		status: 'blocked',
		field: decision.blockedField ?? 'body',
		message: decision.authorMessage ?? 'This could not be posted. Please reword it.',
		crisisPanel: await signpostingPanel(db, decision)
	};
}

export async function writtenOutcome(
	db: Database,
	decision: ForumDecision,
	post: { threadId: number; id: number; status: 'published' | 'held' }
): Promise<PostOutcome> {
	return {
		status: post.status,
		threadId: post.threadId,
		postId: post.id,
		message: post.status === 'held' ? decision.authorMessage : null,
		crisisPanel: await signpostingPanel(db, decision)
	};
}
