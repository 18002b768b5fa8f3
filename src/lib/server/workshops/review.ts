/**
 * A youth worker's decision about an idea or comment that screening held in an idea session
 * (personal information, risk, watched words): approve it (everyone on the board sees it), keep it
 * hidden with a reason its author reads (they and staff still see it), or remove it (gone for
 * everyone). One service for the review queue at /mod and for the session board's own buttons.
 *
 * Like the forum's and chat's queue actions: only people who moderate (`moderation.act`; not
 * coproduction leads, who run sessions but do not moderate) may decide; the item must be this
 * session's and still held, so a second worker's decision, or one about another session's idea,
 * changes nothing and says why; another worker's live claim on it is respected and any claim is
 * released; the change and its audit entry are one transaction; the author is told what happened,
 * never by whom. After commit every connected board gets the idea as each viewer may see it now
 * (announceIdea decides), and staff headers recount the queue.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { workshopComments, workshopIdeas, type ClaimKind } from '../db/schema';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { authorise } from '../policy';
import { publisher } from '../realtime/publisher';
import { pushNotifications, storeNotifications } from '../notifications/notify';
import { settleClaim } from '../moderation/claims';
import { ALREADY_DEALT_WITH } from '../../moderation';
import { FORUM_EVENTS } from '../../forum';
import { REVIEW_DECISIONS, REVIEW_REASON_MAX, type ReviewDecision } from '../../workshops';
import { loadWorkshop, workshopIdSchema } from './access';
import { tidyText } from '../content/limits';
import { announceIdea } from './live';

export const NOT_IN_SESSION = 'That idea or comment is not in this session. Reload the page.';
const ONLY_MODERATORS = 'Only youth workers can approve or hide ideas and comments.';

const itemId = (what: string) =>
	z
		.number({ message: `Say which ${what}.` })
		.int()
		.positive()
		.max(2_147_483_647);

export const reviewSchema = z
	.object({
		workshopId: workshopIdSchema,
		ideaId: itemId('idea').optional(),
		commentId: itemId('comment').optional(),
		decision: z.enum(REVIEW_DECISIONS, { message: 'Choose approve, keep hidden or remove.' }),
		reason: z
			.string()
			.optional()
			.transform((r) => (r === undefined ? '' : tidyText(r).replace(/\s+/g, ' ').trim()))
			.pipe(
				z
					.string()
					.max(REVIEW_REASON_MAX, `Keep the reason to ${REVIEW_REASON_MAX} characters or fewer.`)
			)
	})
	.refine((r) => (r.ideaId === undefined) !== (r.commentId === undefined), {
		message: 'Say which idea or comment.',
		path: ['ideaId']
	})
	.refine((r) => r.decision !== 'hide' || r.reason.length >= 3, {
		message: 'Say why it stays hidden: its author reads this.',
		path: ['reason']
	});

export type ReviewInput = z.input<typeof reviewSchema>;

const STATUS_AFTER: Record<ReviewDecision, 'published' | 'hidden' | 'deleted'> = {
	approve: 'published',
	hide: 'hidden',
	remove: 'deleted'
};

/** What the author is told (never who decided). */
const TOLD: Record<ReviewDecision, (noun: string, title: string) => string> = {
	approve: (noun, title) =>
		`A youth worker approved your ${noun} in “${title}”. Everyone in the session can see it now.`,
	hide: (noun, title) =>
		`A youth worker kept your ${noun} in “${title}” hidden. Only you and staff can see it.`,
	remove: (noun, title) => `A youth worker removed your ${noun} in “${title}”.`
};

interface Target {
	claim: { kind: ClaimKind; itemId: number };
	ideaId: number;
	authorId: number | null;
	status: string;
	reasons: string[];
}

/** The held idea or comment, if it belongs to this session (else one message for both). */
async function findTarget(
	db: Database,
	workshopId: number,
	ref: { ideaId?: number; commentId?: number }
): Promise<Target> {
	if (ref.commentId !== undefined) {
		const [row] = await db
			.select({
				id: workshopComments.id,
				ideaId: workshopComments.ideaId,
				authorId: workshopComments.authorId,
				status: workshopComments.status,
				reasons: workshopComments.screeningReasons,
				ideaStatus: workshopIdeas.status
			})
			.from(workshopComments)
			.innerJoin(workshopIdeas, eq(workshopIdeas.id, workshopComments.ideaId))
			.where(and(eq(workshopComments.id, ref.commentId), eq(workshopIdeas.workshopId, workshopId)));
		if (!row || row.ideaStatus === 'deleted') throw new NotFoundError(NOT_IN_SESSION);
		return { claim: { kind: 'idea_comment', itemId: row.id }, ...row };
	}
	const [row] = await db
		.select({
			id: workshopIdeas.id,
			authorId: workshopIdeas.authorId,
			status: workshopIdeas.status,
			reasons: workshopIdeas.screeningReasons
		})
		.from(workshopIdeas)
		.where(and(eq(workshopIdeas.id, ref.ideaId!), eq(workshopIdeas.workshopId, workshopId)));
	if (!row) throw new NotFoundError(NOT_IN_SESSION);
	return { claim: { kind: 'idea', itemId: row.id }, ideaId: row.id, ...row };
}

/**
 * Approve, keep hidden or remove a held idea or comment. Returns the status it now has.
 */
export async function reviewContribution(
	db: Database,
	actor: CurrentUser,
	input: unknown,
	now = new Date()
): Promise<{ status: 'published' | 'hidden' | 'deleted' }> {
	const data = parseOrThrow(reviewSchema, input);
	authorise(actor, 'moderation.act', ONLY_MODERATORS);
	const workshop = await loadWorkshop(db, data.workshopId);
	const target = await findTarget(db, workshop.id, data);
	if (target.status !== 'held') throw new ValidationError({ form: ALREADY_DEALT_WITH });
	const status = STATUS_AFTER[data.decision];
	const reason = data.reason || null;
	const isComment = target.claim.kind === 'idea_comment';

	const told = await db.transaction(async (tx) => {
		await settleClaim(tx as unknown as Database, actor, target.claim, { now });
		// Guarded on the status read above: of two workers deciding at once, one changes it.
		const changed = isComment
			? await tx
					.update(workshopComments)
					.set({ status, hiddenReason: data.decision === 'hide' ? reason : null })
					.where(
						and(eq(workshopComments.id, target.claim.itemId), eq(workshopComments.status, 'held'))
					)
					.returning({ id: workshopComments.id })
			: await tx
					.update(workshopIdeas)
					.set({ status, hiddenReason: data.decision === 'hide' ? reason : null })
					.where(and(eq(workshopIdeas.id, target.claim.itemId), eq(workshopIdeas.status, 'held')))
					.returning({ id: workshopIdeas.id });
		if (changed.length === 0) throw new ValidationError({ form: ALREADY_DEALT_WITH });
		await recordAudit(tx, {
			actorId: actor.id,
			action: `${isComment ? 'workshop.comment' : 'workshop.idea'}.${data.decision === 'hide' ? 'keep_hidden' : data.decision}`,
			targetType: isComment ? 'workshop_comment' : 'workshop_idea',
			targetId: target.claim.itemId,
			details: {
				workshopId: workshop.id,
				ideaId: target.ideaId,
				authorId: target.authorId,
				screening: target.reasons,
				...(reason ? { reason } : {})
			}
		});
		if (target.authorId === null) return [];
		return storeNotifications(tx, [target.authorId], {
			kind: 'workshop_reviewed',
			title: TOLD[data.decision](isComment ? 'comment' : 'idea', workshop.title),
			body: reason && data.decision !== 'approve' ? `Why: ${reason}` : undefined,
			link: `/sessions/${workshop.id}${data.decision === 'remove' ? '' : `#idea-${target.ideaId}`}`
		});
	});

	// A held idea was seen by its author and staff; a held comment changes no one's view of its idea.
	await announceIdea(db, workshop.id, target.ideaId, {
		before: isComment
			? undefined
			: { status: 'held', authorId: target.authorId, mergedIntoId: null }
	});
	publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
	pushNotifications(told);
	return { status };
}
