/**
 * Group chat as people use it: a youth worker opens the drop-in and chats live with a member; the
 * worker removes a message and it vanishes for the member; the member loses signal while sending
 * and, when it comes back, every message is there exactly once; a closed room says when it opens
 * and who to talk to meanwhile, whether it was closed when the page opened or closes while the
 * member is in it.
 */
import { eq } from 'drizzle-orm';
import type { Browser, Page } from '@playwright/test';
import { test, expect, signIn, type Account, type MakeAccount } from './fixtures';
import { signedInPage, violations, waitUntilLive } from './page-helpers';
import type { CurrentUser } from '../../src/lib/server/accounts/current-user';
import type { Database } from '../../src/lib/server/db';
import { users } from '../../src/lib/server/db/schema';
import { createRoom } from '../../src/lib/server/chat/rooms';

function asWorker(account: Account): CurrentUser {
	return {
		id: account.id,
		username: account.username,
		roles: ['youth_worker'],
		staff: true,
		sessionVersion: 0,
		mutedUntil: null
	};
}

/** Established members (new ones may send one message per 5 seconds). */
async function established(db: Database, account: Account) {
	await db
		.update(users)
		.set({ createdAt: new Date(Date.now() - 30 * 86_400_000) })
		.where(eq(users.id, account.id));
	return account;
}

async function dropIn(db: Database, worker: Account, name: string) {
	const room = await createRoom(db, asWorker(worker), {
		name,
		kind: 'drop_in',
		description: 'A relaxed catch-up with youth workers.',
		guidelines: 'Be kind. Keep personal details to yourself.'
	});
	return `/chat/${room.id}`;
}

/** A youth worker with a drop-in they have just opened, and an established member. */
async function openedDropIn(
	{ browser, makeAccount, db }: { browser: Browser; makeAccount: MakeAccount; db: Database },
	name: string
) {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await established(db, await makeAccount());
	const path = await dropIn(db, worker, `${name} ${member.username}`);
	const staff = await signedInPage(browser, worker);
	await staff.goto(path);
	await waitUntilLive(staff);
	await staff.getByRole('button', { name: 'Open the room' }).click();
	await expect(staff.getByText('Open now until')).toBeVisible();
	return { member, path, staff };
}

const messages = (page: Page) => page.getByRole('log');

async function say(page: Page, text: string) {
	await page.getByLabel('Message', { exact: true }).fill(text);
	await page.getByRole('button', { name: 'Send', exact: true }).click();
}

test('a youth worker opens the drop-in, chats live with a member, and removes a message for everyone', async ({
	browser,
	makeAccount,
	database
}) => {
	const { member, path, staff } = await openedDropIn(
		{ browser, makeAccount, db: database.db },
		'Drop-in'
	);

	const young = await signedInPage(browser, member);
	await young.goto('/chat');
	await young.getByRole('link', { name: `Drop-in ${member.username}` }).click();
	await expect(young).toHaveURL(new RegExp(`${path}$`));
	await waitUntilLive(young);
	await expect(young.getByText('youth worker here')).toBeVisible();
	expect(await violations(young)).toEqual([]);

	await say(young, 'Hi, is anyone around tonight?');
	await expect(messages(staff).getByText('Hi, is anyone around tonight?')).toBeVisible();
	await say(staff, 'Hi! Yes, I am here until 9.');
	await expect(messages(young).getByText('Hi! Yes, I am here until 9.')).toBeVisible();
	await expect(messages(young).getByText('Staff')).toBeVisible();

	await say(young, 'this message will be removed');
	const theirs = messages(staff)
		.getByRole('article')
		.filter({ hasText: 'this message will be removed' });
	await theirs.getByRole('button', { name: 'More about this message' }).click();
	await theirs.getByRole('button', { name: 'Remove message' }).click();
	await expect(messages(young).getByText('this message will be removed')).toHaveCount(0);
	await expect(messages(young).getByText('Removed by a youth worker.')).toBeVisible();
	expect(await violations(staff)).toEqual([]);
});

test('losing signal while sending: when it returns, every message is there exactly once @phone', async ({
	browser,
	makeAccount,
	database
}) => {
	const { member, path, staff } = await openedDropIn(
		{ browser, makeAccount, db: database.db },
		'Signal'
	);

	const young = await signedInPage(browser, member);
	await young.goto(path);
	await waitUntilLive(young);
	await say(young, 'on the bus now');
	await expect(messages(staff).getByText('on the bus now')).toBeVisible();

	// Into the tunnel: the phone has no signal for a while.
	await young.context().setOffline(true);
	await expect(young.getByRole('status').filter({ hasText: /Reconnecting|Offline/ })).toBeVisible({
		timeout: 30_000
	});
	await say(young, 'sent in the tunnel, one');
	await say(young, 'sent in the tunnel, two');
	await expect(
		messages(young)
			.getByText(/it will send when you are back online/)
			.first()
	).toBeVisible();
	await say(staff, 'Worker message while you were away');

	await young.context().setOffline(false);
	await waitUntilLive(young);
	for (const text of [
		'sent in the tunnel, one',
		'sent in the tunnel, two',
		'Worker message while you were away'
	]) {
		await expect(messages(young).getByText(text)).toHaveCount(1);
		await expect(messages(staff).getByText(text)).toHaveCount(1);
	}
	await expect(messages(young).getByText(/^Sending…$|when you are back online/)).toHaveCount(0);
	// And after a reload, still once each.
	await young.reload();
	await expect(messages(young).getByText('sent in the tunnel, two')).toHaveCount(1);
});

test('a closed room can be read, says when it opens, and signposts help meanwhile @phone', async ({
	page,
	makeAccount,
	database
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount();
	const path = await dropIn(database.db, worker, `Closed ${member.username}`);
	await signIn(page, member);
	await page.goto(path);
	await expect(page.getByText('Closed until a youth worker opens it.').first()).toBeVisible();
	// The composer is there but switched off, and says why.
	await expect(page.getByLabel('Message', { exact: true })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
	await expect(
		page.getByText('You can read this room. Closed until a youth worker opens it.')
	).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Need to talk to someone now?' })).toBeVisible();
	expect(await violations(page)).toEqual([]);
});

test('a member in the room when a youth worker closes it sees at once that it is closed, and who to talk to meanwhile @phone', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	const { member, path, staff } = await openedDropIn(
		{ browser, makeAccount, db: database.db },
		'Closing'
	);

	await signIn(page, member);
	await page.goto(path);
	await waitUntilLive(page);
	const box = page.getByLabel('Message', { exact: true });
	await expect(box).toBeEnabled();
	const help = page.getByRole('status', { name: 'Need to talk to someone now?' });
	await expect(help).toHaveCount(0);
	// Marks this page, so the checks below show it was never reloaded.
	await page.evaluate(() => ((window as { sameVisit?: boolean }).sameVisit = true));

	await staff.getByText('Room Controls').click();
	await staff.getByRole('button', { name: 'Close the room' }).click();

	await expect(
		page.getByRole('status').filter({ hasText: 'Closed until a youth worker opens it.' }).first()
	).toBeVisible();
	await expect(box).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Send', exact: true })).toBeDisabled();
	await expect(
		page.getByText('You can read this room. Closed until a youth worker opens it.')
	).toBeVisible();
	await expect(help).toBeVisible();
	await expect(help).toContainText('Samaritans');
	await expect(help.getByRole('link', { name: 'Call 999' })).toBeVisible();
	expect(await page.evaluate(() => (window as { sameVisit?: boolean }).sameVisit)).toBe(true);
	expect(await violations(page)).toEqual([]);

	// Open again: the box comes back and the signposting goes.
	await staff.getByRole('button', { name: 'Open the room' }).click();
	await expect(box).toBeEnabled();
	await expect(help).toHaveCount(0);
});

test('a member whose report of a message says they are not safe sees the crisis panel with the thanks @phone', async ({
	browser,
	makeAccount,
	database
}) => {
	const { path, staff } = await openedDropIn(
		{ browser, makeAccount, db: database.db },
		'Drop-in report'
	);
	await say(staff, 'Evening all, how is everyone?');
	const reporter = await signedInPage(browser, await established(database.db, await makeAccount()));
	await reporter.goto(path);
	await waitUntilLive(reporter);

	const theirs = messages(reporter)
		.getByRole('article')
		.filter({ hasText: 'Evening all, how is everyone?' });
	await theirs.getByRole('button', { name: 'More about this message' }).click();
	await theirs
		.getByRole('group', { name: 'Report this message' })
		.getByLabel('Unkind or bullying')
		.check();
	await theirs
		.getByLabel('Anything else we should know')
		.fill(
			'they keep picking on me and i cant do this anymore im going to take all my pills tonight'
		);
	await theirs.getByRole('button', { name: 'Send report' }).click();

	const panel = theirs.getByRole('alert').filter({
		has: reporter.getByRole('heading', { name: 'You don’t have to go through this alone' })
	});
	await expect(panel).toBeVisible();
	await expect(panel).toContainText('If you are in immediate danger, call 999.');
	await expect(panel.getByRole('heading')).toBeFocused();
	await expect(theirs.getByRole('status').filter({ hasText: 'Thank you' })).toHaveText(
		'Thank you for telling us. A youth worker will look at it.'
	);
	expect(await violations(reporter)).toEqual([]);
});
