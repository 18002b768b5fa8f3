/**
 * Refetching what a page shows because a live event said it changed. A navigation on its way
 * (after posting, the form's redirect to the new conversation) must not be cancelled by such a
 * refresh of the page being left, so a refresh waits for it to finish first.
 */
import { invalidate } from '$app/navigation';
import { navigating } from '$app/state';

export async function refresh(dependency: string): Promise<void> {
	const underway = navigating.complete;
	if (underway) await underway.catch(() => {});
	await invalidate(dependency);
}
