/**
 * Get help now (/help): filtering by how to get in touch, with and without JavaScript; the
 * numbers still there when the signal drops; and WCAG 2.2 AA with filters applied.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Page } from '@playwright/test';
import { crisisServices } from '../../src/lib/server/db/schema';
import { test, expect, signIn } from './fixtures';
import { violations } from './page-helpers';
import { QUICK_EXIT_URL } from '../../playwright.config';

const services = (page: Page) => page.getByRole('region', { name: 'People you can talk to' });

/** The filters start folded away, so on a phone the numbers come first. */
const openFilters = (page: Page) =>
	page.getByText('Filter: how to get in touch, who it’s for, open now').click();

test('@phone filtering by “Text” shows Shout with a text link that has SHOUT typed in', async ({
	page
}) => {
	await page.goto('/help');
	await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toBeVisible();

	await openFilters(page);
	await page
		.getByRole('group', { name: 'How do you want to get in touch?' })
		.getByRole('checkbox', { name: 'Text' })
		.check();

	await expect(
		page.getByRole('status').filter({ hasText: /^Showing \d+ of \d+ services/ })
	).toBeVisible();
	await expect(services(page).getByRole('heading', { name: 'Shout' })).toBeVisible();
	await expect(
		services(page).getByRole('link', { name: 'Text SHOUT to 85258 (Shout)' })
	).toHaveAttribute('href', 'sms:85258?&body=SHOUT');
	// Samaritans is there to call, not to text.
	await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toHaveCount(0);
	// The address says what is filtered, so the filtered list can be shared or reloaded.
	await expect(page).toHaveURL(/\/help\?how=text$/);
	// Danger still comes first, whatever the filters.
	await expect(
		page.getByRole('note').getByText('If you are in immediate danger, call 999')
	).toBeVisible();

	await page.getByRole('link', { name: 'Clear filters' }).click();
	await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toBeVisible();
	await expect(page).toHaveURL(/\/help$/);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the filters still work, as a form the server answers', async ({ page }) => {
		await page.goto('/help');
		await openFilters(page);
		await page.getByRole('checkbox', { name: 'Text' }).check();
		await page.getByRole('checkbox', { name: 'Open now' }).check();
		await page.getByRole('button', { name: 'Show services' }).click();
		await expect(page).toHaveURL(/\/help\?how=text&open=1$/);
		await expect(services(page).getByRole('heading', { name: 'Shout' })).toBeVisible();
		await expect(
			services(page).getByRole('link', { name: 'Text SHOUT to 85258 (Shout)' })
		).toHaveAttribute('href', 'sms:85258?&body=SHOUT');
		await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toHaveCount(0);
		await expect(page.getByRole('checkbox', { name: 'Text' })).toBeChecked();
	});
});

test('/help still shows Samaritans after the signal drops, from the copy saved on the device', async ({
	page,
	context,
	database
}) => {
	// An entry only this test knows: hidden after the first visit, so if it is still listed
	// offline, the page came from the saved copy and not from the server.
	const name = `Saved Copy Line ${randomBytes(3).toString('hex')}`;
	const [entry] = await database.db
		.insert(crisisServices)
		.values({
			slug: name.toLowerCase().replace(/\s+/g, '-'),
			name,
			description: 'Only here to tell a saved copy from a fresh one.',
			phone: '0800 000 1234',
			hours: '24/7',
			openingHours: { kind: 'always' },
			whoFor: 'End-to-end tests',
			position: 1000,
			lastCheckedOn: '2026-11-01'
		})
		.returning();
	try {
		await page.goto('/help');
		await expect(services(page).getByRole('heading', { name })).toBeVisible();
		// The service worker has installed and saved /help.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await database.db
			.update(crisisServices)
			.set({ visible: false })
			.where(eq(crisisServices.id, entry.id));

		await context.setOffline(true);
		await page.reload();

		await expect(page.getByRole('heading', { level: 1, name: 'Get help now' })).toBeVisible();
		await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toBeVisible();
		await expect(
			services(page).getByRole('link', { name: 'Call 116 123 (Samaritans)' })
		).toHaveAttribute('href', 'tel:116123');
		await expect(services(page).getByRole('heading', { name })).toBeVisible();
		await expect(
			page.getByRole('status').filter({ hasText: 'This page was saved on your device' })
		).toBeVisible();
		// Filtering still works offline: it happens on the device.
		await openFilters(page);
		await page.getByRole('checkbox', { name: 'Text' }).check();
		await expect(services(page).getByRole('heading', { name: 'Shout' })).toBeVisible();
		await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toHaveCount(0);

		// Back online, the page comes from the server again: the hidden entry is gone.
		await context.setOffline(false);
		await page.goto('/help');
		await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toBeVisible();
		await expect(services(page).getByRole('heading', { name })).toHaveCount(0);
	} finally {
		await context.setOffline(false);
		await database.db.delete(crisisServices).where(eq(crisisServices.id, entry.id));
	}
});

test('the saved copy is the signed-out page, and signed-in pages are never kept', async ({
	page,
	context,
	makeAccount
}) => {
	const member = await makeAccount();
	await signIn(page, member);
	await page.goto('/help');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.goto('/account');
	await page.goto('/help');
	// What the device keeps, other than the app's own code: /help, and no one's name in it.
	const kept = await page.evaluate(async () => {
		const pages: { path: string; text: string }[] = [];
		for (const name of await caches.keys()) {
			const cache = await caches.open(name);
			for (const request of await cache.keys()) {
				const url = new URL(request.url);
				if (url.pathname.startsWith('/_app/') || /\.(svg|txt)$/.test(url.pathname)) continue;
				const response = await cache.match(request);
				pages.push({ path: url.pathname + url.search, text: (await response?.text()) ?? '' });
			}
		}
		return pages;
	});
	expect(kept.map((p) => p.path)).toEqual(['/help']);
	expect(kept[0].text).toContain('Samaritans');
	expect(kept[0].text).not.toContain(member.username);

	await context.setOffline(true);
	await page.reload();
	await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toBeVisible();
	await expect(page.getByRole('link', { name: member.username })).toHaveCount(0);
	await expect(page.goto('/account')).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
	await context.setOffline(false);
});

test('quick exit still works on the saved copy of /help', async ({ page, context }) => {
	await page.goto('/help');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await context.setOffline(true);
	await page.reload();
	await expect(services(page).getByRole('heading', { name: 'Samaritans' })).toBeVisible();
	await context.setOffline(false);
	await page.route(`${QUICK_EXIT_URL}**`, (route) =>
		route.fulfill({ contentType: 'text/html', body: '<title>Weather</title><h1>Weather</h1>' })
	);
	await page.keyboard.press('Escape');
	await page.keyboard.press('Escape');
	await expect(page).toHaveURL(QUICK_EXIT_URL);
});

test('@phone /help with filters applied has no WCAG 2.2 AA violations', async ({ page }) => {
	await page.goto('/help?how=call&how=text&for=under18&open=1');
	await expect(services(page).getByRole('heading', { name: 'Childline' })).toBeVisible();
	expect(await violations(page)).toEqual([]);
});
