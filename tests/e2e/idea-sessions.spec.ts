/**
 * An idea session run live, as a coproduction lead and two young people do it, each in their own
 * browser: the lead sets it up, everyone shares ideas (which appear for the others without a
 * reload), the lead groups them into a theme, everyone votes, the lead closes voting and the
 * totals appear; the lead downloads the results. Every page passes WCAG 2.2 AA.
 */
import type { Page } from '@playwright/test';
import { test, expect, established, signIn } from './fixtures';
import { signedInPage, violations, waitUntilLive } from './page-helpers';

const board = (page: Page) => page.getByRole('region', { name: 'Board' });

async function share(page: Page, text: string) {
	await page.getByLabel('Your idea').fill(text);
	await page.getByRole('button', { name: 'Add idea' }).click();
	await expect(board(page).getByText(text)).toBeVisible();
}

test('a lead and two young people run a whole brainstorm: gather, group, vote, close, results', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	test.setTimeout(120_000);
	const lead = await makeAccount({ roles: ['coproduction_lead'], prefix: 'lead' });
	const amara = await established(database.db, await makeAccount({ prefix: 'amara' }));
	const kofi = await established(database.db, await makeAccount({ prefix: 'kofi' }));
	const title = `Clinic ideas ${lead.username}`;

	await signIn(page, lead);
	await page.goto('/sessions/new');
	expect(await violations(page)).toEqual([]);
	await page.getByLabel('Title').fill(title);
	await page
		.getByLabel('The question(s) to answer')
		.fill('What would make a sexual health clinic feel welcoming?');
	await page.getByLabel('Partner organisation (optional)').fill('Riverside NHS Trust');
	await page.getByRole('radio', { name: /^Co-design/ }).check();
	await page.getByLabel('Starts (UK time)').fill('2026-12-01T18:30');
	await page
		.getByRole('radio', { name: /^Anonymous|^All members/ })
		.first()
		.check();
	await page.getByRole('checkbox', { name: /Anonymous to peers/ }).check();
	await page.getByRole('button', { name: 'Set up the session' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await expect(page.getByRole('note', { name: 'How much say you have' })).toContainText(
		'Co-design'
	);
	const path = new URL(page.url()).pathname;
	await waitUntilLive(page);
	await page.getByRole('button', { name: 'Move to: Sharing ideas' }).click();
	await expect(page.getByText('Sharing ideas', { exact: true })).toBeVisible();

	const a = await signedInPage(browser, amara);
	await a.goto('/sessions');
	await a.getByRole('link', { name: title }).click();
	await waitUntilLive(a);
	const k = await signedInPage(browser, kofi);
	await k.goto(path);
	await waitUntilLive(k);

	await share(a, 'Evening opening hours after school');
	await expect(board(k).getByText('Evening opening hours after school')).toBeVisible();
	await expect(board(k).getByText('Anonymous')).toBeVisible();
	await expect(board(k).getByText(amara.username)).toHaveCount(0);
	const mine = board(a).getByRole('article', { name: 'Evening opening hours after school' });
	await mine.getByRole('button', { name: 'Edit my idea' }).click();
	await mine.getByLabel('Your idea').fill('Evening opening hours after school, till 8');
	await mine.getByRole('button', { name: 'Save' }).click();
	await expect(board(k).getByText('Evening opening hours after school, till 8')).toBeVisible();
	await share(k, 'Staff who look like us');
	await expect(board(a).getByText('Staff who look like us')).toBeVisible();
	const theirs = board(k).getByRole('article', { name: /^Evening opening hours/ });
	await theirs.getByRole('button', { name: 'Comment on this idea' }).click();
	await theirs.getByLabel('Your comment').fill('Saturdays too');
	await theirs.getByRole('button', { name: 'Add comment' }).click();
	await expect(
		board(a)
			.getByRole('article', { name: /^Evening opening hours/ })
			.getByText('Saturdays too')
	).toBeVisible();
	await expect(theirs.getByText('— You')).toBeVisible();
	expect(await violations(a)).toEqual([]);

	// Grouping: a theme, and an idea moved into it from the menu (keyboard and phone friendly).
	await page.getByRole('button', { name: 'Move to: Grouping into themes' }).click();
	await page.getByLabel('New theme').fill('Access');
	await page.getByRole('button', { name: 'Add theme' }).click();
	const card = board(page).getByRole('article', { name: 'Evening opening hours after school' });
	await card.getByRole('button', { name: 'Facilitator tools for this idea' }).click();
	await card.getByLabel('Theme').selectOption({ label: 'Access' });
	await expect(
		board(a)
			.getByRole('region', { name: /Access/ })
			.getByText('Evening opening hours after school')
	).toBeVisible();

	// Voting: totals stay hidden until it closes.
	await page.getByRole('button', { name: 'Move to: Voting' }).click();
	await expect(a.getByText('You have 3 of 3 votes left.')).toBeVisible();
	await board(a)
		.getByRole('article', { name: 'Staff who look like us' })
		.getByRole('button', { name: /^Vote/ })
		.click();
	await expect(a.getByText('You have 2 of 3 votes left.')).toBeVisible();
	await board(k)
		.getByRole('article', { name: 'Evening opening hours after school' })
		.getByRole('button', { name: /^Vote/ })
		.click();
	await expect(board(a).getByText(/\d+ votes?$/)).toHaveCount(0);

	// Closing cannot be undone: the lead is asked first, and "Not yet" changes nothing.
	await page.getByRole('button', { name: 'Move to: Closed' }).click();
	await expect(page.getByRole('button', { name: 'Yes, close the session' })).toBeFocused();
	await page.getByRole('button', { name: 'Not yet' }).click();
	await expect(page.getByRole('button', { name: 'Yes, close the session' })).toHaveCount(0);
	await expect(board(a).getByText(/\d+ votes?$/)).toHaveCount(0); // still voting
	await page.getByRole('button', { name: 'Move to: Closed' }).click();
	await page.getByRole('button', { name: 'Yes, close the session' }).click();
	await expect(board(a).getByRole('article', { name: 'Staff who look like us' })).toContainText(
		'1 vote'
	);
	await expect(
		board(k).getByRole('article', { name: 'Evening opening hours after school' })
	).toContainText('1 vote');

	await page.goto(`${path}/results`);
	await expect(page.getByText('Staff who look like us').first()).toBeVisible();
	expect(await violations(page)).toEqual([]);
});

test('someone who needs a break can step away and ask for a check-in @phone', async ({
	page,
	makeAccount,
	database
}) => {
	const lead = await makeAccount({ roles: ['coproduction_lead'], prefix: 'lead' });
	const member = await established(database.db, await makeAccount());
	const { createWorkshop } = await import('../../src/lib/server/workshops/setup');
	const workshop = await createWorkshop(
		database.db,
		{
			id: lead.id,
			username: lead.username,
			roles: ['coproduction_lead'],
			staff: true,
			sessionVersion: 0,
			mutedUntil: null
		},
		{
			title: `Wellbeing check ${member.username}`,
			questions: 'What helps you feel safe in a new place?',
			influence: 'consultation',
			startsAt: '2026-12-01T18:30',
			access: 'members',
			votesPerPerson: '3',
			template: 'brainstorm'
		}
	);
	await signIn(page, member);
	await page.goto(`/sessions/${workshop.id}`);
	await waitUntilLive(page);
	await page.getByRole('button', { name: 'Step away' }).click();
	await expect(page.getByRole('heading', { name: 'Taking a break' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Board' })).toHaveCount(0);
	expect(await violations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Go back to the session' }).click();
	await page.getByRole('button', { name: 'Ask for a check-in' }).click();
	// Worded for whether anyone is on duty (other tests may have put a youth worker on duty).
	await expect(
		page.getByText(/asked to check in with you|We have told the youth workers/)
	).toBeVisible();
});
