/**
 * Who may open a socket: the handshake must come from our own origin and carry a valid
 * session cookie for an account that is not suspended. Re-checked on every event.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { loadCurrentUser, type CurrentUser } from '../accounts/current-user';
import { claimsFromCookieHeader } from '../accounts/session-token';
import { config } from '../config';
import { database } from '../db';

export function originAllowed(
	origin: string | undefined,
	host: string | undefined,
	allowed: string | undefined
): boolean {
	if (!origin) return false;
	if (allowed) return origin === new URL(allowed).origin;
	// No ORIGIN configured (development, the embedded demo): same host as the request.
	try {
		return new URL(origin).host === host;
	} catch {
		return false;
	}
}

export async function userFromHandshake(headers: IncomingHttpHeaders): Promise<CurrentUser | null> {
	const { authSecret, ORIGIN } = config();
	const secure = ORIGIN ? ORIGIN.startsWith('https:') : headers['x-forwarded-proto'] === 'https';
	const claims = await claimsFromCookieHeader(headers.cookie, { secret: authSecret, secure });
	return loadCurrentUser(await database(), claims);
}
