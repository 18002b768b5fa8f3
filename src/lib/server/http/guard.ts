/** Page-level checks: signed in, and holding a capability. The services check again. */
import { error, redirect } from '@sveltejs/kit';
import type { CurrentUser } from '../accounts/current-user';
import { can, type Capability } from '../policy';

export function requireUser(locals: App.Locals, url: URL): CurrentUser {
	if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

export function requireCapability(
	locals: App.Locals,
	url: URL,
	capability: Capability
): CurrentUser {
	const user = requireUser(locals, url);
	if (!can(user, capability))
		error(
			403,
			'This page is for staff with a different role. If you think you should see it, ask an admin.'
		);
	return user;
}
