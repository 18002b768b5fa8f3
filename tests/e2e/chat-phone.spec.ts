/**
 * A chat room on a phone, as a person holds it: the messages fill the screen above the composer,
 * the composer grows with what is typed (then scrolls), the safety buttons stay in view, nothing
 * scrolls sideways even at 320 px, and WCAG 2.2 AA holds. A youth worker on a phone reaches the
 * room controls and "People here" from the compact header and pauses someone from the list. When
 * a room's opening lapses, the open page switches the composer off and says so without a reload.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Locator, Page } from '@playwright/test';
import { test, expect, signIn, waitForHydrationAfterLoads, type Account } from './fixtures';
import { violations, waitUntilLive } from './page-helpers';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import type { Database } from '../../src/lib/server/db';
import { chatRooms, users } from '../../src/lib/server/db/schema';
import { createRoom } from '../../src/lib/server/chat/rooms';
import { controlRoom } from '../../src/lib/server/chat/controls';
import { sendMessage } from '../../src/lib/server/chat/send';

const PHONES = [
	{ width: 375, height: 667 },
	{ width: 390, height: 844 }
];

function as(account: Account, roles: CurrentUser['roles']): CurrentUser {
	return {
		id: account.id,
		username: account.username,
		roles,
		staff: roles.includes('youth_worker'),
		sessionVersion: 0,
		mutedUntil: null
	};
}

async function established(db: Database, account: Account) {
	await db
		.update(users)
		.set({ createdAt: new Date(Date.now() - 30 * 86_400_000) })
		.where(eq(users.id, account.id));
	return account;
}

/** An open drop-in with a dozen messages already in it. */
async function busyRoom(db: Database, worker: Account, member: Account, name: string) {
	const staff = as(worker, ['youth_worker']);
	const room = await createRoom(db, staff, {
		name,
		kind: 'drop_in',
		description: 'A relaxed catch-up with youth workers.',
		guidelines: 'Be kind. Keep personal details to yourself.'
	});
	await controlRoom(db, staff, { action: 'open', roomId: room.id });
	for (let i = 1; i <= 12; i++) {
		const who = i % 2 ? staff : as(member, ['young_person']);
		await sendMessage(db, who, {
			roomId: room.id,
			clientId: `seed-${room.id}-${i}`,
			body: `Message number ${i}`
		});
	}
	return room.id;
}

async function phonePage(
	browser: Browser,
	account: Account,
	size: { width: number; height: number }
) {
	const context = await browser.newContext({ viewport: size, isMobile: true, hasTouch: true });
	const page = await context.newPage();
	waitForHydrationAfterLoads(page);
	await signIn(page, account);
	return page;
}

/** Messages wholly on screen and above the composer. */
async function messagesOnScreen(page: Page): Promise<number> {
	const composerTop = (await page.getByLabel('Message', { exact: true }).boundingBox())!.y;
	const boxes = await page
		.getByRole('log')
		.getByRole('article')
		.evaluateAll((articles) =>
			articles.map((a) => {
				const r = a.getBoundingClientRect();
				return { top: r.top, bottom: r.bottom };
			})
		);
	return boxes.filter((b) => b.top >= 0 && b.bottom <= composerTop).length;
}

async function noSidewaysScroll(page: Page) {
	return page.evaluate(
		() => document.documentElement.scrollWidth <= document.documentElement.clientWidth
	);
}

const heightOf = async (box: Locator) => (await box.boundingBox())!.height;

for (const size of PHONES) {
	test(`a member on a ${size.width}×${size.height} phone sees the conversation above the composer @phone`, async ({
		browser,
		makeAccount,
		database
	}) => {
		const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
		const member = await established(database.db, await makeAccount());
		const roomId = await busyRoom(database.db, worker, member, `Phone ${member.username}`);
		const page = await phonePage(browser, member, size);
		await page.goto(`/chat/${roomId}`);
		await waitUntilLive(page);

		await expect(page.getByRole('log').getByText('Message number 12')).toBeInViewport();
		expect(await messagesOnScreen(page)).toBeGreaterThanOrEqual(size.height > 800 ? 6 : 4);
		// The way out and the way to help stay on screen while chatting.
		await expect(page.getByRole('link', { name: 'Get help now' })).toBeInViewport();
		await expect(page.getByRole('button', { name: 'Quick exit' })).toBeInViewport();
		// Members get the count, never the list of names.
		await expect(page.getByText(/\d+\s+(person|people) here/)).toBeVisible();
		await expect(page.getByText('People here', { exact: true })).toHaveCount(0);
		expect(await noSidewaysScroll(page)).toBe(true);
		expect(await violations(page)).toEqual([]);

		// The box grows with the words, up to a few lines, then scrolls.
		const box = page.getByLabel('Message', { exact: true });
		const oneLine = await heightOf(box);
		await box.fill('one\ntwo\nthree');
		const threeLines = await heightOf(box);
		expect(threeLines).toBeGreaterThan(oneLine + 20);
		await box.fill(Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n'));
		const many = await heightOf(box);
		expect(many).toBeLessThan(size.height / 3);
		expect(await box.evaluate((t) => t.scrollHeight > t.clientHeight)).toBe(true);
		// A long link (no spaces) wraps in the box: the page stays phone-wide, the way out on screen.
		const link = `https://www.nhs.uk/mental-health/${'self-help-guides-tools-and-activities-'.repeat(4)}end`;
		await box.fill(link);
		expect(await noSidewaysScroll(page)).toBe(true);
		await expect(page.getByRole('button', { name: 'Quick exit' })).toBeInViewport();
		await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeInViewport();
		await box.fill('Hi from the bus');
		await page.getByRole('button', { name: 'Send', exact: true }).click();
		await expect(page.getByRole('log').getByText('Hi from the bus')).toBeInViewport();
		await expect(page.getByRole('log').getByText('Sending…')).toHaveCount(0);
		expect(await messagesOnScreen(page)).toBeGreaterThanOrEqual(size.height > 800 ? 6 : 4);

		// The on-screen keyboard takes half the screen: the composer and the newest message stay.
		await page.setViewportSize({ width: size.width, height: Math.round(size.height / 2) });
		await expect(box).toBeInViewport();
		await expect(page.getByRole('log').getByText('Hi from the bus')).toBeInViewport();
		await expect(page.getByRole('button', { name: 'Quick exit' })).toBeInViewport();
		await page.setViewportSize(size);

		// The narrowest phones: still no sideways scrolling, and the conversation still shows.
		await page.setViewportSize({ width: 320, height: 568 });
		expect(await noSidewaysScroll(page)).toBe(true);
		await expect(page.getByRole('log').getByText('Hi from the bus')).toBeVisible();
		expect(await messagesOnScreen(page)).toBeGreaterThanOrEqual(2);
		await page.context().close();
	});
}

test('a youth worker on a phone runs the room from its compact header and pauses someone from People here @phone', async ({
	browser,
	makeAccount,
	database
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await established(database.db, await makeAccount());
	const roomId = await busyRoom(database.db, worker, member, `Staff phone ${member.username}`);

	const young = await phonePage(browser, member, PHONES[0]);
	await young.goto(`/chat/${roomId}`);
	await waitUntilLive(young);

	const staff = await phonePage(browser, worker, PHONES[1]);
	await staff.goto(`/chat/${roomId}`);
	await waitUntilLive(staff);
	expect(await messagesOnScreen(staff)).toBeGreaterThanOrEqual(5);
	expect(await noSidewaysScroll(staff)).toBe(true);

	// Who is here: names, staff marked, and the member's tools behind their name.
	await staff.getByText('People here (2)', { exact: true }).click();
	const people = staff.getByRole('listitem').filter({ hasText: member.username });
	await expect(staff.getByRole('listitem').filter({ hasText: worker.username })).toContainText(
		'Staff'
	);
	await people.getByText('Actions').click();
	await people.getByRole('button', { name: `Pause ${member.username}: 10 minutes` }).click();
	await expect(people.getByText(/^Paused until/)).toBeVisible();
	await expect(young.getByText(/paused your messages here until/)).toBeVisible();
	await expect(young.getByLabel('Message', { exact: true })).toBeDisabled();

	// The controls: behind one button on a phone, not rows of buttons.
	await expect(staff.getByRole('button', { name: 'Lock the room (pause it)' })).toBeHidden();
	await staff.getByText('Room controls').click();
	await staff.getByRole('button', { name: 'Lock the room (pause it)' }).click();
	await expect(staff.getByRole('button', { name: 'Unlock the room' })).toBeVisible();
	await staff.getByLabel('Slow mode').selectOption({ label: 'one message every 30 seconds' });
	expect(await noSidewaysScroll(staff)).toBe(true);
	expect(await violations(staff)).toEqual([]);

	// A member joining shows up live in the list (one panel is open at a time).
	await staff.getByText(/^People here/).click();
	await expect(people).toBeVisible();
	const other = await established(database.db, await makeAccount());
	const third = await phonePage(browser, other, PHONES[0]);
	await third.goto(`/chat/${roomId}`);
	await expect(staff.getByRole('listitem').filter({ hasText: other.username })).toBeVisible({
		timeout: 20_000
	});
	await third.context().close();
	await expect(staff.getByRole('listitem').filter({ hasText: other.username })).toHaveCount(0);
	await young.context().close();
	await staff.context().close();
});

test('when a room’s opening runs out, the open page switches the composer off and says when it opens @phone', async ({
	browser,
	makeAccount,
	database
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await established(database.db, await makeAccount());
	const roomId = await busyRoom(database.db, worker, member, `Lapse ${member.username}`);
	const page = await phonePage(browser, member, PHONES[0]);
	await page.goto(`/chat/${roomId}`);
	await waitUntilLive(page);
	const box = page.getByLabel('Message', { exact: true });
	await expect(box).toBeEnabled();
	await box.fill('half-written thought');

	// Nobody acts: the opening simply runs out in a moment.
	await database.db
		.update(chatRooms)
		.set({ openUntil: new Date(Date.now() + 1_000) })
		.where(eq(chatRooms.id, roomId));

	await expect(box).toBeDisabled({ timeout: 15_000 });
	await expect(
		page.getByText('You can read this room. Closed until a youth worker opens it.')
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
	// What they were typing is kept.
	await expect(box).toHaveValue('half-written thought');
	await page.context().close();
});
