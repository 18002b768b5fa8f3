import type { RequestHandler } from './$types';

/** The process is up and serving. */
export const GET: RequestHandler = () =>
	new Response('ok', { headers: { 'content-type': 'text/plain' } });
