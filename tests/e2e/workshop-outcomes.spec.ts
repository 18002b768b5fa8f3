/**
 * After an idea session (the session itself is set up straight in the database, as if it had
 * just been run and closed): a coproduction lead reads the results, downloads them as CSV,
 * records an outcome for an idea and later marks it done; the young person who suggested the idea
 * is told each time and follows the trail; the lead corrects its title and links another idea,
 * whose author is told; a member who took part reads the results and prints their certificate on
 * a phone, and cannot download the results. Every page passes WCAG 2.2 AA.
 */
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { Database } from '../../src/lib/server/db';
import { test, expect, signIn } from './fixtures';
import { signedInPage, violations } from './page-helpers';
import { addIdea, addTheme, join, makeSession, vote } from '../support/workshops';

async function closedSession(
	db: Database,
	people: { author: { id: number }; other: { id: number } },
	anonymous = false
) {
	const stamp = randomBytes(3).toString('hex');
	const workshop = await makeSession(db, {
		title: `Youth centre ideas ${stamp}`,
		partner: 'Northside Youth Centre',
		anonymous
	});
	await join(db, workshop, people.author);
	await join(db, workshop, people.other);
	const space = await addTheme(db, workshop, 'The space');
	const sofas = await addIdea(db, workshop, people.author, `More sofas ${stamp}`, {
		themeId: space.id
	});
	const formula = await addIdea(db, workshop, people.other, '=1+1 free snacks');
	await vote(db, workshop, people.other, sofas);
	await vote(db, workshop, people.author, sofas, formula);
	return { workshop, sofas, formula, stamp };
}

test('a lead records an outcome and marks it done; the idea’s author is told and sees the trail', async ({
	page,
	browser,
	database,
	makeAccount
}) => {
	test.setTimeout(90_000);
	const lead = await makeAccount({ roles: ['coproduction_lead'], prefix: 'lead' });
	const author = await makeAccount({ prefix: 'author' });
	const other = await makeAccount({ prefix: 'other' });
	const { workshop, sofas } = await closedSession(database.db, { author, other }, true);

	await signIn(page, lead);
	await page.goto(`/sessions/${workshop.id}/results`);
	await expect(
		page.getByRole('heading', { level: 1, name: `Results: ${workshop.title}` })
	).toBeVisible();
	await expect(page.getByText('2 people took part')).toBeVisible();
	expect(await violations(page)).toEqual([]);

	// The CSV: ranked, formulas defused, and "anonymous" for an anonymous session.
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download the results (CSV)' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toMatch(
		/^idea-session-\d+-youth-centre-ideas-.*-results\.csv$/
	);
	const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
	expect(csv.split('\r\n').slice(0, 3)).toEqual([
		'Rank,Idea,Theme,Votes,Comments,Author',
		`1,${sofas.body},The space,2,0,anonymous`,
		"2,'=1+1 free snacks,No theme,1,0,anonymous"
	]);

	// The printable summary names nobody.
	await page.goto(`/sessions/${workshop.id}/summary`);
	await expect(page.getByRole('heading', { level: 1, name: workshop.title })).toBeVisible();
	await expect(page.getByRole('cell', { name: sofas.body })).toBeVisible();
	await expect(page.getByText(author.username)).toHaveCount(0);
	expect(await violations(page)).toEqual([]);

	await page.goto(`/sessions/${workshop.id}/outcomes`);
	await expect(page.getByRole('heading', { level: 1, name: 'You said, we did' })).toBeVisible();
	await expect(
		page.getByText('No outcomes have been recorded for this session yet.')
	).toBeVisible();
	const record = page.locator('form', {
		has: page.getByRole('button', { name: 'Record outcome' })
	});
	await record.getByLabel('Title').fill('New sofas for the chill-out room');
	await record.getByRole('group', { name: 'Where it stands' }).getByLabel('Not doing').check();
	await record.getByRole('checkbox', { name: new RegExp(sofas.body) }).check();
	await record.getByRole('button', { name: 'Record outcome' }).click();
	// "Not doing" needs a reason: nothing is recorded, and what was typed stays.
	await expect(page.getByText('Say why this is not going ahead')).toBeVisible();
	await expect(record.getByLabel('Title')).toHaveValue('New sofas for the chill-out room');
	await expect(
		page.getByText('No outcomes have been recorded for this session yet.')
	).toBeVisible();

	await record.getByRole('group', { name: 'Where it stands' }).getByLabel('Planned').check();
	await record.getByRole('checkbox', { name: new RegExp(sofas.body) }).check();
	await record.getByLabel('Note for the trail (optional)').fill('Budget agreed in October.');
	await record.getByRole('button', { name: 'Record outcome' }).click();
	await expect(
		page.getByRole('status').filter({
			hasText: 'Outcome recorded. The person who suggested the idea has been told.'
		})
	).toBeVisible();
	const outcome = page.getByRole('listitem').filter({
		has: page.getByRole('heading', { level: 2, name: 'New sofas for the chill-out room' })
	});
	await expect(outcome.getByText('Planned', { exact: true }).first()).toBeVisible();

	await outcome.getByText('Add an update').click();
	await outcome.getByRole('group', { name: 'Where it stands now' }).getByLabel('Done').check();
	await outcome.getByLabel('What has changed').fill('The sofas arrived on Monday.');
	expect(await violations(page)).toEqual([]);
	await outcome.getByRole('button', { name: /^Add update/ }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Update added. The person who suggested' })
	).toBeVisible();
	await expect(outcome.getByText('Done', { exact: true }).first()).toBeVisible();
	await expect(outcome.getByRole('list').last().getByRole('listitem')).toHaveCount(2);

	// The author was told twice; the latest takes them to the trail.
	const authorPage = await signedInPage(browser, author);
	await authorPage.goto('/notifications');
	await expect(
		authorPage.getByRole('link', {
			name: `What is happening about your idea from “${workshop.title}”`
		})
	).toBeVisible();
	await expect(authorPage.getByText('New sofas for the chill-out room: Done.')).toBeVisible();
	await authorPage
		.getByRole('link', { name: `News about your idea from “${workshop.title}”` })
		.click();
	await expect(
		authorPage.getByRole('heading', { level: 1, name: 'You said, we did' })
	).toBeVisible();
	const seen = authorPage.getByRole('listitem').filter({
		has: authorPage.getByRole('heading', { level: 2, name: 'New sofas for the chill-out room' })
	});
	await expect(seen.getByText('Your idea')).toBeVisible();
	const trail = seen.getByRole('list').last().getByRole('listitem');
	await expect(trail).toHaveCount(2);
	await expect(trail.nth(0)).toContainText('Planned');
	await expect(trail.nth(0)).toContainText('Budget agreed in October.');
	await expect(trail.nth(1)).toContainText('Done');
	await expect(trail.nth(1)).toContainText('The sofas arrived on Monday.');
	await expect(authorPage.getByRole('button', { name: 'Record outcome' })).toHaveCount(0);
	await expect(authorPage.getByText('Add an update')).toHaveCount(0);
	expect(await violations(authorPage)).toEqual([]);

	// Nobody else who took part was told.
	const otherPage = await signedInPage(browser, other);
	await otherPage.goto('/notifications');
	await expect(otherPage.getByText('You have no notifications.')).toBeVisible();

	// The lead corrects the title and links another idea: its author hears of it; the trail stays.
	await outcome.getByText('Edit the title, description or ideas').click();
	const edit = outcome.locator('form', {
		has: page.getByRole('button', { name: /^Save changes/ })
	});
	await edit.getByLabel('Title').fill('');
	await edit.getByRole('button', { name: /^Save changes/ }).click();
	await expect(edit.getByText('Give the outcome a short title.')).toBeVisible();
	await edit.getByLabel('Title').fill('Sofas and snacks for the chill-out room');
	await edit.getByRole('checkbox', { name: /free snacks/ }).check();
	expect(await violations(page)).toEqual([]);
	await edit.getByRole('button', { name: /^Save changes/ }).click();
	await expect(
		page.getByRole('status').filter({
			hasText: 'Changes saved. The person who suggested the idea has been told.'
		})
	).toBeVisible();
	const renamed = page.getByRole('listitem').filter({
		has: page.getByRole('heading', { level: 2, name: 'Sofas and snacks for the chill-out room' })
	});
	await expect(renamed.getByText('“=1+1 free snacks”')).toBeVisible();
	await expect(renamed.getByRole('list').last().getByRole('listitem')).toHaveCount(2);
	await otherPage.reload();
	await expect(otherPage.getByText('Sofas and snacks for the chill-out room: Done.')).toBeVisible();
});

test('a member who took part reads the results and their certificate, and cannot download @phone', async ({
	page,
	database,
	makeAccount
}) => {
	const member = await makeAccount({ prefix: 'member' });
	const other = await makeAccount({ prefix: 'other' });
	const { workshop, sofas } = await closedSession(database.db, { author: member, other });
	await signIn(page, member);

	await page.goto(`/sessions/${workshop.id}/results`);
	await expect(
		page.getByRole('heading', { level: 1, name: `Results: ${workshop.title}` })
	).toBeVisible();
	await expect(page.getByText(sofas.body).first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Download the results (CSV)' })).toHaveCount(0);
	expect(await violations(page)).toEqual([]);

	const csv = await page.request.get(`/sessions/${workshop.id}/results.csv`);
	expect(csv.status()).toBe(403);
	expect(await csv.text()).not.toContain(sofas.body);
	const attendance = await page.request.get(`/sessions/${workshop.id}/attendance.csv`);
	expect(attendance.status()).toBe(403);
	// A made-up or mistyped session address is "not found", never an error.
	expect((await page.request.get('/sessions/not-a-number/results')).status()).toBe(404);
	expect((await page.request.get('/sessions/99999999/outcomes')).status()).toBe(404);
	expect((await page.request.get('/sessions/99999999999/results.csv')).status()).toBe(404);

	await page.goto(`/sessions/${workshop.id}/outcomes`);
	await expect(
		page.getByText('No outcomes have been recorded for this session yet.')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Record outcome' })).toHaveCount(0);
	expect(await violations(page)).toEqual([]);

	await page.goto('/account');
	await page.getByRole('link', { name: 'Your certificate of participation' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Certificate of participation' })
	).toBeVisible();
	await expect(page.getByRole('cell', { name: workshop.title })).toBeVisible();
	await expect(page.getByRole('cell', { name: 'Northside Youth Centre' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Print your certificate' })).toBeVisible();
	expect(await violations(page)).toEqual([]);
});
