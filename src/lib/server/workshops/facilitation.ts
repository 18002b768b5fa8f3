/**
 * What the coproduction lead does while a session runs: move it through its phases (draft →
 * gathering → grouping → voting → closed, only forwards, grouping may be skipped), with an
 * optional countdown; in 1-2-4-All, move through its stages (alone → pairs → fours → all),
 * forming pairs and fours from who is there; reveal hidden ideas; make themes, move ideas between
 * them, merge duplicates (their votes follow), hide off-topic ideas. The session's chat room opens
 * when the session starts and closes with it. Every action is audited and announced.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { randomInt } from 'node:crypto';
import type { CurrentUser } from '../accounts/current-user';
import { recordAudit } from '../audit/record';
import { tidyText, typedText } from '../content/limits';
import type { Database } from '../db';
import {
	chatRooms,
	users,
	WORKSHOP_PHASES,
	workshopGroups,
	workshopIdeas,
	workshopParticipants,
	workshopThemes,
	workshops,
	workshopVotes,
	type Workshop
} from '../db/schema';
import { NotFoundError, parseOrThrow, ValidationError } from '../errors';
import { NotAllowedError, STAFF_ROLES } from '../policy';
import { OPENING_MAX_HOURS } from '../chat/availability';
import { announceRoomState } from '../chat/controls';
import { NEXT_PHASES, STAGE_LABELS, STAGE_ORDER, type PhaseKey } from '../../workshops';
import { assertFacilitator, loadWorkshop, workshopIdSchema } from './access';
import { announceBoardChange, announceIdea, announcePhase, announceThemes } from './live';

const minutes = z.coerce
	.number({ message: 'Enter the countdown in minutes.' })
	.int('Use whole minutes.')
	.min(1, 'A countdown is at least 1 minute.')
	.max(180, 'A countdown is at most 180 minutes.')
	.nullish();

const phaseSchema = z.object({
	workshopId: workshopIdSchema,
	to: z.enum(WORKSHOP_PHASES, { message: 'Choose the next phase.' }),
	minutes
});

/** Move the session to its next phase. Only the legal next phases are accepted. */
export async function setPhase(db: Database, lead: CurrentUser, input: unknown, now = new Date()) {
	const data = parseOrThrow(phaseSchema, input);
	assertFacilitator(lead);
	const { before, workshop } = await db.transaction(async (tx) => {
		const [current] = await tx
			.select()
			.from(workshops)
			.where(eq(workshops.id, data.workshopId))
			.for('update');
		if (!current) throw new NotFoundError('That idea session does not exist.');
		const from = current.phase as PhaseKey;
		if (!NEXT_PHASES[from].includes(data.to))
			throw new NotAllowedError(
				from === 'closed'
					? 'This session has closed.'
					: `From “${from}” the session can move to ${NEXT_PHASES[from].map((p) => `“${p}”`).join(' or ')}.`
			);
		const oneTwoFour = current.template === 'one_two_four_all' && data.to === 'gathering';
		const countdown = data.minutes ?? (oneTwoFour ? STAGE_LABELS.alone.minutes : null);
		const [updated] = await tx
			.update(workshops)
			.set({
				phase: data.to,
				stage: oneTwoFour ? 'alone' : null,
				phaseEndsAt: countdown ? new Date(now.getTime() + countdown * 60_000) : null,
				// Voting needs every idea in view; closing ends voting.
				revealedAt:
					data.to === 'voting' || data.to === 'grouping'
						? (current.revealedAt ?? now)
						: current.revealedAt,
				votingClosedAt:
					data.to === 'closed' ? (current.votingClosedAt ?? now) : current.votingClosedAt,
				updatedAt: now
			})
			.where(eq(workshops.id, current.id))
			.returning();
		if (current.chatRoomId && (data.to === 'gathering' || data.to === 'closed'))
			await tx
				.update(chatRooms)
				.set({
					openUntil:
						data.to === 'gathering'
							? new Date(now.getTime() + OPENING_MAX_HOURS * 3_600_000)
							: null,
					openedAt: data.to === 'gathering' ? now : undefined,
					openedById: data.to === 'gathering' ? lead.id : undefined,
					updatedAt: now
				})
				.where(eq(chatRooms.id, current.chatRoomId));
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.phase',
			targetType: 'workshop',
			targetId: current.id,
			details: { from, to: data.to, minutes: countdown }
		});
		return { before: current, workshop: updated };
	});
	if (workshop.chatRoomId) await announceRoomState(db, workshop.chatRoomId, now).catch(() => {});
	await announcePhase(db, before, workshop);
	return workshop;
}

/** 1-2-4-All: the next stage, forming pairs or fours from the people taking part now. */
export async function nextStage(db: Database, lead: CurrentUser, input: unknown, now = new Date()) {
	const data = parseOrThrow(z.object({ workshopId: workshopIdSchema }), input);
	assertFacilitator(lead);
	const workshop = await loadWorkshop(db, data.workshopId);
	if (workshop.template !== 'one_two_four_all' || workshop.phase !== 'gathering' || !workshop.stage)
		throw new NotAllowedError('Stages are for 1-2-4-All sessions while sharing ideas.');
	const index = STAGE_ORDER.indexOf(workshop.stage);
	const stage = STAGE_ORDER[index + 1];
	if (!stage) throw new NotAllowedError('This is the last stage: move on to grouping or voting.');
	await db.transaction(async (tx) => {
		if (stage === 'pairs' || stage === 'fours') {
			const present = await presentMembers(tx, workshop.id);
			const groups = formGroups(present, stage === 'pairs' ? 2 : 4);
			if (groups.length)
				await tx
					.insert(workshopGroups)
					.values(groups.map((memberIds) => ({ workshopId: workshop.id, stage, memberIds })));
		}
		await tx
			.update(workshops)
			.set({
				stage,
				phaseEndsAt: new Date(now.getTime() + STAGE_LABELS[stage].minutes * 60_000),
				updatedAt: now
			})
			.where(and(eq(workshops.id, workshop.id), eq(workshops.stage, workshop.stage!)));
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.stage',
			targetType: 'workshop',
			targetId: workshop.id,
			details: { from: workshop.stage, to: stage }
		});
	});
	await announceBoardChange(db, workshop.id);
}

/** Members taking part now (joined and not left), staff excluded. */
async function presentMembers(db: Database, workshopId: number): Promise<number[]> {
	const rows = await db
		.select({ id: workshopParticipants.userId, roles: users.roles })
		.from(workshopParticipants)
		.innerJoin(users, eq(users.id, workshopParticipants.userId))
		.where(
			and(
				eq(workshopParticipants.workshopId, workshopId),
				sql`${workshopParticipants.joinedAt} is not null`,
				isNull(workshopParticipants.leftAt)
			)
		);
	return rows.filter((r) => !r.roles.some((role) => STAFF_ROLES.includes(role))).map((r) => r.id);
}

/**
 * Shuffle people into groups of about `size`: as many full groups as fit, the rest spread over
 * them (5 people in pairs: a three and a two; nobody is left alone unless they are the only one).
 */
export function formGroups(people: number[], size: number, pick = randomInt): number[][] {
	const shuffled = [...people];
	for (let i = shuffled.length - 1; i > 0; i--) {
		const j = pick(i + 1);
		[shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
	}
	const count = Math.max(1, Math.floor(shuffled.length / size));
	if (shuffled.length === 0) return [];
	const groups: number[][] = Array.from({ length: count }, () => []);
	shuffled.forEach((person, i) => groups[i % count].push(person));
	return groups;
}

/** Show every idea to everyone (sessions that hide ideas until revealed). */
export async function reveal(db: Database, lead: CurrentUser, input: unknown) {
	const { workshopId } = parseOrThrow(z.object({ workshopId: workshopIdSchema }), input);
	assertFacilitator(lead);
	await db.transaction(async (tx) => {
		await tx
			.update(workshops)
			.set({ revealedAt: new Date() })
			.where(and(eq(workshops.id, workshopId), isNull(workshops.revealedAt)));
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.reveal',
			targetType: 'workshop',
			targetId: workshopId
		});
	});
	await announceBoardChange(db, workshopId);
}

const themeSchema = z.object({
	workshopId: workshopIdSchema,
	name: z
		.string({ message: 'Name the theme.' })
		.transform((t) => tidyText(t).replace(/\s+/g, ' ').trim())
		.pipe(
			z.string().min(1, 'Name the theme.').max(80, 'Keep a theme’s name to 80 characters or fewer.')
		)
});

export async function createTheme(db: Database, lead: CurrentUser, input: unknown) {
	const data = parseOrThrow(themeSchema, input);
	assertFacilitator(lead);
	const workshop = await loadWorkshop(db, data.workshopId);
	assertGroupable(workshop);
	const theme = await db.transaction(async (tx) => {
		const [theme] = await tx
			.insert(workshopThemes)
			.values({ workshopId: workshop.id, name: data.name })
			.returning();
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.theme.create',
			targetType: 'workshop',
			targetId: workshop.id,
			details: { themeId: theme.id, name: theme.name }
		});
		return theme;
	});
	await announceThemes(db, workshop.id);
	return theme;
}

function assertGroupable(workshop: Workshop) {
	if (workshop.phase === 'draft' || workshop.phase === 'closed')
		throw new NotAllowedError('Themes can be changed while the session is running.');
}

const ideaRef = z.number({ message: 'Say which idea.' }).int().positive().max(2_147_483_647);

const moveSchema = z.object({
	workshopId: workshopIdSchema,
	ideaId: ideaRef,
	themeId: ideaRef.nullable()
});

/** Put an idea in a theme (or take it out of any). */
export async function moveIdea(db: Database, lead: CurrentUser, input: unknown) {
	const data = parseOrThrow(moveSchema, input);
	assertFacilitator(lead);
	const workshop = await loadWorkshop(db, data.workshopId);
	assertGroupable(workshop);
	await sessionIdea(db, workshop.id, data.ideaId);
	if (data.themeId !== null) {
		const [theme] = await db
			.select({ id: workshopThemes.id })
			.from(workshopThemes)
			.where(and(eq(workshopThemes.id, data.themeId), eq(workshopThemes.workshopId, workshop.id)));
		if (!theme) throw new ValidationError({ themeId: 'That theme is not in this session.' });
	}
	await db.transaction(async (tx) => {
		await tx
			.update(workshopIdeas)
			.set({ themeId: data.themeId })
			.where(eq(workshopIdeas.id, data.ideaId));
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.idea.move',
			targetType: 'workshop_idea',
			targetId: data.ideaId,
			details: { workshopId: workshop.id, themeId: data.themeId }
		});
	});
	await announceIdea(db, workshop.id, data.ideaId);
}

const mergeSchema = z.object({ workshopId: workshopIdSchema, ideaId: ideaRef, intoId: ideaRef });

/** Merge a duplicate into another idea: it leaves the board and its votes count for the other. */
export async function mergeIdea(db: Database, lead: CurrentUser, input: unknown) {
	const data = parseOrThrow(mergeSchema, input);
	assertFacilitator(lead);
	if (data.ideaId === data.intoId)
		throw new ValidationError({ intoId: 'Choose a different idea to merge into.' });
	const workshop = await loadWorkshop(db, data.workshopId);
	assertGroupable(workshop);
	const merged = await sessionIdea(db, workshop.id, data.ideaId);
	const into = await sessionIdea(db, workshop.id, data.intoId);
	if (into.mergedIntoId !== null)
		throw new ValidationError({ intoId: 'That idea was itself merged away.' });
	await db.transaction(async (tx) => {
		await tx
			.update(workshopIdeas)
			.set({ mergedIntoId: into.id })
			.where(eq(workshopIdeas.id, data.ideaId));
		await tx
			.update(workshopVotes)
			.set({ ideaId: into.id })
			.where(eq(workshopVotes.ideaId, data.ideaId));
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.idea.merge',
			targetType: 'workshop_idea',
			targetId: data.ideaId,
			details: { workshopId: workshop.id, intoId: into.id }
		});
	});
	await announceIdea(db, workshop.id, data.ideaId, { before: merged });
	await announceIdea(db, workshop.id, into.id);
}

const hideSchema = z.object({
	workshopId: workshopIdSchema,
	ideaId: ideaRef,
	reason: typedText()
		.optional()
		.transform((r) => r || 'Off topic for this session')
		.pipe(z.string().max(300, 'Keep the reason to 300 characters or fewer.'))
});

/** Hide an off-topic idea (its author still sees it, with the reason). */
export async function hideIdea(db: Database, lead: CurrentUser, input: unknown) {
	const data = parseOrThrow(hideSchema, input);
	assertFacilitator(lead);
	const workshop = await loadWorkshop(db, data.workshopId);
	const before = await sessionIdea(db, workshop.id, data.ideaId);
	await db.transaction(async (tx) => {
		await tx
			.update(workshopIdeas)
			.set({ status: 'hidden', hiddenReason: data.reason })
			.where(eq(workshopIdeas.id, data.ideaId));
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.idea.hide',
			targetType: 'workshop_idea',
			targetId: data.ideaId,
			details: { workshopId: workshop.id, reason: data.reason }
		});
	});
	await announceIdea(db, workshop.id, data.ideaId, { before });
}

async function sessionIdea(db: Database, workshopId: number, ideaId: number) {
	const [idea] = await db
		.select()
		.from(workshopIdeas)
		.where(and(eq(workshopIdeas.id, ideaId), eq(workshopIdeas.workshopId, workshopId)));
	if (!idea || idea.status === 'deleted')
		throw new NotFoundError('That idea is not in this session.');
	return idea;
}
