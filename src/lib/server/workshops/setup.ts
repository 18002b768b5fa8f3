/**
 * Setting up an idea session (coproduction leads, /sessions/new): the question(s), background,
 * partner, influence level, when, who can join (all members, or by invite code and named members),
 * an optional content warning, and how it runs (anonymous to peers, hide ideas until revealed,
 * votes per person, voting for one's own idea, template). Its chat room (kind `session`) is made
 * with it and opens and closes with it. Titles, questions and background are screened like every
 * other write; the lead is staff, so only risk and watched words apply.
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { CurrentUser } from '../accounts/current-user';
import { generateInviteCode } from '../accounts/invites';
import { recordAudit } from '../audit/record';
import { config } from '../config';
import { contentWarningSchema, tidyText } from '../content/limits';
import { renderPostHtml } from '../content/render';
import type { Database } from '../db';
import {
	chatRooms,
	INFLUENCE_LEVELS,
	users,
	WORKSHOP_TEMPLATES,
	workshopParticipants,
	workshops,
	type Workshop
} from '../db/schema';
import { parseOrThrow, ValidationError } from '../errors';
import { authorise, NotAllowedError } from '../policy';
import { screen } from '../safety/screen';
import { parseLondonDateTime } from '../../format';

const line = (max: number, missing: string, tooLong: string) =>
	z
		.string({ message: missing })
		.transform((t) => tidyText(t).replace(/\s+/g, ' ').trim())
		.pipe(z.string().min(1, missing).max(max, tooLong));

const yes = z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean());

export const workshopSchema = z
	.object({
		title: line(
			150,
			'Give the session a title.',
			'Keep the title to 150 characters or fewer.'
		).pipe(z.string().min(3, 'Make the title at least 3 characters.')),
		questions: z
			.string({ message: 'Write the question people will answer.' })
			.transform((t) =>
				tidyText(t)
					.split('\n')
					.map((q) => q.replace(/\s+/g, ' ').trim())
					.filter(Boolean)
			)
			.pipe(
				z
					.array(z.string().max(300, 'Keep each question to 300 characters or fewer.'))
					.min(1, 'Write the question people will answer.')
					.max(5, 'Ask at most 5 questions, one per line.')
			),
		background: z
			.string()
			.optional()
			.transform((t) => tidyText(t ?? '').trim())
			.pipe(z.string().max(4000, 'Keep the background to 4,000 characters or fewer.')),
		partner: z
			.string()
			.optional()
			.transform((t) =>
				tidyText(t ?? '')
					.replace(/\s+/g, ' ')
					.trim()
			)
			.pipe(z.string().max(120, 'Keep the partner’s name to 120 characters or fewer.')),
		influence: z.enum(INFLUENCE_LEVELS, {
			message: 'Choose how much say young people will have.'
		}),
		startsAt: z.string({ message: 'Choose the date and time it starts.' }).transform((v, ctx) => {
			const at = parseLondonDateTime(v);
			if (!at) {
				ctx.addIssue({ code: 'custom', message: 'Choose the date and time it starts.' });
				return z.NEVER;
			}
			return at;
		}),
		access: z.enum(['members', 'invite'], { message: 'Choose who can join.' }),
		/** Usernames, separated by commas, spaces or lines (invite only). */
		invitees: z
			.string()
			.optional()
			.transform((t) => [
				...new Set(
					(t ?? '')
						.split(/[\s,]+/)
						.map((u) => u.trim())
						.filter(Boolean)
				)
			])
			.pipe(z.array(z.string()).max(200, 'Name at most 200 people; share the code with more.')),
		contentWarning: contentWarningSchema,
		anonymous: yes,
		hideUntilReveal: yes,
		votesPerPerson: z.coerce
			.number({ message: 'Enter how many votes each person has, as a number.' })
			.int('Use a whole number of votes.')
			.min(1, 'Give each person at least 1 vote.')
			.max(10, 'Give each person at most 10 votes.'),
		selfVote: yes,
		template: z.enum(WORKSHOP_TEMPLATES, { message: 'Choose how the session runs.' })
	})
	.refine((w) => w.access === 'invite' || w.invitees.length === 0, {
		message: 'Named people are only for invite-only sessions.',
		path: ['invitees']
	});

export type WorkshopInput = Partial<Record<keyof z.input<typeof workshopSchema>, unknown>>;

export async function createWorkshop(
	db: Database,
	lead: CurrentUser,
	input: WorkshopInput
): Promise<Workshop> {
	const data = parseOrThrow(workshopSchema, input);
	authorise(lead, 'workshops.run', 'Only coproduction leads can set up idea sessions.');
	await assertScreened(db, lead, [data.title, ...data.questions, data.background]);
	const invitees = await findInvitees(db, data.invitees);
	return db.transaction(async (tx) => {
		const [room] = await tx
			.insert(chatRooms)
			.values({
				name: `${data.title.slice(0, 70)} (chat)`,
				description: data.anonymous
					? 'The chat beside the idea session. It opens and closes with the session. Your nickname shows here, even though ideas on the board are anonymous.'
					: 'The chat beside the idea session. It opens and closes with the session.',
				kind: 'session',
				createdById: lead.id
			})
			.returning({ id: chatRooms.id });
		const { invitees: _named, ...fields } = data;
		void _named;
		const [workshop] = await tx
			.insert(workshops)
			.values({
				...fields,
				backgroundHtml: data.background
					? renderPostHtml(data.background, { siteOrigin: config().ORIGIN })
					: '',
				inviteCode: data.access === 'invite' ? generateInviteCode() : null,
				chatRoomId: room.id,
				createdById: lead.id
			})
			.returning();
		await tx.update(chatRooms).set({ workshopId: workshop.id }).where(eq(chatRooms.id, room.id));
		if (invitees.length)
			await tx
				.insert(workshopParticipants)
				.values(invitees.map((u) => ({ workshopId: workshop.id, userId: u.id, invited: true })));
		await recordAudit(tx, {
			actorId: lead.id,
			action: 'workshop.create',
			targetType: 'workshop',
			targetId: workshop.id,
			details: { title: workshop.title, template: workshop.template, access: workshop.access }
		});
		return workshop;
	});
}

async function findInvitees(db: Database, usernames: string[]) {
	if (usernames.length === 0) return [];
	const found = await db
		.select({ id: users.id, username: users.username })
		.from(users)
		.where(
			sql`lower(${users.username}) in (${sql.join(
				usernames.map((u) => sql`${u.toLowerCase()}`),
				sql`, `
			)})`
		);
	const known = new Set(found.map((u) => u.username.toLowerCase()));
	const missing = usernames.filter((u) => !known.has(u.toLowerCase()));
	if (missing.length)
		throw new ValidationError({
			invitees: `Nobody here is called ${missing.map((m) => `“${m}”`).join(', ')}.`
		});
	return found;
}

/** Staff text is screened too: a watched word or risky words are not published as a session. */
async function assertScreened(db: Database, author: CurrentUser, texts: string[]) {
	for (const text of texts.filter(Boolean)) {
		const decision = await screen(db, { text, author, context: { kind: 'idea' } });
		if (decision.action !== 'publish')
			throw new NotAllowedError(
				decision.authorMessage ??
					'Some of these words cannot be published here. Please reword them.'
			);
	}
}
