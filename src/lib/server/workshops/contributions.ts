/**
 * What participants write in a session: ideas (up to 500 characters; while gathering; in the
 * column chosen for Start / Stop / Continue; on their pair's or four's board in 1-2-4-All),
 * edits and deletions of their own ideas while gathering, and short comments on any idea they can
 * see. Each is screened like every other write: held ones reach only their author and staff (with
 * the crisis panel for the author and an alert for on-duty staff when there is risk), refused ones
 * are not stored, and held ones wait in the review queue (review.ts). A muted member's words are
 * screened before the mute is looked at: at high or imminent risk they are held (reason `muted`)
 * and alerted; anything else is refused as muted. After commit, everyone on the
 * board is sent the idea as they may see it, and staff hear when what waits for review changed.
 */
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import type { Database } from '../db';
import { IDEA_COLUMNS, workshopComments, workshopIdeas, type Workshop } from '../db/schema';
import { NotFoundError, parseOrThrow } from '../errors';
import { signpostingPanel } from '../forum/post-safety';
import { log } from '../log';
import { assertMayPost, mutedRefusal, NotAllowedError } from '../policy';
import { announceAlert, raiseScreeningAlert } from '../safeguarding/alerts';
import { screen, type ScreeningDecision } from '../safety/screen';
import { heldWhileMuted } from '../safety/while-muted';
import { tidyText } from '../content/limits';
import type { CrisisPanelData } from '../signposting/crisis-panel';
import { COMMENT_MAX, IDEA_MAX } from '../../workshops';
import { workshopFor, workshopIdSchema } from './access';
import { currentGroup, maySeeNow, type IdeaVisibility } from './board';
import { announceIdea } from './live';
import { publisher } from '../realtime/publisher';
import { FORUM_EVENTS } from '../../forum';

const text = (max: number, empty: string, noun: string) =>
	z
		.string({ message: empty })
		.transform((t) => tidyText(t).trim())
		.pipe(
			z
				.string()
				.min(1, empty)
				.refine((t) => t.length <= max, {
					error: (issue) =>
						`Keep ${noun} to ${max} characters or fewer (it has ${String(issue.input).length}).`
				})
		);

const ideaId = z.number({ message: 'Say which idea.' }).int().positive().max(2_147_483_647);

const addSchema = z.object({
	workshopId: workshopIdSchema,
	body: text(IDEA_MAX, 'Write your idea first.', 'an idea'),
	column: z.enum(IDEA_COLUMNS, { message: 'Choose Start, Stop or Continue.' }).nullish()
});

export interface WriteOutcome {
	id: number;
	status: 'published' | 'held';
	notice: string | null;
	help: CrisisPanelData | null;
}

const HELD_IDEA =
	'Thanks. A youth worker will read this before others can see it. Until then only you and staff see it.';

export async function addIdea(
	db: Database,
	author: CurrentUser,
	input: unknown
): Promise<WriteOutcome> {
	const data = parseOrThrow(addSchema, input);
	const workshop = await workshopFor(db, author, data.workshopId);
	// A mute is looked at after screening: someone at risk always reaches a youth worker.
	assertMayPost(author, { screenFirst: true });
	if (workshop.phase !== 'gathering')
		throw new NotAllowedError('Ideas can be added while the session is sharing ideas.');
	if (workshop.template === 'start_stop_continue' && !data.column)
		throw new NotAllowedError('Choose Start, Stop or Continue for your idea.');
	const decision = await screenOrRefuse(db, author, data.body);
	const group = await currentGroup(db, workshop, author.id);
	const status = decision.action === 'publish' ? 'published' : 'held';
	const written = await db.transaction(async (tx) => {
		const [idea] = await tx
			.insert(workshopIdeas)
			.values({
				workshopId: workshop.id,
				authorId: author.id,
				body: decision.text,
				column: workshop.template === 'start_stop_continue' ? data.column : null,
				groupId: group?.id ?? null,
				status,
				screeningReasons: decision.reasons,
				riskLevel: decision.risk.level
			})
			.returning({ id: workshopIdeas.id });
		return recorded(
			tx,
			{ author, workshop, decision },
			{
				action: 'workshop.idea.create',
				type: 'workshop_idea',
				id: idea.id,
				details: { workshopId: workshop.id, status, reasons: decision.reasons }
			}
		);
	});
	return afterWrite(db, workshop, decision, written, status, {
		ideaId: written.id,
		queueChanged: status === 'held'
	});
}

const editSchema = z.object({
	workshopId: workshopIdSchema,
	ideaId,
	body: text(IDEA_MAX, 'Write your idea first.', 'an idea')
});

async function ownIdea(db: Database, author: CurrentUser, workshop: Workshop, id: number) {
	const [idea] = await db
		.select()
		.from(workshopIdeas)
		.where(and(eq(workshopIdeas.id, id), eq(workshopIdeas.workshopId, workshop.id)));
	if (!idea || idea.status === 'deleted')
		throw new NotFoundError('That idea is not here any more.');
	if (idea.authorId !== author.id) throw new NotAllowedError('You can only change your own ideas.');
	if (workshop.phase !== 'gathering')
		throw new NotAllowedError('Ideas can be changed only while the session is sharing ideas.');
	return idea;
}

export async function editIdea(
	db: Database,
	author: CurrentUser,
	input: unknown
): Promise<WriteOutcome> {
	const data = parseOrThrow(editSchema, input);
	const workshop = await workshopFor(db, author, data.workshopId);
	// A mute is looked at after screening: someone at risk always reaches a youth worker.
	assertMayPost(author, { screenFirst: true });
	const idea = await ownIdea(db, author, workshop, data.ideaId);
	const decision = await screenOrRefuse(db, author, data.body);
	// An idea a youth worker hid stays hidden; otherwise it is as screening says now.
	const status = decision.action === 'publish' && idea.status !== 'hidden' ? 'published' : 'held';
	const written = await db.transaction(async (tx) => {
		await tx
			.update(workshopIdeas)
			.set({
				body: decision.text,
				status: idea.status === 'hidden' ? 'hidden' : status,
				screeningReasons: decision.reasons,
				riskLevel: decision.risk.level,
				editedAt: new Date()
			})
			.where(eq(workshopIdeas.id, idea.id));
		return recorded(
			tx,
			{ author, workshop, decision },
			{
				action: 'workshop.idea.edit',
				type: 'workshop_idea',
				id: idea.id,
				details: { workshopId: workshop.id, before: idea.body, status }
			}
		);
	});
	return afterWrite(db, workshop, decision, written, status, {
		ideaId: idea.id,
		before: idea,
		queueChanged: status === 'held' || idea.status === 'held'
	});
}

export async function deleteIdea(db: Database, author: CurrentUser, input: unknown): Promise<void> {
	const data = parseOrThrow(editSchema.omit({ body: true }), input);
	const workshop = await workshopFor(db, author, data.workshopId);
	const idea = await ownIdea(db, author, workshop, data.ideaId);
	await db.transaction(async (tx) => {
		await tx.update(workshopIdeas).set({ status: 'deleted' }).where(eq(workshopIdeas.id, idea.id));
		await recordAudit(tx, {
			actorId: author.id,
			action: 'workshop.idea.delete',
			targetType: 'workshop_idea',
			targetId: idea.id,
			details: { workshopId: workshop.id }
		});
	});
	await announceIdea(db, workshop.id, idea.id, { before: idea });
	if (idea.status === 'held') publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
}

const commentSchema = z.object({
	workshopId: workshopIdSchema,
	ideaId,
	body: text(COMMENT_MAX, 'Write your comment first.', 'a comment')
});

export async function addComment(
	db: Database,
	author: CurrentUser,
	input: unknown
): Promise<WriteOutcome> {
	const data = parseOrThrow(commentSchema, input);
	const workshop = await workshopFor(db, author, data.workshopId);
	// A mute is looked at after screening: someone at risk always reaches a youth worker.
	assertMayPost(author, { screenFirst: true });
	if (workshop.phase === 'draft' || workshop.phase === 'closed')
		throw new NotAllowedError('Comments can be added while the session is running.');
	const [idea] = await db
		.select()
		.from(workshopIdeas)
		.where(and(eq(workshopIdeas.id, data.ideaId), eq(workshopIdeas.workshopId, workshop.id)));
	if (!idea || !(await maySeeNow(db, workshop, author, idea)))
		throw new NotFoundError('That idea is not here any more.');
	const decision = await screenOrRefuse(db, author, data.body);
	const status = decision.action === 'publish' ? 'published' : 'held';
	const written = await db.transaction(async (tx) => {
		const [comment] = await tx
			.insert(workshopComments)
			.values({
				ideaId: idea.id,
				authorId: author.id,
				body: decision.text,
				status,
				screeningReasons: decision.reasons,
				riskLevel: decision.risk.level
			})
			.returning({ id: workshopComments.id });
		return recorded(
			tx,
			{ author, workshop, decision },
			{
				action: 'workshop.comment.create',
				type: 'workshop_comment',
				id: comment.id,
				details: { workshopId: workshop.id, ideaId: idea.id, status }
			}
		);
	});
	return afterWrite(db, workshop, decision, written, status, {
		ideaId: idea.id,
		queueChanged: status === 'held'
	});
}

/**
 * In the write's transaction: the audit entry for it and, when the words raised one, the
 * safeguarding alert (announced after commit by afterWrite).
 */
async function recorded(
	tx: Database,
	{
		author,
		workshop,
		decision
	}: { author: CurrentUser; workshop: Workshop; decision: ScreeningDecision },
	content: { action: string; type: string; id: number; details: Record<string, unknown> }
) {
	await recordAudit(tx, {
		actorId: author.id,
		action: content.action,
		targetType: content.type,
		targetId: content.id,
		details: content.details
	});
	return { id: content.id, alert: await alertFor(tx, decision, author, workshop, content) };
}

/**
 * Screened, then refused if blocked or (unless the words show risk: then held, alerted, see
 * safety/while-muted.ts) if the author is muted.
 */
async function screenOrRefuse(db: Database, author: CurrentUser, body: string) {
	const screened = await screen(db, { text: body, author, context: { kind: 'idea' } });
	const decision = heldWhileMuted(screened, mutedRefusal(author));
	if (decision.action === 'block')
		throw new NotAllowedError(
			decision.authorMessage ?? 'This could not be added. Please reword it.'
		);
	return decision;
}

async function alertFor(
	tx: Database,
	decision: ScreeningDecision,
	author: CurrentUser,
	workshop: Workshop,
	content: { type: string; id: number }
) {
	return raiseScreeningAlert(tx, decision, author, {
		contentType: content.type,
		contentId: content.id,
		text: decision.text,
		context: {
			workshopId: workshop.id,
			workshopTitle: workshop.title,
			link: `/sessions/${workshop.id}`
		}
	});
}

async function afterWrite(
	db: Database,
	workshop: Workshop,
	decision: ScreeningDecision,
	written: { id: number; alert: Awaited<ReturnType<typeof alertFor>> },
	status: 'published' | 'held',
	changed: { ideaId: number; before?: IdeaVisibility; queueChanged: boolean }
): Promise<WriteOutcome> {
	if (written.alert)
		await announceAlert(db, written.alert).catch((error) =>
			log.error({ err: error, alertId: written.alert?.alertId }, 'could not announce alert')
		);
	await announceIdea(db, workshop.id, changed.ideaId, { before: changed.before });
	// Staff headers recount what waits for review (held now, or no longer).
	if (changed.queueChanged) publisher().publish('staff', FORUM_EVENTS.queueChanged, {});
	return {
		id: written.id,
		status,
		notice: status === 'held' ? HELD_IDEA : null,
		help: await signpostingPanel(db, decision)
	};
}
