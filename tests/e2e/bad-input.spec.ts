/** Hostile and mistaken requests get a clear answer and change nothing: never a 500. */
import { test, expect, signIn } from './fixtures';

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const headers = (origin: string) => ({
	'content-type': 'application/x-www-form-urlencoded',
	origin,
	'x-sveltekit-action': 'true'
});

test('a form post over 64 KB is refused with 413 and a readable message', async ({
	request,
	baseURL
}) => {
	const response = await request.post('/register', {
		headers: headers(baseURL!),
		data: form({ username: 'a', password: 'x'.repeat(70 * 1024) })
	});
	expect(response.status()).toBe(413);
	expect(await response.text()).toContain('too much to send');
});

test('absurd sign-in input gets a clear refusal, not an error page', async ({
	request,
	baseURL
}) => {
	for (const fields of [
		{ username: 'u'.repeat(5000), password: 'p'.repeat(5000) },
		{ username: "' OR 1=1 --", password: 'anything-at-all' },
		{ username: '', password: '' },
		{ username: '\u0000\u202e', password: '\ud83d\ude00'.repeat(100) }
	]) {
		const response = await request.post('/login', {
			headers: headers(baseURL!),
			data: form(fields)
		});
		expect(response.status()).toBe(200); // SvelteKit answers enhanced actions with a JSON outcome
		const body = await response.json();
		expect(body).toMatchObject({ type: 'failure', status: 400 });
	}
});

test('registration with hostile values is refused field by field and creates nobody', async ({
	request,
	baseURL,
	database
}) => {
	const response = await request.post('/register', {
		headers: headers(baseURL!),
		data: form({
			username: '<script>alert(1)</script>',
			password: 'short',
			dateOfBirth: '2010-02-31',
			acceptGuidelines: 'yes'
		})
	});
	const body = await response.json();
	expect(body).toMatchObject({ type: 'failure', status: 400 });
	for (const field of ['username', 'password', 'dateOfBirth', 'acceptGuidelines'])
		expect(body.data).toContain(field);
	const { users } = await import('../../src/lib/server/db/schema');
	const { sql } = await import('drizzle-orm');
	const rows = await database.db
		.select()
		.from(users)
		.where(sql`${users.username} like '%script%'`);
	expect(rows).toHaveLength(0);
});

test('a form post from another site is refused', async ({ request }) => {
	const response = await request.post('/login', {
		headers: headers('https://evil.example'),
		data: form({ username: 'someone', password: 'something-long' })
	});
	expect(response.status()).toBe(403);
});

test('health and readiness answer for the load balancer', async ({ request }) => {
	expect((await request.get('/healthz')).status()).toBe(200);
	const ready = await request.get('/readyz');
	expect(ready.status()).toBe(200);
	expect(await ready.json()).toMatchObject({ status: 'ready', database: 'postgres' });
});

test('a page that does not exist says so kindly', async ({ page }) => {
	const response = await page.goto('/no-such-page');
	expect(response?.status()).toBe(404);
	await expect(page.getByText('We could not find that page.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Get help now' })).toBeVisible();
});

test('a sign-in link cannot send someone to another site', async ({ page, makeAccount }) => {
	await signIn(page, await makeAccount());
	// A browser drops the tab and reads "/\t/evil.example" as "//evil.example": another site.
	for (const next of [
		'/%09/evil.example',
		'//evil.example',
		'/%5Cevil.example',
		'https://evil.example'
	]) {
		const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
		expect(response.status(), next).toBe(303);
		expect(response.headers().location, next).toBe('/');
	}
	const onSite = await page.request.get('/login?next=/forum%3Fpage%3D2', { maxRedirects: 0 });
	expect(onSite.headers().location).toBe('/forum?page=2');
});

test('a control character in a search or an address is handled, not an error', async ({
	page,
	makeAccount
}) => {
	await signIn(page, await makeAccount());
	const search = await page.goto('/forum/search?q=exam%00stress');
	expect(search?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 2, name: /found/ })).toBeVisible();
	for (const address of ['/forum/%00', '/forum/%00/new', '/forum/%1Fmental-health'])
		expect((await page.goto(address))?.status(), address).toBe(404);
});
