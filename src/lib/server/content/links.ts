/**
 * Where a link in someone's post may take a reader. Links inside Together stay as plain paths;
 * links to anywhere else go through the "you're leaving Together" page first; anything that is
 * not an ordinary web address (javascript:, data:, mailto:, file:, …) is not a link at all.
 */

import { LINK_REL } from '../../forum';

export { LINK_REL };
export const LEAVING_PATH = '/leaving';

/** Longest address the leaving page will show or follow. */
const MAX_URL_LENGTH = 2048;

/** A stand-in origin for reading relative links the way a browser would. */
const HERE = 'https://together.invalid';

export type LinkTarget =
	{ kind: 'internal'; href: string } | { kind: 'external'; url: URL } | { kind: 'refused' };

/**
 * Reads `href` exactly as a browser would (the WHATWG URL parser drops tabs, newlines and
 * surrounding control characters, so "java\tscript:" is caught), then decides what it may be.
 */
export function classifyLink(href: string, siteOrigin?: string): LinkTarget {
	if (href.length > MAX_URL_LENGTH) return { kind: 'refused' };
	let url: URL;
	try {
		url = new URL(href, HERE);
	} catch {
		return { kind: 'refused' };
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'refused' };
	if (url.username || url.password) return { kind: 'refused' };
	if (url.origin === HERE || (siteOrigin && url.origin === originOf(siteOrigin)))
		return { kind: 'internal', href: `${url.pathname}${url.search}${url.hash}` };
	return { kind: 'external', url };
}

export function leavingHref(url: URL): string {
	return `${LEAVING_PATH}?to=${encodeURIComponent(url.href)}`;
}

/** The address the leaving page was asked to show, if it is one we would link to. */
export function leavingTarget(to: string | null, siteOrigin?: string): URL | null {
	if (!to) return null;
	const target = classifyLink(to.trim(), siteOrigin);
	return target.kind === 'external' ? target.url : null;
}

function originOf(address: string): string | null {
	try {
		return new URL(address).origin;
	} catch {
		return null;
	}
}
