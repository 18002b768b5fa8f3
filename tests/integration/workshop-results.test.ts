/**
 * After an idea session: ideas and themes ranked by dot votes (merged duplicates' votes count
 * for the idea they were merged into; held, hidden and deleted ideas never reach members), the
 * CSV export for staff (with spreadsheet formulas defused), the partners' summary, attendance
 * and certificates, and who may see each.
 */
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import { database, type Database } from '../../src/lib/server/db';
import { auditLog } from '../../src/lib/server/db/schema';
import { NotFoundError } from '../../src/lib/server/errors';
import { NotAllowedError } from '../../src/lib/server/policy';
import {
	csvCell,
	resultsCsv,
	sessionResults,
	sessionSummary
} from '../../src/lib/server/workshops/results';
import {
	attendanceCsv,
	sessionAttendance,
	sessionsTakenPart
} from '../../src/lib/server/workshops/attendance';
import { accountMaker, type MakeAccount } from '../support/members';
import { addComment, addIdea, addTheme, join, makeSession, vote } from '../support/workshops';

let db: Database;
let account: MakeAccount;
let lead: CurrentUser;
let worker: CurrentUser;

beforeAll(async () => {
	db = await database();
	account = accountMaker(db, 'results');
	lead = await account(['coproduction_lead']);
	worker = await account(['youth_worker']);
});

/** Parses our CSV (quoted cells, doubled quotes, CRLF), dropping the byte-order mark. */
function parseCsv(csv: string): string[][] {
	expect(csv.startsWith('\uFEFF')).toBe(true);
	const text = csv.slice(1);
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else cell += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			row.push(cell);
			cell = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += ch;
	}
	return rows;
}

/**
 * A closed session: three young people, two themes. "More sofas" has a duplicate merged into it
 * (whose votes count for it); a hidden idea and a held idea got votes too.
 */
async function ranSession(options: { anonymous?: boolean } = {}) {
	const [ama, ben, cai, dee] = [await account(), await account(), await account(), await account()];
	const workshop = await makeSession(db, { anonymous: options.anonymous, createdBy: lead });
	for (const person of [ama, ben, cai]) await join(db, workshop, person);
	await join(db, workshop, dee, { joinedAt: null, invited: true }); // invited, never came
	const space = await addTheme(db, workshop, 'The space', 0);
	const times = await addTheme(db, workshop, 'Opening times', 1);
	const sofas = await addIdea(db, workshop, ama, 'More sofas in the chill-out room', {
		themeId: space.id
	});
	const comfy = await addIdea(db, workshop, ben, 'Comfier seats please', {
		themeId: space.id,
		mergedIntoId: sofas.id
	});
	const late = await addIdea(db, workshop, ben, 'Open until 10pm on Fridays', {
		themeId: times.id
	});
	const weekend = await addIdea(db, workshop, cai, 'Open on Sundays', { themeId: times.id });
	const music = await addIdea(db, workshop, cai, 'A music studio');
	const hidden = await addIdea(db, workshop, ama, 'Something a youth worker hid', {
		status: 'hidden'
	});
	const held = await addIdea(db, workshop, ben, 'Call me on 07700 900123', { status: 'held' });
	const gone = await addIdea(db, workshop, cai, 'Deleted by its author', { status: 'deleted' });
	await addComment(db, sofas, ben, 'Yes, the old ones are broken');
	await addComment(db, comfy, cai, 'Bean bags too');
	await addComment(db, late, ama, 'Fridays are when we need it');
	await addComment(db, late, cai, 'A held comment', 'held');
	// sofas: 1 + comfy 2 = 3; late: 2; weekend: 2; music: 0; hidden 3, held 1, gone 1.
	await vote(db, workshop, ama, comfy, late, hidden);
	await vote(db, workshop, ben, sofas, weekend, hidden, gone);
	await vote(db, workshop, cai, comfy, late, weekend, hidden, held);
	return {
		workshop,
		people: { ama, ben, cai, dee },
		ideas: { sofas, comfy, late, weekend, music, hidden, held, gone },
		themes: { space, times }
	};
}

describe('ranking', () => {
	it('ranks published ideas by votes, a merged duplicate’s votes counting for the idea it joined', async () => {
		const { workshop, people, ideas } = await ranSession();
		const results = await sessionResults(db, people.ama, workshop.id);
		expect(results.ideas.map((i) => [i.rank, i.body, i.votes])).toEqual([
			[1, 'More sofas in the chill-out room', 3],
			[2, 'Open until 10pm on Fridays', 2],
			[2, 'Open on Sundays', 2],
			[4, 'A music studio', 0]
		]);
		const sofas = results.ideas.find((i) => i.id === ideas.sofas.id)!;
		expect(sofas).toMatchObject({ merged: 1, comments: 2, theme: 'The space' });
		// Never the duplicate, nor held, hidden or deleted ideas, for a member.
		const bodies = results.ideas.map((i) => i.body);
		expect(bodies).not.toContain('Comfier seats please');
		expect(JSON.stringify(results)).not.toContain('Something a youth worker hid');
		expect(JSON.stringify(results)).not.toContain('07700');
		expect(JSON.stringify(results)).not.toContain('Deleted by its author');
		expect(results.setAside).toEqual([]);
	});

	it('ranks themes by their ideas’ votes, unthemed ideas last', async () => {
		const { workshop } = await ranSession();
		const results = await sessionResults(db, lead, workshop.id);
		expect(results.themes.map((t) => [t.name, t.votes, t.ideas.length])).toEqual([
			['Opening times', 4, 2],
			['The space', 3, 1],
			['No theme', 0, 1]
		]);
	});

	it('shows staff the held and hidden ideas apart, never deleted ones', async () => {
		const { workshop } = await ranSession();
		const results = await sessionResults(db, lead, workshop.id);
		expect(results.setAside.map((i) => [i.body, i.status, i.votes])).toEqual([
			['Something a youth worker hid', 'hidden', 3],
			['Call me on 07700 900123', 'held', 1]
		]);
		expect(JSON.stringify(results)).not.toContain('Deleted by its author');
	});

	it('counts who took part as numbers: joined, contributed, voted', async () => {
		const { workshop } = await ranSession();
		const results = await sessionResults(db, lead, workshop.id);
		expect(results.counts).toMatchObject({ joined: 3, contributed: 3, voted: 3, ideas: 4 });
	});

	it('hides authors from members in an anonymous session, never from staff who run it', async () => {
		const { workshop, people } = await ranSession({ anonymous: true });
		const asMember = await sessionResults(db, people.ben, workshop.id);
		expect(asMember.ideas.every((i) => i.author === null)).toBe(true);
		expect(JSON.stringify(asMember)).not.toContain(people.ama.username);
		const asLead = await sessionResults(db, lead, workshop.id);
		expect(asLead.ideas[0].author).toBe(people.ama.username);
	});
});

describe('who may see the results', () => {
	it('lets people who took part see them only once the session has closed', async () => {
		const member = await account();
		const open = await makeSession(db, { phase: 'voting' });
		await join(db, open, member);
		await expect(sessionResults(db, member, open.id)).rejects.toThrow(NotAllowedError);
		await expect(sessionResults(db, lead, open.id)).resolves.toBeTruthy();
	});

	it('keeps them from members who did not take part, and invite-only sessions out of sight', async () => {
		const { workshop } = await ranSession();
		const stranger = await account();
		await expect(sessionResults(db, stranger, workshop.id)).rejects.toThrow(NotAllowedError);
		const invite = await makeSession(db, { access: 'invite' });
		await expect(sessionResults(db, stranger, invite.id)).rejects.toThrow(NotFoundError);
		await expect(sessionResults(db, stranger, 2_000_000)).rejects.toThrow(NotFoundError);
	});
});

describe('results CSV', () => {
	it('lists rank, idea, theme, votes, comments and author, and is audited', async () => {
		const { workshop, people } = await ranSession();
		const { csv, fileName } = await resultsCsv(db, lead, workshop.id);
		expect(fileName).toMatch(/^idea-session-\d+-making-the-youth-centre-better-results\.csv$/);
		expect(parseCsv(csv)).toEqual([
			['Rank', 'Idea', 'Theme', 'Votes', 'Comments', 'Author'],
			['1', 'More sofas in the chill-out room', 'The space', '3', '2', people.ama.username],
			['2', 'Open until 10pm on Fridays', 'Opening times', '2', '1', people.ben.username],
			['2', 'Open on Sundays', 'Opening times', '2', '0', people.cai.username],
			['4', 'A music studio', 'No theme', '0', '0', people.cai.username]
		]);
		const audit = await db
			.select()
			.from(auditLog)
			.where(eq(auditLog.targetId, String(workshop.id)));
		expect(audit.map((a) => a.action)).toContain('workshop.results.export');
	});

	it('writes "anonymous" as every author of an anonymous session', async () => {
		const { workshop, people } = await ranSession({ anonymous: true });
		const { csv } = await resultsCsv(db, lead, workshop.id);
		const rows = parseCsv(csv).slice(1);
		expect(rows.map((r) => r[5])).toEqual(['anonymous', 'anonymous', 'anonymous', 'anonymous']);
		expect(csv).not.toContain(people.ama.username);
	});

	it('defuses spreadsheet formulas and keeps commas, quotes and line breaks in one cell', async () => {
		const member = await account();
		const workshop = await makeSession(db);
		await join(db, workshop, member);
		const theme = await addTheme(db, workshop, '@SUM(A1:A9)');
		await addIdea(db, workshop, member, '=HYPERLINK("http://evil.example","click")', {
			themeId: theme.id
		});
		await addIdea(db, workshop, member, '+44 1234');
		await addIdea(db, workshop, member, '-2+3');
		await addIdea(db, workshop, member, 'Plain, with "quotes"\nand a second line');
		const rows = parseCsv((await resultsCsv(db, lead, workshop.id)).csv).slice(1);
		const cells = rows.map((r) => [r[1], r[2]]);
		expect(cells).toContainEqual([`'=HYPERLINK("http://evil.example","click")`, `'@SUM(A1:A9)`]);
		expect(cells).toContainEqual([`'+44 1234`, 'No theme']);
		expect(cells).toContainEqual([`'-2+3`, 'No theme']);
		expect(cells).toContainEqual(['Plain, with "quotes"\nand a second line', 'No theme']);
		expect(csvCell('\t=1')).toBe(`'\t=1`);
		expect(csvCell(3)).toBe('3');
	});

	it('is for staff who run sessions only: a member who took part cannot export', async () => {
		const { workshop, people } = await ranSession();
		await expect(resultsCsv(db, people.ama, workshop.id)).rejects.toThrow(NotAllowedError);
		await expect(resultsCsv(db, worker, workshop.id)).rejects.toThrow(NotAllowedError);
	});
});

describe('printable summary', () => {
	it('gives partners the questions, numbers, themes and every idea, with no names', async () => {
		const { workshop, people } = await ranSession();
		const summary = await sessionSummary(db, lead, workshop.id);
		expect(summary.workshop.questions).toEqual([
			'What would make the youth centre feel like yours?'
		]);
		expect(summary.counts.joined).toBe(3);
		expect(summary.themes[0].name).toBe('Opening times');
		expect(summary.ideas).toHaveLength(4);
		expect(summary.setAside).toEqual([]);
		const text = JSON.stringify(summary);
		for (const person of Object.values(people)) expect(text).not.toContain(person.username);
		expect(text).not.toContain('Something a youth worker hid');
		await expect(sessionSummary(db, people.ama, workshop.id)).rejects.toThrow(NotAllowedError);
	});
});

describe('attendance and certificates', () => {
	it('lists who joined, when they left and whether they contributed', async () => {
		const { workshop, people } = await ranSession();
		const quiet = await account();
		await join(db, workshop, quiet, { leftAt: null });
		const rows = await sessionAttendance(db, lead, workshop.id);
		const byName = new Map(rows.map((r) => [r.pseudonym, r]));
		expect(rows).toHaveLength(4); // the invited person who never came is not listed
		expect(byName.has(people.dee.username)).toBe(false);
		expect(byName.get(people.ama.username)).toMatchObject({ contributed: true, ideas: 2 });
		expect(byName.get(quiet.username)).toMatchObject({
			contributed: false,
			ideas: 0,
			comments: 0,
			leftAt: null
		});

		const csv = parseCsv((await attendanceCsv(db, lead, workshop.id)).csv);
		expect(csv[0]).toEqual(['Pseudonym', 'Joined', 'Left', 'Contributed', 'Ideas', 'Comments']);
		const quietRow = csv.find((r) => r[0] === quiet.username)!;
		expect(quietRow[1]).toMatch(/\d{4}/);
		expect(quietRow.slice(2)).toEqual(['', 'no', '0', '0']);
		expect(csv.find((r) => r[0] === people.cai.username)!.slice(3)).toEqual(['yes', '3', '2']);
	});

	it('lets only staff who run sessions see or export attendance', async () => {
		const { workshop, people } = await ranSession();
		await expect(attendanceCsv(db, people.ama, workshop.id)).rejects.toThrow(NotAllowedError);
		await expect(sessionAttendance(db, worker, workshop.id)).rejects.toThrow(NotAllowedError);
	});

	it('gives a member a certificate of the sessions they joined, and no others', async () => {
		const member = await account();
		const first = await makeSession(db, {
			title: 'Designing the new website',
			partner: 'City Council',
			startsAt: new Date('2026-03-04T18:00:00Z')
		});
		const second = await makeSession(db, { title: 'Summer programme', partner: '' });
		const missed = await makeSession(db, { title: 'A session they missed' });
		const invitedOnly = await makeSession(db, { title: 'Invited but never came' });
		await join(db, first, member);
		await join(db, second, member);
		await join(db, invitedOnly, member, { joinedAt: null, invited: true });
		void missed;
		const sessions = await sessionsTakenPart(db, member);
		expect(sessions.map((s) => s.title)).toEqual(['Summer programme', 'Designing the new website']);
		expect(sessions[1]).toMatchObject({ partner: 'City Council', date: '4 Mar 2026' });
	});
});
