/**
 * Staff pages, used the way staff use them: admins managing accounts and settings, youth
 * workers handing out invite codes, and members kept out.
 */
import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { test, expect, signIn, type Account } from './fixtures';
import { followMainLink, openMainMenu, violations } from './page-helpers';

const uniqueName = (prefix: string) => `${prefix}_${randomBytes(4).toString('hex')}`;
const birthdayYearsAgo = (years: number) => {
	const d = new Date();
	d.setUTCFullYear(d.getUTCFullYear() - years);
	d.setUTCDate(d.getUTCDate() - 3);
	return d.toISOString().slice(0, 10);
};

/** From the account list, find someone by name and open their account. */
async function openAccount(page: Page, username: string) {
	await page.goto('/admin/users');
	await page.getByLabel('Find by username').fill(username);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(
		page.getByRole('heading', { name: `Accounts matching “${username}”` })
	).toBeVisible();
	await page.getByRole('table').getByRole('link', { name: username, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1, name: username })).toBeVisible();
}

test('@phone an admin creates a youth worker account, who can then sign in and is shown as staff', async ({
	page,
	browser,
	makeAccount
}) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	await signIn(page, admin);
	await followMainLink(page, 'Admin');
	await expect(page.getByRole('heading', { level: 1, name: 'Accounts' })).toBeVisible();
	await expect(
		page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Users' })
	).toHaveAttribute('aria-current', 'page');

	const worker: Account = {
		id: 0,
		username: uniqueName('worker'),
		password: 'lantern-orchard-pebble'
	};
	const create = page.getByRole('region', { name: 'Create an account' });
	await create.getByLabel('Username', { exact: true }).fill(worker.username);
	await create.getByLabel('Password', { exact: true }).fill(worker.password);
	await create
		.getByRole('group', { name: 'Roles' })
		.getByRole('checkbox', { name: 'Youth worker' })
		.check();
	await create.getByRole('button', { name: 'Create account' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Account ${worker.username} created.` })
	).toBeVisible();
	// The form is cleared for the next one, and the new account is in the list marked as staff.
	await expect(create.getByLabel('Username', { exact: true })).toHaveValue('');
	const row = page.getByRole('row', { name: new RegExp(worker.username) });
	await expect(row).toContainText('Youth worker');
	await expect(row.getByText('Staff', { exact: true })).toBeVisible();

	const workerContext = await browser.newContext();
	const workerPage = await workerContext.newPage();
	await signIn(workerPage, worker);
	const nav = workerPage.getByRole('navigation', { name: 'Main' });
	await openMainMenu(workerPage);
	await expect(nav.getByText('Staff', { exact: true })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Invites' })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Admin', exact: true })).toHaveCount(0);
	await workerContext.close();
});

test('creating an account explains mistakes next to the field and keeps what was typed', async ({
	page,
	makeAccount
}) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	const existing = await makeAccount();
	await signIn(page, admin);
	await page.goto('/admin/users');
	const create = page.getByRole('region', { name: 'Create an account' });

	await create.getByLabel('Username', { exact: true }).fill('a b');
	await create.getByLabel('Password', { exact: true }).fill('short');
	await create.getByRole('button', { name: 'Create account' }).click();
	await expect(create.getByLabel('Username', { exact: true })).toHaveAccessibleDescription(
		/Use only letters, numbers/
	);
	await expect(create.getByRole('group', { name: 'Roles' })).toHaveAccessibleDescription(
		/Give the account at least one role/
	);

	await create.getByLabel('Username', { exact: true }).fill(existing.username);
	await create.getByLabel('Password', { exact: true }).fill('password123');
	await create.getByRole('checkbox', { name: 'Coproduction lead' }).check();
	await create.getByRole('button', { name: 'Create account' }).click();
	await expect(create.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(
		/too easy to guess/
	);
	await expect(create.getByLabel('Username', { exact: true })).toHaveValue(existing.username);
	await expect(create.getByRole('checkbox', { name: 'Coproduction lead' })).toBeChecked();

	await create.getByLabel('Password', { exact: true }).fill('sturdy-meadow-harbour');
	await create.getByRole('button', { name: 'Create account' }).click();
	await expect(create.getByLabel('Username', { exact: true })).toHaveAccessibleDescription(
		/That username is taken\./
	);

	expect(await violations(page)).toEqual([]);
});

test('an admin changes a member’s roles, which takes effect on the member’s next page', async ({
	page,
	browser,
	makeAccount
}) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	const member = await makeAccount();
	const memberContext = await browser.newContext();
	const memberPage = await memberContext.newPage();
	await signIn(memberPage, member);
	await expect(memberPage.getByRole('link', { name: 'Invites' })).toHaveCount(0);

	await signIn(page, admin);
	await openAccount(page, member.username);
	const roles = page.getByRole('group', { name: `Roles for ${member.username}` });
	await expect(roles.getByRole('checkbox', { name: 'Member (young person)' })).toBeChecked();
	await roles.getByRole('checkbox', { name: 'Youth worker' }).check();
	await page.getByRole('button', { name: 'Save roles' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Roles saved for ${member.username}.` })
	).toBeVisible();
	await expect(roles.getByRole('checkbox', { name: 'Youth worker' })).toBeChecked();
	await expect(
		page.getByRole('heading', { level: 1 }).getByText('Staff', { exact: true })
	).toBeVisible();

	await memberPage.reload();
	const memberNav = memberPage.getByRole('navigation', { name: 'Main' });
	await expect(memberNav.getByRole('link', { name: 'Invites' })).toBeVisible();
	await expect(memberNav.getByText('Staff', { exact: true })).toBeVisible();

	// Taking every role away is refused with a reason beside the roles.
	await roles.getByRole('checkbox', { name: 'Member (young person)' }).uncheck();
	await roles.getByRole('checkbox', { name: 'Youth worker' }).uncheck();
	await page.getByRole('button', { name: 'Save roles' }).click();
	await expect(roles).toHaveAccessibleDescription(/Give the account at least one role/);
	await memberContext.close();
});

test('an admin cannot remove their own admin role', async ({ page, makeAccount }) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	await signIn(page, admin);
	await openAccount(page, admin.username);
	const roles = page.getByRole('group', { name: `Roles for ${admin.username}` });
	await roles.getByRole('checkbox', { name: 'Admin' }).uncheck();
	await roles.getByRole('checkbox', { name: 'Youth worker' }).check();
	await page.getByRole('button', { name: 'Save roles' }).click();
	await expect(roles).toHaveAccessibleDescription(/You cannot remove your own admin role/);
	await page.reload();
	await expect(roles.getByRole('checkbox', { name: 'Admin' })).toBeChecked();
	await expect(page.getByText('You cannot suspend your own account.')).toBeVisible();
});

test('an admin suspends a member, who is signed out on their next page load, then lifts it', async ({
	page,
	browser,
	makeAccount
}) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	const member = await makeAccount();
	const memberContext = await browser.newContext();
	const memberPage = await memberContext.newPage();
	await signIn(memberPage, member);

	await signIn(page, admin);
	await openAccount(page, member.username);
	await page
		.getByRole('group', { name: 'Suspend for' })
		.getByRole('radio', { name: '1 week' })
		.check();
	await page.getByLabel('Reason (optional)').fill('Repeated unkind replies after a warning');
	await page.getByRole('button', { name: 'Suspend account' }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `${member.username} is suspended until` })
	).toBeVisible();
	await expect(page.getByText('Reason: Repeated unkind replies after a warning')).toBeVisible();

	await memberPage.reload();
	const memberNav = memberPage.getByRole('navigation', { name: 'Main' });
	await expect(memberNav.getByRole('link', { name: 'Sign in' })).toBeVisible();
	await expect(memberNav.getByRole('link', { name: member.username })).toHaveCount(0);

	await page.goto('/admin/users');
	await page.getByLabel('Find by username').fill(member.username);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByRole('row', { name: new RegExp(member.username) })).toContainText('Until');

	await openAccount(page, member.username);
	await page.getByRole('button', { name: 'Lift suspension' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'has been lifted' })).toBeVisible();
	await signIn(memberPage, member);
	await memberContext.close();
});

test('@phone a youth worker creates an invite code and a new person joins with it', async ({
	page,
	browser,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	await signIn(page, worker);
	await followMainLink(page, 'Invites');
	await expect(page.getByRole('heading', { level: 1, name: 'Invite codes' })).toBeVisible();

	await page.getByLabel('Maximum uses').fill('1');
	await page.getByLabel('Expires in (days)').fill('7');
	await page.getByLabel('Note (optional)').fill('Thursday drop-in');
	await page.getByRole('button', { name: 'Create invite code' }).click();
	const created = page.getByRole('status').filter({ hasText: /Invite code \S+ created/ });
	await expect(created).toBeVisible();
	const code = /Invite code (\S+) created/.exec((await created.textContent()) ?? '')?.[1] ?? '';
	expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
	// The form starts afresh for the next code.
	await expect(page.getByLabel('Expires in (days)')).toHaveValue('14');
	await expect(page.getByLabel('Note (optional)')).toHaveValue('');

	const row = page.getByRole('row', { name: new RegExp(code) });
	// On a phone the table scrolls sideways inside its box; the page itself never gets wider.
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
		page.viewportSize()?.width ?? Infinity
	);
	await expect(row).toContainText('active');
	await expect(row).toContainText('0 of 1');
	await expect(row).toContainText('Thursday drop-in');
	await expect(row.getByText('Staff', { exact: true })).toBeVisible();
	const link = row.getByRole('link', { name: new RegExp(`/register\\?invite=${code}$`) });
	const href = (await link.getAttribute('href')) ?? '';

	const visitorContext = await browser.newContext();
	const visitor = await visitorContext.newPage();
	await visitor.goto(href);
	await expect(visitor.getByLabel(/Invite code/)).toHaveValue(code);
	const newcomer = uniqueName('joiner');
	await visitor.getByLabel('Username').fill(newcomer);
	await visitor.getByLabel('Password').fill('copper-lighthouse-maple');
	await visitor.getByLabel('Date of birth').fill(birthdayYearsAgo(15));
	await visitor.getByRole('checkbox', { name: /I have read and accept/ }).check();
	await visitor.getByRole('button', { name: 'Create account' }).click();
	await expect(visitor.getByRole('link', { name: newcomer })).toBeVisible();
	await visitorContext.close();

	await page.reload();
	await expect(row).toContainText('used up');
	await expect(row).toContainText('1 of 1');
	await expect(row.getByRole('link', { name: /register\?invite=/ })).toHaveCount(0);

	await row.getByRole('button', { name: `Revoke code ${code}` }).click();
	await expect(
		page.getByRole('status').filter({ hasText: `Invite code ${code} revoked.` })
	).toBeVisible();
	await expect(row).toContainText('revoked');
	await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);

	expect(await violations(page)).toEqual([]);
});

test('a young person is refused the staff pages with a 403', async ({ page, makeAccount }) => {
	const member = await makeAccount();
	await signIn(page, member);
	for (const path of ['/admin/users', '/admin/settings', '/staff/invites']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByText('This page is for staff with a different role.')).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Accounts' })).toHaveCount(0);
	}
	// A youth worker can hand out invites but cannot manage accounts.
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sign in' })
	).toBeVisible();
	await signIn(page, worker);
	expect((await page.goto('/admin/users'))?.status()).toBe(403);
});

test('someone signed out is sent to sign in first', async ({ page }) => {
	await page.goto('/admin/users');
	await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers$/);
});

test('bad input gets a clear message next to the field, never an error page', async ({
	page,
	makeAccount
}) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	await signIn(page, admin);

	// Invite codes
	await page.goto('/staff/invites');
	await page.getByLabel('Maximum uses').fill('0');
	await page.getByLabel('Expires in (days)').fill('7');
	await page.getByLabel('Note (optional)').fill('x'.repeat(300));
	await page.getByRole('button', { name: 'Create invite code' }).click();
	await expect(page.getByLabel('Maximum uses')).toHaveAccessibleDescription(
		/At least 1 person must be able to use it\./
	);
	await expect(page.getByLabel('Maximum uses')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Note (optional)')).toHaveValue('x'.repeat(300));
	await page.getByLabel('Maximum uses').fill('2');
	await page.getByLabel('Expires in (days)').fill('365');
	await page.getByRole('button', { name: 'Create invite code' }).click();
	await expect(page.getByLabel('Expires in (days)')).toHaveAccessibleDescription(/at most 90 days/);
	await expect(page.getByLabel('Note (optional)')).toHaveAccessibleDescription(
		/under 200 characters/
	);

	// Settings
	await page.goto('/admin/settings');
	await expect(
		page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Settings' })
	).toHaveAttribute('aria-current', 'page');
	await page.getByLabel('Youngest age that can join').fill('10');
	await page.getByLabel('Oldest age that can join').fill('');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByLabel('Youngest age that can join')).toHaveAccessibleDescription(
		/cannot be below 13/
	);
	await expect(page.getByLabel('Oldest age that can join')).toHaveAccessibleDescription(
		/Enter the oldest age/
	);
	await expect(page.getByLabel('Youngest age that can join')).toHaveValue('10');
	expect(await violations(page)).toEqual([]);

	// Searching for more than a username can hold
	await page.goto('/admin/users');
	await page.getByLabel('Find by username').fill('y'.repeat(40));
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByLabel('Find by username')).toHaveAccessibleDescription(
		/Usernames are at most 24 characters/
	);

	// Account addresses that cannot exist
	for (const id of ['abc', '0', '-3', '1.5', '99999999999999999999']) {
		const response = await page.goto(`/admin/users/${id}`);
		expect(response?.status(), id).toBe(404);
		await expect(page.getByText('There is no account with that number.')).toBeVisible();
	}
});

test('an admin saves the settings and sees them confirmed', async ({ page, makeAccount }) => {
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	await signIn(page, admin);
	await page.getByRole('link', { name: 'Admin', exact: true }).click();
	await page
		.getByRole('navigation', { name: 'Admin' })
		.getByRole('link', { name: 'Settings' })
		.click();
	// Saving what is already there: other tests running at the same time rely on open sign-up.
	await expect(page.getByRole('radio', { name: /Open: any young person/ })).toBeChecked();
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Settings saved.' })).toBeVisible();
});
