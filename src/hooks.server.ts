import { randomUUID } from 'node:crypto';
import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { authHandle } from '$lib/server/accounts/authjs';
import { loadSession } from '$lib/server/accounts/current-user';
import { claimsFromCookieHeader } from '$lib/server/accounts/session-token';
import { config } from '$lib/server/config';
import { database } from '$lib/server/db';
import { MAX_FORM_BYTES, SECURITY_HEADERS } from '$lib/server/http/security-headers';
import { log } from '$lib/server/log';
import { withRequestContext } from '$lib/server/request-context';
import { runtime } from '$lib/server/runtime';
import { seedDemo } from '$lib/server/demo/seed';
import { openDuringWarning, WARNING_PATH } from '$lib/moderation';

export const init: ServerInit = async () => {
	await runtime.start();
	if (config().DEMO) {
		const accounts = await seedDemo(await database());
		const lines = accounts.map(
			(a) => `  ${a.label.padEnd(18)} ${a.username.padEnd(20)} ${a.password}`
		);
		console.log(`\nDemo sign-ins (new passwords each start):\n${lines.join('\n')}\n`);
	}
};

const context: Handle = ({ event, resolve }) => {
	const requestId = event.request.headers.get('x-request-id')?.slice(0, 64) || randomUUID();
	event.locals.requestId = requestId;
	return withRequestContext({ requestId, ip: clientAddress(event) }, async () => {
		const started = performance.now();
		const response = await resolve(event);
		response.headers.set('x-request-id', requestId);
		log.info(
			{
				requestId,
				method: event.request.method,
				path: event.url.pathname,
				status: response.status,
				ms: Math.round(performance.now() - started)
			},
			'request'
		);
		return response;
	});
};

function clientAddress(event: Parameters<Handle>[0]['event']): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

/** Refuse oversized form posts before reading them. */
const bodyLimit: Handle = ({ event, resolve }) => {
	const length = Number(event.request.headers.get('content-length') ?? 0);
	if (length > MAX_FORM_BYTES) {
		return new Response(
			'That is too much to send in one go (the limit is 64 KB). Please shorten it and try again.',
			{
				status: 413,
				headers: { 'content-type': 'text/plain; charset=utf-8' }
			}
		);
	}
	return resolve(event);
};

const currentUser: Handle = async ({ event, resolve }) => {
	const { authSecret } = config();
	const claims = await claimsFromCookieHeader(event.request.headers.get('cookie'), {
		secret: authSecret,
		secure: event.url.protocol === 'https:'
	});
	const session = await loadSession(await database(), claims);
	event.locals.user = session?.user ?? null;
	event.locals.pendingWarning = session?.pendingWarning ?? false;
	event.locals.unreadNotifications = session?.unreadNotifications ?? null;
	return resolve(event);
};

/**
 * A member with a youth worker's warning they have not yet read goes to read it first, from every
 * page except help, the guidelines, signing out and the warning itself.
 */
const warningGate: Handle = async ({ event, resolve }) => {
	if (event.locals.pendingWarning && !openDuringWarning(event.url.pathname))
		redirect(
			303,
			`${WARNING_PATH}?next=${encodeURIComponent(event.url.pathname + event.url.search)}`
		);
	return resolve(event);
};

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(
	context,
	bodyLimit,
	securityHeaders,
	authHandle,
	currentUser,
	warningGate
);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: 'We could not find that page.' };
	log.error(
		{ err: error, requestId: event.locals.requestId, path: event.url.pathname },
		'unhandled error'
	);
	return {
		message:
			'Something went wrong on our side. What you typed has not been lost: go back and try again.'
	};
};
