/**
 * A big board (more ideas than a phone draws as the page loads): every idea is on the page moments
 * after it opens, for find-in-page and screen readers, and a link to an idea far down the board
 * (as the review queue and notifications give) shows that idea.
 */
import { test, expect, established, signIn } from './fixtures';
import { waitUntilLive } from './page-helpers';
import { addIdea, makeSession } from '../support/workshops';

const IDEAS = 70;

test('every idea of a big board is on the page, and a link to the last one shows it @phone', async ({
	page,
	makeAccount,
	database
}) => {
	const db = database.db;
	const member = await established(db, await makeAccount({ prefix: 'amara' }));
	const workshop = await makeSession(db, { title: 'A big board', phase: 'gathering' });
	const ideas = [];
	for (let i = 1; i <= IDEAS; i++)
		ideas.push(await addIdea(db, workshop, null, `Idea number ${i} for the youth centre`));
	const board = page.getByRole('region', { name: 'Board' });

	await signIn(page, member);
	const last = ideas.at(-1)!;
	await page.goto(`/sessions/${workshop.id}#idea-${last.id}`);
	await waitUntilLive(page);
	await expect(board.getByRole('article', { name: last.body })).toBeInViewport();

	await page.goto(`/sessions/${workshop.id}`);
	await waitUntilLive(page);
	await expect(board.getByRole('article')).toHaveCount(IDEAS);
	await expect(board.getByRole('heading', { name: `Ideas (${IDEAS})` })).toBeVisible();
});
