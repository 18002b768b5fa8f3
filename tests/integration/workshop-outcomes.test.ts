/**
 * "You said, we did": a coproduction lead records what is happening about a closed session's
 * ideas and keeps it up to date. Each change lands on the trail, is audited, and reaches the
 * people who contributed the linked ideas (anonymous ones too, and the authors of duplicates
 * merged into them), nobody else. Its wording and linked ideas can be corrected. Bad input and
 * people without the role change nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { database, type Database } from '../../src/lib/server/db';
import {
	auditLog,
	notifications,
	workshopOutcomeIdeas,
	workshopOutcomes,
	workshopOutcomeUpdates
} from '../../src/lib/server/db/schema';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import {
	createOutcome,
	editOutcome,
	NOTHING_CHANGED,
	REASON_REQUIRED,
	sessionOutcomes,
	UNKNOWN_IDEAS,
	updateOutcome
} from '../../src/lib/server/workshops/outcomes';
import { accountMaker, type MakeAccount } from '../support/members';
import { addIdea, join, makeSession } from '../support/workshops';

let db: Database;
let account: MakeAccount;
let lead: CurrentUser;
let worker: CurrentUser;

beforeAll(async () => {
	db = await database();
	account = accountMaker(db, 'outcomes');
	lead = await account(['coproduction_lead']);
	worker = await account(['youth_worker']);
});

async function notificationsOf(people: { id: number }[]) {
	const rows = await db
		.select()
		.from(notifications)
		.where(
			inArray(
				notifications.userId,
				people.map((p) => p.id)
			)
		)
		.orderBy(notifications.id);
	return rows;
}

async function outcomeRowsFor(workshopId: number) {
	return db.select().from(workshopOutcomes).where(eq(workshopOutcomes.workshopId, workshopId));
}

/** A closed session: two ideas with authors, a duplicate merged into one, a bystander. */
async function closedSession(options: { anonymous?: boolean } = {}) {
	const [ama, ben, cai, bystander] = [
		await account(),
		await account(),
		await account(),
		await account()
	];
	const workshop = await makeSession(db, { anonymous: options.anonymous });
	for (const person of [ama, ben, cai, bystander]) await join(db, workshop, person);
	const sofas = await addIdea(db, workshop, ama, 'More sofas');
	const comfy = await addIdea(db, workshop, cai, 'Comfier seats', { mergedIntoId: sofas.id });
	const late = await addIdea(db, workshop, ben, 'Open later on Fridays');
	const bystanderIdea = await addIdea(db, workshop, bystander, 'A music studio');
	const hidden = await addIdea(db, workshop, bystander, 'Hidden idea', { status: 'hidden' });
	return {
		workshop,
		people: { ama, ben, cai, bystander },
		ideas: { sofas, comfy, late, bystanderIdea, hidden }
	};
}

describe('recording an outcome', () => {
	it('notifies each linked idea’s author, and the author of a duplicate merged into it, nobody else', async () => {
		const { workshop, people, ideas } = await closedSession();
		const { outcome, notified } = await createOutcome(db, lead, workshop.id, {
			title: 'New sofas ordered',
			body: 'Two sofas and bean bags for the chill-out room.',
			status: 'planned',
			ideaIds: [String(ideas.sofas.id)],
			note: 'Budget agreed at the October board.'
		});
		expect(notified).toBe(2);
		const sent = await notificationsOf([...Object.values(people), lead]);
		expect(sent.map((n) => n.userId).sort()).toEqual([people.ama.id, people.cai.id].sort());
		expect(sent[0]).toMatchObject({
			kind: 'workshop_outcome',
			body: 'New sofas ordered: Planned.',
			link: `/sessions/${workshop.id}/outcomes#outcome-${outcome.id}`
		});
		expect(sent[0].title).toContain(workshop.title);

		const audit = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.targetType, 'workshop_outcome'), eq(auditLog.targetId, String(outcome.id)))
			);
		expect(audit.map((a) => a.action)).toEqual(['workshop.outcome.create']);
	});

	it('reaches the authors of an anonymous session’s ideas without telling anyone who they are', async () => {
		const { workshop, people, ideas } = await closedSession({ anonymous: true });
		await createOutcome(db, lead, workshop.id, {
			title: 'Friday opening trial',
			status: 'in_progress',
			ideaIds: [String(ideas.late.id), String(ideas.sofas.id)]
		});
		const sent = await notificationsOf(Object.values(people));
		expect(sent.map((n) => n.userId).sort()).toEqual(
			[people.ama.id, people.ben.id, people.cai.id].sort()
		);
		// The message names no one, and the trail shows members no authors but their own.
		for (const n of sent)
			for (const person of Object.values(people))
				expect(`${n.title} ${n.body}`).not.toContain(person.username);
		const asBen = await sessionOutcomes(db, people.ben, workshop.id);
		const linked = asBen.outcomes[0].ideas;
		expect(linked.find((i) => i.id === ideas.late.id)).toMatchObject({
			mine: true,
			author: people.ben.username
		});
		expect(linked.find((i) => i.id === ideas.sofas.id)).toMatchObject({
			mine: false,
			author: null,
			body: 'More sofas'
		});
		expect(JSON.stringify(asBen)).not.toContain(people.ama.username);
	});

	it('refuses "not doing" without a reason, writing and sending nothing', async () => {
		const { workshop, people, ideas } = await closedSession();
		const attempt = createOutcome(db, lead, workshop.id, {
			title: 'Sunday opening',
			status: 'not_doing',
			reason: '   ',
			ideaIds: [String(ideas.late.id)]
		});
		await expect(attempt).rejects.toThrow(ValidationError);
		await expect(attempt).rejects.toMatchObject({ fieldErrors: { reason: REASON_REQUIRED } });
		expect(await outcomeRowsFor(workshop.id)).toEqual([]);
		expect(await notificationsOf(Object.values(people))).toEqual([]);
	});

	it('refuses unknown ideas, another session’s ideas, duplicates and hidden ones', async () => {
		const { workshop, people, ideas } = await closedSession();
		const other = await closedSession();
		for (const ideaIds of [
			['999999'],
			[String(other.ideas.sofas.id)],
			[String(ideas.sofas.id), String(other.ideas.late.id)],
			[String(ideas.comfy.id)],
			[String(ideas.hidden.id)],
			['not-a-number'],
			['-3']
		]) {
			const attempt = createOutcome(db, lead, workshop.id, {
				title: 'Something',
				status: 'planned',
				ideaIds
			});
			await expect(attempt, ideaIds.join()).rejects.toMatchObject({
				fieldErrors: { ideaIds: UNKNOWN_IDEAS }
			});
		}
		await expect(
			createOutcome(db, lead, workshop.id, { title: 'Something', status: 'planned', ideaIds: [] })
		).rejects.toMatchObject({ fieldErrors: { ideaIds: 'Choose at least one idea this answers.' } });
		await expect(
			createOutcome(db, lead, workshop.id, {
				title: 'x',
				status: 'sometime' as 'planned',
				ideaIds: [String(ideas.sofas.id)]
			})
		).rejects.toMatchObject({
			fieldErrors: {
				title: 'Make the title at least 3 characters.',
				status: 'Choose where this stands.'
			}
		});
		expect(await outcomeRowsFor(workshop.id)).toEqual([]);
		expect(await notificationsOf(Object.values(people))).toEqual([]);
	});

	it('is for coproduction leads only, on closed sessions', async () => {
		const { workshop, people, ideas } = await closedSession();
		const input = { title: 'Sofas', status: 'planned' as const, ideaIds: [String(ideas.sofas.id)] };
		await expect(createOutcome(db, people.ama, workshop.id, input)).rejects.toThrow(
			NotAllowedError
		);
		await expect(createOutcome(db, worker, workshop.id, input)).rejects.toThrow(NotAllowedError);
		await expect(createOutcome(db, lead, 999_999, input)).rejects.toThrow(NotFoundError);
		const live = await makeSession(db, { phase: 'voting' });
		const liveIdea = await addIdea(db, live, people.ama, 'Still voting');
		await expect(
			createOutcome(db, lead, live.id, { ...input, ideaIds: [String(liveIdea.id)] })
		).rejects.toThrow(ValidationError);
		expect(await outcomeRowsFor(workshop.id)).toEqual([]);
	});

	it('refuses wording the safety checks would keep from young people', async () => {
		const { workshop, ideas } = await closedSession();
		await expect(
			createOutcome(db, lead, workshop.id, {
				title: 'Sofas',
				body: 'i am going to kill myself tonight, i have the pills ready',
				status: 'planned',
				ideaIds: [String(ideas.sofas.id)]
			})
		).rejects.toThrow(ValidationError);
		expect(await outcomeRowsFor(workshop.id)).toEqual([]);
	});
});

describe('keeping an outcome up to date', () => {
	it('appends each change to the trail, audits it and tells the contributors again', async () => {
		const { workshop, people, ideas } = await closedSession();
		const { outcome } = await createOutcome(db, lead, workshop.id, {
			title: 'Friday late opening',
			status: 'under_consideration',
			ideaIds: [String(ideas.late.id)]
		});
		await updateOutcome(db, lead, outcome.id, {
			status: 'in_progress',
			note: 'Trial starts in January.'
		});
		await updateOutcome(db, lead, outcome.id, { status: 'done', note: 'Open until 10pm now.' });

		const view = await sessionOutcomes(db, people.bystander, workshop.id);
		expect(view.records).toBe(false);
		expect(view.outcomes).toHaveLength(1);
		expect(view.outcomes[0]).toMatchObject({ status: 'done', statusLabel: 'Done' });
		expect(view.outcomes[0].trail.map((t) => [t.statusLabel, t.note, t.by])).toEqual([
			['Under consideration', '', null],
			['In progress', 'Trial starts in January.', null],
			['Done', 'Open until 10pm now.', null]
		]);

		const sent = await notificationsOf(Object.values(people));
		expect(sent.map((n) => [n.userId, n.body])).toEqual([
			[people.ben.id, 'Friday late opening: Under consideration.'],
			[people.ben.id, 'Friday late opening: In progress.'],
			[people.ben.id, 'Friday late opening: Done.']
		]);
		const audit = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.targetType, 'workshop_outcome'), eq(auditLog.targetId, String(outcome.id)))
			);
		expect(audit.map((a) => a.action)).toEqual([
			'workshop.outcome.create',
			'workshop.outcome.update',
			'workshop.outcome.update'
		]);
		expect(audit[2].details).toMatchObject({ from: 'in_progress', to: 'done' });
	});

	it('refuses a change to "not doing" without a reason, or without a note, changing nothing', async () => {
		const { workshop, people, ideas } = await closedSession();
		const { outcome } = await createOutcome(db, lead, workshop.id, {
			title: 'Music studio',
			status: 'under_consideration',
			ideaIds: [String(ideas.bystanderIdea.id)]
		});
		await expect(
			updateOutcome(db, lead, outcome.id, { status: 'not_doing', note: 'No room.' })
		).rejects.toMatchObject({ fieldErrors: { reason: REASON_REQUIRED } });
		await expect(
			updateOutcome(db, lead, outcome.id, { status: 'planned', note: '  ' })
		).rejects.toThrow(ValidationError);
		await expect(
			updateOutcome(db, people.bystander, outcome.id, { status: 'done', note: 'I did it' })
		).rejects.toThrow(NotAllowedError);
		await expect(
			updateOutcome(db, lead, 999_999, { status: 'done', note: 'Finished' })
		).rejects.toThrow(NotFoundError);
		const [row] = await outcomeRowsFor(workshop.id);
		expect(row.status).toBe('under_consideration');
		const trail = await db
			.select()
			.from(workshopOutcomeUpdates)
			.where(eq(workshopOutcomeUpdates.outcomeId, outcome.id));
		expect(trail).toHaveLength(1);
		expect(await notificationsOf([people.bystander])).toHaveLength(1);

		// With a reason it goes through, and the reason is kept on the outcome.
		await updateOutcome(db, lead, outcome.id, {
			status: 'not_doing',
			reason: 'The building cannot take the sound-proofing.',
			note: 'Looked into it with the landlord.'
		});
		const [after] = await outcomeRowsFor(workshop.id);
		expect(after).toMatchObject({
			status: 'not_doing',
			reason: 'The building cannot take the sound-proofing.'
		});
	});

	it('corrects the wording and linked ideas: audited with the old wording, only newly reached authors told', async () => {
		const { workshop, people, ideas } = await closedSession();
		const { outcome } = await createOutcome(db, lead, workshop.id, {
			title: 'New sofa',
			status: 'planned',
			ideaIds: [String(ideas.sofas.id), String(ideas.bystanderIdea.id)]
		});
		const before = await notificationsOf(Object.values(people));

		const { notified } = await editOutcome(db, lead, outcome.id, {
			title: '  New sofas for the chill-out room ',
			body: 'Two sofas, chosen by the youth panel.',
			ideaIds: [String(ideas.sofas.id), String(ideas.late.id)]
		});

		expect(notified).toBe(1);
		const view = await sessionOutcomes(db, lead, workshop.id);
		expect(view.outcomes[0]).toMatchObject({
			title: 'New sofas for the chill-out room',
			body: 'Two sofas, chosen by the youth panel.',
			status: 'planned'
		});
		expect(view.outcomes[0].ideas.map((i) => i.id)).toEqual([ideas.sofas.id, ideas.late.id]);
		expect(view.outcomes[0].trail).toHaveLength(1);
		// Ben's idea is linked now, so he hears of it; Ama and Cai were told already.
		const sent = (await notificationsOf(Object.values(people))).slice(before.length);
		expect(sent.map((n) => [n.userId, n.body])).toEqual([
			[people.ben.id, 'New sofas for the chill-out room: Planned.']
		]);
		const [audit] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'workshop.outcome.edit'), eq(auditLog.targetId, String(outcome.id)))
			);
		expect(audit.details).toMatchObject({
			before: { title: 'New sofa', body: '' },
			ideasLinked: [ideas.late.id],
			ideasUnlinked: [ideas.bystanderIdea.id]
		});
	});

	it('refuses an edit with nothing changed, no ideas, a hidden idea, bad wording or the wrong role', async () => {
		const { workshop, people, ideas } = await closedSession();
		const { outcome } = await createOutcome(db, lead, workshop.id, {
			title: 'Music studio',
			status: 'under_consideration',
			ideaIds: [String(ideas.bystanderIdea.id)]
		});
		const same = { title: 'Music studio', body: '', ideaIds: [String(ideas.bystanderIdea.id)] };
		await expect(editOutcome(db, lead, outcome.id, same)).rejects.toMatchObject({
			fieldErrors: { form: NOTHING_CHANGED }
		});
		await expect(editOutcome(db, lead, outcome.id, { ...same, ideaIds: [] })).rejects.toThrow(
			ValidationError
		);
		await expect(
			editOutcome(db, lead, outcome.id, { ...same, ideaIds: [String(ideas.hidden.id)] })
		).rejects.toMatchObject({ fieldErrors: { ideaIds: UNKNOWN_IDEAS } });
		await expect(
			editOutcome(db, lead, outcome.id, {
				...same,
				body: 'i am going to kill myself tonight, i have the pills ready'
			})
		).rejects.toThrow(ValidationError);
		await expect(
			editOutcome(db, people.bystander, outcome.id, { ...same, title: 'Mine now' })
		).rejects.toThrow(NotAllowedError);
		await expect(editOutcome(db, worker, outcome.id, { ...same, title: 'Ours' })).rejects.toThrow(
			NotAllowedError
		);
		await expect(editOutcome(db, lead, 999_999, { ...same, title: 'Gone' })).rejects.toThrow(
			NotFoundError
		);
		const [row] = await outcomeRowsFor(workshop.id);
		expect(row.title).toBe('Music studio');
		const links = await db
			.select()
			.from(workshopOutcomeIdeas)
			.where(eq(workshopOutcomeIdeas.outcomeId, outcome.id));
		expect(links.map((l) => l.ideaId)).toEqual([ideas.bystanderIdea.id]);
		expect(
			await db.$count(
				auditLog,
				and(eq(auditLog.action, 'workshop.outcome.edit'), eq(auditLog.targetId, String(outcome.id)))
			)
		).toBe(0);
	});

	it('keeps links and trail of the session only: another session’s page shows none of it', async () => {
		const { workshop, ideas } = await closedSession();
		const other = await closedSession();
		await createOutcome(db, lead, workshop.id, {
			title: 'Sofas',
			status: 'planned',
			ideaIds: [String(ideas.sofas.id)]
		});
		const view = await sessionOutcomes(db, lead, other.workshop.id);
		expect(view.outcomes).toEqual([]);
		expect(view.records).toBe(true);
		expect(view.linkable.map((i) => i.body).sort()).toEqual([
			'A music studio',
			'More sofas',
			'Open later on Fridays'
		]);
		const links = await db.select().from(workshopOutcomeIdeas);
		expect(links.every((l) => l.ideaId !== other.ideas.sofas.id)).toBe(true);
	});

	it('keeps an invite-only session’s outcomes from members who were not part of it', async () => {
		const stranger = await account();
		const workshop = await makeSession(db, { access: 'invite' });
		await expect(sessionOutcomes(db, stranger, workshop.id)).rejects.toThrow(NotFoundError);
	});
});
