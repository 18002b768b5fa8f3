import { config } from '$lib/server/config';
import { leavingTarget } from '$lib/server/content/links';
import type { PageServerLoad } from './$types';

/**
 * "You're leaving Together": links in posts to other sites come here first. Nothing redirects
 * on its own, and only an ordinary web address is ever offered as a link.
 */
export const load: PageServerLoad = ({ url }) => {
	const target = leavingTarget(url.searchParams.get('to'), config().ORIGIN);
	return { target: target ? { href: target.href, host: target.hostname } : null };
};
