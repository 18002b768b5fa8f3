import { encode } from '@auth/core/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimsFromCookieHeader } from '../../src/lib/server/accounts/session-token';

const secret = 'a-test-secret-that-is-long-enough-for-auth-js';
const options = { secret, secure: false };

async function cookieFor(token: Record<string, unknown>, maxAge = 3600, key = secret) {
	const jwt = await encode({ token, secret: key, salt: 'authjs.session-token', maxAge });
	return `theme=dark; authjs.session-token=${jwt}; other=1`;
}

describe('reading the session cookie', () => {
	afterEach(() => vi.useRealTimers());

	it('names the user and session version the token was issued for', async () => {
		const cookie = await cookieFor({ uid: 7, sv: 2 });
		expect(await claimsFromCookieHeader(cookie, options)).toEqual({ userId: 7, sessionVersion: 2 });
		// The same token again (now remembered) says the same thing.
		expect(await claimsFromCookieHeader(cookie, options)).toEqual({ userId: 7, sessionVersion: 2 });
	});

	it('refuses a token signed with another secret, a tampered one, or none', async () => {
		expect(
			await claimsFromCookieHeader(
				await cookieFor({ uid: 7, sv: 0 }, 3600, 'x'.repeat(40)),
				options
			)
		).toBeNull();
		const cookie = await cookieFor({ uid: 8, sv: 0 });
		const tampered = cookie.replace(
			/session-token=(.)/,
			(_, c) => `session-token=${c === 'a' ? 'b' : 'a'}`
		);
		expect(await claimsFromCookieHeader(tampered, options)).toBeNull();
		expect(await claimsFromCookieHeader('theme=dark', options)).toBeNull();
		expect(await claimsFromCookieHeader(null, options)).toBeNull();
	});

	it('stops accepting a remembered token once it has expired', async () => {
		const cookie = await cookieFor({ uid: 9, sv: 1 }, 60);
		expect(await claimsFromCookieHeader(cookie, options)).toEqual({ userId: 9, sessionVersion: 1 });
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(Date.now() + 120_000); // past expiry and Auth.js's 15 s clock tolerance
		expect(await claimsFromCookieHeader(cookie, options)).toBeNull();
	});

	it('does not accept a token read with one secret when another secret is configured', async () => {
		const cookie = await cookieFor({ uid: 10, sv: 0 });
		expect(await claimsFromCookieHeader(cookie, options)).not.toBeNull();
		expect(await claimsFromCookieHeader(cookie, { ...options, secret: 'y'.repeat(40) })).toBeNull();
	});

	it('needs a numeric user id and session version', async () => {
		expect(
			await claimsFromCookieHeader(await cookieFor({ uid: 'abc', sv: 0 }), options)
		).toBeNull();
		expect(await claimsFromCookieHeader(await cookieFor({ uid: 3 }), options)).toBeNull();
	});
});
