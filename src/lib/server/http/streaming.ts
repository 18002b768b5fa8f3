/**
 * SvelteKit hashes every page it sends in one piece for an ETag (djb2 over the whole HTML: about
 * 8% of the server's time on a busy 50-post thread page, plus encoding the page once more for a
 * Content-Length), and skips both for a page whose data has a promise in it, which it streams.
 * Signed-in pages are sent `Cache-Control: private, no-store` (hooks.server.ts), so nothing ever
 * revalidates against their ETag: a signed-in page's load can return `{ sentAsStream: sentAsStream() }`
 * to be streamed instead. The promise is already settled, so the page is not held up, and the
 * browser receives the same HTML followed by one small script that settles it.
 */
export function sentAsStream(): Promise<null> {
	return Promise.resolve(null);
}
