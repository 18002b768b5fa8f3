/**
 * Idea sessions made straight in the database, as if one had just been run: the session, who
 * joined, themes, ideas (published, held, hidden, merged), comments and dot votes. Used by the
 * "after the session" tests (results, outcomes, attendance) and the end-to-end fixtures.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../src/lib/server/db';
import {
	workshopComments,
	workshopIdeas,
	workshopParticipants,
	workshops,
	workshopThemes,
	workshopVotes,
	type Workshop
} from '../../src/lib/server/db/schema';

type Person = { id: number };

export interface SessionOptions {
	title?: string;
	questions?: string[];
	partner?: string;
	anonymous?: boolean;
	phase?: Workshop['phase'];
	access?: Workshop['access'];
	votesPerPerson?: number;
	startsAt?: Date;
	createdBy?: Person;
}

export async function makeSession(db: Database, options: SessionOptions = {}): Promise<Workshop> {
	const [workshop] = await db
		.insert(workshops)
		.values({
			title: options.title ?? 'Making the youth centre better',
			questions: options.questions ?? ['What would make the youth centre feel like yours?'],
			partner: options.partner ?? 'Northside Youth Centre',
			influence: 'consultation',
			startsAt: options.startsAt ?? new Date(Date.now() - 2 * 3_600_000),
			anonymous: options.anonymous ?? false,
			phase: options.phase ?? 'closed',
			access: options.access ?? 'members',
			votesPerPerson: options.votesPerPerson ?? 5,
			votingClosedAt: (options.phase ?? 'closed') === 'closed' ? new Date() : null,
			createdById: options.createdBy?.id
		})
		.returning();
	return workshop;
}

/** Joined (and by default left an hour later): attendance. */
export async function join(
	db: Database,
	workshop: Workshop,
	person: Person,
	times: { joinedAt?: Date | null; leftAt?: Date | null; invited?: boolean } = {}
) {
	const joinedAt = times.joinedAt === undefined ? workshop.startsAt : times.joinedAt;
	await db.insert(workshopParticipants).values({
		workshopId: workshop.id,
		userId: person.id,
		invited: times.invited ?? false,
		joinedAt,
		leftAt:
			times.leftAt === undefined
				? joinedAt && new Date(joinedAt.getTime() + 3_600_000)
				: times.leftAt
	});
}

export async function addTheme(db: Database, workshop: Workshop, name: string, position = 0) {
	const [theme] = await db
		.insert(workshopThemes)
		.values({ workshopId: workshop.id, name, position })
		.returning();
	return theme;
}

export async function addIdea(
	db: Database,
	workshop: Workshop,
	author: Person | null,
	body: string,
	extra: {
		status?: 'published' | 'held' | 'hidden' | 'deleted';
		themeId?: number;
		mergedIntoId?: number;
	} = {}
) {
	const [idea] = await db
		.insert(workshopIdeas)
		.values({
			workshopId: workshop.id,
			authorId: author?.id ?? null,
			body,
			status: extra.status ?? 'published',
			themeId: extra.themeId ?? null,
			mergedIntoId: extra.mergedIntoId ?? null
		})
		.returning();
	return idea;
}

export async function addComment(
	db: Database,
	idea: { id: number },
	author: Person,
	body: string,
	status: 'published' | 'held' | 'hidden' | 'deleted' = 'published'
) {
	const [comment] = await db
		.insert(workshopComments)
		.values({ ideaId: idea.id, authorId: author.id, body, status })
		.returning();
	return comment;
}

/** One dot vote each: each vote takes the person's next free slot. */
export async function vote(
	db: Database,
	workshop: Workshop,
	voter: Person,
	...ideas: { id: number }[]
) {
	for (const idea of ideas) {
		const [row] = await db
			.select({ used: sql<number>`coalesce(max(${workshopVotes.slot}), 0)::int` })
			.from(workshopVotes)
			.where(and(eq(workshopVotes.workshopId, workshop.id), eq(workshopVotes.userId, voter.id)));
		await db.insert(workshopVotes).values({
			workshopId: workshop.id,
			userId: voter.id,
			slot: row.used + 1,
			ideaId: idea.id
		});
	}
}
