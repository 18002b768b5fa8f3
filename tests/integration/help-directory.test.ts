/**
 * The crisis directory behind /help: "open now" in UK time (across midnight and the clock
 * changes), the filters, the seeded hours and text links, and admins' edits (audited, and
 * refused to anyone else).
 */
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { database, type Database } from '../../src/lib/server/db';
import { auditLog, crisisServices } from '../../src/lib/server/db/schema';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { NotFoundError, ValidationError } from '../../src/lib/server/errors';
import { NotAllowedError, type Actor } from '../../src/lib/server/policy';
import { helpDirectory, listVisibleServices } from '../../src/lib/server/signposting/directory';
import {
	addDirectoryEntry,
	listDirectoryForAdmin,
	markDirectoryEntryChecked,
	moveDirectoryEntry,
	setDirectoryEntryVisible,
	updateDirectoryEntry,
	type DirectoryEntryInput
} from '../../src/lib/server/signposting/directory-admin';
import {
	filterEntries,
	parseFilters,
	type DirectoryEntry
} from '../../src/lib/signposting/directory';
import {
	formatWeeklyHours,
	isOpenNow,
	openingStatus,
	parseWeeklyHours,
	type OpeningHours
} from '../../src/lib/signposting/opening-hours';

let db: Database;
let admin: Actor;
let member: Actor;
let worker: Actor;

beforeAll(async () => {
	db = await database();
	const make = async (username: string, roles: ('admin' | 'young_person' | 'youth_worker')[]) => {
		const user = await createAccount(db, OPERATOR, {
			username,
			password: 'directory-tests-password',
			roles
		});
		return { id: user.id, roles: user.roles };
	};
	admin = await make('directory_admin', ['admin']);
	member = await make('directory_member', ['young_person']);
	worker = await make('directory_worker', ['youth_worker']);
});

function weekly(text: string): OpeningHours {
	const parsed = parseWeeklyHours(text);
	if (!parsed.ok) throw new Error(parsed.error);
	return { kind: 'weekly', periods: parsed.periods };
}

const at = (iso: string) => new Date(iso);

describe('open now, in UK time', () => {
	const evenings = weekly('Mon–Fri 19:00–02:00');
	const office = weekly('Mon–Fri 09:00–17:00');

	it('keeps a service open past midnight into the next day, and closed after', () => {
		// Friday 6 November 2026 is GMT: UTC and London agree.
		expect(isOpenNow(evenings, at('2026-11-06T23:59:00Z'))).toBe(true);
		// Saturday 00:30 and 01:59: still Friday's evening session.
		expect(isOpenNow(evenings, at('2026-11-07T00:30:00Z'))).toBe(true);
		expect(isOpenNow(evenings, at('2026-11-07T01:59:00Z'))).toBe(true);
		expect(isOpenNow(evenings, at('2026-11-07T02:00:00Z'))).toBe(false);
		// Saturday evening: no session starts on Saturday.
		expect(isOpenNow(evenings, at('2026-11-07T20:00:00Z'))).toBe(false);
		// Monday 01:00: Sunday had no session, so Monday morning is closed.
		expect(isOpenNow(evenings, at('2026-11-09T01:00:00Z'))).toBe(false);
		expect(openingStatus(evenings, at('2026-11-06T23:00:00Z')).label).toBe(
			'Open now until 02:00 tomorrow'
		);
		expect(openingStatus(evenings, at('2026-11-07T10:00:00Z')).label).toBe(
			'Closed now. Opens at 19:00 on Monday'
		);
	});

	it('reads the clock in London in summer time (BST) and in winter (GMT)', () => {
		// 08:30 UTC is 09:30 in London in June (BST), but 08:30 in London in January (GMT).
		expect(isOpenNow(office, at('2026-06-01T08:30:00Z'))).toBe(true);
		expect(isOpenNow(office, at('2027-01-04T08:30:00Z'))).toBe(false);
		// 16:30 UTC is 17:30 BST (closed) but 16:30 GMT (open).
		expect(isOpenNow(office, at('2026-06-01T16:30:00Z'))).toBe(false);
		expect(isOpenNow(office, at('2027-01-04T16:30:00Z'))).toBe(true);
	});

	it('gets the nights the clocks change right', () => {
		const saturdayNights = weekly('Sat 22:00–02:00');
		// Clocks go forward at 01:00 UTC on Sunday 28 March 2027 (01:00 GMT becomes 02:00 BST).
		expect(isOpenNow(saturdayNights, at('2027-03-28T00:30:00Z'))).toBe(true); // 00:30 GMT
		expect(isOpenNow(saturdayNights, at('2027-03-28T00:59:00Z'))).toBe(true); // 00:59 GMT
		expect(isOpenNow(saturdayNights, at('2027-03-28T01:00:00Z'))).toBe(false); // 02:00 BST
		// Clocks go back at 01:00 UTC on Sunday 25 October 2026 (02:00 BST becomes 01:00 GMT):
		// 00:30 UTC is 01:30 BST and 01:30 UTC is 01:30 GMT: open both times; 02:00 GMT closed.
		expect(isOpenNow(saturdayNights, at('2026-10-25T00:30:00Z'))).toBe(true);
		expect(isOpenNow(saturdayNights, at('2026-10-25T01:30:00Z'))).toBe(true);
		expect(isOpenNow(saturdayNights, at('2026-10-25T02:00:00Z'))).toBe(false);
		// Saturday 21:30 UTC in October is 22:30 BST: open; in November 21:30 GMT: closed.
		expect(isOpenNow(saturdayNights, at('2026-10-24T21:30:00Z'))).toBe(true);
		expect(isOpenNow(saturdayNights, at('2026-11-07T21:30:00Z'))).toBe(false);
	});

	it('treats 24/7 as always open and unknown hours as never "open now"', () => {
		for (const when of ['2026-11-07T03:00:00Z', '2027-03-28T01:30:00Z', '2026-06-01T12:00:00Z']) {
			expect(openingStatus({ kind: 'always' }, at(when))).toMatchObject({
				state: 'open',
				always: true
			});
			expect(openingStatus(null, at(when)).state).toBe('unknown');
		}
		expect(openingStatus(weekly('Daily 00:00–24:00'), at('2026-11-07T03:00:00Z'))).toMatchObject({
			state: 'open',
			always: true
		});
	});

	it('reads admins’ hours and writes them back the same way', () => {
		const hours = parseWeeklyHours('Mon-Fri 9.30 to 17.00; Sat, Sun 10:00–14:00');
		expect(hours.ok && formatWeeklyHours(hours.periods)).toBe(
			'Mon–Fri 09:30–17:00\nSat–Sun 10:00–14:00'
		);
		// Without minutes "9-5" could mean 05:00; it is refused rather than guessed.
		expect(parseWeeklyHours('Daily 9-5').ok).toBe(false);
		expect(parseWeeklyHours('Someday 09:00–17:00').ok).toBe(false);
	});
});

describe('the seeded directory', () => {
	it('marks the 24/7 services always open, keeps unknown hours listed, and has text links', async () => {
		const rows = await listVisibleServices(db);
		const bySlug = new Map(rows.map((r) => [r.slug, r]));
		expect(bySlug.get('samaritans')?.openingHours).toEqual({ kind: 'always' });
		expect(bySlug.get('shout')?.openingHours).toEqual({ kind: 'always' });
		expect(bySlug.get('emergency')?.openingHours).toEqual({ kind: 'always' });
		// Hours not known: listed, but never "open now".
		expect(bySlug.get('nspcc')?.openingHours).toBeNull();
		expect(bySlug.get('runaway-helpline')?.openingHours).toBeNull();
		// Numbers not confirmed: seeded hidden.
		expect(bySlug.has('muslim-youth-helpline')).toBe(false);
		expect(bySlug.has('switchboard')).toBe(false);

		const entries = await helpDirectory(db);
		const shout = entries.find((e) => e.name === 'Shout')!;
		expect(shout.ways).toContainEqual({
			kind: 'text',
			label: 'Text SHOUT to 85258',
			href: 'sms:85258?&body=SHOUT',
			accessibleName: 'Text SHOUT to 85258 (Shout)'
		});
		const samaritans = entries.find((e) => e.name === 'Samaritans')!;
		expect(samaritans.ways[0]).toMatchObject({ kind: 'call', href: 'tel:116123' });
		const papyrus = entries.find((e) => e.name === 'Papyrus HOPELINE247')!;
		expect(papyrus.ways.find((w) => w.kind === 'text')?.href).toBe('sms:07860039967');
	});

	it('filters by how to get in touch, who for, and open now', async () => {
		const entries = (await helpDirectory(db)).filter((e) => !e.emergency);
		const names = (query: string, now = at('2026-11-07T03:00:00Z')) =>
			filterEntries(entries, parseFilters(new URLSearchParams(query)), now).map(
				(e: DirectoryEntry) => e.name
			);

		const texting = names('how=text');
		expect(texting).toEqual(
			expect.arrayContaining(['Shout', 'The Mix Crisis Messenger', 'Papyrus HOPELINE247'])
		);
		expect(texting).not.toContain('Samaritans');
		expect(names('how=chat')).toEqual(['Childline']);
		expect(names('for=bme')).toEqual(
			expect.arrayContaining([
				'Black Minds Matter UK',
				'BAATN (Black, African and Asian Therapy Network)'
			])
		);
		expect(names('for=under18')).toEqual(
			expect.arrayContaining(['Childline', 'The Mix Crisis Messenger', 'Runaway Helpline'])
		);
		// Call or text, for under 18s, open now: the Runaway Helpline's hours are not known.
		const openForYoung = names('how=call&how=text&for=under18&open=1');
		expect(openForYoung).toEqual(expect.arrayContaining(['Childline', 'The Mix Crisis Messenger']));
		expect(openForYoung).not.toContain('Runaway Helpline');
		// Unknown values in the address are ignored, not an error.
		expect(names('how=carrier-pigeon&for=nobody')).toHaveLength(entries.length);
	});
});

function entryInput(overrides: Partial<DirectoryEntryInput> = {}): DirectoryEntryInput {
	return {
		name: 'Test Line',
		description: 'A line used by the directory tests.',
		phone: '0800 000 0000',
		smsNumber: '',
		smsKeyword: '',
		textNote: '',
		email: '',
		url: '',
		hours: 'Weekdays 9am to 5pm',
		hoursKind: 'weekly',
		weeklyHours: 'Mon–Fri 09:00–17:00',
		whoFor: 'Anyone testing',
		tags: 'call, young people',
		lastCheckedOn: '2026-11-01',
		...overrides
	};
}

async function auditFor(action: string, id: number) {
	return db
		.select()
		.from(auditLog)
		.where(and(eq(auditLog.action, action), eq(auditLog.targetId, String(id))));
}

describe('admins keep the directory right', () => {
	it('adds an entry, edits its number and last-checked date, and audits each change', async () => {
		const added = await addDirectoryEntry(db, admin, entryInput({ name: 'Audit Line' }));
		expect(added.slug).toBe('audit-line');
		expect(added.openingHours).toEqual(weekly('Mon–Fri 09:00–17:00'));
		expect(await auditFor('directory.add', added.id)).toHaveLength(1);

		const updated = await updateDirectoryEntry(
			db,
			admin,
			added.id,
			entryInput({
				name: 'Audit Line',
				phone: '0800 111 2222',
				smsNumber: '85258',
				smsKeyword: 'audit',
				lastCheckedOn: '2026-11-05',
				hoursKind: 'always'
			}),
			at('2026-11-06T12:00:00Z')
		);
		expect(updated).toMatchObject({
			phone: '0800 111 2222',
			smsKeyword: 'AUDIT',
			lastCheckedOn: '2026-11-05',
			openingHours: { kind: 'always' }
		});
		const [audit] = await auditFor('directory.update', added.id);
		expect(audit.actorId).toBe(admin.id);
		expect(audit.details).toMatchObject({
			changes: {
				phone: { from: '0800 000 0000', to: '0800 111 2222' },
				lastCheckedOn: { from: '2026-11-01', to: '2026-11-05' }
			}
		});

		const shown = (await helpDirectory(db)).find((e) => e.id === added.id)!;
		expect(shown.ways.map((w) => w.label)).toEqual(['Call 0800 111 2222', 'Text AUDIT to 85258']);
		expect(shown.lastCheckedOn).toBe('2026-11-05');

		await markDirectoryEntryChecked(db, admin, added.id, at('2026-11-09T23:30:00Z'));
		const [checked] = await db.select().from(crisisServices).where(eq(crisisServices.id, added.id));
		expect(checked.lastCheckedOn).toBe('2026-11-09');
		expect(await auditFor('directory.checked', added.id)).toHaveLength(1);
	});

	it('hides and shows an entry on /help, audited', async () => {
		const entry = await addDirectoryEntry(db, admin, entryInput({ name: 'Hide Me Line' }));
		await setDirectoryEntryVisible(db, admin, entry.id, false);
		expect((await helpDirectory(db)).some((e) => e.id === entry.id)).toBe(false);
		// Editing a hidden entry leaves it hidden.
		await updateDirectoryEntry(db, admin, entry.id, entryInput({ name: 'Hide Me Line' }));
		expect((await helpDirectory(db)).some((e) => e.id === entry.id)).toBe(false);
		await setDirectoryEntryVisible(db, admin, entry.id, true);
		expect((await helpDirectory(db)).some((e) => e.id === entry.id)).toBe(true);
		expect(await auditFor('directory.hide', entry.id)).toHaveLength(1);
		expect(await auditFor('directory.show', entry.id)).toHaveLength(1);
	});

	it('reorders entries, and moving the first one up changes nothing', async () => {
		const before = await listDirectoryForAdmin(db, admin);
		const second = before[1];
		await moveDirectoryEntry(db, admin, second.id, 'up');
		const after = await listDirectoryForAdmin(db, admin);
		expect(after[0].id).toBe(second.id);
		expect(after[1].id).toBe(before[0].id);
		expect(after.map((r) => r.position)).toEqual(after.map((_, i) => i));
		const [audit] = await auditFor('directory.move', second.id);
		expect(audit.details).toMatchObject({ direction: 'up', from: 2, to: 1 });

		await moveDirectoryEntry(db, admin, second.id, 'up');
		expect(await auditFor('directory.move', second.id)).toHaveLength(1);
		await moveDirectoryEntry(db, admin, second.id, 'down');
		expect((await listDirectoryForAdmin(db, admin))[0].id).toBe(before[0].id);
	});

	it('refuses what would mislead someone in crisis, with a message for each field', async () => {
		const refused = async (overrides: Partial<DirectoryEntryInput>) => {
			const error = await addDirectoryEntry(db, admin, entryInput(overrides)).catch((e) => e);
			expect(error).toBeInstanceOf(ValidationError);
			return (error as ValidationError).fieldErrors;
		};
		expect((await refused({ phone: 'call us!' })).phone).toMatch(/numbers and spaces/);
		expect((await refused({ smsNumber: '', smsKeyword: 'SHOUT' })).smsNumber).toMatch(
			/number to text/
		);
		expect((await refused({ phone: '', smsNumber: '', email: '', url: '' })).phone).toMatch(
			/at least one way/
		);
		expect((await refused({ weeklyHours: 'whenever' })).weeklyHours).toMatch(/Could not read/);
		expect((await refused({ url: 'javascript:alert(1)' })).url).toMatch(/https/);
		expect((await refused({ lastCheckedOn: '2999-01-01' })).lastCheckedOn).toMatch(/future/);
	});

	it('does not let a member or a youth worker change the directory, and nothing is written', async () => {
		const [target] = await listDirectoryForAdmin(db, admin);
		for (const someone of [member, worker]) {
			await expect(addDirectoryEntry(db, someone, entryInput())).rejects.toBeInstanceOf(
				NotAllowedError
			);
			await expect(
				updateDirectoryEntry(db, someone, target.id, entryInput({ phone: '0800 666 6666' }))
			).rejects.toBeInstanceOf(NotAllowedError);
			await expect(setDirectoryEntryVisible(db, someone, target.id, false)).rejects.toBeInstanceOf(
				NotAllowedError
			);
			await expect(moveDirectoryEntry(db, someone, target.id, 'down')).rejects.toBeInstanceOf(
				NotAllowedError
			);
			await expect(listDirectoryForAdmin(db, someone)).rejects.toBeInstanceOf(NotAllowedError);
		}
		const [after] = await db.select().from(crisisServices).where(eq(crisisServices.id, target.id));
		expect(after).toEqual(target);
		const byOthers = await db.select().from(auditLog).where(eq(auditLog.actorId, member.id));
		expect(byOthers).toHaveLength(0);
	});

	it('says so when the entry no longer exists', async () => {
		await expect(updateDirectoryEntry(db, admin, 987654, entryInput())).rejects.toBeInstanceOf(
			NotFoundError
		);
		await expect(setDirectoryEntryVisible(db, admin, 987654, true)).rejects.toBeInstanceOf(
			NotFoundError
		);
	});
});
