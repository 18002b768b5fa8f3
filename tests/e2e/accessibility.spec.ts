/** WCAG 2.2 AA checks with axe on the pages everyone sees, signed out and signed in. */
import { test, expect, signIn } from './fixtures';
import { violations } from './page-helpers';

for (const path of ['/', '/help', '/guidelines', '/login', '/register']) {
	test(`@phone ${path} has no WCAG 2.2 AA violations`, async ({ page }) => {
		await page.goto(path);
		expect(await violations(page)).toEqual([]);
	});
}

test('the registration form with errors has no WCAG 2.2 AA violations', async ({ page }) => {
	await page.goto('/register');
	await page.getByRole('button', { name: 'Create account' }).click();
	await expect(
		page.getByText('Choose a username.').or(page.getByText('Usernames need at least 3 characters.'))
	).toBeVisible();
	expect(await violations(page)).toEqual([]);
});

test('@phone the account page has no WCAG 2.2 AA violations', async ({ page, makeAccount }) => {
	await signIn(page, await makeAccount());
	await page.goto('/account');
	expect(await violations(page)).toEqual([]);
});
