/**
 * Running chat rooms as staff meet it: a youth worker sets up a drop-in room with weekly hours
 * (after a mistake, which is explained next to the field and keeps what they typed), opens it,
 * locks it and sets slow mode; a held chat message waits in the review queue and approving it
 * publishes it; members cannot reach any of it. WCAG 2.2 AA on each page, on desktop and phone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { test, expect, signIn } from './fixtures';
import { violations } from './page-helpers';
import { chatMessages, chatRoomMembers, chatRooms } from '../../src/lib/server/db/schema';
import { createRoom, inviteToRoom } from '../../src/lib/server/chat/rooms';
import { controlRoom, removeFromRoom } from '../../src/lib/server/chat/controls';
import { sendMessage } from '../../src/lib/server/chat/send';
import { reportMessage } from '../../src/lib/server/chat/feedback';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import type { Database } from '../../src/lib/server/db/client';

const PASSWORD = 'plum-tractor-velvet';

/** Someone made straight in the database, usable with the services (as the fixtures make them). */
async function person(db: Database, roles: ('young_person' | 'youth_worker')[] = ['young_person']) {
	const username = `r_${randomBytes(4).toString('hex')}`;
	const user = await createAccount(db, OPERATOR, { username, password: PASSWORD, roles });
	return { ...user, password: PASSWORD };
}

test('@phone a youth worker sets up a drop-in room with hours, opens it, locks it and slows it', async ({
	page,
	makeAccount,
	database
}) => {
	test.setTimeout(60_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const name = `Drop-in ${randomBytes(3).toString('hex')}`;
	await signIn(page, worker);
	await page.goto('/staff/rooms');
	await expect(page.getByRole('heading', { level: 1, name: 'Chat rooms' })).toBeVisible();
	expect(await violations(page)).toEqual([]);

	// A mistake first: no name, and hours that are not times. Both are explained; nothing is lost.
	await page.getByLabel('Description (optional)').fill('A chat after school, any topic.');
	await page.getByLabel('Weekly hours (UK time, optional)').fill('Tue 7pm till late');
	await page.getByRole('button', { name: 'Set up room' }).click();
	const nameField = page.getByRole('textbox', { name: 'Name', exact: true });
	await expect(nameField).toHaveAccessibleDescription(/Give the room a name\./);
	await expect(page.getByLabel('Weekly hours (UK time, optional)')).toHaveValue(
		'Tue 7pm till late'
	);
	await expect(page.getByLabel('Weekly hours (UK time, optional)')).toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page.getByLabel('Description (optional)')).toHaveValue(
		'A chat after school, any topic.'
	);
	expect(await violations(page)).toEqual([]);

	await nameField.fill(name);
	await page.getByRole('radio', { name: /^Drop-in:/ }).check();
	await page
		.getByLabel('Guidelines (optional)')
		.fill('Be kind. **No sharing contact details.** A youth worker is here while it is open.');
	// Every day, so it is within its hours whenever this runs.
	await page.getByLabel('Weekly hours (UK time, optional)').fill('Daily 00:00–24:00');
	await page.getByRole('button', { name: 'Set up room' }).click();

	await expect(page).toHaveURL(/\/staff\/rooms\/\d+/);
	await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
	/** The page's confirmation, as a screen reader hears it. */
	const said = (words: string) => page.getByRole('status').filter({ hasText: words });
	await expect(said(`${name} is set up. It is closed until you open it.`)).toBeVisible();
	await expect(page.getByLabel('Weekly hours (UK time, optional)')).toHaveValue(
		'Daily 00:00–24:00'
	);
	expect(await violations(page)).toEqual([]);
	const roomId = Number(page.url().match(/rooms\/(\d+)/)![1]);

	await page.getByRole('button', { name: 'Open it now' }).click();
	await expect(said(`${name} is open until`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Close it now' })).toBeVisible();

	await page.getByRole('button', { name: 'Lock', exact: true }).click();
	await expect(said(`${name} is locked`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();

	await page.getByLabel('Slow mode').selectOption({ label: 'one message every 30 seconds' });
	await page.getByRole('button', { name: 'Set slow mode' }).click();
	await expect(said('Slow mode: one message every 30 seconds.')).toBeVisible();
	expect(await violations(page)).toEqual([]);

	const [stored] = await database.db.select().from(chatRooms).where(eq(chatRooms.id, roomId));
	expect(stored).toMatchObject({ kind: 'drop_in', locked: true, slowModeSeconds: 30 });
	expect(stored.openUntil!.getTime()).toBeGreaterThan(Date.now());
	expect(stored.guidelinesHtml).toContain('<strong>No sharing contact details.</strong>');

	// The list shows how it stands.
	await page.getByRole('link', { name: 'Back to the chat rooms' }).click();
	const row = page.getByRole('row').filter({ hasText: name });
	await expect(row).toContainText('Drop-in');
	await expect(row).toContainText('Open until');
	await expect(row).toContainText('Locked');
	await expect(row).toContainText('one message every 30 seconds');
});

test('archiving asks to be sure first, then closes the room for good', async ({
	page,
	database
}) => {
	const worker = await person(database.db, ['youth_worker']);
	const room = await createRoom(database.db, worker, {
		name: `Old group ${randomBytes(3).toString('hex')}`,
		kind: 'group'
	});
	const [invited, removed] = [await person(database.db), await person(database.db)];
	await inviteToRoom(database.db, worker, room.id, invited.username);
	await inviteToRoom(database.db, worker, room.id, removed.username);
	await removeFromRoom(database.db, worker, { roomId: room.id, userId: removed.id });
	await signIn(page, worker);
	await page.goto(`/staff/rooms/${room.id}`);
	const members = page.getByRole('region', { name: 'Members' });
	await expect(members.getByRole('row').filter({ hasText: invited.username })).toContainText('Yes');
	await expect(
		members.getByRole('button', { name: `Let back in ${removed.username}` })
	).toBeVisible();
	expect(await violations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Archive room' }).click();
	await expect(page.getByRole('checkbox', { name: /Yes, archive/ })).toHaveAccessibleDescription(
		/Tick the box to say you are sure/
	);
	const [still] = await database.db.select().from(chatRooms).where(eq(chatRooms.id, room.id));
	expect(still.archivedAt).toBeNull();

	await page.getByRole('checkbox', { name: /Yes, archive/ }).check();
	await page.getByRole('button', { name: 'Archive room' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'is archived' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Open it now' })).toHaveCount(0);
});

test('a member cannot reach the room pages or change a room', async ({ page, database }) => {
	const db = database.db;
	const worker = await person(db, ['youth_worker']);
	const room = await createRoom(db, worker, {
		name: `Kept ${randomUUID().slice(0, 6)}`,
		kind: 'drop_in'
	});
	const young = await person(db);
	await signIn(page, young);
	expect((await page.goto('/staff/rooms'))?.status()).toBe(403);
	await expect(page.getByText('This page is for staff with a different role')).toBeVisible();
	expect((await page.goto(`/staff/rooms/${room.id}`))?.status()).toBe(403);
	const origin = new URL(page.url()).origin;
	const name = `Sneaky ${randomUUID().slice(0, 6)}`;
	const made = await page.request.post('/staff/rooms?/create', {
		form: { name, kind: 'drop_in' },
		headers: { origin }
	});
	expect(made.status()).toBe(403);
	const opened = await page.request.post(`/staff/rooms/${room.id}?/control`, {
		form: { action: 'open' },
		headers: { origin }
	});
	expect(opened.status()).toBe(403);
	expect(await db.$count(chatRooms, eq(chatRooms.name, name))).toBe(0);
	const [after] = await db.select().from(chatRooms).where(eq(chatRooms.id, room.id));
	expect(after.openUntil).toBeNull();
	// Nor the review queue, where held chat messages wait.
	expect((await page.goto('/mod?kind=held_messages'))?.status()).toBe(403);
});

test('@phone a held chat message waits in the review queue; approving it puts it in the room', async ({
	page,
	database
}) => {
	test.setTimeout(60_000);
	const db = database.db;
	const worker = await person(db, ['youth_worker']);
	const young = await person(db);
	const roomName = `Queue room ${randomBytes(3).toString('hex')}`;
	const room = await createRoom(db, worker, { name: roomName, kind: 'drop_in' });
	await controlRoom(db, worker, { action: 'open', roomId: room.id });
	// Sent as the member's browser would: contact details are held for a youth worker.
	const sent = await sendMessage(db, young, {
		roomId: room.id,
		clientId: randomUUID(),
		body: 'add me on snap: amara_x99'
	});
	expect(sent.status).toBe('held');

	await signIn(page, worker);
	await page.goto('/mod?kind=held_messages');
	const item = page.getByRole('article', { name: `Chat message by ${young.username}` });
	await expect(item).toContainText('Held chat message');
	await expect(item).toContainText('add me on snap: amara_x99');
	await expect(item).toContainText('Personal information');
	await expect(item.getByRole('link', { name: roomName })).toHaveAttribute(
		'href',
		`/chat/${room.id}#message-${sent.message.id}`
	);
	expect(await violations(page)).toEqual([]);

	await item.getByRole('button', { name: `Approve the chat message by ${young.username}` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Approved: the message is in its room now' })
	).toBeVisible();
	await expect(item).toHaveCount(0);
	const [stored] = await db
		.select({ status: chatMessages.status, by: chatMessages.moderatedById })
		.from(chatMessages)
		.where(eq(chatMessages.id, sent.message.id));
	expect(stored).toEqual({ status: 'published', by: worker.id });

	// The member's history says so.
	await page.goto(`/mod/members/${young.id}`);
	const chat = page.getByRole('region', { name: 'In chat rooms' });
	await expect(chat).toContainText('Held chat message approved');
	await expect(chat.getByRole('link', { name: roomName })).toBeVisible();
	expect(await violations(page)).toEqual([]);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a group room is set up, members invited, and someone taken out let back in', async ({
		page,
		database
	}) => {
		const db = database.db;
		const worker = await person(db, ['youth_worker']);
		const [amara, kofi] = [await person(db), await person(db)];
		const name = `Group ${randomBytes(3).toString('hex')}`;
		await signIn(page, worker);
		await page.goto('/staff/rooms');

		// Hostile and mistaken input: a number that is not one.
		await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
		await page.getByRole('radio', { name: /^Group:/ }).check();
		await page.getByLabel('Most people in the room at once (optional)').fill('1; drop table');
		await page.getByRole('button', { name: 'Set up room' }).click();
		await expect(page.getByLabel('Most people in the room at once (optional)')).toHaveValue(
			'1; drop table'
		);
		await expect(
			page.getByLabel('Most people in the room at once (optional)')
		).toHaveAccessibleDescription(/Enter the most people as a number/);
		await expect(page.getByRole('radio', { name: /^Group:/ })).toBeChecked();
		await expect(page.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue(name);
		expect(await db.$count(chatRooms, eq(chatRooms.name, name))).toBe(0);

		await page.getByLabel('Most people in the room at once (optional)').fill('12');
		await page.getByRole('button', { name: 'Set up room' }).click();
		await expect(page).toHaveURL(/\/staff\/rooms\/\d+/);
		const roomId = Number(page.url().match(/rooms\/(\d+)/)![1]);
		const [made] = await db.select().from(chatRooms).where(eq(chatRooms.id, roomId));
		expect(made).toMatchObject({ name, kind: 'group', maxMembers: 12 });

		const invite = page.getByLabel('Invite someone by username');
		await invite.fill('nobody_by_this_name');
		await page.getByRole('button', { name: 'Invite', exact: true }).click();
		await expect(invite).toHaveAccessibleDescription(/Nobody here is called “nobody_by_this_name”/);
		await expect(invite).toHaveValue('nobody_by_this_name');
		await invite.fill(amara.username);
		await page.getByRole('button', { name: 'Invite', exact: true }).click();
		await expect(page.getByText(`${amara.username} is invited`)).toBeVisible();
		await page.getByLabel('Invite someone by username').fill(kofi.username);
		await page.getByRole('button', { name: 'Invite', exact: true }).click();
		const members = page.getByRole('region', { name: 'Members' });
		await expect(members.getByRole('row').filter({ hasText: kofi.username })).toContainText('Yes');

		// Kofi is taken out of the room (as a youth worker does live), then let back in here.
		await removeFromRoom(db, worker, { roomId, userId: kofi.id });
		await page.goto(`/staff/rooms/${roomId}`);
		await page.getByRole('button', { name: `Let back in ${kofi.username}` }).click();
		await expect(page.getByText(`${kofi.username} can come back into the room.`)).toBeVisible();
		await expect(page.getByRole('button', { name: `Let back in ${kofi.username}` })).toHaveCount(0);
		const [back] = await db
			.select()
			.from(chatRoomMembers)
			.where(and(eq(chatRoomMembers.roomId, roomId), eq(chatRoomMembers.userId, kofi.id)));
		expect(back).toMatchObject({ invited: true, removedAt: null });
	});
});

test('@phone a reported chat message shows the conversation it was in; removing it clears it', async ({
	page,
	database
}) => {
	test.setTimeout(60_000);
	const db = database.db;
	const worker = await person(db, ['youth_worker']);
	const [kofi, amara, reporter] = [await person(db), await person(db), await person(db)];
	const room = await createRoom(db, worker, {
		name: `Reported room ${randomBytes(3).toString('hex')}`,
		kind: 'drop_in'
	});
	await controlRoom(db, worker, { action: 'open', roomId: room.id });
	const say = async (who: typeof worker, body: string) =>
		(await sendMessage(db, who, { roomId: room.id, clientId: randomUUID(), body })).message.id;
	await say(kofi, 'My mocks went badly today');
	await say(worker, 'That sounds hard, Kofi. Want to talk about it?');
	const unkind = await say(amara, 'Maybe just stop being thick lol');
	await reportMessage(db, reporter, {
		roomId: room.id,
		messageId: unkind,
		reason: 'unkind',
		note: 'Kofi was already upset'
	});

	await signIn(page, worker);
	await page.goto('/mod?kind=reported_messages');
	const item = page.getByRole('article', { name: `Chat message by ${amara.username}` });
	await expect(item).toContainText('Reported chat message (1)');
	await expect(item).toContainText('Kofi was already upset');
	const conversation = item.getByRole('list', { name: 'The conversation the reporter saw' });
	await expect(conversation.getByRole('listitem')).toHaveText([
		new RegExp(`${kofi.username}.*My mocks went badly today`),
		new RegExp(`${worker.username} \\(staff\\).*That sounds hard, Kofi`),
		new RegExp(`${amara.username}.*the reported message.*Maybe just stop being thick lol`)
	]);
	expect(await violations(page)).toEqual([]);

	await item.getByText(`Remove the chat message by ${amara.username}`, { exact: true }).click();
	await item.getByLabel('Why it is removed (optional)').fill('Unkind to someone already upset');
	await item.getByRole('button', { name: 'Remove message' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: 'Removed: the message has gone from its room' })
	).toBeVisible();
	await expect(item).toHaveCount(0);
	const [stored] = await db
		.select({ status: chatMessages.status, reason: chatMessages.removedReason })
		.from(chatMessages)
		.where(eq(chatMessages.id, unkind));
	expect(stored).toEqual({ status: 'removed', reason: 'Unkind to someone already upset' });

	await page.goto(`/mod/members/${amara.id}`);
	const chat = page.getByRole('region', { name: 'In chat rooms' });
	await expect(chat).toContainText('Chat message removed');
	await expect(chat).toContainText('They wrote: “Maybe just stop being thick lol”');
	await expect(chat).toContainText('Why: Unkind to someone already upset');
});
