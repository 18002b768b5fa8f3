/** Get help now, quick exit and the help directory, on every page, on a phone and a desktop. */
import { test, expect } from './fixtures';
import { QUICK_EXIT_URL } from '../../playwright.config';

test.beforeEach(async ({ page }) => {
	// The neutral site is outside our network here: answer for it.
	await page.route(`${QUICK_EXIT_URL}**`, (route) =>
		route.fulfill({
			contentType: 'text/html',
			body: '<title>Weather</title><h1>Weather forecast</h1>'
		})
	);
});

test('@phone every page offers Get help now and Quick exit', async ({ page }) => {
	for (const path of ['/', '/login', '/register', '/guidelines', '/help']) {
		await page.goto(path);
		await expect(page.getByRole('link', { name: 'Get help now' })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Quick exit' })).toBeVisible();
	}
});

test('@phone for someone not signed in, Join and Quick exit are full-size targets', async ({
	page
}) => {
	await page.goto('/');
	const header = page.getByRole('banner');
	for (const link of [
		header.getByRole('link', { name: 'Join', exact: true }),
		header.getByRole('button', { name: 'Quick exit' })
	]) {
		const box = await link.boundingBox();
		expect(box?.width, await link.innerText()).toBeGreaterThanOrEqual(44);
		expect(box?.height, await link.innerText()).toBeGreaterThanOrEqual(44);
	}
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()!.width
	);
});

test('@phone the help page lists Samaritans on 116 123 and says to call 999 in danger', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('link', { name: 'Get help now' }).click();
	await expect(page).toHaveURL(/\/help$/);
	await expect(page.getByRole('heading', { name: 'Samaritans' })).toBeVisible();
	await expect(page.getByRole('main').getByRole('link', { name: '116 123' })).toHaveAttribute(
		'href',
		'tel:116123'
	);
	await expect(
		page.getByRole('main').getByText('If you are in immediate danger, call 999')
	).toBeVisible();
});

test('@phone quick exit leaves for a neutral site and leaves no way back with the back button', async ({
	page
}) => {
	await page.goto('/help');
	await page.getByRole('button', { name: 'Quick exit' }).click();
	await expect(page).toHaveURL(QUICK_EXIT_URL);
	await expect(page.getByRole('heading', { name: 'Weather forecast' })).toBeVisible();
	await page.goBack();
	// The help page was replaced, not stacked: going back leaves the site's pages behind.
	expect(page.url()).not.toContain('/help');
});

test('pressing Escape twice is a quick exit too', async ({ page }) => {
	await page.goto('/guidelines');
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await expect(page).toHaveURL(QUICK_EXIT_URL);
});

test('a skip link takes keyboard users to the main content', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await skip.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});
