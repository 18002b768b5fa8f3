/**
 * The forum as young people and youth workers use it: a new member's reply waits for a youth
 * worker, who approves it from the queue, and it arrives live for someone reading the thread; a
 * young person in crisis sees help at once and nobody else sees their words; hostile input is
 * only ever text; the pages pass WCAG 2.2 AA on a desktop and a phone.
 */
import type { Page } from '@playwright/test';
import { test, expect, signIn } from './fixtures';
import { violations, followMainLink, waitUntilLive, signedInPage } from './page-helpers';

const CRISIS_TEXT = 'i cant do this anymore im going to take all my pills tonight';

/** A youth worker starts a conversation from the forum, as they would. Returns its address. */
async function startConversation(page: Page, title: string, body: string): Promise<string> {
	await followMainLink(page, 'Forum');
	await expect(page.getByRole('heading', { level: 1, name: 'Forum' })).toBeVisible();
	await page.getByRole('link', { name: 'Mental health', exact: true }).click();
	await page.getByRole('link', { name: 'Start a conversation' }).click();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Your post').fill(body);
	await page.getByRole('button', { name: 'Post conversation' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return new URL(page.url()).pathname;
}

async function reply(page: Page, text: string) {
	await page.getByLabel('Your reply').fill(text);
	await page.getByRole('button', { name: 'Post reply' }).click();
}

test('a new member’s reply waits for a youth worker, who approves it; it arrives live for another member', async ({
	page,
	browser,
	makeAccount
}) => {
	test.setTimeout(90_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const newcomer = await makeAccount({ prefix: 'newbie' });
	const reader = await makeAccount({ prefix: 'reader' });

	await signIn(page, worker);
	const title = `Revision tips ${Date.now()}`;
	const thread = await startConversation(page, title, 'What helps you **revise**?');
	await expect(page.getByRole('article', { name: `Post by ${worker.username}` })).toContainText(
		'Staff'
	);

	// The reader has the conversation open, live, and will not reload.
	const readerPage = await signedInPage(browser, reader);
	await readerPage.goto(thread);
	await waitUntilLive(readerPage);
	await readerPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

	// The newcomer's draft survives a reload; their reply then waits for a youth worker.
	const newcomerPage = await signedInPage(browser, newcomer);
	await newcomerPage.goto(thread);
	const words = 'Flashcards and short breaks work for me!';
	await newcomerPage.getByLabel('Your reply').fill(words);
	await newcomerPage.waitForTimeout(600); // the draft is kept a moment after typing stops
	await newcomerPage.reload();
	await expect(newcomerPage.getByLabel('Your reply')).toHaveValue(words);
	await newcomerPage.getByRole('button', { name: 'Post reply' }).click();
	const mine = newcomerPage.getByRole('article', { name: `Reply by ${newcomer.username}` });
	await expect(mine).toContainText('Waiting for a youth worker');
	await expect(mine).toContainText(words);
	await expect(
		newcomerPage.getByRole('status').filter({ hasText: 'Waiting for a youth worker' })
	).toBeVisible();
	await expect(newcomerPage.getByLabel('Your reply')).toHaveValue('');

	// Nobody else sees it yet.
	await readerPage.waitForTimeout(500);
	await expect(readerPage.getByText(words)).toHaveCount(0);

	// The worker approves it from the review queue.
	await page.goto('/mod');
	await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible();
	const item = page.getByRole('article', { name: `Reply by ${newcomer.username}` });
	await expect(item).toContainText('New member (first posts)');
	await expect(item).toContainText(words);
	expect(await violations(page)).toEqual([]);
	await item.getByRole('button', { name: `Approve the reply by ${newcomer.username}` }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Approved' })).toBeVisible();
	await expect(item).toHaveCount(0);

	// It arrives on the reader's open page, without a reload.
	const arrived = readerPage.getByRole('article', { name: `Reply by ${newcomer.username}` });
	await expect(arrived).toContainText(words);
	await expect(arrived).not.toContainText('Waiting for a youth worker');
	expect(await readerPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
		true
	);

	await readerPage.context().close();
	await newcomerPage.context().close();
});

test('a young person in crisis sees help at once, and another member never sees what they wrote', async ({
	page,
	browser,
	makeAccount
}) => {
	test.setTimeout(60_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const young = await makeAccount({ prefix: 'young' });
	const other = await makeAccount({ prefix: 'other' });

	await signIn(page, worker);
	const thread = await startConversation(
		page,
		`How are you doing? ${Date.now()}`,
		'Check in here.'
	);

	const otherPage = await signedInPage(browser, other);
	await otherPage.goto(thread);
	await waitUntilLive(otherPage);

	const youngPage = await signedInPage(browser, young);
	await youngPage.goto(thread);
	await reply(youngPage, CRISIS_TEXT);
	const panel = youngPage.getByRole('alert').filter({
		has: youngPage.getByRole('heading', { name: 'You don’t have to go through this alone' })
	});
	await expect(panel).toBeVisible();
	await expect(panel).toContainText('If you are in immediate danger, call 999.');
	await expect(panel).toContainText('Samaritans');
	await expect(panel).toContainText('116 123');
	await expect(panel.getByRole('heading')).toBeFocused();
	expect(await violations(youngPage)).toEqual([]);

	// Not live, and not after a reload either.
	await otherPage.waitForTimeout(1000);
	await expect(otherPage.getByText(CRISIS_TEXT)).toHaveCount(0);
	await otherPage.reload();
	await expect(otherPage.getByRole('heading', { level: 1 })).toBeVisible();
	await expect(otherPage.getByText(CRISIS_TEXT)).toHaveCount(0);

	await otherPage.context().close();
	await youngPage.context().close();
});

test('hostile Markdown and HTML are shown as text and run nothing', async ({
	page,
	browser,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount();
	await signIn(page, worker);
	const thread = await startConversation(page, `Formatting ${Date.now()}`, 'Try some formatting.');

	const memberPage = await signedInPage(browser, member);
	const dialogs: string[] = [];
	memberPage.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	await memberPage.goto(thread);
	const attack = [
		'<script>window.__xss = "script"; alert(1)</script>',
		'<img src=x onerror="window.__xss = \'img\'; alert(2)">',
		'<svg onload="window.__xss = \'svg\'"></svg>',
		'[click me](javascript:window.__xss=%27link%27)',
		'[data](data:text/html,<script>alert(3)</script>)'
	].join('\n\n');
	await reply(memberPage, attack);
	const post = memberPage.getByRole('article', { name: `Reply by ${member.username}` });
	await expect(post).toContainText('<script>window.__xss = "script"; alert(1)</script>');
	await expect(post).toContainText('<img src=x onerror=');
	await expect(post.getByRole('link', { name: 'click me' })).toHaveCount(0);
	await expect(post.getByRole('img')).toHaveCount(0);
	await post.getByText('click me').click();
	expect(
		await memberPage.evaluate(() => (window as unknown as { __xss?: string }).__xss)
	).toBeUndefined();
	expect(dialogs).toEqual([]);
	await memberPage.context().close();
});

test('a link to another site goes through the leaving page first', async ({
	page,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	await signIn(page, worker);
	await startConversation(
		page,
		`Useful links ${Date.now()}`,
		'See the [NHS](https://www.nhs.uk/) site.'
	);
	await page.getByRole('link', { name: 'NHS', exact: true }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'You’re leaving Together' })
	).toBeVisible();
	const onward = page.getByRole('link', { name: 'Continue to www.nhs.uk' });
	await expect(onward).toHaveAttribute('href', 'https://www.nhs.uk/');
	await expect(onward).toHaveAttribute('rel', 'nofollow ugc noopener noreferrer');
	expect(await violations(page)).toEqual([]);

	await page.goto('/leaving?to=javascript:alert(1)');
	await expect(page.getByText('That link doesn’t look right, so we won’t open it.')).toBeVisible();
});

test('@phone the forum and a conversation have no WCAG 2.2 AA violations', async ({
	page,
	browser,
	makeAccount
}) => {
	test.setTimeout(60_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount();
	const workerPage = await signedInPage(browser, worker);
	const thread = await startConversation(
		workerPage,
		`Welcome ${Date.now()}`,
		'Say hi!\n\n> A quote\n\n- a list\n- of things'
	);
	await workerPage.context().close();

	await signIn(page, member);
	await page.goto('/forum');
	expect(await violations(page)).toEqual([]);
	await page.getByRole('link', { name: 'Mental health', exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Mental health' })).toBeVisible();
	expect(await violations(page)).toEqual([]);

	await page.goto(thread);
	await reply(page, 'Hi! Glad to be here.');
	await expect(page.getByRole('article', { name: `Reply by ${member.username}` })).toContainText(
		'Waiting for a youth worker'
	);
	expect(await violations(page)).toEqual([]);
	// With an error showing too.
	await page.getByRole('button', { name: 'Post reply' }).click();
	await expect(page.getByLabel('Your reply')).toHaveAccessibleDescription(
		/Write something before posting\./
	);
	expect(await violations(page)).toEqual([]);

	await page.goto('/forum/search?q=welcome');
	await expect(page.getByRole('heading', { level: 2, name: /found/ })).toBeVisible();
	expect(await violations(page)).toEqual([]);
});

test('page numbers that cannot be pages are handled', async ({ page, makeAccount }) => {
	await signIn(page, await makeAccount());
	for (const bad of ['-1', '1000000000', 'abc', '1e9']) {
		const response = await page.goto(`/forum/mental-health?page=${bad}`);
		expect(response?.status(), bad).toBe(200);
		await expect(page.getByRole('heading', { level: 1, name: 'Mental health' })).toBeVisible();
	}
	expect((await page.goto('/forum/no-such-category'))?.status()).toBe(404);
	expect((await page.goto('/forum/t/999999999'))?.status()).toBe(404);
	expect((await page.goto('/forum/t/-3'))?.status()).toBe(404);
});

test('a young person cannot open the review queue', async ({ page, makeAccount }) => {
	await signIn(page, await makeAccount());
	expect((await page.goto('/mod'))?.status()).toBe(403);
});

test('posting a conversation lands on it even when a live update arrives on the way', async ({
	page,
	browser,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const starter = await makeAccount({ roles: ['youth_worker'], prefix: 'starter' });
	const newcomer = await makeAccount({ prefix: 'newcomer' });
	const title = `Exam week ${Date.now()}`;

	// A conversation the newcomer can reply to (their reply will wait for a youth worker).
	const starterPage = await signedInPage(browser, starter);
	const existing = await startConversation(starterPage, `Say hi ${Date.now()}`, 'Hello all.');
	await starterPage.context().close();
	const newcomerPage = await signedInPage(browser, newcomer);
	await newcomerPage.goto(existing);
	await newcomerPage.getByLabel('Your reply').fill('Hi, I am new here.');

	await signIn(page, worker);
	await waitUntilLive(page);
	await page.goto('/forum/mental-health/new');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Your post').fill('How is everyone getting on?');

	// Hold the new conversation's page on its way, and meanwhile make the review queue change.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route(/\/forum\/t\/\d+\/__data\.json/, async (route) => {
		await held;
		await route.continue();
	});
	const posted = page.waitForResponse(
		(r) => r.request().method() === 'POST' && r.url().includes('/forum/mental-health/new')
	);
	await page.getByRole('button', { name: 'Post conversation' }).click();
	await posted;
	await newcomerPage.getByRole('button', { name: 'Post reply' }).click();
	await expect(newcomerPage.getByText('waiting for a youth worker').first()).toBeVisible();
	// Time for the queue's live update to reach the youth worker's page while it is on its way.
	await page.waitForTimeout(1_500);
	release();

	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	await newcomerPage.context().close();
});
