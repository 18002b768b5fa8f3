/**
 * A held idea reviewed as people do it, each in their own browser: a young person shares an idea
 * with a phone number in it (held: only they and staff see it), a youth worker finds it in the
 * review queue with the session and why, takes it and approves it, and the young person's open
 * board shows it as published while another member's board receives it, without a reload. On a
 * phone, a youth worker keeps one hidden from the board itself, its author reads why, and the
 * decision is in her moderation history.
 */
import type { Page } from '@playwright/test';
import { test, expect, established, signIn, type Account } from './fixtures';
import { signedInPage, violations, waitUntilLive } from './page-helpers';
import type { Database } from '../../src/lib/server/db';
import { createWorkshop } from '../../src/lib/server/workshops/setup';
import { setPhase } from '../../src/lib/server/workshops/facilitation';

const board = (page: Page) => page.getByRole('region', { name: 'Board' });
const WAITING = 'Waiting for a youth worker';

/** A session already sharing ideas, set up by a coproduction lead through the services. */
async function runningSession(db: Database, lead: Account, title: string) {
	const actor = {
		id: lead.id,
		username: lead.username,
		roles: ['coproduction_lead' as const],
		staff: true,
		sessionVersion: 0,
		mutedUntil: null
	};
	const workshop = await createWorkshop(db, actor, {
		title,
		questions: 'What would make a clinic feel welcoming?',
		influence: 'consultation',
		startsAt: '2026-12-01T18:30',
		access: 'members',
		votesPerPerson: '3',
		template: 'brainstorm'
	});
	await setPhase(db, actor, { workshopId: workshop.id, to: 'gathering' });
	return workshop;
}

async function shareHeld(page: Page, text: string) {
	await page.getByLabel('Your idea').fill(text);
	await page.getByRole('button', { name: 'Add idea' }).click();
	const card = board(page).getByRole('article', { name: text });
	await expect(card).toContainText(WAITING);
	return card;
}

test('a youth worker approves a held idea from the review queue; the author’s open board shows it published', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	test.setTimeout(90_000);
	const db = database.db;
	const lead = await makeAccount({ roles: ['coproduction_lead'], prefix: 'lead' });
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const amara = await established(db, await makeAccount({ prefix: 'amara' }));
	const kofi = await established(db, await makeAccount({ prefix: 'kofi' }));
	const title = `Clinic ideas ${amara.username}`;
	const workshop = await runningSession(db, lead, title);
	const idea = 'Text me on 07700 900123 and I can help run it';

	await signIn(page, amara);
	await page.goto(`/sessions/${workshop.id}`);
	await waitUntilLive(page);
	const mine = await shareHeld(page, idea);
	await expect(
		page.getByRole('status').filter({ hasText: 'A youth worker will read this' })
	).toBeVisible();

	const k = await signedInPage(browser, kofi);
	await k.goto(`/sessions/${workshop.id}`);
	await waitUntilLive(k);
	await expect(board(k).getByText(idea)).toHaveCount(0);

	const w = await signedInPage(browser, worker);
	await w.goto('/mod?kind=held_ideas');
	const item = w.getByRole('article', { name: `Idea by ${amara.username}` });
	await expect(item).toContainText('Held idea (idea session)');
	await expect(item).toContainText(idea);
	await expect(item).toContainText('Personal information');
	await expect(item.getByRole('link', { name: title })).toHaveAttribute(
		'href',
		new RegExp(`/sessions/${workshop.id}#idea-\\d+$`)
	);
	expect(await violations(w)).toEqual([]);

	await item
		.getByRole('button', { name: `I’ll take this (the idea by ${amara.username})` })
		.click();
	await expect(item).toContainText('You are looking at this');
	await item.getByRole('button', { name: `Approve the idea by ${amara.username}` }).click();
	await expect(
		w.getByRole('status').filter({ hasText: 'Approved: everyone in the idea session sees it now' })
	).toBeVisible();
	await expect(item).toHaveCount(0);

	// Without a reload: published on the author's board, and on another member's.
	await expect(mine).not.toContainText(WAITING);
	await expect(mine).toBeVisible();
	await expect(board(k).getByRole('article', { name: idea })).toBeVisible();
	await expect(board(k).getByRole('article', { name: idea })).not.toContainText(WAITING);
});

test('@phone a youth worker keeps a held idea hidden from the board; its author reads why', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	test.setTimeout(90_000);
	const db = database.db;
	const lead = await makeAccount({ roles: ['coproduction_lead'], prefix: 'lead' });
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const amara = await established(db, await makeAccount({ prefix: 'amara' }));
	const workshop = await runningSession(db, lead, `Board review ${amara.username}`);
	const idea = 'My number is 07700 900123, call me';

	await signIn(page, amara);
	await page.goto(`/sessions/${workshop.id}`);
	await waitUntilLive(page);
	const mine = await shareHeld(page, idea);

	const w = await signedInPage(browser, worker);
	await w.goto(`/sessions/${workshop.id}`);
	await waitUntilLive(w);
	const card = board(w).getByRole('article', { name: idea });
	await expect(card).toContainText(WAITING);
	await card.getByRole('button', { name: 'Keep hidden this idea' }).click();
	await card.getByRole('button', { name: 'Keep it hidden' }).click();
	await expect(card.getByRole('alert')).toContainText('Say why it stays hidden');
	await card
		.getByLabel('Why it stays hidden (its author reads this)')
		.fill('Please keep phone numbers off the board.');
	expect(await violations(w)).toEqual([]);
	await card.getByRole('button', { name: 'Keep it hidden' }).click();
	await expect(card).toContainText('Hidden from others');
	await expect(card.getByRole('button', { name: 'Approve this idea' })).toHaveCount(0);

	await expect(mine).toContainText('Hidden from others: Please keep phone numbers off the board.');
	await expect(mine).not.toContainText(WAITING);
	expect(await violations(page)).toEqual([]);

	// The decision is part of her moderation history, for whoever looks at her next.
	await w.goto(`/mod/members/${amara.id}`);
	const history = w.getByRole('region', { name: 'In idea sessions' });
	await expect(history).toContainText(`Held idea kept hidden, by ${worker.username}`);
	await expect(history).toContainText(`They wrote: “${idea}”`);
	await expect(history).toContainText('Why: Please keep phone numbers off the board.');
	await expect(history.getByRole('link', { name: `Board review ${amara.username}` })).toBeVisible();
});
