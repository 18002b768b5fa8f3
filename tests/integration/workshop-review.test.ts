/**
 * Reviewing what screening held in idea sessions, on a real database and real sockets: held ideas
 * and comments wait in the review queue (with the session, why, who, and a comment's idea) and in
 * the staff header's count; a youth worker approves one (a peer's open board receives it at once),
 * keeps it hidden with a reason only its author and staff see, or removes it; from /mod's service
 * or over the board's socket. Members and coproduction leads are refused; unknown ids, another
 * session's idea, an item already dealt with and another worker's claim change nothing.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { database, type Database } from '../../src/lib/server/db';
import {
	auditLog,
	moderationClaims,
	notifications,
	workshopComments,
	workshopIdeas
} from '../../src/lib/server/db/schema';
import { createWorkshop } from '../../src/lib/server/workshops/setup';
import { loadWorkshop } from '../../src/lib/server/workshops/access';
import { loadBoard } from '../../src/lib/server/workshops/board';
import { addComment, addIdea } from '../../src/lib/server/workshops/contributions';
import { setPhase } from '../../src/lib/server/workshops/facilitation';
import { NOT_IN_SESSION, reviewContribution } from '../../src/lib/server/workshops/review';
import { loadReviewQueue, queueCounts } from '../../src/lib/server/moderation/queue';
import { claimItem } from '../../src/lib/server/moderation/claims';
import { loadMemberPage } from '../../src/lib/server/moderation/member-history';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { ALREADY_DEALT_WITH } from '../../src/lib/moderation';
import { FORUM_EVENTS } from '../../src/lib/forum';
import {
	WORKSHOP_EVENTS,
	WORKSHOP_REQUESTS,
	type IdeaEvent,
	type IdeaGoneEvent
} from '../../src/lib/workshops';
import { accountMaker, type MakeAccount } from '../support/members';
import { rejection } from '../support/outcomes';
import { ask, nextEvent, silence, startLiveServer, type LiveServer } from '../support/chat';

const PHONE = 'Text me on 07700 900123 and I will tell you more';

let db: Database;
let account: MakeAccount;
let lead: CurrentUser;
let worker: CurrentUser;
let colleague: CurrentUser;
let dsl: CurrentUser;
let live: LiveServer;

beforeAll(async () => {
	db = await database();
	account = accountMaker(db, 'review');
	lead = await account(['coproduction_lead']);
	worker = await account(['youth_worker']);
	colleague = await account(['youth_worker']);
	dsl = await account(['safeguarding_lead']);
	live = await startLiveServer();
});
afterAll(() => live.close());

async function running(title = 'Youth clinic ideas') {
	const workshop = await createWorkshop(db, lead, {
		title,
		questions: 'What would make a clinic feel welcoming?',
		partner: 'Riverside NHS Trust',
		influence: 'co_design',
		startsAt: new Date(Date.now() + 86_400_000).toISOString().slice(0, 16),
		access: 'members',
		votesPerPerson: '3',
		template: 'brainstorm'
	});
	await setPhase(db, lead, { workshopId: workshop.id, to: 'gathering' });
	return loadWorkshop(db, workshop.id);
}

/** An idea screening holds (a phone number), by a member of its own. */
async function heldIdea(workshopId: number, author?: CurrentUser) {
	const member = author ?? (await account());
	const outcome = await addIdea(db, member, { workshopId, body: PHONE });
	expect(outcome.status).toBe('held');
	return { id: outcome.id, author: member };
}

async function heldComment(workshopId: number, ideaId: number) {
	const member = await account();
	const outcome = await addComment(db, member, {
		workshopId,
		ideaId,
		body: 'Message me on 07700 900456'
	});
	expect(outcome.status).toBe('held');
	return { id: outcome.id, author: member };
}

async function ideaStatus(id: number) {
	const [row] = await db.select().from(workshopIdeas).where(eq(workshopIdeas.id, id));
	return row;
}

async function commentStatus(id: number) {
	const [row] = await db.select().from(workshopComments).where(eq(workshopComments.id, id));
	return row;
}

/** Decisions recorded about ideas (approve, keep hidden, remove). */
const reviewAudits = () =>
	db.$count(
		auditLog,
		inArray(auditLog.action, [
			'workshop.idea.approve',
			'workshop.idea.keep_hidden',
			'workshop.idea.remove'
		])
	);

async function clearHeld() {
	await db.update(workshopIdeas).set({ status: 'deleted' }).where(eq(workshopIdeas.status, 'held'));
	await db
		.update(workshopComments)
		.set({ status: 'deleted' })
		.where(eq(workshopComments.status, 'held'));
	await db.delete(moderationClaims);
}

/** Connect and join a board, so live events reach this socket. */
async function onBoard(workshopId: number, person: CurrentUser): Promise<Socket> {
	const socket = await live.connect(person);
	expect(await ask(socket, WORKSHOP_REQUESTS.join, { workshopId })).toMatchObject({ ok: true });
	return socket;
}

describe('held ideas and comments in the review queue', () => {
	it('wait there with the session, why, the risk, who wrote them and a comment’s idea; the header counts them', async () => {
		await clearHeld();
		const workshop = await running('Clinic opening hours');
		const idea = await heldIdea(workshop.id);
		const published = await addIdea(db, lead, { workshopId: workshop.id, body: 'Open later' });
		const comment = await heldComment(workshop.id, published.id);

		const queue = await loadReviewQueue(db, worker);
		const ideaItem = queue.items.find((i) => i.key === `idea-${idea.id}`);
		expect(ideaItem).toMatchObject({
			kind: 'held_idea',
			claimRef: { kind: 'idea', itemId: idea.id },
			heldReasons: ['personal_info'],
			risk: 'none',
			memberId: idea.author.id,
			memberName: idea.author.username,
			idea: {
				workshopId: workshop.id,
				workshopTitle: 'Clinic opening hours',
				ideaId: idea.id,
				ideaBody: PHONE,
				comment: null
			}
		});
		const commentItem = queue.items.find((i) => i.key === `comment-${comment.id}`);
		expect(commentItem).toMatchObject({
			kind: 'held_comment',
			claimRef: { kind: 'idea_comment', itemId: comment.id },
			heldReasons: ['personal_info'],
			memberId: comment.author.id,
			idea: {
				workshopId: workshop.id,
				ideaId: published.id,
				ideaBody: 'Open later',
				comment: { id: comment.id, body: 'Message me on 07700 900456' }
			}
		});
		// The author's history comes with it, as for a post or a chat message.
		expect(queue.members.get(idea.author.id)?.username).toBe(idea.author.username);
		expect(queue.counts).toMatchObject({ heldIdeas: 2, total: 2 });
		expect(await queueCounts(db)).toEqual(queue.counts);

		const onlyIdeas = await loadReviewQueue(db, worker, { sort: 'oldest', kind: 'held_ideas' });
		expect(onlyIdeas.items.map((i) => i.key)).toEqual([`idea-${idea.id}`, `comment-${comment.id}`]);
		const onlyPosts = await loadReviewQueue(db, worker, { sort: 'oldest', kind: 'held' });
		expect(onlyPosts.items).toEqual([]);
	});

	it('the waiting count changes live for staff when one is held and when one is decided', async () => {
		await clearHeld();
		const workshop = await running();
		const staffSocket = await live.connect(worker);
		const heldNow = nextEvent(staffSocket, FORUM_EVENTS.queueChanged);
		const idea = await heldIdea(workshop.id);
		await heldNow;
		const decided = nextEvent(staffSocket, FORUM_EVENTS.queueChanged);
		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			ideaId: idea.id,
			decision: 'approve'
		});
		await decided;
		expect((await queueCounts(db)).heldIdeas).toBe(0);
	});
});

describe('approving', () => {
	it('publishes the idea: a peer’s open board receives it at once, the author is told, it is audited', async () => {
		await clearHeld();
		const workshop = await running('Approved on the queue');
		const idea = await heldIdea(workshop.id);
		const peer = await account();
		const peerBoard = await onBoard(workshop.id, peer);
		const authorBoard = await onBoard(workshop.id, idea.author);
		expect(await silence(peerBoard, WORKSHOP_EVENTS.idea)).toBe(true);

		const peerGets = nextEvent<IdeaEvent>(peerBoard, WORKSHOP_EVENTS.idea);
		const authorGets = nextEvent<IdeaEvent>(authorBoard, WORKSHOP_EVENTS.idea);
		expect(
			await reviewContribution(db, worker, {
				workshopId: workshop.id,
				ideaId: idea.id,
				decision: 'approve'
			})
		).toEqual({ status: 'published' });

		expect((await peerGets).idea).toMatchObject({ id: idea.id, body: PHONE, status: 'published' });
		expect((await authorGets).idea).toMatchObject({ id: idea.id, status: 'published', own: true });
		expect((await ideaStatus(idea.id)).status).toBe('published');
		const peerView = await loadBoard(db, peer, workshop);
		expect(peerView.ideas.map((i) => i.id)).toContain(idea.id);

		const [audit] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'workshop.idea.approve'), eq(auditLog.targetId, String(idea.id)))
			);
		expect(audit).toMatchObject({ actorId: worker.id, targetType: 'workshop_idea' });
		expect(audit.details).toMatchObject({ workshopId: workshop.id, screening: ['personal_info'] });
		const [told] = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, idea.author.id));
		expect(told).toMatchObject({
			kind: 'workshop_reviewed',
			link: `/sessions/${workshop.id}#idea-${idea.id}`
		});
		expect(told.title).toContain('approved your idea in “Approved on the queue”');
		expect(told.title).not.toContain(worker.username);
		expect((await loadReviewQueue(db, worker)).items).toEqual([]);
	});

	it('from the board over the socket: a safeguarding lead approves a held comment and the peer sees it', async () => {
		await clearHeld();
		const workshop = await running();
		const idea = await addIdea(db, lead, { workshopId: workshop.id, body: 'A quiet waiting room' });
		const comment = await heldComment(workshop.id, idea.id);
		const peerBoard = await onBoard(workshop.id, await account());
		const reviewerBoard = await onBoard(workshop.id, dsl);
		const staffBoard = await loadBoard(db, dsl, workshop);
		expect(staffBoard.reviewer).toBe(true);
		expect(staffBoard.ideas[0].comments[0]).toMatchObject({ id: comment.id, status: 'held' });

		const peerGets = nextEvent<IdeaEvent>(
			peerBoard,
			WORKSHOP_EVENTS.idea,
			(e) => e.idea.comments.length > 0
		);
		const reply = await ask(reviewerBoard, WORKSHOP_REQUESTS.review, {
			workshopId: workshop.id,
			commentId: comment.id,
			decision: 'approve'
		});
		expect(reply).toEqual({ ok: true, status: 'published' });
		expect((await peerGets).idea.comments).toEqual([
			expect.objectContaining({ id: comment.id, body: 'Message me on 07700 900456' })
		]);
		expect((await commentStatus(comment.id)).status).toBe('published');
		expect(
			await db.$count(
				auditLog,
				and(eq(auditLog.action, 'workshop.comment.approve'), eq(auditLog.actorId, dsl.id))
			)
		).toBe(1);
	});
});

describe('keeping hidden and removing', () => {
	it('keep hidden: the author and staff see it with the reason; peers never receive it', async () => {
		await clearHeld();
		const workshop = await running();
		const idea = await heldIdea(workshop.id);
		const peer = await account();
		const peerBoard = await onBoard(workshop.id, peer);
		const authorBoard = await onBoard(workshop.id, idea.author);

		const noReason = await rejection(
			reviewContribution(db, worker, { workshopId: workshop.id, ideaId: idea.id, decision: 'hide' })
		);
		expect((noReason as ValidationError).fieldErrors.reason).toMatch(/its author reads this/);
		expect((await ideaStatus(idea.id)).status).toBe('held');

		const authorGets = nextEvent<IdeaEvent>(authorBoard, WORKSHOP_EVENTS.idea);
		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			ideaId: idea.id,
			decision: 'hide',
			reason: '  Please keep phone numbers private here.  '
		});
		expect((await authorGets).idea).toMatchObject({
			status: 'hidden',
			hiddenReason: 'Please keep phone numbers private here.'
		});
		expect(await ideaStatus(idea.id)).toMatchObject({
			status: 'hidden',
			hiddenReason: 'Please keep phone numbers private here.'
		});
		expect(await silence(peerBoard, WORKSHOP_EVENTS.idea)).toBe(true);
		expect((await loadBoard(db, peer, workshop)).ideas.map((i) => i.id)).not.toContain(idea.id);
		const staffView = (await loadBoard(db, lead, workshop)).ideas.find((i) => i.id === idea.id);
		expect(staffView).toMatchObject({ status: 'hidden' });
		expect(
			await db.$count(
				auditLog,
				and(
					eq(auditLog.action, 'workshop.idea.keep_hidden'),
					eq(auditLog.targetId, String(idea.id))
				)
			)
		).toBe(1);
	});

	it('a comment kept hidden shows its reason to its author only; a removed one reaches nobody', async () => {
		await clearHeld();
		const workshop = await running();
		const idea = await addIdea(db, lead, { workshopId: workshop.id, body: 'Free wifi' });
		const hidden = await heldComment(workshop.id, idea.id);
		const removed = await heldComment(workshop.id, idea.id);
		const peer = await account();

		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			commentId: hidden.id,
			decision: 'hide',
			reason: 'Contact details stay private'
		});
		await reviewContribution(db, colleague, {
			workshopId: workshop.id,
			commentId: removed.id,
			decision: 'remove'
		});
		expect((await commentStatus(removed.id)).status).toBe('deleted');

		const comments = async (who: CurrentUser) =>
			(await loadBoard(db, who, workshop)).ideas.find((i) => i.id === idea.id)!.comments;
		expect(await comments(hidden.author)).toEqual([
			expect.objectContaining({
				id: hidden.id,
				own: true,
				status: 'hidden',
				hiddenReason: 'Contact details stay private'
			})
		]);
		expect(await comments(peer)).toEqual([]);
		expect(await comments(removed.author)).toEqual([]);
		expect((await comments(worker)).map((c) => c.id)).toEqual([hidden.id]);
	});

	it('remove: the idea leaves every board, its author included, who is told why', async () => {
		await clearHeld();
		const workshop = await running();
		const idea = await heldIdea(workshop.id);
		const authorBoard = await onBoard(workshop.id, idea.author);
		const peerBoard = await onBoard(workshop.id, await account());
		const gone = nextEvent<IdeaGoneEvent>(authorBoard, WORKSHOP_EVENTS.ideaGone);
		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			ideaId: idea.id,
			decision: 'remove',
			reason: 'It shared a phone number'
		});
		expect(await gone).toEqual({
			workshopId: workshop.id,
			ideaId: idea.id,
			at: expect.any(Number)
		});
		// Someone who never saw it is not even told it existed.
		expect(await silence(peerBoard, WORKSHOP_EVENTS.ideaGone)).toBe(true);
		expect((await ideaStatus(idea.id)).status).toBe('deleted');
		expect((await loadBoard(db, idea.author, workshop)).ideas).toEqual([]);
		const [told] = await db
			.select()
			.from(notifications)
			.where(eq(notifications.userId, idea.author.id));
		expect(told).toMatchObject({
			kind: 'workshop_reviewed',
			body: 'Why: It shared a phone number'
		});
		expect((await queueCounts(db)).heldIdeas).toBe(0);
	});
});

describe('the member’s moderation history', () => {
	it('lists each decision about their ideas and comments, with the session, what they wrote and why', async () => {
		await clearHeld();
		const workshop = await running('Sexual health clinic ideas');
		const author = await account();
		const kept = await heldIdea(workshop.id, author);
		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			ideaId: kept.id,
			decision: 'hide',
			reason: 'Phone numbers stay private'
		});
		const idea = await addIdea(db, lead, { workshopId: workshop.id, body: 'Evening hours' });
		const comment = await addComment(db, author, {
			workshopId: workshop.id,
			ideaId: idea.id,
			body: 'Ring me on 07700 900789'
		});
		await reviewContribution(db, colleague, {
			workshopId: workshop.id,
			commentId: comment.id,
			decision: 'remove'
		});
		// Someone else's idea decided in the same session is not part of their history.
		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			ideaId: (await heldIdea(workshop.id)).id,
			decision: 'approve'
		});

		const history = await loadMemberPage(db, worker, author.id);
		expect(history.sessionActions).toEqual([
			expect.objectContaining({
				action: 'workshop.comment.remove',
				by: colleague.username,
				workshopId: workshop.id,
				workshopTitle: 'Sexual health clinic ideas',
				body: 'Ring me on 07700 900789',
				reason: null
			}),
			expect.objectContaining({
				action: 'workshop.idea.keep_hidden',
				by: worker.username,
				workshopTitle: 'Sexual health clinic ideas',
				body: PHONE,
				reason: 'Phone numbers stay private'
			})
		]);
		await expect(loadMemberPage(db, author, author.id)).rejects.toBeInstanceOf(NotAllowedError);
	});
});

describe('who may decide, and bad input', () => {
	it('members and coproduction leads are refused, in the service and over the socket; nothing changes', async () => {
		await clearHeld();
		const workshop = await running();
		const idea = await heldIdea(workshop.id);
		const before = await reviewAudits();
		for (const who of [await account(), idea.author, lead]) {
			const refused = await rejection(
				reviewContribution(db, who, {
					workshopId: workshop.id,
					ideaId: idea.id,
					decision: 'approve'
				})
			);
			expect(refused).toBeInstanceOf(NotAllowedError);
			expect(refused.message).toBe('Only youth workers can approve or hide ideas and comments.');
		}
		const leadBoard = await onBoard(workshop.id, lead);
		expect((await loadBoard(db, lead, workshop)).reviewer).toBe(false);
		const reply = await ask(leadBoard, WORKSHOP_REQUESTS.review, {
			workshopId: workshop.id,
			ideaId: idea.id,
			decision: 'approve'
		});
		expect(reply).toEqual({
			ok: false,
			error: 'Only youth workers can approve or hide ideas and comments.'
		});
		expect(await rejection(loadReviewQueue(db, lead))).toBeInstanceOf(NotAllowedError);
		expect((await ideaStatus(idea.id)).status).toBe('held');
		expect(await reviewAudits()).toBe(before);
	});

	it('an unknown id, another session’s idea, or one already dealt with: a clear reason, no write', async () => {
		await clearHeld();
		const workshop = await running();
		const other = await running('Another session');
		const idea = await heldIdea(workshop.id);
		const elsewhere = await heldIdea(other.id);
		const published = await addIdea(db, lead, { workshopId: workshop.id, body: 'Already live' });
		const before = await reviewAudits();
		const notesBefore = await db.$count(notifications);

		const decide = (input: Record<string, unknown>) =>
			rejection(
				reviewContribution(db, worker, { workshopId: workshop.id, decision: 'approve', ...input })
			);
		const unknown = await decide({ ideaId: 2_000_000_000 });
		expect(unknown).toBeInstanceOf(NotFoundError);
		expect(unknown.message).toBe(NOT_IN_SESSION);
		expect((await decide({ ideaId: elsewhere.id })).message).toBe(NOT_IN_SESSION);
		expect((await decide({ commentId: 2_000_000_000 })).message).toBe(NOT_IN_SESSION);
		expect(await decide({ workshopId: 2_000_000_000, ideaId: idea.id })).toBeInstanceOf(
			NotFoundError
		);
		const alreadyLive = await decide({ ideaId: published.id });
		expect((alreadyLive as ValidationError).fieldErrors).toEqual({ form: ALREADY_DEALT_WITH });

		for (const malformed of [
			{ ideaId: -1 },
			{ ideaId: 'x' },
			{ ideaId: idea.id, commentId: 1 },
			{},
			{ ideaId: idea.id, decision: 'publish' },
			{ ideaId: idea.id, decision: 'remove', reason: 'x'.repeat(301) }
		])
			expect(await decide(malformed), JSON.stringify(malformed)).toBeInstanceOf(ValidationError);

		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			ideaId: idea.id,
			decision: 'approve'
		});
		const second = await rejection(
			reviewContribution(db, colleague, {
				workshopId: workshop.id,
				ideaId: idea.id,
				decision: 'remove'
			})
		);
		expect((second as ValidationError).fieldErrors).toEqual({ form: ALREADY_DEALT_WITH });
		expect((await ideaStatus(idea.id)).status).toBe('published');
		expect((await ideaStatus(elsewhere.id)).status).toBe('held');
		expect(await reviewAudits()).toBe(before + 1);
		expect(await db.$count(notifications)).toBe(notesBefore + 1);

		const socket = await live.connect(worker);
		const reply = await ask(socket, WORKSHOP_REQUESTS.review, {
			workshopId: workshop.id,
			ideaId: elsewhere.id,
			decision: 'approve'
		});
		expect(reply).toEqual({ ok: false, error: NOT_IN_SESSION });
	});

	it('another youth worker’s claim holds the idea until they let go or someone takes over', async () => {
		await clearHeld();
		const workshop = await running();
		const idea = await heldIdea(workshop.id);
		await claimItem(db, colleague, { kind: 'idea', itemId: idea.id });
		const queue = await loadReviewQueue(db, worker);
		expect(queue.items[0].claim).toMatchObject({ byId: colleague.id, byName: colleague.username });

		const refused = await rejection(
			reviewContribution(db, worker, {
				workshopId: workshop.id,
				ideaId: idea.id,
				decision: 'approve'
			})
		);
		expect(refused).toBeInstanceOf(NotAllowedError);
		expect(refused.message).toContain(colleague.username);
		expect((await ideaStatus(idea.id)).status).toBe('held');

		await claimItem(db, worker, { kind: 'idea', itemId: idea.id, takeOver: true });
		await reviewContribution(db, worker, {
			workshopId: workshop.id,
			ideaId: idea.id,
			decision: 'approve'
		});
		expect((await ideaStatus(idea.id)).status).toBe('published');
		expect(await db.$count(moderationClaims)).toBe(0);
		const [takeOver] = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'moderation.claim.take_over'), eq(auditLog.actorId, worker.id))
			);
		expect(takeOver).toMatchObject({ targetType: 'workshop_idea', targetId: String(idea.id) });
	});

	it('two youth workers approving at once: one wins, the other is told, one audit entry', async () => {
		await clearHeld();
		const workshop = await running();
		const idea = await heldIdea(workshop.id);
		const before = await reviewAudits();
		const results = await Promise.allSettled([
			reviewContribution(db, worker, {
				workshopId: workshop.id,
				ideaId: idea.id,
				decision: 'approve'
			}),
			reviewContribution(db, colleague, {
				workshopId: workshop.id,
				ideaId: idea.id,
				decision: 'hide',
				reason: 'Private details'
			})
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((failed.reason as ValidationError).fieldErrors).toEqual({ form: ALREADY_DEALT_WITH });
		expect(await reviewAudits()).toBe(before + 1);
	});
});
