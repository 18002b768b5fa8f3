/** What end-to-end tests do on many pages: check WCAG 2.2 AA, find and follow the main navigation, wait for live updates, open a second signed-in browser. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { signIn, waitForHydrationAfterLoads, type Account } from './fixtures';

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The page's WCAG 2.2 AA violations, one line each (an empty list passes). */
export async function violations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).withTags(WCAG).analyze();
	return results.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

export const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

/** Opens the main navigation's "Menu" where it is folded (staff on a phone); elsewhere nothing. */
export async function openMainMenu(page: Page) {
	const menu = mainNav(page).getByText('Menu', { exact: true });
	if ((await menu.isVisible()) && !(await mainNav(page).locator('details[open]').count()))
		await menu.click();
}

/** Follows a link in the main navigation, from its "Menu" where it is folded. */
export async function followMainLink(page: Page, name: string) {
	await openMainMenu(page);
	await mainNav(page).getByRole('link', { name, exact: true }).click();
}

/** Live, so events sent from now on reach this page. */
export async function waitUntilLive(page: Page) {
	await expect(mainNav(page).getByRole('status').filter({ hasText: 'Live' })).toBeVisible();
}

/** A phone-sized screen, as most young people use Together. */
export const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	isMobile: true,
	hasTouch: true
};

/** Another person, signed in in a browser of their own (on a phone with `PHONE`). */
export async function signedInPage(
	browser: Browser,
	account: Pick<Account, 'username' | 'password'>,
	options: BrowserContextOptions = {}
): Promise<Page> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	waitForHydrationAfterLoads(page);
	await signIn(page, account);
	return page;
}
