/**
 * The words of a page of forum posts (their HTML, sanitised when written), sent once.
 *
 * A server-rendered page carries its data a second time for the browser to hydrate from, and the
 * posts' HTML was most of that copy (about 15 KB of a thread page, and the slowest part for
 * SvelteKit to serialise, character by character). The words are already in the page, so for a
 * page rendered on the server the data carries only a marker, and the browser reads each post's
 * words back from the page before it hydrates (SvelteKit's `transport` hook, src/hooks.ts, runs
 * `decode` as it reads the page's data, after the HTML is parsed and before any component runs).
 * Data fetched later (a refresh, a form sent with JavaScript) is not backed by a page, so there the
 * words travel in the data as before. The HTML is never built or changed here: what is read back is
 * what the server rendered, which a component then owns as usual.
 */

/** The class every post's words sit in (PostCard.svelte), inside `<article id="post-<id>">`. */
export const POST_BODY_CLASS = 'body';

/** Svelte's markers around `{@html}` output in server-rendered HTML: not part of the words. */
const HTML_MARKERS = /^<!---->|<!---->$/g;

export class PostBodies {
	constructor(
		readonly byId: ReadonlyMap<number, string>,
		/** Rendered into this response's page, so the browser can read them from it. */
		readonly inPage = false
	) {}

	/** A post's HTML; empty for one that has none (removed) or that is not on this page. */
	get(id: number): string {
		return this.byId.get(id) ?? '';
	}

	/** In the browser, before hydration: the words as the server rendered them into the page. */
	static fromPage(root: ParentNode = document): PostBodies {
		const byId = new Map<number, string>();
		for (const body of root.querySelectorAll(`article.post .${POST_BODY_CLASS}`)) {
			const id = Number(body.closest('article.post')?.id.replace(/^post-/, ''));
			if (Number.isInteger(id)) byId.set(id, body.innerHTML.replace(HTML_MARKERS, ''));
		}
		return new PostBodies(byId);
	}
}

type Encoded = ['page'] | ['data', [number, string][]];

/** For SvelteKit's transport hook (src/hooks.ts). */
export const postBodiesTransport = {
	encode: (value: unknown): Encoded | false =>
		value instanceof PostBodies && (value.inPage ? ['page'] : ['data', [...value.byId]]),
	decode: (encoded: Encoded): PostBodies =>
		encoded[0] === 'page' ? PostBodies.fromPage() : new PostBodies(new Map(encoded[1]))
};
