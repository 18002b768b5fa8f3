/**
 * Universal hooks: types that travel between server and browser in page data. PostBodies keeps
 * a thread page's post HTML out of its hydration data (see $lib/post-bodies).
 */
import type { Transport } from '@sveltejs/kit';
import { postBodiesTransport } from '$lib/post-bodies';

export const transport: Transport = {
	PostBodies: postBodiesTransport
};
