/**
 * Safeguarding, the way staff rely on it: an alert reaches whoever is on duty at once, escalates
 * to everyone if nobody takes it on, is claimed by one person, becomes a case that keeps its
 * evidence, and the case is seen only by those who should see it.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import { connectSignedIn } from '../support/session-socket';
import type { AddressInfo } from 'node:net';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import {
	auditLog,
	caseEntries,
	dutySessions,
	evidenceSnapshots,
	notifications,
	safeguardingAlerts,
	safeguardingCases
} from '../../src/lib/server/db/schema';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { attachRealtime, closeRealtime } from '../../src/lib/server/realtime/attach';
import { installPublisher, type Audience } from '../../src/lib/server/realtime/publisher';
import { resetConfig } from '../../src/lib/server/config';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import { storeNotifications } from '../../src/lib/server/notifications/notify';
import {
	alertLink,
	announceAlert,
	announcePendingAlerts,
	claimAlert,
	listAlerts,
	openAlertCount,
	raiseAlert,
	resolveAlert,
	type AlertLevel,
	type AlertView
} from '../../src/lib/server/safeguarding/alerts';
import { escalateDueAlerts, type Escalated } from '../../src/lib/server/safeguarding/escalation';
import { goOffDuty, goOnDuty, onDutyNow } from '../../src/lib/server/safeguarding/duty';
import {
	addCaseEntry,
	assignCase,
	changeCaseStatus,
	listCases,
	openCaseFromAlert,
	viewCase
} from '../../src/lib/server/safeguarding/cases';

const PASSWORD = 'plum-tractor-velvet';
const MINUTE = 60_000;

let db: Database;
let next = 0;

function account(roles: CurrentUser['roles']) {
	next += 1;
	return createAccount(db, OPERATOR, { username: `sg_${next}`, password: PASSWORD, roles });
}

/** Start each scenario with nobody on duty, whatever earlier ones left behind. */
async function everyoneOffDuty() {
	await db.update(dutySessions).set({ endedAt: new Date() }).where(isNull(dutySessions.endedAt));
}

/** What screening does: raise the alert inside its own transaction. */
function raise(
	subject: { id: number; username: string },
	options: { level?: AlertLevel; now?: Date; text?: string } = {}
) {
	return db.transaction((tx) =>
		raiseAlert(
			tx as unknown as Database,
			{
				level: options.level ?? 'imminent',
				source: 'screening',
				categories: ['suicide'],
				reasons: ['Talks about ending their life tonight'],
				subject,
				evidence: {
					contentType: 'post',
					contentId: 42,
					text: options.text ?? 'i cant do this anymore, tonight is the night'
				}
			},
			options.now
		)
	);
}

async function alertRow(id: number) {
	const [row] = await db.select().from(safeguardingAlerts).where(eq(safeguardingAlerts.id, id));
	return row;
}

async function notified(alertId: number, kind: 'alert' | 'alert_escalated') {
	const rows = await db
		.select({ userId: notifications.userId })
		.from(notifications)
		.where(and(eq(notifications.kind, kind), eq(notifications.link, alertLink(alertId))));
	return rows.map((r) => r.userId).sort((a, b) => a - b);
}

const noOutsideNotice = async () => {};

beforeAll(async () => {
	db = await database();
});

describe('alerts, duty and escalation', () => {
	type Sent = { audience: Audience; event: string; payload: unknown };
	const sent: Sent[] = [];
	const sentTo = (event: string) => sent.filter((s) => s.event === event);

	beforeAll(() => {
		installPublisher({
			publish: (audience, event, payload) => sent.push({ audience, event, payload }),
			disconnectUser() {},
			removeFromRoom() {},
			publishEach: async () => {}
		});
	});
	afterAll(() => installPublisher(undefined));
	beforeEach(async () => {
		sent.length = 0;
		await everyoneOffDuty();
	});

	it('sends a new alert only to the staff on duty, and gives them 5 minutes (imminent) or 15 (high) to claim it', async () => {
		const onDuty = await account(['youth_worker']);
		const offDuty = await account(['youth_worker']);
		const lead = await account(['safeguarding_lead']);
		const member = await account(['young_person']);
		await goOnDuty(db, onDuty);
		expect((await onDutyNow(db)).map((u) => u.id)).toEqual([onDuty.id]);

		const now = new Date();
		const imminent = await raise(member, { level: 'imminent', now });
		await announceAlert(db, imminent);
		expect(imminent.recipients).toEqual([onDuty.id]);
		const row = await alertRow(imminent.alertId);
		expect(row.escalateAt?.getTime()).toBe(now.getTime() + 5 * MINUTE);
		expect(row.escalatedAt).toBeNull();
		expect(row.announcedAt).not.toBeNull();
		expect(await notified(imminent.alertId, 'alert')).toEqual([onDuty.id]);

		const news = sentTo('alert:new');
		expect(news.map((s) => s.audience)).toEqual([`user:${onDuty.id}`]);
		const view = news[0].payload as AlertView;
		expect(view).toMatchObject({
			id: imminent.alertId,
			level: 'imminent',
			subjectUsername: member.username,
			evidenceText: 'i cant do this anymore, tonight is the night',
			status: 'open'
		});
		expect(
			sent.some((s) => s.audience === `user:${offDuty.id}` || s.audience === `user:${lead.id}`)
		).toBe(false);
		expect(sentTo('notification').map((s) => s.audience)).toEqual([`user:${onDuty.id}`]);

		const high = await raise(member, { level: 'high', now });
		expect((await alertRow(high.alertId)).escalateAt?.getTime()).toBe(now.getTime() + 15 * MINUTE);
	});

	it('escalates at once to every youth worker and safeguarding lead when nobody is on duty', async () => {
		const worker = await account(['youth_worker']);
		const lead = await account(['safeguarding_lead']);
		const admin = await account(['admin']);
		const coproduction = await account(['coproduction_lead']);
		const member = await account(['young_person']);

		const now = new Date();
		const raised = await raise(member, { now });
		expect(raised.recipients).toEqual([]);
		expect((await alertRow(raised.alertId)).escalateAt?.getTime()).toBe(now.getTime());

		await announceAlert(db, raised);
		await vi.waitFor(
			async () => expect((await alertRow(raised.alertId)).escalatedAt).not.toBeNull(),
			{
				timeout: 5000
			}
		);
		const told = await notified(raised.alertId, 'alert_escalated');
		expect(told).toEqual(expect.arrayContaining([worker.id, lead.id]));
		expect(told).not.toContain(member.id);
		expect(told).not.toContain(admin.id);
		expect(told).not.toContain(coproduction.id);
		await vi.waitFor(() =>
			expect(
				sentTo('alert:escalated')
					.filter((s) => (s.payload as { id: number }).id === raised.alertId)
					.map((s) => s.audience)
			).toEqual(expect.arrayContaining([`user:${worker.id}`, `user:${lead.id}`]))
		);
	});

	it('does not escalate before the time is up, then escalates exactly once even when two servers check at the same moment', async () => {
		const onDuty = await account(['youth_worker']);
		const otherWorker = await account(['youth_worker']);
		const lead = await account(['safeguarding_lead']);
		const suspended = await account(['youth_worker']);
		await db.execute(
			sql`update users set suspended_until = now() + interval '1 day' where id = ${suspended.id}`
		);
		const member = await account(['young_person']);
		await goOnDuty(db, onDuty);
		const raisedAt = new Date();
		const raised = await raise(member, { level: 'imminent', now: raisedAt });
		await announceAlert(db, raised);

		const outside: Escalated[] = [];
		const notice = async (e: Escalated) => {
			outside.push(e);
		};
		const early = await escalateDueAlerts(
			db,
			new Date(raisedAt.getTime() + 5 * MINUTE - 1000),
			notice
		);
		expect(early.map((e) => e.alertId)).not.toContain(raised.alertId);
		expect((await alertRow(raised.alertId)).escalatedAt).toBeNull();

		const due = new Date(raisedAt.getTime() + 5 * MINUTE);
		const [first, second] = await Promise.all([
			escalateDueAlerts(db, due, notice),
			escalateDueAlerts(db, due, notice)
		]);
		const forThis = [...first, ...second].filter((e) => e.alertId === raised.alertId);
		expect(forThis).toHaveLength(1);
		expect(outside.filter((e) => e.alertId === raised.alertId)).toHaveLength(1);
		expect(forThis[0].recipients).toEqual(
			expect.arrayContaining([onDuty.id, otherWorker.id, lead.id])
		);
		expect(forThis[0].recipients).not.toContain(member.id);
		expect(forThis[0].recipients).not.toContain(suspended.id);

		const told = await notified(raised.alertId, 'alert_escalated');
		expect(new Set(told).size).toBe(told.length); // one each
		expect(told).toEqual(expect.arrayContaining([onDuty.id, otherWorker.id, lead.id]));
		expect((await alertRow(raised.alertId)).escalatedAt?.getTime()).toBe(due.getTime());
		const audits = await db
			.select()
			.from(auditLog)
			.where(
				and(eq(auditLog.action, 'alert.escalate'), eq(auditLog.targetId, String(raised.alertId)))
			);
		expect(audits).toHaveLength(1);

		const later = await escalateDueAlerts(db, new Date(due.getTime() + MINUTE), noOutsideNotice);
		expect(later.map((e) => e.alertId)).not.toContain(raised.alertId);
	});

	it('does not escalate an alert someone has claimed', async () => {
		const worker = await account(['youth_worker']);
		const member = await account(['young_person']);
		await goOnDuty(db, worker);
		const raisedAt = new Date();
		const raised = await raise(member, { now: raisedAt });
		await claimAlert(db, worker, raised.alertId);
		const escalated = await escalateDueAlerts(
			db,
			new Date(raisedAt.getTime() + 10 * MINUTE),
			noOutsideNotice
		);
		expect(escalated.map((e) => e.alertId)).not.toContain(raised.alertId);
	});

	it('lets one worker claim an alert; the next is told who has it, and only the claimer resolves it', async () => {
		const first = await account(['youth_worker']);
		const second = await account(['youth_worker']);
		const member = await account(['young_person']);
		const raised = await raise(member);
		const openBefore = await openAlertCount(db);

		await expect(claimAlert(db, member, raised.alertId)).rejects.toBeInstanceOf(NotAllowedError);
		await claimAlert(db, first, raised.alertId);
		expect(await openAlertCount(db)).toBe(openBefore - 1);
		expect(sentTo('alert:changed').map((s) => s.audience)).toContain('staff');

		const refused = claimAlert(db, second, raised.alertId);
		await expect(refused).rejects.toBeInstanceOf(ValidationError);
		await expect(refused).rejects.toThrow(`${first.username} has already claimed this alert.`);
		const row = await alertRow(raised.alertId);
		expect(row.status).toBe('claimed');
		expect(row.claimedById).toBe(first.id);

		await expect(resolveAlert(db, second, raised.alertId, 'Spoke to them')).rejects.toThrow(
			'Only the worker who claimed this alert can resolve it.'
		);
		await expect(resolveAlert(db, first, raised.alertId, '')).rejects.toBeInstanceOf(
			ValidationError
		);
		await resolveAlert(
			db,
			first,
			raised.alertId,
			'Called them; they are safe with family tonight.'
		);
		const resolved = await alertRow(raised.alertId);
		expect(resolved.status).toBe('resolved');
		expect(resolved.resolution).toBe('Called them; they are safe with family tonight.');
		await expect(claimAlert(db, second, raised.alertId)).rejects.toThrow(
			`This alert has already been resolved by ${first.username}.`
		);

		const listed = await listAlerts(db, second);
		expect(listed.find((a) => a.id === raised.alertId)).toMatchObject({
			status: 'resolved',
			claimedBy: first.username
		});
	});

	it('leaves an alert raised where no browser can be reached for a server to announce, once', async () => {
		const worker = await account(['youth_worker']);
		const member = await account(['young_person']);
		await goOnDuty(db, worker);

		installPublisher(undefined); // as in a CLI process
		const raised = await raise(member);
		await announceAlert(db, raised);
		expect((await alertRow(raised.alertId)).announcedAt).toBeNull();

		installPublisher({
			publish: (audience, event, payload) => sent.push({ audience, event, payload }),
			disconnectUser() {},
			removeFromRoom() {},
			publishEach: async () => {}
		});
		expect(await announcePendingAlerts(db)).toContain(raised.alertId);
		expect(
			sentTo('alert:new')
				.filter((s) => (s.payload as AlertView).id === raised.alertId)
				.map((s) => s.audience)
		).toEqual([`user:${worker.id}`]);
		expect(await announcePendingAlerts(db)).not.toContain(raised.alertId);
		await announceAlert(db, raised); // the raising process catching up sends nothing more
		expect(
			sentTo('alert:new').filter((s) => (s.payload as AlertView).id === raised.alertId)
		).toHaveLength(1);
	});

	it('does not send alerts to someone whose staff role was taken away while on duty', async () => {
		const worker = await account(['youth_worker']);
		await goOnDuty(db, worker);
		await db.execute(sql`update users set roles = '{young_person}' where id = ${worker.id}`);
		expect((await onDutyNow(db)).map((u) => u.id)).not.toContain(worker.id);
		await goOffDuty(db, worker).catch(() => {});
	});
});

describe('cases', () => {
	let worker: CurrentUser;
	let otherWorker: CurrentUser;
	let lead: CurrentUser;
	let admin: CurrentUser;
	let member: CurrentUser;

	beforeAll(async () => {
		worker = await account(['youth_worker']);
		otherWorker = await account(['youth_worker']);
		lead = await account(['safeguarding_lead']);
		admin = await account(['admin']);
		member = await account(['young_person']);
	});

	async function caseFor(subject: CurrentUser, text = 'nobody would notice if i was gone') {
		const raised = await raise(subject, { text });
		const caseId = await openCaseFromAlert(db, worker, {
			alertId: raised.alertId,
			summary: 'Post suggests suicidal thoughts; worker reaching out.'
		});
		return { alertId: raised.alertId, caseId };
	}

	it('opens a case from an alert, carrying its evidence into the chronology', async () => {
		const { alertId, caseId } = await caseFor(member, 'i have the pills ready');
		expect((await alertRow(alertId)).caseId).toBe(caseId);

		const shown = await viewCase(db, worker, caseId);
		expect(shown).toMatchObject({
			subjectUsername: member.username,
			level: 'imminent',
			categories: ['suicide'],
			status: 'open',
			assignee: worker.username
		});
		const evidence = shown.entries.find((e) => e.kind === 'evidence');
		expect(evidence?.evidenceText).toBe('i have the pills ready');
		expect(evidence?.evidenceCapturedAt).toBeInstanceOf(Date);
		expect(shown.entries[0]).toMatchObject({ kind: 'note', author: worker.username });

		await expect(
			openCaseFromAlert(db, worker, { alertId, summary: 'A second case for the same alert' })
		).rejects.toThrow(`A case is already open for this alert (case ${caseId}).`);
		await expect(
			openCaseFromAlert(db, member, { alertId, summary: 'Members cannot open cases' })
		).rejects.toBeInstanceOf(NotAllowedError);
	});

	it('keeps the evidence and the case when the subject’s account is deleted', async () => {
		const leaving = await account(['young_person']);
		const { alertId, caseId } = await caseFor(leaving, 'this is my goodbye');
		await storeNotifications(db, [leaving.id], { kind: 'reply', title: 'Someone replied' });
		const [alert] = await db
			.select({ evidenceId: safeguardingAlerts.evidenceId })
			.from(safeguardingAlerts)
			.where(eq(safeguardingAlerts.id, alertId));

		await db.execute(sql`delete from users where id = ${leaving.id}`);

		const [snapshot] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, alert.evidenceId!));
		expect(snapshot).toMatchObject({
			text: 'this is my goodbye',
			subjectUserId: leaving.id,
			subjectUsername: leaving.username
		});
		const [kept] = await db
			.select()
			.from(safeguardingCases)
			.where(eq(safeguardingCases.id, caseId));
		expect(kept.subjectUsername).toBe(leaving.username);
		const shown = await viewCase(db, lead, caseId);
		expect(shown.entries.find((e) => e.kind === 'evidence')?.evidenceText).toBe(
			'this is my goodbye'
		);
		expect(
			await db.select().from(notifications).where(eq(notifications.userId, leaving.id))
		).toEqual([]);
	});

	it('shows a case only to the assigned worker, safeguarding leads and admins; anyone else is told it does not exist', async () => {
		const { caseId } = await caseFor(member);
		await expect(viewCase(db, member, caseId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(viewCase(db, otherWorker, caseId)).rejects.toBeInstanceOf(NotFoundError);
		await expect(viewCase(db, worker, 999_999)).rejects.toBeInstanceOf(NotFoundError);
		expect((await viewCase(db, worker, caseId)).id).toBe(caseId);
		expect((await viewCase(db, lead, caseId)).id).toBe(caseId);
		expect((await viewCase(db, admin, caseId)).id).toBe(caseId);

		expect((await listCases(db, otherWorker)).map((c) => c.id)).not.toContain(caseId);
		expect((await listCases(db, lead)).map((c) => c.id)).toContain(caseId);
		expect(await listCases(db, member)).toEqual([]);

		// Admins read; they do not write to the record.
		await expect(
			addCaseEntry(db, admin, caseId, { kind: 'note', body: 'An admin note' })
		).rejects.toBeInstanceOf(NotAllowedError);

		// Once a lead assigns the other worker, they see it and are told.
		await expect(assignCase(db, worker, caseId, otherWorker.id)).rejects.toBeInstanceOf(
			NotAllowedError
		);
		await assignCase(db, lead, caseId, otherWorker.id);
		expect((await viewCase(db, otherWorker, caseId)).assignee).toBe(otherWorker.username);
		await expect(viewCase(db, worker, caseId)).rejects.toBeInstanceOf(NotFoundError);
		const told = await db
			.select()
			.from(notifications)
			.where(
				and(eq(notifications.userId, otherWorker.id), eq(notifications.kind, 'case_assigned'))
			);
		expect(told.map((n) => n.link)).toContain(`/safeguarding/${caseId}`);
		await expect(assignCase(db, lead, caseId, member.id)).rejects.toBeInstanceOf(ValidationError);
	});

	it('audits every view of a case', async () => {
		const { caseId } = await caseFor(member);
		const views = async () =>
			(
				await db
					.select()
					.from(auditLog)
					.where(
						and(
							eq(auditLog.action, 'case.view'),
							eq(auditLog.targetType, 'case'),
							eq(auditLog.targetId, String(caseId)),
							eq(auditLog.actorId, lead.id)
						)
					)
			).length;
		expect(await views()).toBe(0);
		await viewCase(db, lead, caseId);
		await viewCase(db, lead, caseId);
		expect(await views()).toBe(2);
	});

	it('records notes, referrals (leads only) and status changes in the chronology', async () => {
		const { caseId } = await caseFor(member);
		await addCaseEntry(db, worker, caseId, { kind: 'contact', body: 'Phoned; they answered.' });
		await expect(
			addCaseEntry(db, worker, caseId, {
				kind: 'referral',
				agency: 'Children’s social care',
				referredOn: '2025-03-27'
			})
		).rejects.toBeInstanceOf(NotAllowedError);
		await expect(
			addCaseEntry(db, lead, caseId, {
				kind: 'referral',
				agency: 'CAMHS',
				referredOn: '2025-02-30'
			})
		).rejects.toThrow('Enter a real date');
		await addCaseEntry(db, lead, caseId, {
			kind: 'referral',
			agency: 'Children’s social care',
			referredOn: '2025-03-27',
			reference: 'MASH-4471'
		});
		const shown = await viewCase(db, lead, caseId);
		expect(shown.status).toBe('referred');
		expect(shown.entries.find((e) => e.kind === 'referral')).toMatchObject({
			body: 'Referred to Children’s social care',
			details: {
				agency: 'Children’s social care',
				referredOn: '2025-03-27',
				reference: 'MASH-4471'
			},
			author: lead.username
		});
		expect(shown.entries.map((e) => e.kind)).toEqual([
			'note',
			'evidence',
			'contact',
			'referral',
			'status_change'
		]);

		await expect(changeCaseStatus(db, worker, caseId, 'closed')).rejects.toBeInstanceOf(
			NotAllowedError
		);
		await changeCaseStatus(db, lead, caseId, 'closed');
		await expect(
			addCaseEntry(db, worker, caseId, { kind: 'note', body: 'After closing' })
		).rejects.toThrow('This case is closed.');
		// Closed cases come after live ones.
		const listed = await listCases(db, lead);
		const closedAt = listed.findIndex((c) => c.id === caseId);
		expect(listed.slice(closedAt).every((c) => c.status === 'closed')).toBe(true);
	});

	/** The database's own message when it refuses a statement (drizzle wraps it as the cause). */
	async function refusalOf(statement: ReturnType<typeof sql>): Promise<string> {
		const error = await db.execute(statement).then(
			() => null,
			(e: unknown) => e
		);
		expect(error, 'the database accepted the statement').toBeInstanceOf(Error);
		const messages: string[] = [];
		for (let e = error; e instanceof Error; e = e.cause) messages.push(e.message);
		return messages.join('\n');
	}

	it('refuses to change or remove chronology entries and evidence, even directly in the database', async () => {
		const { caseId } = await caseFor(member);
		const [entry] = await db.select().from(caseEntries).where(eq(caseEntries.caseId, caseId));
		expect(
			await refusalOf(sql`update case_entries set body = 'rewritten' where id = ${entry.id}`)
		).toContain('case_entries is append-only: UPDATE is not allowed');
		expect(await refusalOf(sql`delete from case_entries where id = ${entry.id}`)).toContain(
			'case_entries is append-only: DELETE is not allowed'
		);
		expect(await refusalOf(sql`truncate case_entries`)).toContain(
			'case_entries is append-only: TRUNCATE is not allowed'
		);
		const [snapshot] = await db.select().from(evidenceSnapshots).limit(1);
		expect(
			await refusalOf(
				sql`update evidence_snapshots set text = 'rewritten' where id = ${snapshot.id}`
			)
		).toContain('evidence_snapshots is append-only: UPDATE is not allowed');
		expect(
			await refusalOf(sql`delete from evidence_snapshots where id = ${snapshot.id}`)
		).toContain('evidence_snapshots is append-only: DELETE is not allowed');
		const [still] = await db.select().from(caseEntries).where(eq(caseEntries.id, entry.id));
		expect(still).toEqual(entry);
		const [kept] = await db
			.select()
			.from(evidenceSnapshots)
			.where(eq(evidenceSnapshots.id, snapshot.id));
		expect(kept).toEqual(snapshot);
	});
});

describe('live alerts over a real connection', () => {
	let server: HttpServer;
	let origin: string;
	const sockets: Socket[] = [];

	beforeAll(async () => {
		process.env.SOCKET_RECHECK_SECONDS = '3600';
		resetConfig();
		server = createServer();
		await attachRealtime(server);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterEach(() => {
		for (const socket of sockets.splice(0)) socket.disconnect();
	});
	afterAll(async () => {
		await closeRealtime();
		if (server.listening) await new Promise((resolve) => server.close(resolve));
	});

	async function signedIn(user: CurrentUser): Promise<Socket> {
		const socket = await connectSignedIn(origin, user);
		sockets.push(socket);
		return socket;
	}

	it('tells an on-duty worker about a new alert within 2 seconds, and not an off-duty one', async () => {
		await everyoneOffDuty();
		const onDuty = await account(['youth_worker']);
		const offDuty = await account(['youth_worker']);
		const member = await account(['young_person']);
		await goOnDuty(db, onDuty);
		const onSocket = await signedIn(onDuty);
		const offSocket = await signedIn(offDuty);

		const overheard: AlertView[] = [];
		offSocket.on('alert:new', (view: AlertView) => overheard.push(view));
		const heard = new Promise<AlertView>((resolve) => onSocket.once('alert:new', resolve));

		const started = Date.now();
		const raised = await raise(member, { text: 'i want to disappear' });
		// The off-duty worker is in the staff room, so they do hear that the list changed: after
		// any alert:new would have reached them on the same connection.
		const offHearsChange = new Promise<void>((resolve) =>
			offSocket.on('alert:changed', (p: { id: number }) => p.id === raised.alertId && resolve())
		);
		await announceAlert(db, raised);
		const view = await Promise.race([
			heard,
			new Promise<never>((_, reject) =>
				setTimeout(() => reject(new Error('no alert:new within 2 seconds')), 2000)
			)
		]);
		expect(Date.now() - started).toBeLessThan(2000);
		expect(view).toMatchObject({ id: raised.alertId, evidenceText: 'i want to disappear' });

		await offHearsChange;
		expect(overheard).toEqual([]);
	});
});
