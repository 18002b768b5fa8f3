/**
 * The admin pages that keep people safe: the help directory, watched words and the audit log,
 * used the way an admin uses them; members kept out; WCAG 2.2 AA.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, signIn, type Account } from './fixtures';
import { violations } from './page-helpers';

/** Letters only: watched words read digits as letters (0 → o, 1 → i). */
const letters = (n: number) =>
	[...randomBytes(n)].map((b) => String.fromCharCode(97 + (b % 26))).join('');

/** Yesterday in London, as a date field wants it. */
const yesterday = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(
		new Date(Date.now() - 86_400_000)
	);

const adminNav = (page: Page) => page.getByRole('navigation', { name: 'Admin' });

async function signInAsAdmin(
	page: Page,
	makeAccount: (o: { roles: ['admin']; prefix: string }) => Promise<Account>
) {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	await signIn(page, admin);
	return admin;
}

test('an admin adds a service, edits its phone number and last-checked date, and /help shows them', async ({
	page,
	makeAccount
}) => {
	await signInAsAdmin(page, makeAccount);
	await page.goto('/admin/users');
	await adminNav(page).getByRole('link', { name: 'Help directory' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Help directory' })).toBeVisible();

	const name = `Test Helpline ${letters(5)}`;
	const add = page.getByRole('region', { name: 'Add a service' });
	await add.getByLabel('Name').fill(name);
	await add.getByLabel('What they offer').fill('A helpline added by an end-to-end test.');
	await add.getByLabel('Phone number (optional)').fill('0800 123 4567');
	await add.getByLabel('Hours, as people read them').fill('24/7');
	await add.getByRole('radio', { name: 'Open 24 hours, every day' }).check();
	await add.getByLabel('Who it is for').fill('Anyone');
	await add.getByRole('button', { name: 'Add service' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `${name} added to the directory.` })
	).toBeVisible();

	await page.getByRole('link', { name: `${name} (edit)` }).click();
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	await page.getByLabel('Phone number (optional)').fill('0800 765 4321');
	await page.getByLabel('Details last checked').fill(yesterday());
	await page.getByRole('button', { name: 'Save changes' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

	await page.goto('/help');
	const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
	await expect(card.getByRole('link', { name: `Call 0800 765 4321 (${name})` })).toHaveAttribute(
		'href',
		'tel:08007654321'
	);
	await expect(card.getByText('Call 0800 123 4567')).toHaveCount(0);
	const checked = new Date(`${yesterday()}T12:00:00Z`).toLocaleDateString('en-GB', {
		day: 'numeric',
		month: 'long',
		year: 'numeric'
	});
	await expect(card.getByText(`Details last checked ${checked}.`)).toBeVisible();
	await expect(card.getByText('Open 24 hours')).toBeVisible();

	// Hidden again from the list, and gone from /help at once.
	await page.goto('/admin/help');
	await page.getByRole('button', { name: `Hide ${name}` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `${name} is hidden from the help page.` })
	).toBeVisible();
	await page.goto('/help');
	await expect(page.getByRole('heading', { name: 'Samaritans' })).toBeVisible();
	await expect(page.getByRole('heading', { name })).toHaveCount(0);
});

test('an admin adds a watched word, and testing a phrase shows it catches the word spaced out', async ({
	page,
	makeAccount
}) => {
	await signInAsAdmin(page, makeAccount);
	await page.goto('/admin/users');
	await adminNav(page).getByRole('link', { name: 'Watched words' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Watched words' })).toBeVisible();

	const word = `zq${letters(6)}`;
	const add = page.getByRole('region', { name: 'Add a watched word' });
	await add.getByLabel('Word or pattern').fill(`${word}*`);
	await add.getByRole('radio', { name: 'Hold for a youth worker to review' }).check();
	await add.getByLabel('Reason').fill('Made-up insult for an end-to-end test');
	await add.getByRole('button', { name: 'Add watched word' }).click();
	await expect(page.getByRole('status').filter({ hasText: `“${word}*” added.` })).toBeVisible();
	await expect(page.getByRole('row', { name: new RegExp(`${word}\\*`) })).toContainText('Hold');

	const tester = page.getByRole('region', { name: 'Test a phrase' });
	await tester.getByLabel('Phrase to test').fill(`you are such a ${word.split('').join(' ')}`);
	await tester.getByRole('button', { name: 'Test phrase' }).click();
	await expect(tester.getByRole('heading', { name: '1 watched word matches' })).toBeVisible();
	await expect(tester.getByRole('listitem')).toContainText(`${word}*`);
	await expect(tester.getByRole('listitem')).toContainText('Made-up insult for an end-to-end test');

	await tester.getByLabel('Phrase to test').fill('My cousin is flying in from Nigeria');
	await tester.getByRole('button', { name: 'Test phrase' }).click();
	await expect(
		tester.getByRole('heading', { name: 'No watched words match this phrase' })
	).toBeVisible();

	// A regex that could freeze screening is refused, with the reason next to the field.
	await add.getByLabel('Word or pattern').fill('(a+)+$');
	await add.getByLabel('This is a regular expression', { exact: false }).check();
	await add.getByRole('radio', { name: 'Flag to staff (posted as written)' }).check();
	await add.getByLabel('Reason').fill('Should be refused');
	await add.getByRole('button', { name: 'Add watched word' }).click();
	await expect(add.getByText(/can freeze screening/).first()).toBeVisible();
	await expect(add.getByLabel('Word or pattern')).toHaveValue('(a+)+$');
});

test('an admin filters the audit log by action and by who did it', async ({
	page,
	makeAccount
}) => {
	const admin = await signInAsAdmin(page, makeAccount);
	// Something to find: add a watched word, then switch it off.
	const word = `zq${letters(6)}`;
	await page.goto('/admin/watched-words');
	const add = page.getByRole('region', { name: 'Add a watched word' });
	await add.getByLabel('Word or pattern').fill(word);
	await add.getByRole('radio', { name: 'Flag to staff (posted as written)' }).check();
	await add.getByLabel('Reason').fill('Audit log end-to-end test');
	await add.getByRole('button', { name: 'Add watched word' }).click();
	await expect(page.getByRole('status').filter({ hasText: `“${word}” added.` })).toBeVisible();
	await page.getByRole('button', { name: `Switch off ${word}` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `“${word}” switched off.` })
	).toBeVisible();

	await adminNav(page).getByRole('link', { name: 'Audit log' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
	await page.getByLabel('Action starts with').fill('watched_word.');
	await page.getByLabel('Done by (username)').fill(admin.username);
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page).toHaveURL(/action=watched_word\./);
	await expect(page.getByRole('heading', { name: 'Matching entries' })).toBeVisible();

	const rows = page.getByRole('table').getByRole('row');
	await expect(rows).toHaveCount(3); // the header and the two changes
	// Newest first: switched off, then added.
	await expect(rows.nth(1)).toContainText('watched_word.update');
	await expect(rows.nth(1)).toContainText('"enabled":false');
	await expect(rows.nth(2)).toContainText('watched_word.add');
	for (const entry of [rows.nth(1), rows.nth(2)]) await expect(entry).toContainText(admin.username);

	// Narrowed to what happened to that one word.
	await page.getByLabel('Action starts with').fill('');
	await page.getByLabel('Target type').fill('watched_word');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(rows).toHaveCount(3);

	// Someone who did nothing has nothing in the log.
	await page.getByLabel('Done by (username)').fill('nobody_here');
	await page.getByRole('button', { name: 'Filter' }).click();
	await expect(page.getByText('Nothing in the log matches those filters.')).toBeVisible();
});

test('a member cannot open the admin safety pages', async ({ page, makeAccount }) => {
	await signIn(page, await makeAccount());
	for (const path of ['/admin/help', '/admin/watched-words', '/admin/audit']) {
		const response = await page.goto(path);
		expect(response?.status()).toBe(403);
		await expect(page.getByText('This page is for staff with a different role.')).toBeVisible();
	}
});

test('the admin help directory and watched words pages have no WCAG 2.2 AA violations', async ({
	page,
	makeAccount
}) => {
	await signInAsAdmin(page, makeAccount);
	await page.goto('/admin/help');
	await expect(page.getByRole('heading', { level: 1, name: 'Help directory' })).toBeVisible();
	expect(await violations(page)).toEqual([]);

	await page.getByRole('link', { name: 'Samaritans (edit)' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Samaritans' })).toBeVisible();
	expect(await violations(page)).toEqual([]);

	await page.goto('/admin/watched-words');
	expect(await violations(page)).toEqual([]);
	await page.goto('/admin/audit');
	expect(await violations(page)).toEqual([]);
});
