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
