/**
 * Thread tools as youth workers and members use them: a worker pins and locks a conversation, and
 * a member sees it pinned first and cannot reply (their open page changes without a reload); a
 * worker turns on slow mode and a member is told when they can post again; a closing time is typed
 * day first and read back in words (to screen readers once typing pauses); an admin adds a forum
 * category and moves it up the list. Every page passes WCAG 2.2 AA.
 */
import type { Locator, Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import { violations, waitUntilLive, signedInPage } from './page-helpers';

/** A youth worker starts a conversation in a category. Returns its address. */
async function startConversation(page: Page, category: string, title: string): Promise<string> {
	await page.goto('/forum');
	await page.getByRole('link', { name: category, exact: true }).click();
	await page.getByRole('link', { name: 'Start a conversation' }).click();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Your post').fill('What do you all think?');
	await page.getByRole('button', { name: 'Post conversation' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return new URL(page.url()).pathname;
}

/** Starts listening to a live region: the returned function gives each text it has shown since. */
async function listenTo(region: Locator): Promise<() => Promise<string[]>> {
	await region.evaluate((element) => {
		const said: string[] = [];
		Object.assign(window, { said });
		new MutationObserver(() => {
			const text = element.textContent?.trim();
			if (text && text !== said.at(-1)) said.push(text);
		}).observe(element, { childList: true, subtree: true, characterData: true });
	});
	return () => region.page().evaluate(() => (window as unknown as { said: string[] }).said);
}

async function openThreadTools(page: Page) {
	await page.getByText('Thread tools', { exact: true }).click();
	await expect(page.getByRole('button', { name: /this conversation$/ }).first()).toBeVisible();
}

test('a youth worker pins and locks a conversation; a member sees it first and cannot reply', async ({
	page,
	browser,
	makeAccount
}) => {
	test.setTimeout(90_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount({ prefix: 'member' });
	await signIn(page, worker);
	const stamp = Date.now();
	const pinnedTitle = `House rules ${stamp}`;
	const newerTitle = `Gym buddies ${stamp}`;
	const thread = await startConversation(page, 'Physical health', pinnedTitle);
	await startConversation(page, 'Physical health', newerTitle);

	// The member has the first conversation open, live, before anything changes.
	const memberPage = await signedInPage(browser, member);
	await memberPage.goto(thread);
	await waitUntilLive(memberPage);
	await expect(memberPage.getByLabel('Your reply')).toBeVisible();
	await expect(memberPage.getByText('Thread tools')).toHaveCount(0);

	await page.goto(thread);
	await openThreadTools(page);
	await page.getByRole('button', { name: 'Pin this conversation' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'pinned to the top' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Unpin this conversation' })).toBeFocused();
	await page.getByRole('button', { name: 'Lock this conversation' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'members can no longer reply' })
	).toBeVisible();
	await expect(page.getByText('Pinned', { exact: true })).toBeVisible();
	await expect(page.getByText('Locked', { exact: true })).toBeVisible();
	expect(await violations(page)).toEqual([]);

	// The member's open page changes by itself: no reply box any more.
	await expect(
		memberPage.getByText('This conversation is locked, so no new replies can be added.')
	).toBeVisible();
	await expect(memberPage.getByLabel('Your reply')).toHaveCount(0);

	// On the category page it comes first, marked pinned and locked, above the newer one.
	await memberPage.goto('/forum');
	await memberPage.getByRole('link', { name: 'Physical health', exact: true }).click();
	await expect(
		memberPage.getByRole('heading', { level: 1, name: 'Physical health' })
	).toBeVisible();
	const titles = await memberPage.getByRole('heading', { level: 3 }).allTextContents();
	const pinnedAt = titles.findIndex((t) => t.includes(pinnedTitle));
	expect(pinnedAt).toBeGreaterThanOrEqual(0);
	expect(pinnedAt).toBeLessThan(titles.findIndex((t) => t.includes(newerTitle)));
	const card = memberPage.getByRole('listitem').filter({ hasText: pinnedTitle });
	await expect(card).toContainText('Pinned');
	await expect(card).toContainText('Locked');

	// The worker can still reply to the locked conversation.
	await page.getByLabel('Your reply').fill('Locked for now, thanks everyone.');
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.getByRole('article', { name: `Reply by ${worker.username}` })).toBeVisible();

	// Thread tools and edit history are not for members.
	const response = await memberPage.goto(`${thread}/tools`);
	expect(response?.status()).toBe(403);
	await memberPage.context().close();
});

test('@phone a youth worker turns on slow mode and a member is told when they can post again', async ({
	page,
	browser,
	makeAccount
}) => {
	test.setTimeout(90_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount({ prefix: 'member' });
	const workerPage = await signedInPage(browser, worker);
	const thread = await startConversation(workerPage, 'Mental health', `One win ${Date.now()}`);
	await openThreadTools(workerPage);
	const minutes = workerPage.getByLabel('Slow mode: minutes between a member’s posts');
	await minutes.fill('2000');
	await workerPage.getByRole('button', { name: 'Save slow mode' }).click();
	await expect(minutes).toHaveAccessibleDescription(/at most 1440 minutes/);
	await minutes.fill('10');
	await workerPage.getByRole('button', { name: 'Save slow mode' }).click();
	await expect(
		workerPage.getByRole('status').filter({ hasText: 'one post every 10 minutes for members' })
	).toBeVisible();
	await workerPage.context().close();

	await signIn(page, member);
	await page.goto(thread);
	// Told before typing.
	await expect(
		page.getByText('Slow mode: one post every 10 minutes. Take your time')
	).toBeVisible();
	await page.getByLabel('Your reply').fill('I made my bed today!');
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.getByRole('article', { name: `Reply by ${member.username}` })).toBeVisible();
	await expect(page.getByText(/You can post here again at \d\d:\d\d\./)).toBeVisible();
	await expect(page.getByLabel('Your reply')).toHaveCount(0);
	expect(await violations(page)).toEqual([]);

	// Edit history is for youth workers only.
	const response = await page.goto('/mod/revisions/1');
	expect(response?.status()).toBe(404);
});

test('@phone a youth worker sets a closing time read back in UK words; a month-first date is refused', async ({
	page,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	await signIn(page, worker);
	await startConversation(page, 'Mental health', `Half-term plans ${Date.now()}`);
	await openThreadTools(page);
	const closing = page.getByRole('group', { name: 'Close at a set time (UK time)' });
	const date = closing.getByLabel('Date', { exact: true });
	const time = closing.getByLabel('Time', { exact: true });
	await expect(date).toHaveAccessibleDescription('Day/month/year, like 26/11/2026');
	await expect(time).toHaveAccessibleDescription('24-hour clock, like 18:00');

	// As an American browser would write 26 November: refused next to the field, nothing set.
	await date.fill('11/26/2035');
	await time.fill('18:00');
	await page.getByRole('button', { name: 'Set closing time' }).click();
	await expect(date).toHaveAccessibleDescription(
		/That is not a real date: check it is day\/month\/year/
	);
	await expect(page.getByText(/^Closes at /)).toHaveCount(0);

	// What it will be read as shows while typing, before anything is saved. Screen readers hear
	// it once typing pauses, not at every key ("26/11/20" on the way would be a time passed).
	const readback = 'Closes on Monday 26 November 2035 at 18:00 (UK time)';
	await time.fill('6pm');
	const announced = closing.getByRole('status');
	const heard = await listenTo(announced);
	await date.clear();
	await date.pressSequentially('26/11/2035', { delay: 50 });
	await expect(closing.getByText(readback).first()).toBeVisible();
	await expect(announced).toHaveText(readback);
	expect(await heard()).toEqual([readback]);
	expect(await violations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Set closing time' }).click();
	await expect(
		page.getByRole('status').filter({
			hasText: 'This conversation closes on Monday 26 November 2035 at 18:00 (UK time).'
		})
	).toBeVisible();
	await expect(page.getByText('Closes at 26 Nov 2035, 18:00')).toBeVisible();
	await expect(date).toHaveValue('26/11/2035');
	await expect(time).toHaveValue('18:00');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()?.width ?? Infinity
	);
});

test('an admin adds a forum category and moves it up the list', async ({ page, makeAccount }) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	await signIn(page, admin);
	await page.goto('/admin/users');
	await page
		.getByRole('navigation', { name: 'Admin' })
		.getByRole('link', { name: 'Forum categories' })
		.click();
	await expect(page.getByRole('heading', { level: 1, name: 'Forum categories' })).toBeVisible();

	// A name another category has is refused next to the field, keeping what was typed.
	await page.getByLabel('Name', { exact: true }).fill('Mental Health');
	await page.getByRole('button', { name: 'Add category' }).click();
	await expect(page.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(
		/There is already a category called “Mental health”\./
	);
	await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Mental Health');

	const name = `Art and making ${Date.now() % 100000}`;
	await page.getByLabel('Name', { exact: true }).fill(name);
	await page.getByLabel('Description').fill('Drawing, music, writing: share what you make.');
	await page.getByRole('button', { name: 'Add category' }).click();
	await expect(page.getByRole('status').filter({ hasText: `${name} added.` })).toBeVisible();

	const rows = page.getByRole('table').getByRole('rowheader');
	const names = async () => (await rows.allTextContents()).map((t) => t.trim());
	const before = (await names()).findIndex((t) => t.startsWith(name));
	expect(before).toBeGreaterThan(3);

	await page.getByRole('button', { name: `Move up ${name}` }).click();
	await expect(page.getByRole('status').filter({ hasText: `${name} moved up.` })).toBeVisible();
	await expect(page.getByRole('button', { name: `Move up ${name}` })).toBeFocused();
	expect((await names()).findIndex((t) => t.startsWith(name))).toBe(before - 1);
	expect(await violations(page)).toEqual([]);

	// The forum lists it in that place.
	await page.goto('/forum');
	await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
});
