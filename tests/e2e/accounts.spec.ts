/** Joining, signing in and out, as a young person would on a phone or a laptop. */
import { randomBytes } from 'node:crypto';
import { test, expect, signIn } from './fixtures';
import { setSuspension, OPERATOR } from '../../src/lib/server/accounts/manage';

const uniqueName = (prefix = 'new') => `${prefix}_${randomBytes(4).toString('hex')}`;
const birthdayYearsAgo = (years: number) => {
	const d = new Date();
	d.setUTCFullYear(d.getUTCFullYear() - years);
	d.setUTCDate(d.getUTCDate() - 3);
	return d.toISOString().slice(0, 10);
};

async function fillRegistration(
	page: import('@playwright/test').Page,
	fields: { username: string; password: string; dateOfBirth: string; accept?: boolean }
) {
	await page.goto('/register');
	await page.getByLabel('Username').fill(fields.username);
	await page.getByLabel('Password').fill(fields.password);
	await page.getByLabel('Date of birth').fill(fields.dateOfBirth);
	if (fields.accept ?? true)
		await page.getByRole('checkbox', { name: /I have read and accept/ }).check();
	await page.getByRole('button', { name: 'Create account' }).click();
}

test('@phone a young person joins, is signed in, signs out and signs back in', async ({ page }) => {
	const username = uniqueName();
	const password = 'purple-kettle-sunrise';
	await fillRegistration(page, { username, password, dateOfBirth: birthdayYearsAgo(16) });
	await expect(page.getByRole('link', { name: username })).toBeVisible();
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	await page.getByRole('button', { name: 'Sign out' }).click();
	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();

	// Usernames are not case-sensitive when signing in; the header shows the name as chosen.
	await nav.getByRole('link', { name: 'Sign in' }).click();
	await page.getByLabel('Username').fill(username.toUpperCase());
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('link', { name: username })).toBeVisible();
});

test('registration mistakes get a clear message next to the field and keep what was typed', async ({
	page,
	makeAccount
}) => {
	const existing = await makeAccount();
	await fillRegistration(page, {
		username: existing.username.toUpperCase(),
		password: 'password123',
		dateOfBirth: birthdayYearsAgo(17),
		accept: false
	});
	await expect(page.getByText('That password is too easy to guess')).toBeVisible();
	await expect(page.getByLabel('Username')).toHaveValue(existing.username.toUpperCase());
	await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');

	await page.getByLabel('Password').fill('a-much-better-passphrase');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(
		page.getByText('Please read and accept the community guidelines to join.')
	).toBeVisible();

	await page.getByLabel('Password').fill('a-much-better-passphrase');
	await page.getByRole('checkbox', { name: /I have read and accept/ }).check();
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByText('That username is taken. Try another one.')).toBeVisible();
	await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true');
});

test('@phone an under-13 is refused kindly and pointed to Childline', async ({ page }) => {
	await fillRegistration(page, {
		username: uniqueName('kid'),
		password: 'orange-giraffe-tower',
		dateOfBirth: birthdayYearsAgo(11)
	});
	await expect(page.getByRole('heading', { name: "You can't join just yet" })).toBeVisible();
	await expect(page.getByText(/Childline is free and always there: call 0800 1111/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'More people you can talk to' })).toHaveAttribute(
		'href',
		'/help'
	);
});

test('a wrong password is refused without saying whether the username exists', async ({
	page,
	makeAccount
}) => {
	const account = await makeAccount();
	for (const username of [account.username, uniqueName('nobody')]) {
		await page.goto('/login');
		await page.getByLabel('Username').fill(username);
		await page.getByLabel('Password').fill('not-the-right-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'That username and password do not match. Check them and try again.'
		);
	}
});

test('after ten wrong passwords the account is locked for a while, even with the right one', async ({
	page,
	makeAccount
}) => {
	const account = await makeAccount();
	await page.goto('/login');
	for (let attempt = 0; attempt < 11; attempt++) {
		await page.getByLabel('Username').fill(account.username);
		await page.getByLabel('Password').fill(`wrong-password-${attempt}`);
		// Each attempt must be answered before the next, as when a person reads the message.
		await Promise.all([
			page.waitForResponse((r) => r.url().includes('/login') && r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Sign in' }).click()
		]);
		await expect(page.getByRole('alert')).toBeVisible();
	}
	await page.getByLabel('Username').fill(account.username);
	await page.getByLabel('Password').fill(account.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toContainText('Too many sign-in attempts');
	await expect(page.getByRole('alert')).toContainText('please wait');
});

test('a suspended member loses access on the next page and their live connection drops', async ({
	page,
	makeAccount,
	database
}) => {
	const account = await makeAccount();
	await signIn(page, account);
	await expect(page.getByRole('status').filter({ hasText: 'Live' })).toBeVisible();

	await setSuspension(database.db, OPERATOR, account.id, {
		until: new Date(Date.now() + 86_400_000),
		reason: 'Unkind messages in chat'
	});

	await expect(page.getByRole('status').filter({ hasText: /Offline|Reconnecting/ })).toBeVisible();
	await page.goto('/account');
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('link', { name: account.username })).toHaveCount(0);

	// Signing in again (with the right password) says until when, not the reason staff recorded.
	await page.getByLabel('Username').fill(account.username);
	await page.getByLabel('Password').fill(account.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(
		page.getByText(/^Your account is paused until .+\. If you think this is a mistake/)
	).toBeVisible();
});

test('signing out everywhere ends the session on other devices too', async ({
	browser,
	makeAccount
}) => {
	const account = await makeAccount();
	const phone = await (await browser.newContext()).newPage();
	const laptop = await (await browser.newContext()).newPage();
	await signIn(phone, account);
	await signIn(laptop, account);

	await laptop.goto('/account');
	await laptop.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(laptop).toHaveURL(/\/login/);

	await phone.goto('/account');
	await expect(phone).toHaveURL(/\/login/);
});

test('a member changes their password and signs in with the new one', async ({
	page,
	makeAccount
}) => {
	const account = await makeAccount();
	await signIn(page, account);
	await page.goto('/account');
	await page.getByLabel('Current password').fill(account.password);
	await page.getByLabel('New password').fill('brand-new-secret-phrase');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Your password has been changed' })
	).toBeVisible();

	await page.getByRole('button', { name: 'Sign out', exact: true }).click();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })
	).toBeVisible();
	await signIn(page, { username: account.username, password: 'brand-new-secret-phrase' });
});
