/**
 * The idea session's "done when", as people do it: a coproduction lead runs a 1-2-4-All session
 * with four young people, each on their own phone. Alone, each sees only their own idea; in pairs
 * and then in fours, each sees their group's ideas and nobody else's; then the whole group shares,
 * votes, and the lead closes the session and downloads the results, which name nobody.
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import { PHONE, signedInPage, violations, waitUntilLive } from './page-helpers';

const board = (page: Page) => page.getByRole('region', { name: 'Board' });

test('a lead runs 1-2-4-All with four young people on phones, then downloads the results', async ({
	page,
	browser,
	makeAccount
}) => {
	test.setTimeout(180_000);
	const lead = await makeAccount({ roles: ['coproduction_lead'], prefix: 'lead' });
	const people = [];
	for (const name of ['ama', 'kwame', 'zara', 'dev'])
		people.push(await makeAccount({ prefix: name }));
	const title = `Waiting room ideas ${lead.username}`;
	const ideas = ['Softer lighting', 'Music playing quietly', 'Water and snacks', 'Posters like us'];
	const ideaOf = (i: number) => ideas[i];

	await signIn(page, lead);
	await page.goto('/sessions/new');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('The question(s) to answer').fill('How should a clinic waiting room feel?');
	await page.getByRole('radio', { name: /^Co-design/ }).check();
	await page.getByLabel('Starts (UK time)').fill('2026-12-01T18:30');
	await page.getByRole('radio', { name: /^All members/ }).check();
	await page.getByRole('radio', { name: /^1-2-4-All/ }).check();
	await page.getByRole('checkbox', { name: /Anonymous to peers/ }).check();
	await page.getByRole('button', { name: 'Set up the session' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	const path = new URL(page.url()).pathname;
	await waitUntilLive(page);

	// Everyone opens the session on their phone before it starts (that is taking part).
	const phones: Page[] = [];
	for (const person of people) {
		const phone = await signedInPage(browser, person, PHONE);
		await phone.goto(path);
		await waitUntilLive(phone);
		phones.push(phone);
	}
	await page.getByRole('button', { name: 'Move to: Sharing ideas' }).click();

	// 1: alone. Each writes an idea; nobody else sees it.
	for (const [i, phone] of phones.entries()) {
		await expect(phone.getByText(/· On your own/)).toBeVisible();
		await phone.getByLabel('Your idea').fill(ideaOf(i));
		await phone.getByRole('button', { name: 'Add idea' }).click();
		await expect(board(phone).getByText(ideaOf(i))).toBeVisible();
	}
	await expect(board(phones[0]).getByText(ideaOf(1))).toHaveCount(0);
	expect(await violations(phones[0])).toEqual([]);

	// 2 and 4: each group sees its own people's ideas, and only theirs. The session is anonymous,
	// so nobody is told who is in their pair (that would say who wrote each idea).
	for (const [stage, size, notice] of [
		['In pairs', 2, 'You are in a pair'],
		['In fours', 4, 'You are in a group of 4']
	] as const) {
		await page.getByRole('button', { name: `Next stage: ${stage}` }).click();
		const seenBy = ideas.map(() => 0);
		for (const [i, phone] of phones.entries()) {
			await expect(phone.getByText(new RegExp(`^Sharing ideas · ${stage}\\b`))).toBeVisible();
			await expect(phone.getByText(notice)).toBeVisible();
			await expect(board(phone).getByRole('article')).toHaveCount(size);
			await expect(board(phone).getByText(ideaOf(i))).toBeVisible();
			for (const [j, idea] of ideas.entries())
				if (await board(phone).getByText(idea).count()) seenBy[j]++;
			for (const person of people)
				await expect(board(phone).getByText(person.username)).toHaveCount(0);
			await expect(phone.getByText(/You are in a group with/)).toHaveCount(0);
		}
		expect(seenBy).toEqual(ideas.map(() => size));
	}
	const [overflowing] = await phones[0].evaluate(() => [
		document.documentElement.scrollWidth > document.documentElement.clientWidth
	]);
	expect(overflowing).toBe(false);

	// All: the whole group shares, then votes.
	await page.getByRole('button', { name: 'Next stage: Whole group' }).click();
	await page.getByRole('button', { name: 'Move to: Voting' }).click();
	for (const [i, phone] of phones.entries()) {
		const next = (i + 1) % phones.length;
		await board(phone)
			.getByRole('article', { name: ideaOf(next) })
			.getByRole('button', { name: /^Vote/ })
			.click();
		await expect(phone.getByText('You have 2 of 3 votes left.')).toBeVisible();
	}
	await expect(phones[0].getByText('So far 4 votes from 4 people.')).toBeVisible();
	await page.getByRole('button', { name: 'Move to: Closed' }).click();
	// Closing cannot be undone: the lead confirms it.
	await page.getByRole('button', { name: 'Yes, close the session' }).click();
	for (const phone of phones)
		await expect(board(phone).getByRole('article', { name: ideaOf(0) })).toContainText('1 vote');

	await page.goto(`${path}/results`);
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download the results (CSV)' }).click();
	const csv = await readFile((await (await downloading).path())!, 'utf8');
	for (const i of people.keys()) expect(csv).toContain(`${ideaOf(i)},No theme,1,0,anonymous`);
	for (const person of people) expect(csv).not.toContain(`${person.username},`);
});
