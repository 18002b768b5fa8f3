/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Keeps "Get help now" (/help) on the device, so a young person whose signal drops still sees
 * the numbers to call and text. Only /help and the app's own code and static files are kept:
 *
 *   - /help: network first, the saved copy when the network fails. The copy kept is always the
 *     signed-out page (fetched without cookies), so nothing personal is stored.
 *   - built assets and static files: from the cache (their names change with every build).
 *   - everything else, signed-in pages included: straight to the network, never stored.
 *
 * The saved page keeps its own Content-Security-Policy header and nonce, so app.html's quick-exit
 * script still runs on it.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const CACHE = `together-help-${version}`;
const HELP = '/help';
const ASSETS = new Set([...build, ...files]);
/** Filtered copies of /help (?how=text…) kept besides the plain one, newest first. */
const MAX_HELP_COPIES = 12;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...ASSETS]);
			// Saved at once, so /help works offline even if the person never opened it.
			await saveSignedOutCopy(cache, HELP).catch(() => {});
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys())
				if (key !== CACHE && key.startsWith('together-')) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (ASSETS.has(url.pathname)) event.respondWith(fromCacheFirst(request));
	else if (url.pathname === HELP && request.mode === 'navigate')
		event.respondWith(helpFromNetworkFirst(event, url));
	// Anything else is left to the browser: not stored, not answered from a cache.
});

async function fromCacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const cached = await cache.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

async function helpFromNetworkFirst(event: FetchEvent, url: URL): Promise<Response> {
	const key = url.pathname + url.search;
	const cache = await caches.open(CACHE);
	try {
		const response = await fetch(event.request);
		if (response.ok) {
			// A signed-in page is marked private by the server: keep the signed-out copy instead.
			const saving = isShareable(response)
				? cache.put(key, response.clone())
				: saveSignedOutCopy(cache, key);
			event.waitUntil(saving.then(() => forgetOldCopies(cache)).catch(() => {}));
		}
		return response;
	} catch (error) {
		const saved =
			(await cache.match(key, { ignoreVary: true })) ??
			(await cache.match(HELP, { ignoreVary: true }));
		if (saved) return saved;
		throw error;
	}
}

/** /help as anyone signed out sees it: no cookies go with the request. */
async function saveSignedOutCopy(cache: Cache, key: string): Promise<void> {
	const response = await fetch(key, { credentials: 'omit', cache: 'no-store' });
	if (response.ok && isShareable(response)) await cache.put(key, response);
}

function isShareable(response: Response): boolean {
	const control = response.headers.get('cache-control') ?? '';
	return !/\b(no-store|private)\b/i.test(control);
}

async function forgetOldCopies(cache: Cache): Promise<void> {
	const copies = (await cache.keys()).filter((request) => {
		const url = new URL(request.url);
		return url.pathname === HELP && url.search !== '';
	});
	// Keys come back oldest first; the plain /help copy is never dropped.
	for (const request of copies.slice(0, Math.max(0, copies.length - MAX_HELP_COPIES)))
		await cache.delete(request);
}
