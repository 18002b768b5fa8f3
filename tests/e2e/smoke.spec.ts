/** The embedded default: no DATABASE_URL, nothing to install, and the product still works. */
import { test, expect } from '@playwright/test';

test('the embedded database serves the home page and the help directory', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1, name: /Welcome to Together/ })).toBeVisible();
	await page.getByRole('link', { name: 'Get help now' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Get help now' })).toBeVisible();
	await expect(page.getByRole('main').getByRole('link', { name: '116 123' })).toBeVisible();
	const ready = await page.request.get('/readyz');
	expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });
});

test('a newcomer can join and sign in on the embedded default with nothing configured', async ({
	page
}) => {
	const username = `smoke_${Date.now().toString(36)}`;
	await page.goto('/register');
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill('orange-harbour-lantern');
	await page.getByLabel('Date of birth').fill('2008-03-14');
	await page.getByRole('checkbox', { name: /I have read and accept/ }).check();
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(page.getByRole('link', { name: username })).toBeVisible();
	await page.getByRole('button', { name: 'Sign out' }).click();
	const nav = page.getByRole('navigation', { name: 'Main' });
	await nav.getByRole('link', { name: 'Sign in' }).click();
	await page.getByLabel('Username').fill(username);
	await page.getByLabel('Password').fill('orange-harbour-lantern');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('link', { name: username })).toBeVisible();
});
