/**
 * The forum as members use it between posts: a supportive reaction shows live for someone else
 * reading the conversation; following and stopping; choosing to see content warnings open, with
 * some always kept folded (a category's list names an opening post's warning); a category's list
 * offering what is new; reporting a member and being thanked; a reporter whose own note says they
 * are not safe shown help with the thanks; searching for a very common word.
 */
import type { Page } from '@playwright/test';
import { test, expect, established, signIn } from './fixtures';
import { actor, approvedConversation } from './forum-setup';
import { violations, mainNav, waitUntilLive, signedInPage } from './page-helpers';
import { createCategory } from '../../src/lib/server/forum/categories';
import { replyToThread } from '../../src/lib/server/forum/reply';
import { approvePost } from '../../src/lib/server/moderation/held-posts';
import { SEARCH_MATCH_LIMIT, SEARCH_MAX_PAGES } from '../../src/lib/forum';
import { publishedReplies } from '../support/forum-posts';

/** A youth worker starts a conversation from the forum, optionally with a content warning. */
async function startConversation(
	page: Page,
	{ title, body, warning }: { title: string; body: string; warning?: string }
): Promise<string> {
	await page.goto('/forum/mental-health/new');
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Your post').fill(body);
	if (warning) await page.getByLabel('Content warning (optional)').selectOption(warning);
	await page.getByRole('button', { name: 'Post conversation' }).click();
	await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
	return new URL(page.url()).pathname;
}

test('a reaction one member gives shows live for another member reading the conversation', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	test.setTimeout(60_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const author = await makeAccount({ prefix: 'author' });
	const giver = await makeAccount({ prefix: 'giver' });
	const reader = await makeAccount({ prefix: 'reader' });
	const thread = await approvedConversation(database.db, author, worker, {
		title: `Passed my driving test ${Date.now()}`,
		body: 'Third time lucky!'
	});

	const readerPage = await signedInPage(browser, reader);
	await readerPage.goto(thread);
	await waitUntilLive(readerPage);
	await readerPage.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	const seenByReader = readerPage.getByRole('article', { name: `Post by ${author.username}` });
	await expect(seenByReader.getByRole('button', { name: 'Proud of you, 0' })).toBeVisible();

	await signIn(page, giver);
	await page.goto(thread);
	const post = page.getByRole('article', { name: `Post by ${author.username}` });
	const proud = post.getByRole('button', { name: /^Proud of you, \d+$/ });
	await expect(proud).toHaveAttribute('aria-pressed', 'false');
	await proud.click();
	await expect(post.getByRole('button', { name: 'Proud of you, 1' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	// The reader's open page changes without a reload, and does not count it as theirs.
	const readerProud = seenByReader.getByRole('button', { name: 'Proud of you, 1' });
	await expect(readerProud).toBeVisible();
	await expect(readerProud).toHaveAttribute('aria-pressed', 'false');
	expect(await readerPage.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(
		true
	);

	// It is kept; pressing again takes it back, for everyone.
	await page.reload();
	await expect(post.getByRole('button', { name: 'Proud of you, 1' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await post.getByRole('button', { name: 'Proud of you, 1' }).click();
	await expect(post.getByRole('button', { name: 'Proud of you, 0' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);
	await expect(seenByReader.getByRole('button', { name: 'Proud of you, 0' })).toBeVisible();

	// The author sees counts on their own post, but no buttons to react to themselves.
	await readerPage.context().close();
	const authorPage = await signedInPage(browser, author);
	await authorPage.goto(thread);
	await expect(
		authorPage
			.getByRole('article', { name: `Post by ${author.username}` })
			.getByRole('button', { name: /Proud of you/ })
	).toHaveCount(0);
	await authorPage.context().close();
});

test('@phone a category’s list offers new conversations and replies as they come, without moving', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	test.setTimeout(60_000);
	const stamp = Date.now();
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const author = await makeAccount({ prefix: 'author' });
	const member = await makeAccount();
	// A category of its own, so conversations other tests start elsewhere are not counted.
	const admin = await makeAccount({ roles: ['admin'], prefix: 'admin' });
	const category = await createCategory(database.db, actor(admin, ['admin']), {
		name: `Travel ${stamp}`,
		description: 'Getting about.'
	});
	const older = `Bus fares ${stamp}`;
	const thread = await approvedConversation(database.db, author, worker, {
		title: older,
		body: 'Any tips for cheaper tickets?',
		category: category.slug
	});

	await signIn(page, member);
	await page.goto(`/forum/${category.slug}`);
	await waitUntilLive(page);
	await expect(page.getByRole('link', { name: older })).toBeVisible();
	const notice = page.getByRole('status').filter({ hasText: /new (conversation|repl)/ });
	await expect(notice).toHaveCount(0);

	// A youth worker starts a conversation there and replies to the older one.
	const workerPage = await signedInPage(browser, worker);
	const newer = `Railcards ${stamp}`;
	await workerPage.goto(`/forum/${category.slug}/new`);
	await workerPage.getByLabel('Title').fill(newer);
	await workerPage.getByLabel('Your post').fill('You can get a third off with one.');
	await workerPage.getByRole('button', { name: 'Post conversation' }).click();
	await expect(workerPage.getByRole('heading', { level: 1, name: newer })).toBeVisible();
	await workerPage.goto(thread);
	await workerPage.getByLabel('Your reply').fill('Try a 16-25 Railcard.');
	await workerPage.getByRole('button', { name: 'Post reply' }).click();
	await expect(workerPage.getByText('Your reply is posted.')).toBeVisible();
	await workerPage.context().close();

	// Said politely; the list stays as it was until the member asks.
	await expect(notice).toHaveText('1 new conversation and 1 new reply');
	await expect(page.getByRole('link', { name: newer })).toHaveCount(0);
	expect(await violations(page)).toEqual([]);
	// Asked for from the keyboard: the list updates and focus moves to the first conversation in
	// it (the older one, its reply the latest activity), where a keyboard user can see it.
	await page.getByRole('button', { name: 'Show them' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('link', { name: newer })).toBeVisible();
	const first = page.getByRole('region', { name: 'Conversations' }).getByRole('link').first();
	await expect(first).toHaveText(older);
	await expect(first).toBeFocused();
	await expect(first).toBeInViewport();
	expect(await first.evaluate((link) => link.matches(':focus-visible'))).toBe(true);
	await expect(notice).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Show them' })).toHaveCount(0);
	await expect(page.getByRole('listitem').filter({ hasText: older })).toContainText('1 reply');
});

test('a member follows a conversation and stops following it, there and from preferences', async ({
	page,
	browser,
	makeAccount
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount();
	const workerPage = await signedInPage(browser, worker);
	const title = `Study group ${Date.now()}`;
	const thread = await startConversation(workerPage, {
		title,
		body: 'Who wants to revise together?'
	});
	// Starting it follows it.
	await expect(workerPage.getByText('You are following this conversation.')).toBeVisible();
	await workerPage.context().close();

	await signIn(page, member);
	await page.goto(thread);
	await expect(page.getByText('You are not following this conversation.')).toBeVisible();
	await page.getByRole('button', { name: 'Follow this conversation' }).click();
	await expect(page.getByText('You are following this conversation.')).toBeVisible();
	await page.getByRole('button', { name: 'Stop following' }).click();
	await expect(page.getByText('You are not following this conversation.')).toBeVisible();
	await page.getByRole('button', { name: 'Follow this conversation' }).click();
	await expect(page.getByText('You are following this conversation.')).toBeVisible();

	await mainNav(page).getByRole('link', { name: 'Preferences' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your preferences' })).toBeVisible();
	const following = page.getByRole('region', { name: 'Conversations you follow' });
	await expect(following.getByRole('link', { name: title })).toBeVisible();
	await following.getByRole('button', { name: `Stop following “${title}”` }).click();
	await expect(page.getByRole('status').filter({ hasText: 'You stopped following' })).toBeVisible();
	await expect(following.getByRole('link', { name: title })).toHaveCount(0);

	await page.goto(thread);
	await expect(page.getByText('You are not following this conversation.')).toBeVisible();
});

test('@phone a member opens content warnings without asking, except the ones they keep folded', async ({
	page,
	browser,
	makeAccount
}) => {
	test.setTimeout(60_000);
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount();
	const workerPage = await signedInPage(browser, worker);
	const griefWords = 'My nan died last week and I keep crying.';
	const harmWords = 'Some words about hurting myself in the past.';
	const title = `Hard weeks ${Date.now()}`;
	const thread = await startConversation(workerPage, {
		title,
		body: griefWords,
		warning: 'grief'
	});
	await workerPage.getByLabel('Your reply').fill(harmWords);
	await workerPage.getByLabel('Content warning (optional)').selectOption('self-harm');
	await workerPage.getByRole('button', { name: 'Post reply' }).click();
	await expect(workerPage.getByText('Your reply is posted.')).toBeVisible();
	await workerPage.context().close();

	// The category's list says so before the conversation is opened.
	await signIn(page, member);
	await page.goto('/forum/mental-health');
	const listed = page.getByRole('link', { name: title });
	await expect(listed).toHaveAccessibleDescription('Content warning: grief');
	await expect(
		page.getByRole('listitem').filter({ has: listed }).getByText('Content warning: grief')
	).toBeVisible();

	// By default both are folded until opened.
	await page.goto(thread);
	await expect(page.getByText('Content warning: grief. Show post')).toBeVisible();
	await expect(page.getByText(griefWords)).toBeHidden();
	await expect(page.getByText(harmWords)).toBeHidden();
	// Nothing to react to or quote until it is opened; reporting it stays.
	const opening = page.getByRole('article', { name: `Post by ${worker.username}` });
	await expect(opening.getByRole('button', { name: 'Sending love, 0' })).toHaveCount(0);
	await expect(opening.getByRole('link', { name: `Quote ${worker.username}` })).toHaveCount(0);
	await expect(
		opening.getByRole('link', { name: `Report post by ${worker.username}` })
	).toBeVisible();
	await page.getByText('Content warning: grief. Show post').click();
	await expect(page.getByText(griefWords)).toBeVisible();
	await expect(opening.getByRole('button', { name: 'Sending love, 0' })).toBeVisible();
	await expect(opening.getByRole('link', { name: `Quote ${worker.username}` })).toBeVisible();

	await page.goto('/account');
	await page.getByRole('link', { name: 'Change your preferences' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Your preferences' })).toBeVisible();
	expect(await violations(page)).toEqual([]);
	await page.getByLabel('Open posts with content warnings without asking').check();
	await page
		.getByRole('group', { name: 'Always keep these folded' })
		.getByLabel('Self-harm')
		.check();

	// Too many of their own words: a clear message tied to the field, and nothing is lost.
	const eleven = Array.from({ length: 11 }, (_, i) => `topic ${i + 1}`).join('\n');
	const own = page.getByLabel('Your own words to keep folded (optional)');
	await own.fill(eleven);
	await page.getByRole('button', { name: 'Save preferences' }).click();
	await expect(own).toHaveAccessibleDescription(/You can add up to 10 of your own words/);
	await expect(own).toHaveValue(eleven);
	await expect(page.getByLabel('Open posts with content warnings without asking')).toBeChecked();
	expect(await violations(page)).toEqual([]);

	await own.fill('exams\nmy dad');
	await page.getByRole('button', { name: 'Save preferences' }).click();
	await expect(page.getByText('Your preferences are saved.')).toBeVisible();

	await page.goto(thread);
	await expect(page.getByText(griefWords)).toBeVisible();
	await expect(page.getByText('Content warning: self-harm. Show post')).toBeVisible();
	await expect(page.getByText(harmWords)).toBeHidden();
	expect(await violations(page)).toEqual([]);

	// Search results fold the same way.
	const result = (page: Page) =>
		page.getByRole('listitem').filter({ has: page.getByRole('link', { name: title }) });
	await page.goto('/forum/search?q=hurting+myself');
	await expect(result(page).getByText('Content warning: self-harm. Show excerpt')).toBeVisible();
	await expect(result(page).getByText(/hurting/)).toBeHidden();
	await page.goto('/forum/search?q=crying');
	await expect(result(page).getByText(/keep crying/)).toBeVisible();
});

test('reacting works without JavaScript too', async ({ browser, makeAccount, database }) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	// Established: they start two conversations in a row.
	const author = await established(database.db, await makeAccount({ prefix: 'author' }));
	const giver = await makeAccount({ prefix: 'giver' });
	const thread = await approvedConversation(database.db, author, worker, {
		title: `Got the job ${Date.now()}`,
		body: 'Starting Monday!'
	});
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, giver);
	await page.goto(thread);
	const post = page.getByRole('article', { name: `Post by ${author.username}` });
	await post.getByRole('button', { name: 'Sending love, 0' }).click();
	await expect(post.getByRole('button', { name: 'Sending love, 1' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await post.getByRole('button', { name: 'Sending love, 1' }).click();
	await expect(post.getByRole('button', { name: 'Sending love, 0' })).toHaveAttribute(
		'aria-pressed',
		'false'
	);

	// Behind a content warning, the buttons show once the words are opened, and stay open after.
	const warned = await approvedConversation(database.db, author, worker, {
		title: `Rough week ${Date.now()}`,
		body: 'My grandad is in hospital.',
		warning: 'grief'
	});
	await page.goto(warned);
	const folded = page.getByRole('article', { name: `Post by ${author.username}` });
	await expect(folded.getByRole('button', { name: 'Sending love, 0' })).toHaveCount(0);
	await folded.getByText('Content warning: grief. Show post').click();
	await folded.getByRole('button', { name: 'Sending love, 0' }).click();
	await expect(folded.getByText('My grandad is in hospital.')).toBeVisible();
	await expect(folded.getByRole('button', { name: 'Sending love, 1' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await context.close();
});

test('a member reports another member from one of their posts and is thanked', async ({
	page,
	makeAccount,
	database
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const author = await makeAccount({ prefix: 'author' });
	const reporter = await makeAccount({ prefix: 'reporter' });
	const thread = await approvedConversation(database.db, author, worker, {
		title: `Group chat drama ${Date.now()}`,
		body: 'Everyone in my class is fake.'
	});

	await signIn(page, reporter);
	await page.goto(thread);
	const post = page.getByRole('article', { name: `Post by ${author.username}` });
	await post.getByRole('link', { name: `Report post by ${author.username}` }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Report' })).toBeVisible();
	await expect(page.getByText('Everyone in my class is fake.')).toBeVisible();

	await page
		.getByRole('group', { name: 'What are you reporting?' })
		.getByLabel(`${author.username}’s behaviour, not just this post`)
		.check();
	await page.getByRole('group', { name: 'What is wrong?' }).getByLabel('Something else').check();
	await page.getByRole('button', { name: 'Send report' }).click();
	const note = page.getByRole('textbox', { name: 'Anything else we should know?' });
	await expect(note).toHaveAccessibleDescription(/Tell us a little about what is worrying you/);

	await note.fill('They keep messaging people to meet up.');
	await page.getByRole('button', { name: 'Send report' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Thank you' })).toHaveText(
		'Thank you for telling us. A youth worker will look into it. You will not hear back, and they are never told who reported them.'
	);
	expect(await violations(page)).toEqual([]);
	await page.getByRole('link', { name: 'Back to the conversation' }).click();
	await expect(post).toBeVisible();
});

test('@phone a reporter whose own note says they are not safe is thanked and shown help at once', async ({
	page,
	makeAccount,
	database
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const author = await makeAccount({ prefix: 'author' });
	const reporter = await makeAccount({ prefix: 'reporter' });
	const thread = await approvedConversation(database.db, author, worker, {
		title: `Lunchtime ${Date.now()}`,
		body: 'Nobody wants to sit with you anyway.'
	});

	await signIn(page, reporter);
	await page.goto(thread);
	const post = page.getByRole('article', { name: `Post by ${author.username}` });
	await post.getByRole('link', { name: `Report post by ${author.username}` }).click();
	await page
		.getByRole('group', { name: 'What is wrong?' })
		.getByLabel('Unkind or bullying')
		.check();
	await page
		.getByRole('textbox', { name: 'Anything else we should know?' })
		.fill(
			'they keep picking on me and i cant do this anymore im going to take all my pills tonight'
		);
	await page.getByRole('button', { name: 'Send report' }).click();

	const panel = page.getByRole('alert').filter({
		has: page.getByRole('heading', { name: 'You don’t have to go through this alone' })
	});
	await expect(panel).toBeVisible();
	await expect(panel).toContainText('If you are in immediate danger, call 999.');
	await expect(panel.getByRole('heading')).toBeFocused();
	await expect(page.getByRole('status').filter({ hasText: 'Thank you' })).toHaveText(
		'Thank you for telling us. A youth worker will look at it. You will not hear back, and nobody is told who reported it.'
	);
	expect(await violations(page)).toEqual([]);
});

test('a report reaches the review queue; the youth worker hides the post and readers no longer see it', async ({
	page,
	browser,
	makeAccount,
	database
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const author = await makeAccount({ prefix: 'seller' });
	const reporter = await makeAccount({ prefix: 'reporter' });
	const thread = await approvedConversation(database.db, worker, worker, {
		title: `Revision tips ${Date.now()}`,
		body: 'What helps you revise?'
	});
	const threadId = Number(thread.split('/').pop());
	const reply = await replyToThread(database.db, actor(author, ['young_person']), {
		threadId,
		body: 'Buy my revision notes, cheap, message me.'
	});
	if (reply.status === 'blocked') throw new Error(reply.message);
	if (reply.status === 'held')
		await approvePost(database.db, actor(worker, ['youth_worker']), { postId: reply.postId });

	// The reporter reports the reply as spam and is thanked.
	await signIn(page, reporter);
	await page.goto(thread);
	const post = page.getByRole('article', { name: `Reply by ${author.username}` });
	await post.getByRole('link', { name: `Report post by ${author.username}` }).click();
	await page.getByRole('group', { name: 'What is wrong?' }).getByLabel('Spam').check();
	await page.getByRole('button', { name: 'Send report' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Thank you' })).toBeVisible();

	// The youth worker finds it in the queue with its reason, and hides it.
	const workerPage = await (await browser.newContext()).newPage();
	await signIn(workerPage, worker);
	await workerPage.goto('/mod?kind=reported');
	const item = workerPage.getByRole('article', { name: `Reply by ${author.username}` });
	await expect(item).toContainText('Spam (1)');
	await item.getByText(`Hide the reply by ${author.username}`, { exact: true }).click();
	await item.getByLabel('Why it is hidden').fill('Selling is not allowed here.');
	await item.getByRole('button', { name: 'Hide post' }).click();
	await expect(
		workerPage.getByRole('status').filter({ hasText: 'Hidden: its author has been told why.' })
	).toBeVisible();
	await workerPage.context().close();

	// Readers no longer see it; the reporter is not told anything more.
	await page.goto(thread);
	await expect(page.getByText('Buy my revision notes')).toHaveCount(0);
	await expect(page.getByRole('article', { name: `Reply by ${author.username}` })).toHaveCount(0);
});

test('a post’s words show once, from the page, and are replaced when its author edits it', async ({
	page,
	browser,
	makeAccount
}) => {
	// The page's data leaves out the posts' HTML, which the browser reads back from the page
	// ($lib/post-bodies). Were it not read back, the words would still show, but a later change
	// would be added beside them instead of replacing them: the edit below would show both.
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const member = await makeAccount();
	const workerPage = await signedInPage(browser, worker);
	const before = `Bring snacks to the study group ${Date.now()}`;
	const after = `Bring fruit to the study group ${Date.now()}`;
	const thread = await startConversation(workerPage, { title: 'Study snacks', body: before });

	await signIn(page, member);
	await page.goto(thread);
	await waitUntilLive(page);
	await expect(page.getByText(before)).toHaveCount(1);

	// "Edit (your post)" opens the form; its field has the same words, hidden until then.
	await workerPage
		.getByText(/^Edit\s*your post$/)
		.filter({ visible: true })
		.click();
	await workerPage.getByLabel('Edit your post').fill(after);
	await workerPage.getByRole('button', { name: 'Save changes' }).click();
	await expect(workerPage.getByText('Your changes are saved.')).toBeVisible();
	await expect(workerPage.getByText(after)).toHaveCount(1);
	await expect(workerPage.getByText(before)).toHaveCount(0);

	// The member's page hears of the change and fetches itself again (data without a page).
	await expect(page.getByText(after)).toHaveCount(1);
	await expect(page.getByText(before)).toHaveCount(0);
	await workerPage.context().close();
});

test('searching for a very common word shows the best of the newest matches and says there are more', async ({
	page,
	makeAccount,
	database
}) => {
	const worker = await makeAccount({ roles: ['youth_worker'], prefix: 'worker' });
	const word = `wombat${Date.now().toString(36)}`;
	const thread = await approvedConversation(database.db, worker, worker, {
		title: `The ${word} club`,
		body: 'Say hello!'
	});
	await publishedReplies(database.db, {
		threadId: Number(thread.split('/').pop()),
		authorId: worker.id,
		count: SEARCH_MATCH_LIMIT + 1,
		body: (i) => `hello from ${word} number ${i}`
	});

	await signIn(page, await makeAccount());
	await page.goto('/forum/search');
	await page.getByRole('searchbox', { name: 'Search for' }).fill(word);
	await page.getByRole('button', { name: 'Search' }).click();
	const results = page.getByRole('region', {
		name: `More than ${SEARCH_MATCH_LIMIT} posts found`
	});
	await expect(results).toBeVisible();
	await expect(page.getByText(`best matches among the ${SEARCH_MATCH_LIMIT} newest`)).toBeVisible();
	// The title ranks first; the results go on to the last page.
	await expect(results.getByRole('listitem').getByRole('link').first()).toHaveText(
		`The ${word} club`
	);
	const pages = page.getByRole('navigation', { name: 'Pages of results' }).first();
	await expect(pages).toContainText(`Page 1 of ${SEARCH_MAX_PAGES}`);
	await page.goto(`/forum/search?q=${word}&page=${SEARCH_MAX_PAGES}`);
	await expect(pages).toContainText(`Page ${SEARCH_MAX_PAGES} of ${SEARCH_MAX_PAGES}`);
	await expect(results.getByRole('listitem').filter({ hasText: word })).toHaveCount(20);
	expect(await violations(page)).toEqual([]);
});
