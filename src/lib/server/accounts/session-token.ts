/**
 * Reading who a session belongs to from the Auth.js session cookie. Pages and sockets both use
 * this, so a socket is authenticated by exactly the same session as the page that opened it.
 */
import { getToken } from '@auth/core/jwt';
import type { SessionClaims } from './current-user';

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 7;

export async function claimsFromCookieHeader(
	cookie: string | null | undefined,
	options: { secret: string; secure: boolean }
): Promise<SessionClaims | null> {
	if (!cookie) return null;
	const token = await getToken({
		req: { headers: { cookie } },
		secret: options.secret,
		secureCookie: options.secure,
		logger: { error() {}, warn() {}, debug() {} } as never
	});
	const userId = Number(token?.uid);
	const sessionVersion = Number(token?.sv);
	if (!token || !Number.isInteger(userId) || !Number.isInteger(sessionVersion)) return null;
	return { userId, sessionVersion };
}
