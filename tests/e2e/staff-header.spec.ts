/**
 * The header a youth worker sees on a phone: one short row under the safety buttons, with the
 * review queue's count (and open alerts) always in sight and everything else in "Menu"; big
 * enough targets, no sideways scrolling, down to a 320 px screen. On a wide screen every link
 * shows at once, and Tab meets them in the order they are drawn.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import { mainNav, violations, waitUntilLive } from './page-helpers';

const header = (page: Page) => page.getByRole('banner');

async function heightOf(locator: Locator): Promise<number> {
	return (await locator.boundingBox())?.height ?? Number.POSITIVE_INFINITY;
}

async function scrollsSideways(page: Page): Promise<boolean> {
	return page.evaluate(
		() => document.documentElement.scrollWidth > document.documentElement.clientWidth
	);
}

/** Whether two things on the page are drawn over each other. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
	const [one, two] = [await a.boundingBox(), await b.boundingBox()];
	if (!one || !two) return false;
	return (
		one.x < two.x + two.width &&
		two.x < one.x + one.width &&
		one.y < two.y + two.height &&
		two.y < one.y + one.height
	);
}

/** Every link and button visible in the main navigation is at least 44 by 44 px. */
async function smallTargets(page: Page): Promise<string[]> {
	const targets = mainNav(page).locator('a:visible, button:visible, summary:visible');
	const small: string[] = [];
	for (const target of await targets.all()) {
		const box = await target.boundingBox();
		if (box && (box.height < 44 || box.width < 44))
			small.push(`${(await target.textContent())?.trim()}: ${box.width}×${box.height}`);
	}
	return small;
}

type Stop = { name: string; left: number; top: number; bottom: number };

/** The main navigation's links and buttons in the order Tab reaches them, with where each is drawn. */
async function tabStops(page: Page): Promise<Stop[]> {
	await mainNav(page).locator('a:visible, button:visible, summary:visible').first().focus();
	const stops: Stop[] = [];
	for (;;) {
		const stop = await page.evaluate(() => {
			const focused = document.activeElement;
			if (!focused?.closest('nav[aria-label="Main"]')) return null;
			const box = focused.getBoundingClientRect();
			const name = focused.getAttribute('aria-label') ?? focused.textContent ?? '';
			return { name: name.trim(), left: box.left, top: box.top, bottom: box.bottom };
		});
		if (!stop) return stops;
		stops.push(stop);
		await page.keyboard.press('Tab');
	}
}

/** The same stops as a sighted reader meets them: row by row, left to right along each row. */
function inReadingOrder(stops: Stop[]): Stop[] {
	const middle = (stop: Stop) => (stop.top + stop.bottom) / 2;
	const sameRow = (a: Stop, b: Stop) =>
		Math.abs(middle(a) - middle(b)) < Math.min(a.bottom - a.top, b.bottom - b.top) / 2;
	return [...stops].sort((a, b) => (sameRow(a, b) ? a.left - b.left : a.top - b.top));
}

test('@phone a youth worker’s header is one short row on a phone, with the review queue in sight', async ({
	page,
	makeAccount
}) => {
	test.setTimeout(60_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	await page.setViewportSize({ width: 390, height: 844 });
	await signIn(page, worker);
	await page.goto('/forum');
	await waitUntilLive(page);

	const queue = mainNav(page).getByRole('link', { name: /^Review queue, \d+ waiting$/ });
	await expect(queue).toBeVisible();
	await expect(mainNav(page).getByRole('link', { name: /^Alerts \(\d+\)$/ })).toBeVisible();
	// The brand and safety buttons, then one row: about two rows of 44 px targets in all.
	expect(await heightOf(header(page))).toBeLessThan(130);
	expect(await scrollsSideways(page)).toBe(false);
	expect(await smallTargets(page)).toEqual([]);
	const duty = mainNav(page).getByRole('link', { name: 'Duty', exact: true });
	await expect(duty).toBeHidden();

	// The menu opens from the keyboard, shows its links, and closes once one is followed.
	const menu = mainNav(page).getByText('Menu', { exact: true });
	await menu.focus();
	await page.keyboard.press('Enter');
	await expect(duty).toBeVisible();
	await expect(mainNav(page).getByRole('link', { name: worker.username })).toBeVisible();
	await expect(mainNav(page).getByRole('button', { name: 'Sign out' })).toBeVisible();
	await expect(queue).toBeVisible();
	expect(await scrollsSideways(page)).toBe(false);
	expect(await smallTargets(page)).toEqual([]);
	expect(await violations(page)).toEqual([]);
	await duty.click();
	await expect(page.getByRole('heading', { level: 1, name: /duty/i })).toBeVisible();
	await expect(duty).toBeHidden();
	await expect(queue).toBeVisible();

	// The narrowest phones: still no sideways scrolling, and the count still shows.
	await page.setViewportSize({ width: 320, height: 640 });
	await expect(queue).toBeVisible();
	expect(await scrollsSideways(page)).toBe(false);
	expect(await overlap(queue, menu)).toBe(false);
	await menu.click();
	await expect(duty).toBeVisible();
	expect(await scrollsSideways(page)).toBe(false);
	expect(await smallTargets(page)).toEqual([]);
});

test('a youth worker’s header shows every link at once on a wide screen', async ({
	page,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	await signIn(page, worker);
	await expect(mainNav(page).getByText('Menu', { exact: true })).toBeHidden();
	for (const name of ['Forum', 'Duty', 'Cases', 'Invites', 'Preferences'])
		await expect(mainNav(page).getByRole('link', { name, exact: true })).toBeVisible();
	await expect(
		mainNav(page).getByRole('link', { name: /^Review queue, \d+ waiting$/ })
	).toBeVisible();
	expect(await violations(page)).toEqual([]);

	// Tab goes through the links in the order they are drawn, in one row or wrapped onto two.
	for (const width of [1280, 800]) {
		await page.setViewportSize({ width, height: 800 });
		const stops = await tabStops(page);
		expect(stops.map((stop) => stop.name)).toEqual(
			expect.arrayContaining(['Home', 'Duty', 'Sign out'])
		);
		expect(stops.map((stop) => stop.name)).toEqual(inReadingOrder(stops).map((stop) => stop.name));
	}
});
