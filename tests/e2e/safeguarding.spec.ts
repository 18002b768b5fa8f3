/**
 * Safeguarding as staff live it: a youth worker on duty sees an alert arrive without reloading,
 * claims it and opens a case; a safeguarding lead records a referral and prints the chronology;
 * what a worried member adds to an alert still open reaches whoever claimed it, live; a young
 * person who guesses a case address finds nothing there.
 */
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import { approvedConversation } from './forum-setup';
import { violations, mainNav, waitUntilLive, signedInPage } from './page-helpers';

// The header's alert count is shared by every test that raises alerts: run these one at a time.
test.describe.configure({ mode: 'serial' });

async function goOnDuty(page: Page) {
	await mainNav(page).getByRole('link', { name: 'Duty', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Duty' })).toBeVisible();
	const status = page.getByRole('region', { name: 'Your duty status' });
	await expect(status).toContainText('You are off duty');
	await status.getByRole('button', { name: 'Go on duty' }).click();
	await expect(status).toContainText('You are on duty');
	await expect(status.getByRole('button', { name: 'Go off duty' })).toBeVisible();
}

test('a worker on duty sees a new alert arrive live, claims it and opens a case; a lead records a referral and prints the chronology', async ({
	page,
	browser,
	makeAccount,
	raiseAlertFor
}) => {
	test.setTimeout(90_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const lead = await makeAccount({ roles: ['safeguarding_lead'], prefix: 'lead' });
	const member = await makeAccount();

	await signIn(page, worker);
	await goOnDuty(page);
	await expect(
		page.getByRole('region', { name: 'On duty now' }).getByText(worker.username)
	).toBeVisible();
	expect(await violations(page)).toEqual([]);

	await mainNav(page)
		.getByRole('link', { name: /^Alerts \(\d+\)$/ })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Safeguarding alerts' })).toBeVisible();
	const countText = await mainNav(page)
		.getByRole('link', { name: /^Alerts \(\d+\)$/ })
		.textContent();
	const openBefore = Number(/\((\d+)\)/.exec(countText ?? '')?.[1]);
	await waitUntilLive(page);
	// Anything that reloads the page would lose this.
	await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

	const evidence = 'i cant keep going, tonight is the night';
	await raiseAlertFor(member, { level: 'imminent', text: evidence });

	const card = page.getByRole('article', { name: `About ${member.username}` });
	await expect(card).toBeVisible();
	await expect(card).toContainText('Imminent risk');
	await expect(card).toContainText(evidence);
	await expect(card).toContainText('Automatic screening');
	await expect(card).toContainText('Talks about ending their life');
	await expect(card).toContainText('Not yet claimed');
	await expect(card.getByText('just now')).toBeVisible();
	await expect(
		mainNav(page).getByRole('link', { name: `Alerts (${openBefore + 1})`, exact: true })
	).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'New alert: Imminent risk' })).toHaveText(
		`New alert: Imminent risk, about ${member.username}.`
	);
	expect(
		await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)
	).toBe(true);
	expect(await violations(page)).toEqual([]);

	await card.getByRole('button', { name: `Claim the alert about ${member.username}` }).click();
	await expect(card).toContainText('Claimed by you');
	await expect(
		mainNav(page).getByRole('link', { name: `Alerts (${openBefore})`, exact: true })
	).toBeVisible();

	await card.getByText('Open a case').click();
	await card
		.getByLabel('Case summary')
		.fill('Post about ending their life tonight. I am reaching out to them now.');
	await card.getByRole('button', { name: 'Open case' }).click();
	await expect(page).toHaveURL(/\/safeguarding\/\d+$/);
	const caseUrl = new URL(page.url()).pathname;
	const caseId = caseUrl.split('/').pop();
	await expect(
		page.getByRole('heading', { level: 1, name: `Case ${caseId}: ${member.username}` })
	).toBeVisible();
	const chronology = page.getByRole('region', { name: 'Chronology', exact: true });
	await expect(chronology.locator('blockquote')).toHaveText(evidence);
	await expect(chronology).toContainText('Evidence (post) captured');
	// The assigned worker records what they did; referrals are for the safeguarding lead.
	await expect(page.getByRole('region', { name: 'Record a referral' })).toHaveCount(0);
	const add = page.getByRole('region', { name: 'Add to the chronology' });
	await add.getByRole('radio', { name: 'Contact with the young person or others' }).check();
	await add.getByLabel('What happened').fill('Messaged them in the forum; they replied.');
	await add.getByRole('button', { name: 'Add entry' }).click();
	await expect(chronology).toContainText('Messaged them in the forum; they replied.');
	expect(await violations(page)).toEqual([]);

	const leadContext = await browser.newContext();
	const leadPage = await leadContext.newPage();
	await signIn(leadPage, lead);
	await mainNav(leadPage).getByRole('link', { name: 'Cases', exact: true }).click();
	await leadPage.getByRole('link', { name: `Case ${caseId}`, exact: true }).click();
	await expect(
		leadPage.getByRole('heading', { level: 1, name: `Case ${caseId}: ${member.username}` })
	).toBeVisible();

	const referral = leadPage.getByRole('region', { name: 'Record a referral' });
	await referral.getByLabel('Agency').fill('Children’s social care');
	await referral.getByLabel('Date of referral').fill('2025-03-27');
	await referral.getByLabel('Reference (optional)').fill('MASH-2231');
	await referral.getByRole('button', { name: 'Record referral' }).click();
	await expect(
		leadPage.getByRole('status').filter({ hasText: 'Referral recorded.' })
	).toBeVisible();
	const leadChronology = leadPage.getByRole('region', { name: 'Chronology', exact: true });
	await expect(leadChronology).toContainText('Referred to Children’s social care');
	await expect(leadChronology).toContainText('27 Mar 2025');
	await expect(leadChronology).toContainText('MASH-2231');
	await expect(leadChronology).toContainText('Status: open → referred');
	expect(await violations(leadPage)).toEqual([]);

	await leadPage.getByRole('link', { name: 'Print chronology' }).click();
	await expect(leadPage).toHaveURL(new RegExp(`/safeguarding/${caseId}/print$`));
	await expect(
		leadPage.getByRole('heading', { level: 1, name: `Safeguarding case ${caseId}: chronology` })
	).toBeVisible();
	await expect(leadPage.getByRole('navigation')).toHaveCount(0);
	await expect(
		leadPage.getByText(new RegExp(`^Generated .+ by ${lead.username}\\.$`))
	).toBeVisible();
	const printed = leadPage.getByRole('table');
	await expect(printed).toContainText(evidence);
	await expect(printed).toContainText('MASH-2231');
	await expect(printed).toContainText('Messaged them in the forum; they replied.');
	await leadPage.emulateMedia({ media: 'print' });
	await expect(leadPage.getByRole('button', { name: 'Print' })).toBeHidden();
	await leadContext.close();
});

test('a new alert shows an on-duty worker a banner on any page and marks the tab title until they look', async ({
	page,
	makeAccount,
	raiseAlertFor
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount();
	await signIn(page, worker);
	await goOnDuty(page);
	await waitUntilLive(page);

	const alertId = await raiseAlertFor(member, { level: 'high', text: 'nobody would care' });
	const banner = page.getByRole('alert').filter({ hasText: 'New safeguarding alert' });
	await expect(banner).toContainText(`High risk, about ${member.username}.`);
	await expect.poll(() => page.title()).toMatch(/^\(!\) Duty/);
	// It stays marked on the next page too.
	await mainNav(page).getByRole('link', { name: 'Notifications' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible();
	await expect.poll(() => page.title()).toMatch(/^\(!\) Notifications/);
	await expect(page.getByRole('main')).toContainText(`${member.username} may be at risk`);

	await banner.getByRole('link', { name: 'Go to the alert' }).click();
	await expect(page).toHaveURL(new RegExp(`/staff/alerts#alert-${alertId}$`));
	const card = page.getByRole('article', { name: `About ${member.username}` });
	await expect(card).toBeVisible();
	await expect(banner).toHaveCount(0);
	await expect.poll(() => page.title()).toBe('Alerts · Together');

	// Only the claimer resolves it, with a note of what was done.
	await card.getByRole('button', { name: `Claim the alert about ${member.username}` }).click();
	await expect(card).toContainText('Claimed by you');
	await card.getByRole('button', { name: 'Resolve' }).click();
	await expect(card.getByLabel('What was done')).toHaveAccessibleDescription(
		/Say briefly what was done/
	);
	await card.getByLabel('What was done').fill('Messaged them; they are with a friend tonight.');
	await card.getByRole('button', { name: 'Resolve' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Alert resolved.' })).toBeVisible();
	await expect(card).toHaveCount(0);
	await expect(
		page
			.getByRole('region', { name: 'Recently resolved' })
			.getByRole('row', { name: new RegExp(member.username) })
	).toContainText(worker.username);

	// The alert also waits among their notifications until they mark it read.
	await mainNav(page).getByRole('link', { name: 'Notifications 1 unread' }).click();
	await page.getByRole('button', { name: 'Mark all as read' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'All marked as read.' })).toBeVisible();
	await expect(
		mainNav(page).getByRole('link', { name: 'Notifications', exact: true })
	).toBeVisible();
});

test('what a worried member adds while their alert is open reaches the worker who claimed it, live', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	test.setTimeout(90_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const author = await makeAccount({ prefix: 'author' });
	const thread = await approvedConversation(database.db, author, worker, {
		title: `Tired ${Date.now()}`,
		body: 'I am so tired of everything, honestly.'
	});
	const reporter = await signedInPage(browser, await makeAccount({ prefix: 'reporter' }));
	const worried = async (note: string) => {
		await reporter.goto(thread);
		await reporter
			.getByRole('article', { name: `Post by ${author.username}` })
			.getByRole('link', { name: `Report post by ${author.username}` })
			.click();
		await reporter
			.getByRole('group', { name: 'What is wrong?' })
			.getByLabel('I’m worried about this person')
			.check();
		await reporter.getByRole('textbox', { name: 'Anything else we should know?' }).fill(note);
		await reporter.getByRole('button', { name: 'Send report' }).click();
		await expect(reporter.getByRole('status').filter({ hasText: 'Thank you' })).toBeVisible();
	};
	await worried('they seem very low');

	await signIn(page, worker);
	await goOnDuty(page);
	await page.goto('/staff/alerts');
	const card = page.getByRole('article', { name: `About ${author.username}` });
	await card.getByRole('button', { name: `Claim the alert about ${author.username}` }).click();
	await expect(card).toContainText('Claimed by you');
	await waitUntilLive(page);

	await worried('they just said they have pills');
	await expect(card).toContainText(
		'Note: they seem very low — later: they just said they have pills'
	);
	await expect(card.getByText('New details', { exact: true })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'New details on the alert' })).toHaveText(
		`New details on the alert about ${author.username}.`
	);
	await expect(page.getByRole('article', { name: `About ${author.username}` })).toHaveCount(1);
	expect(await violations(page)).toEqual([]);
	await reporter.context().close();
});

test('a worker plans a shift on the rota in UK time, and chooses to hear new alerts', async ({
	page,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const colleague = await makeAccount({ roles: ['youth_worker'], prefix: 'colleague' });
	await signIn(page, worker);
	await page.goto('/staff/duty');

	const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(Date.now() + 86_400_000)
	);
	const plan = page.getByRole('region', { name: 'Plan a shift' });
	await plan.getByLabel('Who', { exact: true }).selectOption({ label: colleague.username });
	await plan.getByLabel('Starts', { exact: true }).fill(`${tomorrow}T09:00`);
	await plan.getByLabel('Ends', { exact: true }).fill(`${tomorrow}T08:00`);
	await plan.getByRole('button', { name: 'Plan shift' }).click();
	await expect(plan.getByLabel('Ends', { exact: true })).toHaveAccessibleDescription(
		/The shift must end after it starts\./
	);
	await expect(plan.getByLabel('Starts', { exact: true })).toHaveValue(`${tomorrow}T09:00`);
	await plan.getByLabel('Ends', { exact: true }).fill(`${tomorrow}T17:30`);
	await plan.getByLabel('Note (optional)').fill('Thursday drop-in');
	await plan.getByRole('button', { name: 'Plan shift' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: /Shift planned, starting/ })
	).toBeVisible();
	const row = page.getByRole('row', { name: new RegExp(colleague.username) });
	await expect(row).toContainText('09:00');
	await expect(row).toContainText('17:30');
	await expect(row).toContainText('Thursday drop-in');

	const sound = page.getByRole('checkbox', { name: 'Play a sound when a new alert comes to me' });
	await expect(sound).not.toBeChecked();
	await sound.check();
	await page.reload();
	await expect(sound).toBeChecked();
	expect(await violations(page)).toEqual([]);
});

test('a young person who guesses a case address is told there is nothing there', async ({
	page,
	makeAccount
}) => {
	await signIn(page, await makeAccount());
	for (const path of ['/safeguarding/1', '/safeguarding', '/safeguarding/1/print']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(404);
		await expect(page.getByText('We could not find that page.')).toBeVisible();
	}
	await expect(mainNav(page).getByRole('link', { name: /^Alerts/ })).toHaveCount(0);
});
