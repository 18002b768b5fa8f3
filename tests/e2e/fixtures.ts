/**
 * Shared Playwright fixtures: fresh accounts made straight in the end-to-end database (the way
 * an operator's CLI makes them), safeguarding alerts raised the way screening raises them, and
 * signing in the way a person does.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { openDatabase, type Database, type OpenDatabase } from '../../src/lib/server/db/client';
import { createAccount, OPERATOR } from '../../src/lib/server/accounts/manage';
import { users, type Role } from '../../src/lib/server/db/schema';
import {
	announceAlert,
	raiseAlert,
	type AlertLevel
} from '../../src/lib/server/safeguarding/alerts';

export interface Account {
	id: number;
	username: string;
	password: string;
}

export type MakeAccount = (options?: { roles?: Role[]; prefix?: string }) => Promise<Account>;

/**
 * Raises a safeguarding alert about someone through the services, as screening does when it
 * finds risk in what they wrote. This process has no live connections, so the server announces
 * it to on-duty staff within seconds (its sweep of unannounced alerts). Returns the alert id.
 */
type RaiseAlertFor = (
	subject: Pick<Account, 'id' | 'username'>,
	options?: { level?: AlertLevel; text?: string; reasons?: string[] }
) => Promise<number>;

export const test = base.extend<
	{ makeAccount: MakeAccount; raiseAlertFor: RaiseAlertFor },
	{ database: OpenDatabase }
>({
	page: async ({ page, javaScriptEnabled }, use) => {
		if (javaScriptEnabled !== false) waitForHydrationAfterLoads(page);
		await use(page);
	},
	database: [
		// eslint-disable-next-line no-empty-pattern -- Playwright reads fixture needs from this pattern
		async ({}, use) => {
			const url = process.env.E2E_DATABASE_URL;
			if (!url)
				throw new Error(
					'E2E_DATABASE_URL is not set: run end-to-end tests with `npm run test:e2e`.'
				);
			const handle = await openDatabase({ url });
			await use(handle);
			await handle.close();
		},
		{ scope: 'worker' }
	],
	makeAccount: async ({ database }, use) => {
		await use(async ({ roles = ['young_person'], prefix = 'member' } = {}) => {
			const username = `${prefix}_${randomBytes(4).toString('hex')}`.slice(0, 24);
			const password = `e2e-${randomBytes(6).toString('hex')}-pass`;
			const user = await createAccount(database.db, OPERATOR, { username, password, roles });
			return { id: user.id, username, password };
		});
	},
	raiseAlertFor: async ({ database }, use) => {
		await use(async (subject, { level = 'imminent', text, reasons } = {}) => {
			const db = database.db;
			const raised = await db.transaction((tx) =>
				raiseAlert(tx as unknown as Database, {
					level,
					source: 'screening',
					categories: ['suicide'],
					reasons: reasons ?? ['Talks about ending their life'],
					subject: { id: subject.id, username: subject.username },
					evidence: {
						contentType: 'post',
						contentId: randomBytes(3).toString('hex'),
						text: text ?? 'i cant keep going, tonight is the night'
					}
				})
			);
			await announceAlert(db, raised);
			return raised.alertId;
		});
	}
});

export { expect };

/**
 * An account that joined a month ago: rate limits and first-post holds treat newer members as
 * new, which tests about something else should not run into.
 */
export async function established(db: Database, account: Account): Promise<Account> {
	await db
		.update(users)
		.set({ createdAt: new Date(Date.now() - 30 * 86_400_000) })
		.where(eq(users.id, account.id));
	return account;
}

export async function signIn(
	page: Page,
	account: Pick<Account, 'username' | 'password'>
): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('Username').fill(account.username);
	await page.getByLabel('Password').fill(account.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	// Their name links to their account (in the menu, for staff on a phone).
	await expect(
		page.getByRole('link', { name: account.username, includeHidden: true })
	).toBeAttached();
}

/**
 * After loading a page, wait until the app has hydrated (the root layout marks <html>), as a
 * person waits for a page to finish loading: acting sooner races the app taking over the form,
 * which on a slow, busy machine can undo what was typed or opened.
 */
export function waitForHydrationAfterLoads(page: Page) {
	const goto = page.goto.bind(page);
	page.goto = async (url, options) => {
		const response = await goto(url, options);
		if (response?.headers()['content-type']?.includes('text/html'))
			await page
				.locator('html[data-hydrated]')
				.waitFor({ state: 'attached', timeout: 10_000 })
				.catch(() => {}); // a page without the app (offline copy, error) acts as before
		return response;
	};
}
