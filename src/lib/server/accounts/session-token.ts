/**
 * Reading who a session belongs to from the Auth.js session cookie. Pages and sockets both use
 * this, so a socket is authenticated by exactly the same session as the page that opened it.
 *
 * Decrypting the token (a key derivation and an AES decryption) is the costliest part of a signed-in
 * request, and a browser sends the same token with every request; so what a token says is kept
 * in memory, keyed by the token's exact text, until the token expires. This only saves work: a
 * token decodes to the same claims every time, and whether the session still stands (suspension,
 * sign out everywhere, password change) is checked against the database on every request.
 */
import { getToken } from '@auth/core/jwt';
import type { SessionClaims } from './current-user';

export const SESSION_MAX_AGE_SECONDS = 60 * 60 * 24 * 7;

const SESSION_COOKIE = /^(?:__Secure-)?authjs\.session-token(?:\.\d+)?$/;
const REMEMBERED_TOKENS = 10_000;

const decoded = new Map<string, { claims: SessionClaims | null; expiresAt: number }>();

/** The session cookie's text (all its chunks), or null when there is none. */
function sessionCookieText(cookie: string): string | null {
	const parts = cookie
		.split(';')
		.map((part) => part.trim())
		.filter((part) => SESSION_COOKIE.test(part.slice(0, part.indexOf('='))));
	return parts.length === 0 ? null : parts.sort().join(';');
}

export async function claimsFromCookieHeader(
	cookie: string | null | undefined,
	options: { secret: string; secure: boolean }
): Promise<SessionClaims | null> {
	if (!cookie) return null;
	const now = Date.now();
	const text = sessionCookieText(cookie);
	if (!text) return null;
	const key = `${options.secure}|${options.secret}|${text}`;
	const known = decoded.get(key);
	if (known && known.expiresAt > now) return known.claims;

	const token = await getToken({
		req: { headers: { cookie: text } },
		secret: options.secret,
		secureCookie: options.secure,
		logger: { error() {}, warn() {}, debug() {} } as never
	});
	const userId = Number(token?.uid);
	const sessionVersion = Number(token?.sv);
	const claims =
		token && Number.isInteger(userId) && Number.isInteger(sessionVersion)
			? { userId, sessionVersion }
			: null;
	// A token that does not decode is remembered briefly, so garbage cannot cost a decryption each time.
	const expiresAt = claims && typeof token?.exp === 'number' ? token.exp * 1000 : now + 60_000;
	if (decoded.size >= REMEMBERED_TOKENS) decoded.delete(decoded.keys().next().value as string);
	decoded.set(key, { claims, expiresAt });
	return claims;
}
