/**
 * "You said, we did": a coproduction lead records what is happening about some of a closed
 * session's ideas (title, description, status, the ideas it answers) and keeps it up to date.
 * Every change appends to the outcome's trail with a note, is audited, and (after commit)
 * notifies everyone who contributed a linked idea, including the authors of duplicates merged
 * into it and the authors of an anonymous session's ideas: the notification goes to each author
 * alone, so nobody learns who else wrote what.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import { tidyText } from '../content/limits';
import type { Database } from '../db';
import {
	users,
	workshopIdeas,
	workshopOutcomeIdeas,
	workshopOutcomes,
	workshopOutcomeUpdates,
	workshops,
	type OutcomeStatus,
	type Workshop,
	type WorkshopOutcome
} from '../db/schema';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { pushNotifications, storeNotifications } from '../notifications/notify';
import { authorise, can } from '../policy';
import { screen } from '../safety/screen';
import { formatDateTime } from '../../format';
import {
	OUTCOME_BODY_MAX,
	OUTCOME_IDEAS_MAX,
	OUTCOME_NOTE_MAX,
	OUTCOME_REASON_MAX,
	OUTCOME_STATUS_KEYS,
	OUTCOME_TITLE_MAX,
	OUTCOME_TITLE_MIN,
	outcomeStatusLabel,
	type OutcomeStatusKey
} from '../../workshop-outcomes';
import { computeResults, FORMER_MEMBER, loadWorkshopAccess, NO_SUCH_SESSION } from './results';

// The labels shared with the browser cover exactly the statuses the database allows.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const statusesMatch: Same<OutcomeStatus, OutcomeStatusKey> = true;
void statusesMatch;

export const NO_SUCH_OUTCOME = 'That outcome does not exist. Reload the page and try again.';
export const NOT_CLOSED_YET =
	'Outcomes can be recorded once the session has closed, so they answer the final ideas.';
export const UNKNOWN_IDEAS =
	'Choose ideas from this session’s results: one or more of those chosen is not one of its ideas.';
export const REASON_REQUIRED =
	'Say why this is not going ahead: the people who suggested it deserve a reason.';
export const OUTCOME_KIND = 'workshop_outcome';

const LEAD_ONLY = 'Only coproduction leads can record what happened about a session’s ideas.';

const plain = (max: number, tooLong: string) =>
	z
		.string()
		.optional()
		.transform((t) => tidyText(t ?? '').trim())
		.pipe(z.string().max(max, tooLong));

const statusField = z.enum(OUTCOME_STATUS_KEYS as [OutcomeStatusKey, ...OutcomeStatusKey[]], {
	message: 'Choose where this stands.'
});

const ID_MAX = 2_147_483_647;
const ideaIdsField = z
	.array(z.unknown(), { message: 'Choose at least one idea this answers.' })
	.min(1, 'Choose at least one idea this answers.')
	.max(OUTCOME_IDEAS_MAX, `Link at most ${OUTCOME_IDEAS_MAX} ideas to one outcome.`)
	.transform((raw, ctx) => {
		const ids = raw.map((v) =>
			typeof v === 'string' && /^\d{1,10}$/.test(v.trim()) ? Number(v) : v
		);
		if (
			!ids.every(
				(id): id is number => Number.isInteger(id) && (id as number) > 0 && (id as number) <= ID_MAX
			)
		) {
			ctx.addIssue({ code: 'custom', message: UNKNOWN_IDEAS });
			return z.NEVER;
		}
		return [...new Set(ids)];
	});

function needsReason(
	data: { status: OutcomeStatusKey; reason: string },
	ctx: z.RefinementCtx
): void {
	if (data.status === 'not_doing' && !data.reason)
		ctx.addIssue({ code: 'custom', path: ['reason'], message: REASON_REQUIRED });
}

const titleField = z
	.string({ message: 'Give the outcome a short title.' })
	.transform((t) => tidyText(t).replace(/\s+/g, ' ').trim())
	.pipe(
		z
			.string()
			.min(1, 'Give the outcome a short title.')
			.min(OUTCOME_TITLE_MIN, `Make the title at least ${OUTCOME_TITLE_MIN} characters.`)
			.max(OUTCOME_TITLE_MAX, `Keep the title to ${OUTCOME_TITLE_MAX} characters or fewer.`)
	);

const bodyField = plain(
	OUTCOME_BODY_MAX,
	`Keep the description to ${OUTCOME_BODY_MAX.toLocaleString('en-GB')} characters or fewer.`
);

export const outcomeSchema = z
	.object({
		title: titleField,
		body: bodyField,
		status: statusField,
		reason: plain(
			OUTCOME_REASON_MAX,
			`Keep the reason to ${OUTCOME_REASON_MAX.toLocaleString('en-GB')} characters or fewer.`
		),
		ideaIds: ideaIdsField,
		note: plain(
			OUTCOME_NOTE_MAX,
			`Keep the note to ${OUTCOME_NOTE_MAX.toLocaleString('en-GB')} characters or fewer.`
		)
	})
	.superRefine(needsReason);

/** Correcting an outcome's wording, or which ideas it answers (its status changes by updates). */
export const outcomeEditSchema = z.object({
	title: titleField,
	body: bodyField,
	ideaIds: ideaIdsField
});

export const outcomeUpdateSchema = z
	.object({
		status: statusField,
		reason: plain(
			OUTCOME_REASON_MAX,
			`Keep the reason to ${OUTCOME_REASON_MAX.toLocaleString('en-GB')} characters or fewer.`
		),
		note: z
			.string({ message: 'Say what has changed, so people can follow what happened.' })
			.transform((t) => tidyText(t).trim())
			.pipe(
				z
					.string()
					.min(1, 'Say what has changed, so people can follow what happened.')
					.max(
						OUTCOME_NOTE_MAX,
						`Keep the note to ${OUTCOME_NOTE_MAX.toLocaleString('en-GB')} characters or fewer.`
					)
			)
	})
	.superRefine(needsReason);

export type OutcomeInput = z.input<typeof outcomeSchema>;
export type OutcomeUpdateInput = z.input<typeof outcomeUpdateSchema>;
export type OutcomeEditInput = z.input<typeof outcomeEditSchema>;

/**
 * What a lead writes is read by young people: it is screened like everything else. Wording that
 * would be held or blocked is refused (nothing is stored) with a clear message.
 */
async function assertWordingPasses(db: Database, actor: CurrentUser, texts: string[]) {
	const text = texts.filter(Boolean).join('\n\n');
	if (!text) return;
	const decision = await screen(db, {
		text,
		author: { id: actor.id, roles: actor.roles },
		context: { kind: 'comment' }
	});
	if (decision.action !== 'publish')
		throw new ValidationError({
			form:
				decision.authorMessage && decision.action === 'block'
					? decision.authorMessage
					: 'Our safety checks would hold this wording back from young people. Please reword it (for example, leave out contact details) and try again.'
		});
}

async function loadWorkshop(db: Database, workshopId: number): Promise<Workshop> {
	const [workshop] = await db.select().from(workshops).where(eq(workshops.id, workshopId));
	if (!workshop) throw new NotFoundError(NO_SUCH_SESSION);
	return workshop;
}

/**
 * Linked ideas must be this session's published ideas, not merged duplicates (link the idea
 * they were merged into) and not held, hidden or deleted.
 */
async function assertLinkable(db: Database, workshopId: number, ideaIds: number[]) {
	const found = await db
		.select({
			id: workshopIdeas.id,
			status: workshopIdeas.status,
			mergedIntoId: workshopIdeas.mergedIntoId
		})
		.from(workshopIdeas)
		.where(and(eq(workshopIdeas.workshopId, workshopId), inArray(workshopIdeas.id, ideaIds)));
	const ok = found.filter((idea) => idea.status === 'published' && idea.mergedIntoId == null);
	if (ok.length !== ideaIds.length) throw new ValidationError({ ideaIds: UNKNOWN_IDEAS });
}

/**
 * Who contributed these ideas: their authors and the authors of (published) duplicates merged
 * into them, following chains of merges. Deleted accounts are skipped.
 */
export async function contributorsOf(
	db: Pick<Database, 'select'>,
	workshopId: number,
	ideaIds: number[]
): Promise<number[]> {
	const ideas = await db
		.select({
			id: workshopIdeas.id,
			authorId: workshopIdeas.authorId,
			status: workshopIdeas.status,
			mergedIntoId: workshopIdeas.mergedIntoId
		})
		.from(workshopIdeas)
		.where(eq(workshopIdeas.workshopId, workshopId));
	const linked = new Set(ideaIds);
	const byId = new Map(ideas.map((idea) => [idea.id, idea]));
	const reaches = (id: number): boolean => {
		const seen = new Set<number>();
		let idea = byId.get(id);
		while (idea && !seen.has(idea.id)) {
			if (linked.has(idea.id)) return true;
			seen.add(idea.id);
			idea = idea.mergedIntoId == null ? undefined : byId.get(idea.mergedIntoId);
		}
		return false;
	};
	const authors = new Set<number>();
	for (const idea of ideas) {
		if (idea.authorId == null) continue;
		if (linked.has(idea.id) || (idea.status === 'published' && reaches(idea.id)))
			authors.add(idea.authorId);
	}
	return [...authors];
}

function notificationFor(
	workshop: Workshop,
	outcome: { id: number; title: string; status: OutcomeStatusKey },
	created: boolean
) {
	return {
		kind: OUTCOME_KIND,
		title: created
			? `What is happening about your idea from “${workshop.title}”`
			: `News about your idea from “${workshop.title}”`,
		body: `${outcome.title}: ${outcomeStatusLabel(outcome.status)}.`,
		link: `/sessions/${workshop.id}/outcomes#outcome-${outcome.id}`
	};
}

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Makes a change to an outcome in a transaction that also stores a notification for each of the
 * people it names; the notifications are pushed live once it has committed.
 */
async function changeAndTell(
	db: Database,
	workshop: Workshop,
	change: (
		tx: Transaction
	) => Promise<{ outcome: WorkshopOutcome; recipients: number[]; created: boolean }>
) {
	const { outcome, stored } = await db.transaction(async (tx) => {
		const { outcome, recipients, created } = await change(tx);
		const stored = await storeNotifications(
			tx,
			recipients,
			notificationFor(workshop, outcome, created)
		);
		return { outcome, stored };
	});
	pushNotifications(stored);
	return { outcome, notified: stored.length };
}

/** Records an outcome for a closed session, linked to some of its ideas. */
export async function createOutcome(
	db: Database,
	actor: CurrentUser,
	workshopId: number,
	input: OutcomeInput
) {
	const data = parseOrThrow(outcomeSchema, input);
	authorise(actor, 'outcomes.publish', LEAD_ONLY);
	const workshop = await loadWorkshop(db, workshopId);
	if (workshop.phase !== 'closed') throw new ValidationError({ form: NOT_CLOSED_YET });
	await assertLinkable(db, workshopId, data.ideaIds);
	await assertWordingPasses(db, actor, [data.title, data.body, data.reason, data.note]);
	const reason = data.status === 'not_doing' ? data.reason : data.reason || null;

	return changeAndTell(db, workshop, async (tx) => {
		const [outcome] = await tx
			.insert(workshopOutcomes)
			.values({
				workshopId,
				title: data.title,
				body: data.body,
				status: data.status,
				reason,
				createdById: actor.id
			})
			.returning();
		await tx
			.insert(workshopOutcomeIdeas)
			.values(data.ideaIds.map((ideaId) => ({ outcomeId: outcome.id, ideaId })));
		await tx.insert(workshopOutcomeUpdates).values({
			outcomeId: outcome.id,
			status: data.status,
			note: data.note,
			byId: actor.id
		});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'workshop.outcome.create',
			targetType: 'workshop_outcome',
			targetId: outcome.id,
			details: { workshopId, status: data.status, ideaIds: data.ideaIds }
		});
		const recipients = (await contributorsOf(tx, workshopId, data.ideaIds)).filter(
			(id) => id !== actor.id
		);
		return { outcome, recipients, created: true };
	});
}

async function loadOutcome(db: Database, outcomeId: number) {
	const [existing] = await db
		.select()
		.from(workshopOutcomes)
		.where(eq(workshopOutcomes.id, outcomeId));
	if (!existing) throw new NotFoundError(NO_SUCH_OUTCOME);
	return { existing, workshop: await loadWorkshop(db, existing.workshopId) };
}

async function linkedIdeaIds(db: Pick<Database, 'select'>, outcomeId: number) {
	const links = await db
		.select({ ideaId: workshopOutcomeIdeas.ideaId })
		.from(workshopOutcomeIdeas)
		.where(eq(workshopOutcomeIdeas.outcomeId, outcomeId));
	return links.map((l) => l.ideaId);
}

/** A change of status (or a progress note): appended to the trail, audited, contributors told. */
export async function updateOutcome(
	db: Database,
	actor: CurrentUser,
	outcomeId: number,
	input: OutcomeUpdateInput
) {
	const data = parseOrThrow(outcomeUpdateSchema, input);
	authorise(actor, 'outcomes.publish', LEAD_ONLY);
	const { existing, workshop } = await loadOutcome(db, outcomeId);
	await assertWordingPasses(db, actor, [data.reason, data.note]);
	const reason = data.status === 'not_doing' ? data.reason : data.reason || null;

	return changeAndTell(db, workshop, async (tx) => {
		const [outcome] = await tx
			.update(workshopOutcomes)
			.set({ status: data.status, reason, updatedAt: new Date() })
			.where(eq(workshopOutcomes.id, outcomeId))
			.returning();
		if (!outcome) throw new NotFoundError(NO_SUCH_OUTCOME);
		await tx.insert(workshopOutcomeUpdates).values({
			outcomeId,
			status: data.status,
			note: data.note,
			byId: actor.id
		});
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'workshop.outcome.update',
			targetType: 'workshop_outcome',
			targetId: outcomeId,
			details: { workshopId: workshop.id, from: existing.status, to: data.status }
		});
		const recipients = (
			await contributorsOf(tx, workshop.id, await linkedIdeaIds(tx, outcomeId))
		).filter((id) => id !== actor.id);
		return { outcome, recipients, created: false };
	});
}

export const NOTHING_CHANGED =
	'Nothing to save: the title, description and linked ideas are as they were.';

/**
 * Corrects an outcome's title or description, or which ideas it answers. Its status and trail
 * change only by updates. Audited with the wording it had; the people newly reached (authors of
 * ideas linked now, not already told through another of its ideas) are told about it.
 */
export async function editOutcome(
	db: Database,
	actor: CurrentUser,
	outcomeId: number,
	input: OutcomeEditInput
) {
	const data = parseOrThrow(outcomeEditSchema, input);
	authorise(actor, 'outcomes.publish', LEAD_ONLY);
	const { existing, workshop } = await loadOutcome(db, outcomeId);
	const linkedBefore = await linkedIdeaIds(db, outcomeId);
	const added = data.ideaIds.filter((id) => !linkedBefore.includes(id));
	const removed = linkedBefore.filter((id) => !data.ideaIds.includes(id));
	if (
		data.title === existing.title &&
		data.body === existing.body &&
		added.length === 0 &&
		removed.length === 0
	)
		throw new ValidationError({ form: NOTHING_CHANGED });
	// Ideas linked already stay linkable even if hidden since; new links must be published ideas.
	if (added.length) await assertLinkable(db, workshop.id, added);
	await assertWordingPasses(db, actor, [data.title, data.body]);

	return changeAndTell(db, workshop, async (tx) => {
		const told = new Set(await contributorsOf(tx, workshop.id, linkedBefore));
		const [outcome] = await tx
			.update(workshopOutcomes)
			.set({ title: data.title, body: data.body, updatedAt: new Date() })
			.where(eq(workshopOutcomes.id, outcomeId))
			.returning();
		if (!outcome) throw new NotFoundError(NO_SUCH_OUTCOME);
		if (removed.length)
			await tx
				.delete(workshopOutcomeIdeas)
				.where(
					and(
						eq(workshopOutcomeIdeas.outcomeId, outcomeId),
						inArray(workshopOutcomeIdeas.ideaId, removed)
					)
				);
		if (added.length)
			await tx
				.insert(workshopOutcomeIdeas)
				.values(added.map((ideaId) => ({ outcomeId, ideaId })))
				.onConflictDoNothing();
		await recordAudit(tx, {
			actorId: actor.id,
			action: 'workshop.outcome.edit',
			targetType: 'workshop_outcome',
			targetId: outcomeId,
			details: {
				workshopId: workshop.id,
				before: { title: existing.title, body: existing.body },
				ideasLinked: added,
				ideasUnlinked: removed
			}
		});
		const recipients = added.length
			? (await contributorsOf(tx, workshop.id, added)).filter(
					(id) => id !== actor.id && !told.has(id)
				)
			: [];
		return { outcome, recipients, created: true };
	});
}

export interface OutcomeView {
	id: number;
	title: string;
	body: string;
	status: OutcomeStatusKey;
	statusLabel: string;
	reason: string | null;
	updated: string;
	updatedIso: string;
	ideas: { id: number; body: string | null; author: string | null; mine: boolean }[];
	trail: {
		id: number;
		status: OutcomeStatusKey;
		statusLabel: string;
		note: string;
		at: string;
		atIso: string;
		by: string | null;
	}[];
}

/**
 * The outcomes page: every outcome of the session with its linked ideas and its trail, oldest
 * change first. Members see an idea's words only while it is published, and its author only in
 * a session that is not anonymous (or when it is their own); leads also get the ideas they can
 * link, ranked.
 */
export async function sessionOutcomes(db: Database, user: CurrentUser, workshopId: number) {
	const access = await loadWorkshopAccess(db, user, workshopId);
	const { workshop, runs } = access;
	const records = can(user, 'outcomes.publish');
	const rows = await db
		.select()
		.from(workshopOutcomes)
		.where(eq(workshopOutcomes.workshopId, workshopId))
		.orderBy(asc(workshopOutcomes.createdAt), asc(workshopOutcomes.id));
	const outcomeIds = rows.map((o) => o.id);
	const [links, updates] = outcomeIds.length
		? await Promise.all([
				db
					.select({
						outcomeId: workshopOutcomeIdeas.outcomeId,
						ideaId: workshopIdeas.id,
						body: workshopIdeas.body,
						status: workshopIdeas.status,
						authorId: workshopIdeas.authorId,
						authorName: users.username
					})
					.from(workshopOutcomeIdeas)
					.innerJoin(workshopIdeas, eq(workshopIdeas.id, workshopOutcomeIdeas.ideaId))
					.leftJoin(users, eq(users.id, workshopIdeas.authorId))
					.where(inArray(workshopOutcomeIdeas.outcomeId, outcomeIds))
					.orderBy(asc(workshopIdeas.id)),
				db
					.select({
						id: workshopOutcomeUpdates.id,
						outcomeId: workshopOutcomeUpdates.outcomeId,
						status: workshopOutcomeUpdates.status,
						note: workshopOutcomeUpdates.note,
						createdAt: workshopOutcomeUpdates.createdAt,
						by: users.username
					})
					.from(workshopOutcomeUpdates)
					.leftJoin(users, eq(users.id, workshopOutcomeUpdates.byId))
					.where(inArray(workshopOutcomeUpdates.outcomeId, outcomeIds))
					.orderBy(asc(workshopOutcomeUpdates.createdAt), asc(workshopOutcomeUpdates.id))
			])
		: [[], []];

	const outcomes: OutcomeView[] = rows.map((o) => ({
		id: o.id,
		title: o.title,
		body: o.body,
		status: o.status,
		statusLabel: outcomeStatusLabel(o.status),
		reason: o.reason,
		updated: formatDateTime(o.updatedAt),
		updatedIso: o.updatedAt.toISOString(),
		ideas: links
			.filter((l) => l.outcomeId === o.id)
			.map((l) => {
				const mine = l.authorId === user.id;
				const shown = runs || l.status === 'published' || mine;
				return {
					id: l.ideaId,
					body: shown ? l.body : null,
					author:
						runs || (!workshop.anonymous && shown) || mine ? (l.authorName ?? FORMER_MEMBER) : null,
					mine
				};
			}),
		trail: updates
			.filter((u) => u.outcomeId === o.id)
			.map((u) => ({
				id: u.id,
				status: u.status,
				statusLabel: outcomeStatusLabel(u.status),
				note: u.note,
				at: formatDateTime(u.createdAt),
				atIso: u.createdAt.toISOString(),
				by: runs ? (u.by ?? 'a former member of staff') : null
			}))
	}));

	const linkable =
		records && workshop.phase === 'closed'
			? (await computeResults(db, workshop, true)).ideas.map((idea) => ({
					id: idea.id,
					body: idea.body,
					votes: idea.votes,
					theme: idea.theme
				}))
			: [];

	return {
		workshop: {
			id: workshop.id,
			title: workshop.title,
			partner: workshop.partner,
			phase: workshop.phase,
			anonymous: workshop.anonymous
		},
		outcomes,
		records,
		closed: workshop.phase === 'closed',
		linkable
	};
}
